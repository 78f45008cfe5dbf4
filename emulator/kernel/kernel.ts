// The kernel: the global state of one machine (what Linux keeps in globals: the pid table, the
// scheduler, the clock, the log) and the loop that runs tasks. Subsystems keep their own state
// in their own modules and hang it here only when other subsystems need to reach it.

import type { NewTraceEvent } from '../trace/events';
import { TraceRing } from '../trace/ring';
import { ENOSYS } from '../uapi/errno';
import { PAGE_SIZE } from '../uapi/mman';
import { PhysMem } from './mm/page';
import type { FaultObserver, MM } from './mm/mm';
import { FAULT_OK, FAULT_OOM } from './mm/mm';
import { Clock, COST, type Timer } from './sched/clock';
import { Scheduler, TIMESLICE_NS } from './sched/core';
import { SLEEP } from './sched/waitqueue';
import { TASK_RUNNING, type ThreadGroup, type Task } from './sched/task';
import type { ProgramRuntime } from './sched/user_context';
import { SyscallTable } from './syscalls/table';
import { run_task_once } from './entry';
import { LogBuffer, printk } from './printk';
import { LoadAvg } from './sched/loadavg';
import { send_signal } from './signal';
import { makeSiginfo } from './signal_types';
import { SIGKILL } from '../uapi/signal';
import { SeededRandom } from './random';
import type { Utsname } from '../uapi/utsname';
import { local_timer_interrupt } from './irq/irqdesc';
import { SCHED_SOFTIRQ, softirq_handled, TIMER_SOFTIRQ } from './irq/softirq';
import { vdso_init, type Vdso, type VdsoArch } from './vdso';

export interface KernelOptions {
  seed: number;
  memoryBytes: number;
  nrCpus: number;
  /** CLOCK_REALTIME at boot, in ns since the epoch. */
  bootRealtimeNs: number;
  runtime: ProgramRuntime;
  /** The architecture's vDSO image and clocksource; without it, processes get no [vdso]. */
  vdso?: VdsoArch;
}

/** Highest pid before wrapping (/proc/sys/kernel/pid_max default on 64-bit with few CPUs). */
export const PID_MAX = 4194304;

export class Kernel {
  readonly phys: PhysMem;
  readonly clock: Clock;
  readonly sched: Scheduler;
  readonly trace = new TraceRing();
  readonly log = new LogBuffer();
  readonly random: SeededRandom;
  readonly syscalls = new SyscallTable();
  readonly runtime: ProgramRuntime;
  /** Every task by tid (the pid hash). */
  readonly tasks = new Map<number, Task>();
  /** Per-process alarm(2) timers. */
  readonly alarms = new Map<ThreadGroup, Timer>();
  /** Things other subsystems must drop when a task exits (SysV undo, sockets…). */
  readonly exitHooks: ((t: Task) => void)[] = [];
  /** Wakes futex waiters; set by the futex subsystem when it exists. */
  futexWake: ((t: Task, addr: number, n: number) => number) | null = null;
  /** The vDSO's pages, when the architecture has one (vdso.ts). */
  vdso: Vdso | null = null;
  readonly utsname: Utsname = {
    sysname: 'Linux',
    nodename: 'ringside',
    release: '6.1.0-ringside',
    version: '#1 SMP PREEMPT_DYNAMIC Ringside',
    machine: 'x86_64',
    domainname: '(none)',
  };
  readonly faultObserver: FaultObserver;
  /** Set by sched_yield: end the current slice. */
  yieldRequested = false;
  /**
   * A debugger's breakpoint on syscall entry (the host's "step to the next syscall"): called for
   * every syscall after its sys_enter is traced; true stops the task there, before the handler
   * runs (entry.ts). Null — the usual case — costs one test per syscall.
   */
  syscall_entry_break: ((t: Task) => boolean) | null = null;
  /** Powered off (or panicked), with the status the host reports. */
  halted = false;
  haltStatus = 0;
  rebootRequested = false;
  private lastPid = 0;
  /**
   * kernel.pid_max: pids wrap before this (sysctl_tables.ts lets root change it, up to PID_MAX).
   * PID_MAX_DEFAULT (32768) on a machine with few CPUs, as on the reference machine.
   */
  pidMax = 32768;
  /** kernel.threads-max: fork fails with EAGAIN beyond this many tasks. */
  maxThreads = 32768;
  /** Tasks created since boot (total_forks: /proc/stat's "processes"). */
  totalForks = 0;
  private lastRunning: Task | null = null;
  private readonly restartBlocks = new WeakMap<Task, (t: Task) => number>();
  /** The load average, for /proc/loadavg and sysinfo. */
  private readonly load = new LoadAvg();

  constructor(opts: KernelOptions) {
    this.phys = new PhysMem(Math.floor(opts.memoryBytes / PAGE_SIZE));
    this.clock = new Clock(opts.bootRealtimeNs);
    this.sched = new Scheduler(opts.nrCpus);
    this.random = new SeededRandom(opts.seed);
    this.runtime = opts.runtime;
    this.faultObserver = {
      pageFault: (mm: MM, addr: number, write: boolean, result: number, cow: boolean) => {
        this.clock.advance(COST.pageFault);
        const t = this.lastRunning;
        if (!t || t.mm !== mm) return;
        if (result === FAULT_OOM) this.oomKill(t);
        if (!this.trace.enabled) return;
        const res = result === FAULT_OK ? (cow ? 'cow' : 'minor') : ['ok', 'maperr', 'accerr', 'oom'][result]!;
        this.traceEvent(t, { kind: 'fault', addr, write, result: res });
      },
    };
    vdso_init(this, opts.vdso);
  }

  /** Record a trace event stamped with the current time and the task's ids. */
  traceEvent(t: Task, e: DistributiveOmitBase<NewTraceEvent>, ts = this.clock.now()): void {
    if (!this.trace.enabled) return;
    const ev = e as NewTraceEvent;
    ev.ts = ts;
    ev.pid = t.tgid;
    ev.tid = t.tid;
    ev.cpu = t.cpu;
    this.trace.record(ev);
  }

  printk(level: number, text: string): void {
    printk(this, level, text);
  }

  /** alloc_pid: the next free pid after the last one, wrapping at PID_MAX (pid 1 is never reused). */
  allocPid(): number {
    if (this.tasks.size >= this.maxThreads) return -1;
    let pid = this.lastPid;
    for (;;) {
      pid = pid + 1 >= this.pidMax ? 300 : pid + 1;
      if (!this.tasks.has(pid)) break;
    }
    this.lastPid = pid;
    this.totalForks++;
    return pid;
  }

  /** The pid handed out most recently (/proc/loadavg's last field). */
  get lastAllocatedPid(): number {
    return this.lastPid;
  }

  /**
   * The machine is out of memory (mm/oom_kill.c, simplified): Linux picks the process with the
   * largest footprint; we kill the one whose page fault could not be satisfied, which is the
   * runaway one in the cases a lab produces.
   */
  private oomKill(t: Task): void {
    const g = t.group;
    if (g.groupExit) return;
    const kb = (t.mm?.rss ?? 0) * 4;
    printk(this, 3, `Out of memory: Killed process ${t.tgid} (${t.comm}) total-vm:${Math.floor((t.mm?.totalVm ?? 0) / 1024)}kB, anon-rss:${kb}kB, file-rss:0kB, shmem-rss:0kB, UID:${t.cred.uid}`);
    send_signal(makeSiginfo(SIGKILL, 0x80), t, true);
  }

  /** Let restart_syscall continue an interrupted sleep (struct restart_block). */
  setRestartBlock(t: Task, fn: (t: Task) => number): void {
    this.restartBlocks.set(t, fn);
  }

  /**
   * restart_syscall: run the block once. A resumed sleep that sleeps again keeps it, since the
   * handler runs again when the task wakes; one interrupted again has set its own new block.
   */
  runRestartBlock(t: Task): number {
    const fn = this.restartBlocks.get(t);
    if (!fn) return -ENOSYS;
    this.restartBlocks.delete(t);
    const r = fn(t);
    if (r === SLEEP && !this.restartBlocks.has(t)) this.restartBlocks.set(t, fn);
    return r;
  }

  /** kernel_power_off: stop running tasks; the host reads `haltStatus`. */
  powerOff(status: number, reboot = false): void {
    this.halted = true;
    this.haltStatus = status;
    this.rebootRequested = reboot;
    printk(this, 5, reboot ? 'reboot: Restarting system' : 'reboot: Power down');
  }

  /** panic(): print and stop. A dead init is the classic way to get here. */
  panic(msg: string, status: number): void {
    printk(this, 0, `Kernel panic - not syncing: ${msg}`);
    this.halted = true;
    // Report init's wait status as a shell would: its exit code, or 128 + the signal that killed it.
    const sig = status & 0x7f;
    this.haltStatus = sig ? 128 + sig : (status >> 8) & 0xff;
  }

  loadavg(): number[] {
    this.load.update(this.clock.now(), this.tasks.values());
    return this.load.values();
  }

  /**
   * Run tasks for up to `maxSlices` time slices. Returns 'idle' when nothing is runnable (the
   * caller decides whether to jump the clock to the next timer), 'halted' after power-off.
   */
  run(maxSlices: number): 'busy' | 'idle' | 'halted' {
    const clock = this.clock;
    const sched = this.sched;
    for (let slice = 0; slice < maxSlices; slice++) {
      if (this.halted) return 'halted';
      // Timers that expired are handled as the local timer interrupt and its TIMER softirq would.
      if (clock.runExpired() > 0) {
        local_timer_interrupt(this, 0);
        softirq_handled(this, TIMER_SOFTIRQ, 0);
      }
      this.load.update(clock.now(), this.tasks.values());
      const t = sched.pickNext();
      if (!t) return 'idle';
      if (this.lastRunning !== t) {
        const prev = this.lastRunning;
        if (prev) prev.nivcsw++;
        clock.advance(COST.contextSwitch);
        this.traceEvent(t, { kind: 'switch', prev: prev?.tid ?? 0 });
        sched.switches[t.cpu]!++;
        this.lastRunning = t;
      }
      const end = clock.now() + TIMESLICE_NS;
      this.yieldRequested = false;
      while (t.state === TASK_RUNNING && !this.halted) {
        run_task_once(t);
        if (this.yieldRequested) break;
        if (clock.now() >= end) {
          // The tick that ends the slice: a local timer interrupt on this CPU, then the
          // scheduler's SCHED softirq.
          local_timer_interrupt(this, t.cpu);
          softirq_handled(this, SCHED_SOFTIRQ, t.cpu);
          break;
        }
      }
      if (t.state === TASK_RUNNING) sched.enqueue(t);
      else t.nvcsw++;
    }
    return this.halted ? 'halted' : 'busy';
  }
}

/** A trace event without the fields traceEvent fills in. */
type DistributiveOmitBase<T> = T extends unknown ? Omit<T, 'ts' | 'pid' | 'tid' | 'cpu'> : never;
