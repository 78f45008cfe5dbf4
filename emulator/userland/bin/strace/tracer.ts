// The tracing loop, as ptrace(2) describes it: wait4(-1, __WALL) for the next stop of any tracee,
// tell what kind of stop it is from the wait status, print, and restart it with PTRACE_SYSCALL.
//
//   status>>8 == SIGTRAP|0x80            syscall stop (TRACESYSGOOD); entry and exit alternate
//   status>>8 == SIGTRAP | EVENT<<8      event stop: fork/vfork/clone (a new tracee), exec
//   WIFSTOPPED, other signal             signal-delivery stop (GETSIGINFO works) — print
//                                        `--- SIGx {…} ---` and pass the signal on — or a
//                                        group stop (GETSIGINFO fails with EINVAL)
//   WIFEXITED / WIFSIGNALED              the tracee is gone: `+++ exited with N +++`
//
// Seized tracees (see launch.ts) report a group stop as PTRACE_EVENT_STOP with the stop signal:
// strace prints `--- stopped by SIGSTOP ---` and leaves them stopped with PTRACE_LISTEN until a
// SIGCONT wakes them (another PTRACE_EVENT_STOP, with SIGTRAP). In the classic scheme (TRACEME,
// ATTACH) each new tracee first stops with a SIGSTOP that strace swallows, and a group stop can
// only be answered by resuming the tracee (a known limit of ptrace without SEIZE).

import { EINTR, ERESTART_RESTARTBLOCK } from '../../../uapi/errno';
import {
  PTRACE_EVENT_CLONE,
  PTRACE_EVENT_FORK,
  PTRACE_EVENT_STOP,
  PTRACE_EVENT_VFORK,
  PTRACE_O_TRACECLONE,
  PTRACE_O_TRACEEXEC,
  PTRACE_O_TRACEFORK,
  PTRACE_O_TRACESYSGOOD,
  PTRACE_O_TRACEVFORK,
} from '../../../uapi/ptrace';
import { SIGSTOP, SIGTRAP, SIGTSTP, SIGTTIN, SIGTTOU } from '../../../uapi/signal';
import { __WALL, WIFSTOPPED, WNOHANG, WSTOPSIG } from '../../../uapi/sched';
import { __NR } from '../../../uapi/unistd_64';
import { syscallDisplayName } from '../../../uapi/syscall_signatures';
import { dumpIo, formatEntry, formatExit, formatReturn } from '../../../trace/decode';
import { formatExitLine, formatSignalLine, formatStoppedLine } from '../../../trace/decode/siginfo';
import { isError } from '../../../trace/decode/numbers';
import type { SyscallCall } from '../../../trace/decode/types';
import type { Sys } from '../../runtime/context';
import { alloca, errno, peekI32, peekI64, release, stackMark, syscall } from '../../libc/process';
import {
  PTRACE_DETACH,
  PTRACE_LISTEN,
  PTRACE_SETOPTIONS,
  PTRACE_SYSCALL,
  ptrace,
  ptrace_geteventmsg,
  ptrace_getregs,
  ptrace_get_syscall_info,
  ptrace_getsiginfo,
} from '../../libc/ptrace';
import { clock_gettime, CLOCK_MONOTONIC, CLOCK_REALTIME } from '../../libc/time';
import { writeAll } from '../../libc/unistd';
import { STATUSES, type Status } from './filter';
import type { StraceOptions } from './options';
import { Printer, type Sink } from './output';
import { durationSuffix, ipPrefix, numberPrefix, pidPrefix, timePrefix, toNs, type Instant } from './prefix';
import { Summary } from './summary';
import { decodeFor } from './tracee_memory';

/** The signals that stop a process (a group stop). */
const STOP_SIGNALS = new Set([SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU]);

const isExec = (nr: number): boolean => nr === __NR.execve || nr === __NR.execveat;

/** A call between its entry and exit stops. */
interface Pending {
  call: SyscallCall;
  /** Printed (passes trace=) and counted (for -c/-C). */
  shown: boolean;
  /** The line so far, prefixes included, when it waits for the result (-z, -Z, status=). */
  text: string;
  /** For -T and -w (monotonic clock) and -c (the tracee's system time), in ns. */
  startWall: bigint;
  startSystem: bigint;
}

interface Tracee {
  pid: number;
  /** Classic scheme: its first SIGSTOP is the attach's (or the launch's) and is not shown. */
  expectStop: boolean;
  /**
   * The command strace started, until its execve succeeds: strace's own doings, not shown except
   * for the execve (a failed one, then `strace: exec: …`, then the exit line, as strace 6.1 does).
   */
  startup: boolean;
  pending: Pending | null;
  /** The last syscall number, which -n also prints before signal and exit lines (as strace does). */
  lastNr: number;
  /** -i: the instruction pointer at the current stop (null once the process is gone). */
  ip: number | null;
  /** Attached with -p and not yet stopped: the first stop may find it in an interrupted call. */
  attaching: boolean;
  /**
   * The last call that ended with ERESTART_RESTARTBLOCK, which a restart_syscall resumes:
   * `restart_syscall(<... resuming interrupted clock_nanosleep ...>)`; -1 if none.
   */
  interrupted: number;
}

/** One wait4 result: who, the status word, and the tracee's system time so far (ru_stime). */
interface Stop {
  pid: number;
  status: number;
  systemNs: bigint;
}

/** How strace's outputs are set up by main. */
export interface Outputs {
  /** The main output: stderr or the -o file. */
  main: Sink;
  /** -ff: the file for a process, opened on its first line. */
  separate: ((pid: number) => Sys<Sink>) | null;
  /** Whether `main` is a file (pid prefixes are then `4255  ` and shown under -f from the start). */
  toFile: boolean;
  /** Hide `Process N attached` notices (-q, or -o with a launched command). */
  quietNotices: boolean;
}

export class Tracer {
  private readonly tracees = new Map<number, Tracee>();
  private readonly files = new Map<number, Sink>();
  private readonly writes: [number, string][] = [];
  /** Characters in `writes`, and whether any of them go to stderr. */
  private queued = 0;
  private queuedForStderr = false;
  private readonly printer: Printer;
  private readonly summary = new Summary();
  private lastLine: bigint | null = null;
  /** TRACESYSGOOD marks syscall stops; TRACEEXEC turns exec's SIGTRAP into an event; -f adds the fork events. */
  readonly ptraceOptions: number;
  /** The pid strace started (0 when it only attached), and its wait status once it is gone. */
  launched = 0;
  launchedStatus: number | null = null;

  constructor(
    private readonly o: StraceOptions,
    private readonly out: Outputs,
    /** Tracees are seized (PTRACE_SEIZE and its auto-attached children), or classic. */
    private readonly seized: boolean,
  ) {
    this.ptraceOptions =
      PTRACE_O_TRACESYSGOOD |
      PTRACE_O_TRACEEXEC |
      (o.follow ? PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE : 0);
    this.printer = new Printer(
      (pid) => this.files.get(pid) ?? out.main,
      (fd, text) => this.queue(fd, text),
      o.column,
    );
  }

  /**
   * Start following `pid`: the command strace started (its calls are hidden until its execve), a
   * process attached with -p, or a new child under -f. The last two get `strace: Process N attached`.
   */
  *add(pid: number, how: 'launched' | 'attached' | 'child'): Sys<Tracee> {
    const t: Tracee = {
      pid,
      expectStop: !this.seized,
      startup: how === 'launched',
      attaching: how === 'attached',
      pending: null,
      lastNr: -1,
      ip: null,
      interrupted: -1,
    };
    this.tracees.set(pid, t);
    if (this.out.separate) this.files.set(pid, yield* this.out.separate(pid));
    if (how !== 'launched' && !this.out.quietNotices) yield* this.notice(`Process ${pid} attached`);
    return t;
  }

  /** A message of strace's own on stderr; it may land in the middle of a trace line, as in strace. */
  *notice(text: string): Sys<void> {
    yield* this.flush();
    yield* writeAll(2, `strace: ${text}\n`);
  }

  get count(): number {
    return this.tracees.size;
  }

  /** Run until no tracee is left; false if strace got a fatal signal (`interrupted` says so). */
  *run(interrupted: () => boolean): Sys<boolean> {
    while (this.tracees.size > 0) {
      if (interrupted()) return false;
      const stop = yield* wait4all(0, this.wantsSystemTime);
      if (stop === null) {
        if (errno() === EINTR) continue;
        break;
      }
      yield* this.handle(stop);
    }
    yield* this.flush();
    return true;
  }

  /**
   * Let every tracee go (strace was interrupted). Stops already waiting for us are answered first:
   * a tracee stopped for a signal gets it with PTRACE_DETACH — the Ctrl-C that interrupted strace
   * usually hit the tracee too, and a dying tracer would drop it. A tracee still running cannot be
   * detached until it stops; the kernel lets it go when strace exits, as Linux does.
   */
  *detachAll(): Sys<void> {
    for (let stop; (stop = yield* wait4all(WNOHANG, this.wantsSystemTime));) {
      const t = this.tracees.get(stop.pid);
      if (!t) continue;
      if (!WIFSTOPPED(stop.status)) {
        yield* this.gone(t, stop.status);
        continue;
      }
      const sig = WSTOPSIG(stop.status);
      const signalStop = stop.status >>> 16 === 0 && sig !== (SIGTRAP | 0x80) && !(t.expectStop && sig === SIGSTOP);
      yield* this.release(t, signalStop ? sig : 0);
    }
    for (const t of [...this.tracees.values()]) yield* this.release(t, 0);
  }

  private *release(t: Tracee, sig: number): Sys<void> {
    yield* ptrace(PTRACE_DETACH, t.pid, 0, sig);
    this.tracees.delete(t.pid);
    if (!this.out.quietNotices) yield* this.notice(`Process ${t.pid} detached`);
    if (this.printer.isOpen(t.pid)) this.printer.line(t.pid, ' <detached ...>');
    yield* this.flush();
  }

  /** The -c/-C table, printed on the main output at the end. */
  *printSummary(): Sys<void> {
    if (this.o.summary === 'none') return;
    const table = this.summary.format(this.o.sortBy);
    if (table) this.queue(this.out.main.fd, table);
    yield* this.flush();
  }

  private *handle(stop: Stop): Sys<void> {
    const { pid, status } = stop;
    const t = this.tracees.get(pid) ?? (yield* this.add(pid, 'child'));
    if (!WIFSTOPPED(status)) return yield* this.gone(t, status);
    const sig = WSTOPSIG(status);
    const event = status >>> 16;
    if (this.o.instructionPointer) t.ip = (yield* ptrace_get_syscall_info(pid))?.ip ?? null;
    if (t.attaching) yield* this.firstStop(t);
    let inject = 0;
    let restart = PTRACE_SYSCALL;
    if (sig === (SIGTRAP | 0x80)) yield* t.pending ? this.syscallExit(t, stop) : this.syscallEntry(t, stop);
    else if (event === PTRACE_EVENT_STOP) {
      // A group stop (with the stop signal), or the stop of an interrupt, a new child or a SIGCONT
      // after LISTEN (SIGTRAP). The launched command is let go: our SIGCONT ended its stop.
      if (STOP_SIGNALS.has(sig) && !t.startup) {
        if (this.printing && this.o.signals.has(sig))
          this.printer.line(pid, (yield* this.prefix(t)) + formatStoppedLine(sig));
        restart = PTRACE_LISTEN;
      }
    } else if (event !== 0) yield* this.event(t, event);
    else if (t.expectStop && sig === SIGSTOP) {
      // Our own SIGSTOP: the moment to set the options, before the tracee runs again.
      t.expectStop = false;
      yield* ptrace(PTRACE_SETOPTIONS, pid, 0, this.ptraceOptions);
    } else inject = yield* this.signal(t, sig);
    yield* this.flushStop();
    yield* ptrace(restart, pid, 0, inject);
  }

  // ---- lines -----------------------------------------------------------------------------------

  private *now(clock: number): Sys<Instant> {
    return (yield* clock_gettime(clock)) ?? { sec: 0, nsec: 0 };
  }

  /** Whether lines carry the pid: always in a -o file under -f, on stderr while several are traced. */
  private showPid(): boolean {
    if (this.out.separate) return false;
    return this.tracees.size > 1 || (this.out.toFile && this.o.follow);
  }

  /** Pid, time and -n prefixes for a line of `t`'s starting now. */
  private *prefix(t: Tracee): Sys<string> {
    let p = this.showPid() ? pidPrefix(t.pid, this.out.toFile) : '';
    if (this.o.timestamps || this.o.relative) {
      const wall = this.o.timestamps ? yield* this.now(CLOCK_REALTIME) : { sec: 0, nsec: 0 };
      const mono = toNs(yield* this.now(CLOCK_MONOTONIC));
      p += timePrefix(this.o, wall, this.lastLine === null ? 0n : mono - this.lastLine);
      this.lastLine = mono;
    }
    if (this.o.syscallNumbers) p += numberPrefix(t.lastNr);
    if (this.o.instructionPointer) p += ipPrefix(t.ip);
    return p;
  }

  private get printing(): boolean {
    return this.o.summary !== 'only';
  }

  /** Lines wait for the call's result when the result decides whether they are shown. */
  private get deferred(): boolean {
    return !this.o.status.isAll;
  }

  private statusShown(s: Status): boolean {
    return this.o.status.has(STATUSES.indexOf(s));
  }

  // ---- stops -----------------------------------------------------------------------------------

  private *syscallEntry(t: Tracee, stop: Stop): Sys<void> {
    // One request gives the number and arguments (PTRACE_GET_SYSCALL_INFO, as strace 6.1 asks).
    const info = yield* ptrace_get_syscall_info(t.pid);
    if (!info) return;
    const call: SyscallCall = {
      nr: info.nr,
      args: info.args,
      sp: info.sp,
      ...(info.nr === __NR.restart_syscall && t.interrupted >= 0 ? { resumes: t.interrupted } : {}),
    };
    t.lastNr = call.nr;
    const shown = (!t.startup || isExec(call.nr)) && this.o.trace.has(call.nr);
    const p: Pending = { call, shown, text: '', startWall: 0n, startSystem: stop.systemNs };
    t.pending = p;
    if (shown && this.printing) {
      p.text = (yield* this.prefix(t)) + (yield* decodeFor(t.pid, formatEntry(call, this.o.decode)));
      if (!this.deferred) this.printer.begin(t.pid, p.text);
    }
    if (this.o.syscallTimes || this.o.wallClock) p.startWall = toNs(yield* this.now(CLOCK_MONOTONIC));
  }

  private *syscallExit(t: Tracee, stop: Stop): Sys<void> {
    const p = t.pending!;
    t.pending = null;
    const startupExec = t.startup && isExec(p.call.nr);
    if (!p.shown && !startupExec) return;
    const info = yield* ptrace_get_syscall_info(t.pid);
    if (!info) return;
    const call = p.call;
    call.ret = info.rval;
    const failed = isError(call.ret);
    if (startupExec && !failed) t.startup = false;
    if (!p.shown) return;
    if (call.ret === -ERESTART_RESTARTBLOCK) t.interrupted = call.nr;
    if (!this.statusShown(failed ? 'failed' : 'successful')) return;
    const needWall = this.o.syscallTimes || this.o.wallClock;
    const elapsed = needWall ? toNs(yield* this.now(CLOCK_MONOTONIC)) - p.startWall : 0n;
    if (this.o.summary !== 'none')
      this.summary.add(call.nr, failed, this.o.wallClock ? elapsed : stop.systemNs - p.startSystem);
    if (!this.printing) return;
    const rest = yield* decodeFor(t.pid, formatExit(call, this.o.decode));
    const result = yield* decodeFor(t.pid, formatReturn(call, this.o.decode));
    const suffix = this.o.syscallTimes ? durationSuffix(elapsed) : '';
    yield* this.complete(t, p, rest, result, suffix);
    yield* this.dump(t, call);
  }

  /** -e read=FD / -e write=FD: the data the call moved through a watched fd, in hex. */
  private *dump(t: Tracee, call: SyscallCall): Sys<void> {
    if (this.o.readFds.isNone && this.o.writeFds.isNone) return;
    const io = yield* decodeFor(t.pid, dumpIo(call));
    if (!io || !(io.direction === 'read' ? this.o.readFds : this.o.writeFds).has(io.fd)) return;
    for (const line of io.lines) this.printer.line(t.pid, line);
  }

  /** Ends a call's line: on the open line if nobody printed since, else as `<... name resumed>`. */
  private *complete(t: Tracee, p: Pending, rest: string, result: string, suffix: string): Sys<void> {
    if (this.deferred) this.printer.call(t.pid, p.text + rest, result, suffix);
    else if (this.printer.isOpen(t.pid)) this.printer.finish(t.pid, '', rest, result, suffix);
    else {
      const resumed = `${yield* this.prefix(t)}<... ${syscallDisplayName(p.call.nr)} resumed>`;
      this.printer.finish(t.pid, resumed, rest, result, suffix);
    }
  }

  /**
   * A process attached with -p may have been asleep in a call that our attach interrupted; it is
   * still in the registers (orig_rax, and rax = -ERESTART_RESTARTBLOCK) until the call restarts.
   */
  private *firstStop(t: Tracee): Sys<void> {
    t.attaching = false;
    const regs = yield* ptrace_getregs(t.pid);
    if (regs && regs.orig_rax >= 0 && regs.rax === -ERESTART_RESTARTBLOCK) t.interrupted = regs.orig_rax;
  }

  private *event(t: Tracee, event: number): Sys<void> {
    if (event !== PTRACE_EVENT_FORK && event !== PTRACE_EVENT_VFORK && event !== PTRACE_EVENT_CLONE) return;
    const child = yield* ptrace_geteventmsg(t.pid);
    // The child's own first stop may have been reported before this event.
    if (child > 0 && !this.tracees.has(child)) yield* this.add(child, 'child');
  }

  /** A signal-delivery stop (print it, return the signal to deliver) or a group stop. */
  private *signal(t: Tracee, sig: number): Sys<number> {
    const info = yield* ptrace_getsiginfo(t.pid);
    const show = this.printing && this.o.signals.has(sig) && !t.startup;
    if (!info) {
      if (show) this.printer.line(t.pid, (yield* this.prefix(t)) + formatStoppedLine(sig));
      return 0;
    }
    if (show) this.printer.line(t.pid, (yield* this.prefix(t)) + formatSignalLine(info));
    return sig;
  }

  /** The tracee exited or was killed: end its call (`= ?`) and print `+++ exited with N +++`. */
  private *gone(t: Tracee, status: number): Sys<void> {
    const p = t.pending;
    if (p?.shown && this.printing && this.statusShown('unfinished')) {
      const rest = yield* decodeFor(t.pid, formatExit(p.call, this.o.decode));
      yield* this.complete(t, p, rest, '= ?', '');
    }
    t.ip = null;
    if (this.printing && !this.o.quietExit) this.printer.line(t.pid, (yield* this.prefix(t)) + formatExitLine(status));
    this.tracees.delete(t.pid);
    if (t.pid === this.launched) this.launchedStatus = status;
    yield* this.flush();
  }

  private queue(fd: number, text: string): void {
    this.writes.push([fd, text]);
    this.queued += text.length;
    if (fd === 2) this.queuedForStderr = true;
  }

  /** -c needs each call's system time, which comes with wait4's rusage; otherwise it is not asked for. */
  private get wantsSystemTime(): boolean {
    return this.o.summary !== 'none' && !this.o.wallClock;
  }

  /**
   * After a stop: what goes to stderr is written before the tracee runs again (the tracee's own
   * output on the terminal must come after our line); a -o file may wait until a buffer's worth
   * has gathered, as stdio buffers strace's log file. That saves a write per stop.
   */
  private *flushStop(): Sys<void> {
    if (this.queued < LOG_BUFFER && !this.queuedForStderr) return;
    yield* this.flush();
  }

  /** Write everything queued, in order. */
  private *flush(): Sys<void> {
    while (this.writes.length) {
      const [fd] = this.writes[0]!;
      let text = '';
      while (this.writes.length && this.writes[0]![0] === fd) text += this.writes.shift()![1];
      yield* writeAll(fd, text);
    }
    this.queued = 0;
    this.queuedForStderr = false;
  }
}

/** How much of a log file's text may wait in memory (stdio's BUFSIZ). */
const LOG_BUFFER = 8192;

/**
 * wait4(-1, &status, __WALL, &rusage): the next stop or death of any tracee (rusage only for -c);
 * null on error (or, with WNOHANG, when none is waiting).
 */
function* wait4all(options: number, rusage: boolean): Sys<Stop | null> {
  const mark = stackMark();
  try {
    const st = alloca(8);
    const ru = rusage ? alloca(144) : 0;
    const pid = yield* syscall(__NR.wait4, -1, st, __WALL | options, ru);
    if (pid <= 0) return null;
    // ru_stime is the second timeval of struct rusage.
    const systemNs = rusage ? BigInt(peekI64(ru + 16)) * 1_000_000_000n + BigInt(peekI64(ru + 24)) * 1000n : 0n;
    return { pid, status: peekI32(st), systemNs };
  } finally {
    release(mark);
  }
}
