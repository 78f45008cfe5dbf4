// The "CPU" of a TypeScript program: it runs the program's generator until the next `yield`, which
// is the program's `syscall` instruction, and reports the trap to the kernel exactly as the x86
// interpreter does. It implements the kernel's UserContext interface structurally (the kernel
// imports nothing from userland; machine/ wires this in).
//
// Code addresses. A TypeScript program has no machine code, but the kernel still moves `rip`
// around: it backs it up by 2 to restart a syscall, points it at a signal handler, and restores it
// in rt_sigreturn. So each running generator (the program, and one per signal handler being run)
// gets a synthetic code address `base`: the trap happens "at" base, and rip = base + 2 afterwards.
// Handlers registered with sigaction get addresses from a code table. Reading rip is then enough
// to know what to run next, and the kernel's ordinary signal and restart code works unchanged.

import { UserRegs } from '../../uapi/ptrace';
import { PF_USER, PF_WRITE, SYSCALL_TRAP, X86_TRAP_GP, X86_TRAP_PF, type Trap } from '../../uapi/traps';
import { __NR } from '../../uapi/unistd_64';

/** What a TypeScript program yields at a trap; the value is unused (registers carry everything). */
export type Sys<T> = Generator<void, T, void>;

/** The program's view of its own memory (the MMU). The kernel's MM satisfies it. */
export interface UserMemory {
  readInto(addr: number, out: Uint8Array, outOff?: number, len?: number): number;
  writeFrom(addr: number, src: Uint8Array): number;
  fill(addr: number, len: number, byte: number): number;
  readCString(addr: number, max: number): Uint8Array | number;
}

/** A user-mode memory access that the MMU could not satisfy: becomes a #PF trap. */
export class UserFault extends Error {
  constructor(readonly addr: number, readonly write: boolean, readonly reason: number) {
    super(`user fault at 0x${addr.toString(16)}`);
  }
}

/** A signal handler as user code: (sig, &siginfo, &ucontext). */
export type HandlerCode = (sig: number, info: number, uc: number) => Sys<void>;

/** The entry of a freshly exec'd program: crt's _start, reading argc/argv/envp from the stack. */
export type EntryCode = (ctx: TsContext) => Sys<void>;

/** A child's first code after fork/clone: the continuation its parent handed to the libc. */
export type ChildCode = (ctx: TsContext) => Sys<void>;

interface Frame {
  gen: Sys<void>;
  /** The synthetic address of this frame's `syscall` instruction. */
  base: number;
}

/** Frame bases: depth 0 is the program, each nested signal handler one step up. */
const FRAME_BASE = 0x401100;
const FRAME_STRIDE = 0x10;
/** Handler code addresses handed out by the code table. */
const HANDLER_BASE = 0x402000;
/** The restorer's address (glibc's __restore_rt): SA_RESTORER points here. */
export const RESTORER_ADDR = 0x401f00;

export class TsContext {
  readonly arch = 'ts';
  readonly regs: UserRegs;
  private frames: Frame[] = [];
  private entry: EntryCode | null;
  /** Set by the libc around a fork: what the child runs (copy_thread hands it to the child). */
  pendingChild: ChildCode | null = null;
  /** The program's code table: handler address → code. Copied on fork, empty after exec. */
  readonly handlers: Map<number, HandlerCode>;
  /** The libc's per-process state (set by _start, cloned for a fork child). */
  process: unknown = null;
  /** Called before the context resumes user code, so the libc knows which process is running. */
  static onSwitch: (ctx: TsContext) => void = () => {};

  constructor(readonly mem: UserMemory, regs: UserRegs, entry: EntryCode | null, handlers?: Map<number, HandlerCode>) {
    this.regs = regs;
    this.entry = entry;
    this.handlers = handlers ?? new Map();
  }

  /** Register handler code and return its address (what the libc puts in sa_handler). */
  registerHandler(code: HandlerCode): number {
    for (const [addr, c] of this.handlers) if (c === code) return addr;
    const addr = HANDLER_BASE + this.handlers.size * 16;
    this.handlers.set(addr, code);
    return addr;
  }

  run(): Trap {
    const regs = this.regs;
    const frame = this.locate(regs.rip);
    if (!frame) return { vector: X86_TRAP_GP, message: `jump to 0x${regs.rip.toString(16)}, which holds no code` };
    if (regs.rip === frame.base) {
      // rip was moved back onto the syscall instruction: trap again with the same registers.
      regs.rip = frame.base + 2;
      regs.rcx = regs.rip;
      return SYSCALL_TRAP;
    }
    TsContext.onSwitch(this);
    let r: IteratorResult<void, void>;
    try {
      r = frame.gen.next();
    } catch (e) {
      if (e instanceof UserFault) {
        return { vector: X86_TRAP_PF, addr: e.addr, errorCode: PF_USER | (e.write ? PF_WRITE : 0) | (e.reason === 2 ? 1 : 0) };
      }
      return { vector: X86_TRAP_GP, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    if (r.done) return { vector: X86_TRAP_GP, message: 'program code ran off its end without calling exit' };
    regs.rip = frame.base + 2;
    regs.rcx = regs.rip;
    regs.r11 = regs.eflags;
    return SYSCALL_TRAP;
  }

  /** Which frame does `rip` belong to? Drops frames above it (a sigreturn unwound them). */
  private locate(rip: number): Frame | null {
    if (this.frames.length === 0 && this.entry) {
      const entry = this.entry;
      this.entry = null;
      this.frames.push({ gen: entry(this), base: FRAME_BASE });
      this.regs.rip = FRAME_BASE + 1; // inside the program, before its first trap
      return this.frames[0]!;
    }
    for (let d = this.frames.length - 1; d >= 0; d--) {
      const f = this.frames[d]!;
      if (rip === f.base || rip === f.base + 2 || rip === f.base + 1) {
        if (d + 1 < this.frames.length) this.frames.length = d + 1;
        return f;
      }
    }
    const code = this.handlers.get(rip);
    if (code) {
      const base = FRAME_BASE + this.frames.length * FRAME_STRIDE;
      const f: Frame = { gen: this.runHandler(code), base };
      this.frames.push(f);
      this.regs.rip = base + 1;
      return f;
    }
    return null;
  }

  /** A handler runs, then "returns" into the restorer, which calls rt_sigreturn. */
  private *runHandler(code: HandlerCode): Sys<void> {
    const regs = this.regs;
    const sig = regs.rdi;
    const info = regs.rsi;
    const uc = regs.rdx;
    const entrySp = regs.rsp;
    yield* code(sig, info, uc);
    regs.rsp = entrySp + 8; // `ret` popped the frame's pretcode
    regs.rax = __NR.rt_sigreturn;
    yield;
    throw new Error('rt_sigreturn returned');
  }

  /** copy_thread: the child runs the continuation its parent registered, from the same rip. */
  copyThread(mm: UserMemory, stack: number): TsContext {
    const regs = this.regs.clone();
    if (stack) regs.rsp = stack;
    const child = new TsContext(mm, regs, null, new Map(this.handlers));
    const cont = this.pendingChild;
    const top = this.frames[this.frames.length - 1];
    // cont() runs now, synchronously: the libc makes the child's own copy of its state here.
    if (cont && top) child.frames.push({ gen: cont(child), base: top.base });
    return child;
  }
}
