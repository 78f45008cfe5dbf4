// A whole machine: the kernel, its root filesystem image, the program runtime(s) wired in, the
// console, and a run loop that keeps the virtual clock honest.
//
// Two modes, as DESIGN.md describes:
//   batch        — when every task sleeps, jump the clock to the next timer (tests, the CLI, replay);
//   interactive  — when every task sleeps, report 'idle' with the next deadline; the host waits for
//                  the wall clock (or input) and then calls advanceTo().

import { Kernel } from '../kernel/kernel';
import { start_kernel } from '../kernel/init/main';
import type { Console } from '../kernel/drivers/tty/console';
import type { UserRegs } from '../uapi/ptrace';
import type { MM } from '../kernel/mm/mm';
import { TsRuntime } from '../userland/runtime/ts_runtime';
import { X86Machine, createX86Context } from '../arch/x86/context';
import { x86Vdso } from '../arch/x86/vdso/vdso';
import { programFiles, programMap } from '../userland/programs';
import { buildRootfs, type GuestFile } from '../userland/initramfs/rootfs';

export type { GuestFile };

export interface MachineOptions {
  seed?: number;
  mode?: 'batch' | 'interactive';
  memoryMiB?: number;
  cpus?: number;
  /** argv of init; default ["/sbin/init"]. `["/sbin/init", "-c", CMD]` runs one command. */
  init?: string[];
  /** CLOCK_REALTIME at boot, in ns since the epoch (default: a fixed date, for determinism). */
  bootRealtimeNs?: number;
  /** Extra files for the root filesystem (`ringside run --put`), added to the initramfs image. */
  files?: GuestFile[];
}

export interface RunResult {
  state: 'running' | 'idle' | 'halted';
  /** Virtual ns of the next timer, when idle. */
  nextTimerNs: number | null;
  /** The status init reported at power-off, once halted. */
  exitStatus: number | null;
}

const encoder = new TextEncoder();
/** UTF-8 bytes of a host string, one char per byte. */
function byteString(s: string): string {
  let out = '';
  for (const b of encoder.encode(s)) out += String.fromCharCode(b);
  return out;
}

/** 2026-01-01T00:00:00Z: the default wall-clock time at boot. */
const DEFAULT_BOOT_TIME_NS = 1767225600 * 1e9;
/** Slices per kernel.run call between checks of the wall-clock budget. */
const SLICES_PER_CHECK = 64;

export class Machine {
  readonly kernel: Kernel;
  private console: Console | null = null;
  private readonly outputListeners: ((bytes: Uint8Array) => void)[] = [];
  private readonly mode: 'batch' | 'interactive';
  private readonly initArgv: string[];
  private readonly files: GuestFile[];

  constructor(opts: MachineOptions = {}) {
    this.mode = opts.mode ?? 'batch';
    this.initArgv = opts.init ?? ['/sbin/init'];
    this.files = opts.files ?? [];
    const ts = new TsRuntime(programMap());
    const x86 = new X86Machine();
    this.kernel = new Kernel({
      seed: opts.seed ?? 1,
      memoryBytes: (opts.memoryMiB ?? 256) * 1024 * 1024,
      nrCpus: opts.cpus ?? 2,
      bootRealtimeNs: opts.bootRealtimeNs ?? DEFAULT_BOOT_TIME_NS,
      runtime: {
        // An ELF with the Ringside note is one of our TypeScript programs; any other is machine
        // code for the x86-64 interpreter (regs.rip = its entry, rsp = the stack exec built).
        createContext: (mm: MM, regs: UserRegs, note: string | null) =>
          note === null ? createX86Context(mm, regs, x86) : ts.createContext(mm, regs, note),
      },
      vdso: x86Vdso(x86),
    });
  }

  /** Unpack the root filesystem, start the kernel and pid 1. Throws only if init cannot start. */
  boot(): void {
    const image = buildRootfs(programFiles(), this.files, Math.floor(this.kernel.clock.realtime() / 1e9));
    const env = ['HOME=/', 'TERM=linux'];
    // The kernel's strings are byte strings (one char per byte), as execve copies them from user
    // memory: the host's text becomes UTF-8 bytes on the way in.
    const r = start_kernel(this.kernel, image, this.initArgv.map(byteString), env);
    if (typeof r === 'number') throw new Error(`boot failed: cannot start ${this.initArgv[0]} (errno ${-r})`);
    this.console = r.console;
    this.console.onOutput((bytes, vt) => {
      if (vt === 1) for (const l of this.outputListeners) l(bytes);
    });
  }

  /** The virtual consoles tty1..tty6 (input, output, size, switching, flow control), once booted. */
  get vts(): Console | null {
    return this.console;
  }

  /** Bytes typed on the console keyboard (or a serial line). */
  consoleInput(bytes: Uint8Array): void {
    this.console?.input(bytes);
  }

  onConsoleOutput(cb: (bytes: Uint8Array) => void): void {
    this.outputListeners.push(cb);
  }

  resizeConsole(cols: number, rows: number): void {
    this.console?.resize(cols, rows);
  }

  now(): number {
    return this.kernel.clock.now();
  }

  /** Jump the virtual clock forward (interactive pacing) and fire what is due. */
  advanceTo(ns: number): void {
    this.kernel.clock.advanceTo(ns);
    this.kernel.clock.runExpired();
  }

  /** Run for about `budgetMs` of wall time, or until the machine idles or halts. */
  run(budgetMs: number): RunResult {
    const k = this.kernel;
    const deadline = Date.now() + budgetMs;
    for (;;) {
      const s = k.run(SLICES_PER_CHECK);
      if (s === 'halted') return { state: 'halted', nextTimerNs: null, exitStatus: k.haltStatus };
      if (s === 'idle') {
        const next = k.clock.nextDeadline();
        if (this.mode === 'interactive' || next === null) return { state: 'idle', nextTimerNs: next, exitStatus: null };
        k.clock.advanceTo(next);
        k.clock.runExpired();
      }
      if (Date.now() >= deadline) return { state: 'running', nextTimerNs: null, exitStatus: null };
    }
  }
}
