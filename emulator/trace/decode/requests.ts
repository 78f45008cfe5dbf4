// The three questions a decoder can ask its driver (see types.ts), wrapped as small generators so a
// decoder writes `const b = yield* readMem(addr, 16)` and gets a typed answer back.

import type { Decode } from './types';
import { Fields } from './struct';

/** `len` bytes at `addr`, or null when the tracee's memory there is unreadable. */
export function* readMem(addr: number, len: number): Decode<Uint8Array | null> {
  const answer = yield { kind: 'mem', addr, len };
  return answer instanceof Uint8Array && answer.length >= len ? answer : null;
}

/** readMem wrapped in field readers: the usual way to fetch a structure. */
export function* readStruct(addr: number, size: number): Decode<Fields | null> {
  const bytes = yield* readMem(addr, size);
  return bytes && new Fields(bytes);
}

interface CString {
  bytes: Uint8Array;
  /** Whether the NUL came within the limit (if not, the string is cut and printed with `...`). */
  terminated: boolean;
}

/** A NUL-terminated string of at most `max` bytes, or null when unreadable. */
export function* readCString(addr: number, max: number): Decode<CString | null> {
  const answer = yield { kind: 'str', addr, max };
  return answer !== null && typeof answer === 'object' && !(answer instanceof Uint8Array) ? answer : null;
}

/** What /proc/<pid>/fd/<fd> links to, for -y; null when unknown. */
export function* fdLink(fd: number, detail = false): Decode<string | null> {
  const answer = yield { kind: 'fd', fd, detail };
  return typeof answer === 'string' ? answer : null;
}

/**
 * A NULL-terminated array of pointers (argv, envp): up to `max` entries, or null when unreadable.
 * `complete` says whether the terminating NULL was reached.
 */
export function* readPointerArray(addr: number, max: number): Decode<{ ptrs: number[]; complete: boolean } | null> {
  const ptrs: number[] = [];
  const CHUNK = 16;
  while (ptrs.length < max) {
    const at = addr + ptrs.length * 8;
    // Read 16 pointers at once; near the end of a mapping, fall back to one.
    const f = (yield* readStruct(at, CHUNK * 8)) ?? (yield* readStruct(at, 8));
    if (!f) return ptrs.length ? { ptrs, complete: false } : null;
    for (let off = 0; off < f.bytes.length && ptrs.length < max; off += 8) {
      const p = Number(f.u64(off));
      if (p === 0) return { ptrs, complete: true };
      ptrs.push(p);
    }
  }
  return { ptrs, complete: false };
}
