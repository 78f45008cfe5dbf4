// The x86-64 user context: what the kernel holds for a task whose user side is machine code
// (UserContext in kernel/sched/user_context.ts). run() is "return to user mode": it runs
// instructions until a syscall or an exception, or until the task's time is up (a timer
// interrupt), and reports why as a Trap.
//
// The kernel reads and writes the registers in `regs` (a user_regs_struct of JavaScript numbers)
// between runs; the CPU keeps its own exact 64-bit copy. On the way out it publishes its values
// to `regs` and remembers what it published; on the way in it takes back only the registers the
// kernel changed. So a 64-bit value above 2^53 (a hash, a pointer tag) survives a syscall intact,
// and whatever the kernel writes (rax, rip for a signal handler, rsp for clone) takes effect.

import type { MM } from '../../kernel/mm/mm';
import type { UserContext } from '../../kernel/sched/user_context';
import type { UserRegs } from '../../uapi/ptrace';
import { LOCAL_TIMER_VECTOR, X86_TRAP_DB, X86_TRAP_GP, type Trap } from '../../uapi/traps';
import { vdsoMarkExec } from './vdso/vdso_mark';
import { codeCacheOf, type Block, type CodeCache } from './block';
import { CC_ADD, CC_DEC, CC_INC, CC_LOGIC, CC_NONE, CC_SUB, Cpu } from './cpu';
import { ZF, cond, getCF, readFlags, writeFlags } from './flags';
import {
  H_ADD32RI, H_ADD32RR, H_AND32RI, H_AND32RR, H_CMP32RI, H_CMP32RR, H_INCDEC32R, H_JCC, H_JMP, H_JNZ, H_JZ, H_MOV32LOAD,
  H_MOV32RR, H_MOV32STORE, H_MOV64LOAD, H_MOV64RR, H_MOV64STORE, H_OR32RR, H_SUB32RI, H_SUB32RR, H_TEST32RR, H_XOR32RR,
} from './hot';
import { FXSAVE_SIZE, MXCSR_MASK, fxrstorImage, fxsaveImage } from './fxsave';
import { CpuFault, Mmu } from './mmu';

// Module-local copies of the constants the inline switch uses: V8 folds these into the code,
// while an imported binding is loaded (and checked) on every use — a large cost in this loop.
const LCC_ADD = CC_ADD;
const LCC_DEC = CC_DEC;
const LCC_INC = CC_INC;
const LCC_LOGIC = CC_LOGIC;
const LCC_NONE = CC_NONE;
const LCC_SUB = CC_SUB;
const LH_ADD32RI = H_ADD32RI;
const LH_ADD32RR = H_ADD32RR;
const LH_AND32RI = H_AND32RI;
const LH_AND32RR = H_AND32RR;
const LH_CMP32RI = H_CMP32RI;
const LH_CMP32RR = H_CMP32RR;
const LH_INCDEC32R = H_INCDEC32R;
const LH_JCC = H_JCC;
const LH_JMP = H_JMP;
const LH_JNZ = H_JNZ;
const LH_JZ = H_JZ;
const LH_MOV32LOAD = H_MOV32LOAD;
const LH_MOV32RR = H_MOV32RR;
const LH_MOV32STORE = H_MOV32STORE;
const LH_MOV64LOAD = H_MOV64LOAD;
const LH_MOV64RR = H_MOV64RR;
const LH_MOV64STORE = H_MOV64STORE;
const LH_OR32RR = H_OR32RR;
const LH_SUB32RI = H_SUB32RI;
const LH_SUB32RR = H_SUB32RR;
const LH_TEST32RR = H_TEST32RR;
const LH_XOR32RR = H_XOR32RR;
const LZF = ZF;

/** Instructions per run() before a timer interrupt gives the scheduler a chance (1 ms of virtual time). */
const INSNS_PER_TICK = 1_000_000;
/** Modelled cost of one instruction, in virtual ns. */
export const NS_PER_INSN = 1;

/** user_regs_struct fields of the general registers, in hardware register-number order. */
const GPR_FIELDS = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'] as const;

/** State shared by every x86 context of one machine: the time-stamp counter, and TSC_AUX of the CPU about to run. */
export class X86Machine {
  tsc = 0;
  tscAux = 0;
  /** The vDSO's entry points by offset in its image (vdso/vdso.ts), to note calls for the trace. */
  vdsoEntries: ReadonlyMap<number, string> | null = null;
}

export class X86Context implements UserContext {
  readonly arch = 'x86-64';
  readonly regs: UserRegs;
  /** The CPU state itself (exact 64-bit registers), for tests and debuggers. */
  readonly cpu: Cpu;
  private readonly cache: CodeCache;
  /** What run() last published to `regs` (GPRs, then rip, eflags, fs_base, gs_base). */
  private readonly shadow = new Float64Array(20).fill(NaN);
  private stepping = false;
  /** A single-stepped syscall: report the step's trap on the next run, after the kernel's work. */
  private stepPending = false;

  constructor(mm: MM, regs: UserRegs, private readonly machine: X86Machine) {
    this.regs = regs;
    this.cpu = new Cpu(new Mmu(mm));
    this.cache = codeCacheOf(mm);
    this.cache.vdsoEntries = machine.vdsoEntries;
  }

  readonly fpStateSize = FXSAVE_SIZE;

  saveFpState(): Uint8Array {
    return fxsaveImage(this.cpu);
  }

  /** As Linux's fpu__restore_sig: reserved MXCSR bits are dropped, not refused. */
  restoreFpState(state: Uint8Array | null): void {
    const c = this.cpu;
    if (state === null) {
      c.fpu.reset();
      c.mxcsr = 0x1f80;
      c.xmm.fill(0);
      return;
    }
    const img = state.slice(0, FXSAVE_SIZE);
    const v = new DataView(img.buffer);
    v.setUint32(24, v.getUint32(24, true) & MXCSR_MASK, true);
    fxrstorImage(c, img);
  }

  singleStep(on: boolean): void {
    this.stepping = on;
    if (!on) this.stepPending = false;
  }

  copyThread(mm: MM, stack: number): UserContext {
    const child = new X86Context(mm, this.regs.clone(), this.machine);
    const from = this.cpu, to = child.cpu;
    to.lo.set(from.lo);
    to.hi.set(from.hi);
    to.xmm.set(from.xmm);
    to.mxcsr = from.mxcsr;
    to.fpu.copyFrom(from.fpu);
    to.rip = from.rip;
    writeFlags(to, readFlags(from));
    to.fsBase = from.fsBase;
    to.gsBase = from.gsBase;
    child.shadow.set(this.shadow);
    if (stack) child.regs.rsp = stack;
    return child;
  }

  run(): Trap {
    const c = this.cpu;
    this.load();
    c.mem.sync();
    c.tsc = this.machine.tsc;
    c.tscAux = this.machine.tscAux;
    const startTsc = c.tsc;
    let trap: Trap;
    if (this.stepPending) {
      this.stepPending = false;
      trap = { vector: X86_TRAP_DB };
    } else trap = this.stepping ? this.step() : this.execute();
    this.machine.tsc = c.tsc;
    if (c.vdsoCalls.length) trap = { ...trap, vdsoCalls: takeVdsoCalls(c, startTsc) };
    this.store();
    return trap;
  }

  /** Run whole basic blocks until a trap or the end of the tick. */
  private execute(): Trap {
    const c = this.cpu, mem = c.mem, cache = this.cache;
    let executed = 0;
    let b: Block | null = null;
    let k = 0;
    try {
      let next = cache.lookup(c.rip, mem);
      for (;;) {
        b = next;
        const ins = b.insns, n = ins.length;
        c.rip = b.end;
        const lo = c.lo, hi = c.hi;
        for (k = 0; k < n; k++) {
          const i = ins[k]!;
          // See hot.ts: the commonest executors, inlined; the rest through i.fn.
          switch (i.hot) {
            case LH_ADD32RR: { const a = lo[i.rm]!, v = lo[i.reg]!, r = (a + v) | 0; lo[i.rm] = r; hi[i.rm] = 0; c.ccOp = LCC_ADD; c.ccSize = 4; c.ccCf = 0; c.ccRes = r; c.ccA = a; c.ccB = v; break; }
            case LH_SUB32RR: { const a = lo[i.rm]!, v = lo[i.reg]!, r = (a - v) | 0; lo[i.rm] = r; hi[i.rm] = 0; c.ccOp = LCC_SUB; c.ccSize = 4; c.ccCf = 0; c.ccRes = r; c.ccA = a; c.ccB = v; break; }
            case LH_CMP32RR: { const a = lo[i.rm]!, v = lo[i.reg]!; c.ccOp = LCC_SUB; c.ccSize = 4; c.ccCf = 0; c.ccRes = (a - v) | 0; c.ccA = a; c.ccB = v; break; }
            case LH_XOR32RR: { const r = lo[i.rm]! ^ lo[i.reg]!; lo[i.rm] = r; hi[i.rm] = 0; c.ccOp = LCC_LOGIC; c.ccSize = 4; c.ccRes = r; break; }
            case LH_AND32RR: { const r = lo[i.rm]! & lo[i.reg]!; lo[i.rm] = r; hi[i.rm] = 0; c.ccOp = LCC_LOGIC; c.ccSize = 4; c.ccRes = r; break; }
            case LH_OR32RR: { const r = lo[i.rm]! | lo[i.reg]!; lo[i.rm] = r; hi[i.rm] = 0; c.ccOp = LCC_LOGIC; c.ccSize = 4; c.ccRes = r; break; }
            case LH_TEST32RR: c.ccOp = LCC_LOGIC; c.ccSize = 4; c.ccRes = lo[i.rm]! & lo[i.reg]!; break;
            case LH_ADD32RI: { const a = lo[i.rm]!, v = i.imm, r = (a + v) | 0; lo[i.rm] = r; hi[i.rm] = 0; c.ccOp = LCC_ADD; c.ccSize = 4; c.ccCf = 0; c.ccRes = r; c.ccA = a; c.ccB = v; break; }
            case LH_SUB32RI: { const a = lo[i.rm]!, v = i.imm, r = (a - v) | 0; lo[i.rm] = r; hi[i.rm] = 0; c.ccOp = LCC_SUB; c.ccSize = 4; c.ccCf = 0; c.ccRes = r; c.ccA = a; c.ccB = v; break; }
            case LH_CMP32RI: { const a = lo[i.rm]!, v = i.imm; c.ccOp = LCC_SUB; c.ccSize = 4; c.ccCf = 0; c.ccRes = (a - v) | 0; c.ccA = a; c.ccB = v; break; }
            case LH_AND32RI: { const r = lo[i.rm]! & i.imm; lo[i.rm] = r; hi[i.rm] = 0; c.ccOp = LCC_LOGIC; c.ccSize = 4; c.ccRes = r; break; }
            case LH_MOV64RR: lo[i.rm] = lo[i.reg]!; hi[i.rm] = hi[i.reg]!; break;
            case LH_MOV32RR: lo[i.rm] = lo[i.reg]!; hi[i.rm] = 0; break;
            case LH_MOV64LOAD: lo[i.reg] = mem.rd64(i.ea(c, i)); hi[i.reg] = mem.vh; break;
            case LH_MOV64STORE: mem.wr64(i.ea(c, i), lo[i.reg]!, hi[i.reg]!); break;
            case LH_MOV32LOAD: lo[i.reg] = mem.rd32(i.ea(c, i)); hi[i.reg] = 0; break;
            case LH_MOV32STORE: mem.wr32(i.ea(c, i), lo[i.reg]!); break;
            case LH_JZ: if (c.ccOp !== LCC_NONE ? c.ccRes === 0 && (c.ccSize !== 8 || c.ccResH === 0) : (c.eflags & LZF) !== 0) c.rip = i.imm2; break;
            case LH_JNZ: if (!(c.ccOp !== LCC_NONE ? c.ccRes === 0 && (c.ccSize !== 8 || c.ccResH === 0) : (c.eflags & LZF) !== 0)) c.rip = i.imm2; break;
            case LH_JCC: if (cond(c, i.op)) c.rip = i.imm2; break;
            case LH_JMP: c.rip = i.imm2; break;
            case LH_INCDEC32R: {
              const op = c.ccOp, cf = op === LCC_DEC || op === LCC_INC ? c.ccCf : getCF(c), a = lo[i.rm]!, dec = i.op === 1, r = (dec ? a - 1 : a + 1) | 0;
              lo[i.rm] = r; hi[i.rm] = 0;
              c.ccOp = dec ? LCC_DEC : LCC_INC; c.ccSize = 4; c.ccRes = r; c.ccA = a; c.ccB = 1; c.ccCf = cf;
              break;
            }
            default: i.fn(c, i);
          }
        }
        executed += n;
        c.tsc += n;
        if (c.trap !== null) {
          const t = c.trap;
          c.trap = null;
          return withTime(t, executed);
        }
        if (executed >= INSNS_PER_TICK) return withTime({ vector: LOCAL_TIMER_VECTOR }, executed);
        // Block chaining: most jumps go where they went last time.
        const rip = c.rip;
        let s = b.succ1;
        if (s === null || s.addr !== rip || !s.valid) {
          s = b.succ2;
          if (s === null || s.addr !== rip || !s.valid) {
            const cur: Block = b;
            b = null; // a fetch fault here belongs to the new rip, not to an instruction of cur
            s = cache.lookup(rip, mem);
            cur.succ2 = cur.succ1;
            cur.succ1 = s;
          }
        }
        next = s;
      }
    } catch (e) {
      return withTime(this.fault(e, b, k), executed + (b ? k : 0));
    }
  }

  /** Run one instruction (PTRACE_SINGLESTEP), then trap with #DB. */
  private step(): Trap {
    const c = this.cpu;
    let b: Block | null = null;
    try {
      b = this.cache.lookup(c.rip, c.mem);
      let i = b.insns[0]!;
      if (i.fn === vdsoMarkExec) {
        // Entering the vDSO: note the call, and step its first real instruction.
        i.fn(c, i);
        i = b.insns[1]!;
      }
      c.rip = i.next;
      i.fn(c, i);
      c.tsc++;
      if (c.trap !== null) {
        const t = c.trap;
        c.trap = null;
        this.stepPending = true;
        return withTime(t, 1);
      }
      return withTime({ vector: X86_TRAP_DB }, 1);
    } catch (e) {
      return this.fault(e, b, 0);
    }
  }

  /**
   * An exception inside instruction k of block b (or while fetching at rip when b is null): rip
   * points at the faulting instruction, as a fault's saved rip does. A JavaScript error here is
   * a bug in the interpreter; it is reported as #GP with the error's text (the kernel logs it and
   * the program gets SIGSEGV) instead of taking the machine down.
   */
  private fault(e: unknown, b: Block | null, k: number): Trap {
    const c = this.cpu;
    c.trap = null;
    if (b) c.rip = b.insns[k]!.addr;
    if (e instanceof CpuFault) return e.trap;
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { vector: X86_TRAP_GP, message: `interpreter error at ${c.rip.toString(16)}: ${what}` };
  }

  /** Take the registers the kernel changed since the last store. */
  private load(): void {
    const c = this.cpu, r = this.regs, sh = this.shadow;
    for (let n = 0; n < 16; n++) {
      const v = r[GPR_FIELDS[n]!];
      if (v !== sh[n]) c.set64(n, v);
    }
    if (r.rip !== sh[16]) c.rip = r.rip;
    if (r.eflags !== sh[17]) writeFlags(c, r.eflags);
    if (r.fs_base !== sh[18]) c.fsBase = r.fs_base;
    if (r.gs_base !== sh[19]) c.gsBase = r.gs_base;
  }

  /** Publish the registers to `regs` (signed 64-bit values as JavaScript numbers). */
  private store(): void {
    const c = this.cpu, r = this.regs, sh = this.shadow;
    for (let n = 0; n < 16; n++) r[GPR_FIELDS[n]!] = sh[n] = c.get64(n);
    r.rip = sh[16] = c.rip;
    r.eflags = sh[17] = readFlags(c);
    r.fs_base = sh[18] = c.fsBase;
    r.gs_base = sh[19] = c.gsBase;
  }
}

/** The vDSO calls noted during a run, as ns into the run; the list starts empty for the next one. */
function takeVdsoCalls(c: Cpu, startTsc: number): { name: string; ns: number }[] {
  const out: { name: string; ns: number }[] = [];
  const v = c.vdsoCalls;
  for (let k = 0; k < v.length; k += 2) out.push({ name: v[k] as string, ns: ((v[k + 1] as number) - startTsc) * NS_PER_INSN });
  c.vdsoCalls = [];
  return out;
}

function withTime(t: Trap, insns: number): Trap {
  return { ...t, ns: insns * NS_PER_INSN };
}

/** machine/ wires this in: the context for an ELF file that is not one of our TypeScript programs. */
export function createX86Context(mm: MM, regs: UserRegs, machine: X86Machine): UserContext {
  return new X86Context(mm, regs, machine);
}
