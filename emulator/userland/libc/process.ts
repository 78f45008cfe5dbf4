// The libc's per-process state and its one way into the kernel: `syscall`.
//
// A TypeScript program is written like C: libc functions are generators (call them with `yield*`)
// that put the syscall number and arguments in registers, put strings and structs in the
// program's own memory, and `yield` — the `syscall` instruction. The kernel's answer is in rax.
//
// As in C, libc state (errno, the environment, stdio buffers, the heap) belongs to the process.
// The runtime tells us which process runs (TsContext.onSwitch), so programs call `write(1, …)`
// without passing a handle around. A forked child gets its own copy of this state.

import { TsContext, UserFault, type Sys } from '../runtime/context';
import type { UserRegs } from '../../uapi/ptrace';

export type { Sys };

export class Process {
  errno = 0;
  argv: string[] = [];
  /** The environment, in order (environ). */
  environ: [string, string][] = [];
  /** Per-program state that must be copied for a fork child (see fork()). */
  readonly atFork: ((child: Process) => void)[] = [];
  /** atexit handlers and stdio flushing, run by exit(). */
  readonly atExit: (() => Sys<void>)[] = [];
  /** The heap allocator's state (malloc.ts). */
  heap: { brkStart: number; brkEnd: number; free: [number, number][]; sizes: Map<number, number> } | null = null;
  /** Library-private slots (stdio streams, getopt state…), copied on fork by their owners. */
  readonly slots = new Map<string, unknown>();

  constructor(public ctx: TsContext) {}

  get regs(): UserRegs {
    return this.ctx.regs;
  }

  /** The state a fork child starts with: a copy of ours, running in `ctx`. */
  cloneFor(ctx: TsContext): Process {
    const p = new Process(ctx);
    p.errno = this.errno;
    p.argv = [...this.argv];
    p.environ = this.environ.map(([k, v]) => [k, v]);
    p.atExit.push(...this.atExit);
    p.atFork.push(...this.atFork);
    if (this.heap) p.heap = { ...this.heap, free: this.heap.free.map(([a, b]) => [a, b]), sizes: new Map(this.heap.sizes) };
    for (const [k, v] of this.slots) p.slots.set(k, v);
    for (const hook of this.atFork) hook(p);
    return p;
  }
}

let current: Process | null = null;

TsContext.onSwitch = (ctx) => {
  current = ctx.process as Process;
};

/** The running process (like C's globals: errno, environ, stdout). */
export function proc(): Process {
  return current!;
}

/** Make `p` the running process (used by _start and by a fork child before its first trap). */
export function setCurrent(p: Process): void {
  current = p;
}

/** The syscall convention: number in rax, arguments in rdi rsi rdx r10 r8 r9. */
function loadSyscallRegs(nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): void {
  const r = current!.ctx.regs;
  r.rax = nr;
  r.rdi = a0;
  r.rsi = a1;
  r.rdx = a2;
  r.r10 = a3;
  r.r8 = a4;
  r.r9 = a5;
}

/**
 * The raw syscall: the registers loaded, trap, result in rax (-4095..-1 is -errno). Like
 * syscall(2) without the errno conversion.
 */
export function* raw_syscall(nr: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): Sys<number> {
  loadSyscallRegs(nr, a0, a1, a2, a3, a4, a5);
  yield;
  return current!.ctx.regs.rax;
}

/**
 * syscall(3): -1 with errno set on failure, as every libc wrapper returns. (It traps itself
 * rather than through raw_syscall: one generator less on every call's path.)
 */
export function* syscall(nr: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): Sys<number> {
  loadSyscallRegs(nr, a0, a1, a2, a3, a4, a5);
  yield;
  const ret = current!.ctx.regs.rax;
  if (ret < 0 && ret >= -4095) {
    current!.errno = -ret;
    return -1;
  }
  return ret;
}

export function errno(): number {
  return current!.errno;
}

export function setErrno(e: number): void {
  current!.errno = e;
}

// ---- the program's own memory ---------------------------------------------------------------------

function mem() {
  return current!.ctx.mem;
}

/** Read `len` bytes of our memory (a fault is a SIGSEGV, as a bad load would be). */
export function peek(addr: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  const r = mem().readInto(addr, out);
  if (r !== 0) throw new UserFault(addr, false, r);
  return out;
}

export function poke(addr: number, data: Uint8Array): void {
  const r = mem().writeFrom(addr, data);
  if (r !== 0) throw new UserFault(addr, true, r);
}

const view = new DataView(new ArrayBuffer(8));
const viewBytes = new Uint8Array(view.buffer);

export function peekI32(addr: number): number {
  const r = mem().readInto(addr, viewBytes, 0, 4);
  if (r !== 0) throw new UserFault(addr, false, r);
  return view.getInt32(0, true);
}

export function peekU32(addr: number): number {
  return peekI32(addr) >>> 0;
}

export function peekI64(addr: number): number {
  const r = mem().readInto(addr, viewBytes, 0, 8);
  if (r !== 0) throw new UserFault(addr, false, r);
  return Number(view.getBigInt64(0, true));
}

export function pokeI32(addr: number, v: number): void {
  view.setInt32(0, v | 0, true);
  poke(addr, viewBytes.subarray(0, 4));
}

export function pokeI64(addr: number, v: number | bigint): void {
  view.setBigInt64(0, BigInt(v), true);
  poke(addr, viewBytes.subarray(0, 8));
}

/** A NUL-terminated string from our memory, as bytes. */
export function peekCString(addr: number, max = 1 << 20): Uint8Array {
  const r = mem().readCString(addr, max);
  if (typeof r === 'number') throw new UserFault(addr, false, r);
  return r;
}

// ---- the stack: where C would put a local buffer ---------------------------------------------------

/**
 * Reserve `n` bytes on the user stack (alloca) and return their address. The caller gives them
 * back with `release(mark)`, `mark` being `stackMark()` taken before. Keeping rsp honest matters:
 * the kernel builds signal frames below it.
 */
export function alloca(n: number): number {
  const r = current!.ctx.regs;
  r.rsp = Math.floor((r.rsp - n) / 16) * 16;
  return r.rsp;
}

export function stackMark(): number {
  return current!.ctx.regs.rsp;
}

export function release(mark: number): void {
  current!.ctx.regs.rsp = mark;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of a JavaScript string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** A JavaScript string from UTF-8 bytes (invalid sequences become U+FFFD). */
export function fromUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Copy a string onto the stack as a C string; returns its address. */
export function pushString(s: string | Uint8Array): number {
  const bytes = typeof s === 'string' ? utf8(s) : s;
  const addr = alloca(bytes.length + 1);
  const buf = new Uint8Array(bytes.length + 1);
  buf.set(bytes);
  poke(addr, buf);
  return addr;
}

/** Copy bytes onto the stack; returns their address. */
export function pushBytes(b: Uint8Array): number {
  const addr = alloca(Math.max(b.length, 1));
  if (b.length) poke(addr, b);
  return addr;
}

/**
 * Run `body` with a scratch area of the stack and give it back afterwards, whatever happens.
 * Hot libc wrappers do the same inline (`const mark = stackMark(); try { … } finally { release(mark); }`):
 * a generator closure made per call is slow in V8 (each one is a new function with its own
 * prototype, so its generator objects never share a shape), which cost a few microseconds per syscall.
 */
export function* withStack<T>(body: () => Sys<T>): Sys<T> {
  const mark = stackMark();
  try {
    return yield* body();
  } finally {
    release(mark);
  }
}
