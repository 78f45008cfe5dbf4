// <stdlib.h>: the environment, exit, and malloc on brk (mmap for big blocks), as glibc does.

import { __NR } from '../../uapi/unistd_64';
import { MAP_ANONYMOUS, MAP_PRIVATE, PROT_READ, PROT_WRITE } from '../../uapi/mman';
import type { Sys } from '../runtime/context';
import { proc, raw_syscall, setErrno } from './process';

export { exit } from './unistd';

export function getenv(name: string): string | undefined {
  return proc().environ.find(([k]) => k === name)?.[1];
}

export function setenv(name: string, value: string, overwrite = true): void {
  const env = proc().environ;
  const i = env.findIndex(([k]) => k === name);
  if (i < 0) env.push([name, value]);
  else if (overwrite) env[i] = [name, value];
}

export function unsetenv(name: string): void {
  const env = proc().environ;
  const i = env.findIndex(([k]) => k === name);
  if (i >= 0) env.splice(i, 1);
}

/** Blocks at least this big get their own mmap (M_MMAP_THRESHOLD's default). */
const MMAP_THRESHOLD = 128 * 1024;
const ALIGN = 16;

/**
 * malloc(3): first fit over a free list, the heap grown with brk. The bookkeeping lives in the
 * process's libc state rather than in headers inside the heap (a simplification: glibc keeps
 * chunk headers in user memory). Returns 0 with ENOMEM when the kernel refuses more memory.
 */
export function* malloc(size: number): Sys<number> {
  const p = proc();
  const n = Math.max(ALIGN, Math.ceil(size / ALIGN) * ALIGN);
  if (!p.heap) {
    const start = yield* raw_syscall(__NR.brk, 0);
    p.heap = { brkStart: start, brkEnd: start, free: [], sizes: new Map() };
  }
  const h = p.heap;
  if (n >= MMAP_THRESHOLD) {
    const addr = yield* raw_syscall(__NR.mmap, 0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (addr < 0 && addr > -4096) {
      setErrno(-addr);
      return 0;
    }
    h.sizes.set(addr, -n);
    return addr;
  }
  for (let i = 0; i < h.free.length; i++) {
    const [addr, len] = h.free[i]!;
    if (len < n) continue;
    if (len === n) h.free.splice(i, 1);
    else h.free[i] = [addr + n, len - n];
    h.sizes.set(addr, n);
    return addr;
  }
  const addr = h.brkEnd;
  const want = addr + n;
  const got = yield* raw_syscall(__NR.brk, want + 64 * 1024);
  if (got < want) {
    setErrno(12);
    return 0;
  }
  if (got > want) h.free.push([want, got - want]);
  h.brkEnd = got;
  h.sizes.set(addr, n);
  return addr;
}

/** free(3). */
export function* free(addr: number): Sys<void> {
  const h = proc().heap;
  if (!addr || !h) return;
  const n = h.sizes.get(addr);
  if (n === undefined) return;
  h.sizes.delete(addr);
  if (n < 0) {
    yield* raw_syscall(__NR.munmap, addr, -n);
    return;
  }
  h.free.push([addr, n]);
  h.free.sort((a, b) => a[0] - b[0]);
  // Coalesce neighbours.
  for (let i = h.free.length - 1; i > 0; i--) {
    const prev = h.free[i - 1]!;
    const cur = h.free[i]!;
    if (prev[0] + prev[1] === cur[0]) {
      prev[1] += cur[1];
      h.free.splice(i, 1);
    }
  }
}

/** strtol-like: parse an integer in base 10 (or 0x.. / 0.. with base 0); null if not a number. */
export function parseInteger(s: string, base = 10): number | null {
  const t = s.trim();
  let m: RegExpExecArray | null;
  if (base === 0) {
    if ((m = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(t))) return (m[1] === '-' ? -1 : 1) * parseInt(m[2]!, 16);
    if ((m = /^([+-]?)0([0-7]+)$/.exec(t))) return (m[1] === '-' ? -1 : 1) * parseInt(m[2]!, 8);
    base = 10;
  }
  const digits = base === 16 ? '[0-9a-fA-F]' : base === 8 ? '[0-7]' : '[0-9]';
  if (!new RegExp(`^[+-]?${digits}+$`).test(t)) return null;
  return parseInt(t, base);
}
