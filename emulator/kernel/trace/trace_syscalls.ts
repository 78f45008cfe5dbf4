// The machine-wide syscall trace (kernel/trace/trace_syscalls.c): a sys_enter and a sys_exit event
// for every call of every task, always on. When a consumer asks for decoded text (the UI, the CLI's
// trace export), the kernel runs the same decoder strace runs — but answers its questions directly
// from the task's memory and fd table instead of through ptrace, so the two agree on every call.
//
// Decoding happens at the moment strace would do it: arguments read at entry (paths, written
// buffers) at sys_enter, results (read buffers, filled structs) at sys_exit.

import { syscallSignature } from '../../uapi/syscall_signatures';
import { AT_FDCWD } from '../../uapi/fcntl';
import {
  decodeSync, fdDetail, formatEntry, formatExit, formatReturn, type DecodeAnswer, type DecodeRequest, type SyscallCall,
} from '../../trace/decode';
import { getname } from '../mm/uaccess';
import { d_path } from '../fs/d_path';
import type { Task } from '../sched/task';
import { syscall_detail_enter, syscall_detail_exit } from './syscall_detail';

/** What a decoder asks, answered from `t`'s own memory and descriptors (made once per task). */
const answerers = new WeakMap<Task, (req: DecodeRequest) => DecodeAnswer>();

function answerFor(t: Task): (req: DecodeRequest) => DecodeAnswer {
  let answer = answerers.get(t);
  if (!answer) {
    answer = (req) => answerRequest(t, req);
    answerers.set(t, answer);
  }
  return answer;
}

function answerRequest(t: Task, req: DecodeRequest): DecodeAnswer {
  const mm = t.mm;
  switch (req.kind) {
    case 'mem': {
      if (!mm || req.len < 0 || req.len > MAX_ANSWER) return null;
      const out = new Uint8Array(req.len);
      return mm.readInto(req.addr, out) === 0 ? out : null;
    }
    case 'str': {
      if (!mm || req.max > MAX_ANSWER) return null;
      // One byte more than asked tells a string of exactly `max` bytes from a longer one.
      const r = mm.readCString(req.addr, req.max + 1);
      if (typeof r === 'number') return null;
      return r.length > req.max ? { bytes: r.subarray(0, req.max), terminated: false } : { bytes: r, terminated: true };
    }
    case 'fd': {
      if (req.fd === AT_FDCWD) return d_path(t.fs.pwd, t.fs.root);
      const file = t.files?.get(req.fd);
      if (!file) return null;
      const link = d_path(file.path, t.fs.root);
      return req.detail ? fdDetail(link, file.inode.mode, file.inode.rdev) : link;
    }
  }
}

/**
 * Decoding runs inside the syscall path, so a decoder bug must not take the machine down: like an
 * oops it is logged ("BUG:", which the tests look for) and the event goes without its text.
 */
function decode(t: Task, nr: number, run: () => string): string | undefined {
  try {
    return run();
  } catch (e) {
    t.kernel.printk(0, `BUG: trace decoder failed on syscall ${nr} (${t.comm}[${t.tid}]): ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** Larger reads than any decoder makes (strings and buffers stop at -s; structs are small). */
const MAX_ANSWER = 1 << 24;

function argsOf(t: Task): number[] {
  const r = t.uctx.regs;
  return [r.rdi, r.rsi, r.rdx, r.r10, r.r8, r.r9];
}

/** sys_enter: the number, the raw arguments, path strings, and the entry text if decoding is on. */
export function trace_sys_enter(t: Task, nr: number): void {
  const kernel = t.kernel;
  const args = argsOf(t) as [number, number, number, number, number, number];
  const opts = kernel.trace.decode;
  if (opts) {
    const call: SyscallCall = { nr, args, sp: t.uctx.regs.rsp };
    t.traceCall = call;
    const text = decode(t, nr, () => decodeSync(formatEntry(call, opts), answerFor(t)));
    kernel.traceEvent(t, { kind: 'sys_enter', nr, args, strings: pathStrings(t, nr, args), text });
  } else {
    kernel.traceEvent(t, { kind: 'sys_enter', nr, args, strings: pathStrings(t, nr, args) });
  }
  // After the decoder's reads, so the detail holds only what the call itself touches.
  if (kernel.trace.details) syscall_detail_enter(t, nr);
}

/** sys_exit: the result, and the rest of the call's text and its `= …` if decoding is on. */
export function trace_sys_exit(t: Task, nr: number, ret: number): void {
  const kernel = t.kernel;
  const opts = kernel.trace.decode;
  const entered = t.traceCall;
  t.traceCall = null;
  if (kernel.trace.details) syscall_detail_exit(t);
  if (opts && entered && entered.nr === nr) {
    const call: SyscallCall = entered;
    call.ret = ret;
    const answer = answerFor(t);
    const text = decode(t, nr, () => decodeSync(formatExit(call, opts), answer));
    const retText = decode(t, nr, () => decodeSync(formatReturn(call, opts), answer));
    kernel.traceEvent(t, { kind: 'sys_exit', nr, ret, text, retText });
  } else {
    kernel.traceEvent(t, { kind: 'sys_exit', nr, ret });
  }
}

/** The path and string arguments, read at entry (for consumers that do not decode). */
function pathStrings(t: Task, nr: number, args: readonly number[]): (string | null)[] | null {
  const sig = syscallSignature(nr);
  if (!sig) return null;
  let strings: (string | null)[] | null = null;
  for (let i = 0; i < sig.args.length; i++) {
    const kind = sig.args[i]![1];
    if (kind === 'path' || kind === 'string') {
      strings ??= new Array(sig.args.length).fill(null);
      const s = getname(t, args[i]!);
      strings[i] = typeof s === 'string' ? s : null;
    }
  }
  return strings;
}
