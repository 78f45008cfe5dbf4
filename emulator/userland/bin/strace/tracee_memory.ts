// Driving the decoder from inside the machine: each question it asks about the tracee is answered
// with a syscall, as real strace does — process_vm_readv(2) for memory and strings, and
// readlink(2) of /proc/PID/fd/N (or cwd) for what an fd refers to (-y).

import type { Decode, DecodeAnswer, DecodeRequest } from '../../../trace/decode/types';
import type { Sys } from '../../runtime/context';
import { process_vm_readv } from '../../libc/ptrace';
import { AT_FDCWD } from '../../../uapi/fcntl';
import { readlink } from '../../libc/unistd';
import { stat } from '../../libc/sys_stat';
import { fdDetail } from '../../../trace/decode/fd';

const PAGE = 4096;

/**
 * A NUL-terminated string of at most `max` bytes. It is read a page at a time: a string that ends
 * just before an unmapped page must not fail because a longer read would cross into it.
 */
function* readString(pid: number, addr: number, max: number): Sys<{ bytes: Uint8Array; terminated: boolean } | null> {
  const parts: Uint8Array[] = [];
  let got = 0;
  while (got < max) {
    const want = Math.min(max - got, PAGE - ((addr + got) % PAGE));
    const chunk = yield* process_vm_readv(pid, addr + got, want);
    if (!chunk || chunk.length === 0) {
      if (got === 0) return null;
      break;
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      parts.push(chunk.subarray(0, nul));
      return { bytes: join(parts), terminated: true };
    }
    parts.push(chunk);
    got += chunk.length;
    if (chunk.length < want) break;
  }
  return { bytes: join(parts), terminated: false };
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function* answer(pid: number, req: DecodeRequest): Sys<DecodeAnswer> {
  switch (req.kind) {
    case 'mem': {
      if (req.len === 0) return new Uint8Array(0);
      const b = yield* process_vm_readv(pid, req.addr, req.len);
      return b && b.length === req.len ? b : null;
    }
    case 'str':
      return yield* readString(pid, req.addr, req.max);
    case 'fd': {
      // AT_FDCWD stands for the current directory (`AT_FDCWD</root>`).
      const path = req.fd === AT_FDCWD ? `/proc/${pid}/cwd` : `/proc/${pid}/fd/${req.fd}`;
      const link = yield* readlink(path);
      if (link === null || !req.detail) return link;
      // -yy: what the descriptor is, from a stat through the magic link (as strace does).
      const st = yield* stat(path);
      return st ? fdDetail(link, st.mode, st.rdev) : link;
    }
  }
}

/** Runs a decoder for tracee `pid` to its end, answering its requests with syscalls. */
export function* decodeFor<T>(pid: number, gen: Decode<T>): Sys<T> {
  let step = gen.next();
  while (!step.done) step = gen.next(yield* answer(pid, step.value));
  return step.value;
}
