// /proc/<pid>/stat, /proc/<pid>/status and /proc/<pid>/statm (fs/proc/array.c): a process as
// `ps`, `top` and `pstree` read it. stat is one line of 52 numbers for programs; status is the
// same facts (and more) labelled for people, in the exact order Linux prints them.
//
// The /proc/<pid>/… files describe the whole process (times summed over its threads); the
// /proc/<pid>/task/<tid>/… files describe one thread.
//
// Simplified: no namespaces (the NS* lines repeat the ids), capability
// sets derived from the effective uid (there are no capabilities yet), no real-time policies
// (priority 20, nice 0), all CPUs allowed, times of exited threads are not kept.

import { NSIG, SIG_DFL, SIG_IGN } from '../../../uapi/signal';
import { EXIT_ZOMBIE, TASK_RUNNING, taskStateChar, type Task } from '../../sched/task';
import { task_mem, task_statm } from './task_mmu';
import { nsec_to_clock_t, ptrace_may_access } from './internal';
import { tracer_pid } from '../../ptrace';

const RLIMIT_RSS = 5;
const RLIMIT_SIGPENDING = 11;
/** ULONG_MAX, as an RLIM_INFINITY limit prints. */
const RLIM_INFINITY_STR = '18446744073709551615';

/** Task flags that stat's 9th field shows (PF_*). */
const PF_EXITING = 0x4;
const PF_FORKNOEXEC = 0x40;
const PF_RANDOMIZE = 0x400000;

/** All 41 capabilities (CAP_LAST_CAP = 40): what root has and what every bounding set holds. */
const CAP_FULL_SET = 0x1ffffffffffn;
/** MAX_NUMNODES of a distribution kernel: Mems_allowed prints 1024 bits. */
const MAX_NUMNODES = 1024;

/** The state as status spells it (task_state_array). */
export function task_state_name(t: Task): string {
  const names: Record<string, string> = {
    R: 'R (running)', S: 'S (sleeping)', D: 'D (disk sleep)', T: 'T (stopped)', t: 't (tracing stop)', X: 'X (dead)', Z: 'Z (zombie)',
  };
  return names[taskStateChar(t)]!;
}

/** A 64-bit signal set as 16 hex digits (render_sigset_t). */
function sigset_hex(set: bigint): string {
  if (set === 0n) return ZERO_SIGSET;
  return BigInt.asUintN(64, set).toString(16).padStart(16, '0');
}
const ZERO_SIGSET = '0'.repeat(16);
const CAP_FULL_HEX = CAP_FULL_SET.toString(16).padStart(16, '0');

/** The ignored and caught signals of a task's handler table (collect_sigign_sigcatch). */
function sigign_sigcatch(t: Task): [bigint, bigint] {
  // Collected as two 32-bit halves: a BigInt operation per signal costs more than the whole file.
  const lo = [0, 0];
  const hi = [0, 0];
  const action = t.sighand.action;
  for (let sig = 1; sig <= NSIG; sig++) {
    const h = action[sig]?.handler ?? SIG_DFL;
    if (h === SIG_DFL) continue;
    const which = h === SIG_IGN ? 0 : 1;
    const bit = sig - 1;
    if (bit < 32) lo[which] = (lo[which]! | (1 << bit)) >>> 0;
    else hi[which] = (hi[which]! | (1 << (bit - 32))) >>> 0;
  }
  const join = (i: number) => (BigInt(hi[i]!) << 32n) | BigInt(lo[i]!);
  return [join(0), join(1)];
}

/** Threads still counted in the process (signal->nr_threads): a zombie leader counts until reaped. */
export function nr_threads(t: Task): number {
  return t.group.threads.filter((th) => !th.isZombie || th.isLeader).length;
}

/** The parent's tgid, or 0 for a process without one (init). */
function ppid_of(t: Task): number {
  return t.parent ? t.parent.tgid : 0;
}

/** The controlling terminal as stat shows it: its device number and foreground group (no terminal: 0 and -1). */
function tty_of(t: Task): { nr: number; pgrp: number } {
  const tty = t.group.tty;
  if (!tty) return { nr: 0, pgrp: -1 };
  return { nr: tty.devnum, pgrp: tty.pgrp };
}

/** The size of the descriptor table (fdt->max_fds): 64, then multiples of 128 by powers of two. */
function fdtable_size(t: Task): number {
  const max = t.files.maxFd;
  if (max <= 64) return 64;
  const nr = Math.floor((max - 1) / 128) + 1;
  return 128 * 2 ** Math.ceil(Math.log2(nr));
}

/** Signals queued for this user across all its processes (user->sigpending). */
function user_sigpending(t: Task): number {
  const uid = t.cred.uid;
  const groups = new Set<unknown>();
  let n = 0;
  for (const p of t.kernel.tasks.values()) {
    if (p.cred.uid !== uid) continue;
    n += p.pending.queue.length;
    if (!groups.has(p.group)) {
      groups.add(p.group);
      n += p.group.sharedPending.queue.length;
    }
  }
  return n;
}

/** A CPU bitmap as %*pb prints it: 32-bit words in hex, comma separated, highest first. */
const bitmapCache = new Map<string, string>();

/** bitmap_hex for the bitmaps that do not change (the CPU and memory-node masks), made once. */
function bitmap_hex_cached(key: string, nbits: number, isSet: (bit: number) => boolean): string {
  let v = bitmapCache.get(key);
  if (v === undefined) {
    v = bitmap_hex(nbits, isSet);
    bitmapCache.set(key, v);
  }
  return v;
}

function bitmap_hex(nbits: number, isSet: (bit: number) => boolean): string {
  const words: string[] = [];
  for (let w = Math.ceil(nbits / 32) - 1; w >= 0; w--) {
    let v = 0;
    for (let b = 0; b < 32 && w * 32 + b < nbits; b++) if (isSet(w * 32 + b)) v |= 1 << b;
    const bitsInWord = Math.min(32, nbits - w * 32);
    const digits = words.length === 0 ? Math.ceil(bitsInWord / 4) : 8;
    words.push((v >>> 0).toString(16).padStart(digits, '0'));
  }
  return words.join(',');
}

/** A CPU list as %*pbl prints it: "0-1", "0". */
function cpu_list(n: number): string {
  return n === 1 ? '0' : `0-${n - 1}`;
}

/** comm as status prints it: backslash and newline escaped (seq_escape_str with "\n\\"). */
function escaped_comm(comm: string): string {
  return comm.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

// ---- status --------------------------------------------------------------------------------------

/** proc_pid_status: the labelled fields, one per line, "Name:\tvalue". */
export function proc_pid_status(t: Task): string {
  // One template per block rather than a call per line: this file is read often (ps, top, pgrep)
  // and its cost is what `bench procstatus` measures.
  const k = t.kernel;
  const c = t.cred;
  const g = t.group;
  const zombie = t.isZombie;
  const [ign, catchSet] = sigign_sigcatch(t);
  const capEff = c.euid === 0 ? CAP_FULL_SET : 0n;
  const nrCpus = k.sched.nrCpus;

  let text = `Name:\t${escaped_comm(t.comm)}\n`;
  if (!zombie) text += `Umask:\t${t.fs.umask.toString(8).padStart(4, '0')}\n`;
  text +=
    `State:\t${task_state_name(t)}\nTgid:\t${t.tgid}\nNgid:\t0\nPid:\t${t.tid}\nPPid:\t${ppid_of(t)}\n` +
    `TracerPid:\t${tracer_pid(t)}\nUid:\t${c.uid}\t${c.euid}\t${c.suid}\t${c.fsuid}\n` +
    `Gid:\t${c.gid}\t${c.egid}\t${c.sgid}\t${c.fsgid}\nFDSize:\t${zombie ? 0 : fdtable_size(t)}\n` +
    // Every group is followed by a space, so an empty list is a lone space.
    `Groups:\t${c.groups.join(' ')} \n` +
    `NStgid:\t${t.tgid}\nNSpid:\t${t.tid}\nNSpgid:\t${g.pgid}\nNSsid:\t${g.sid}\nKthread:\t0\n`;
  if (t.mm) {
    text += task_mem(t.mm);
    text += 'HugetlbPages:\t       0 kB\nCoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\n';
  }
  text +=
    `Threads:\t${nr_threads(t)}\nSigQ:\t${user_sigpending(t)}/${g.rlimits[RLIMIT_SIGPENDING]?.[0] ?? 0}\n` +
    `SigPnd:\t${sigset_hex(t.pending.set)}\nShdPnd:\t${sigset_hex(g.sharedPending.set)}\n` +
    `SigBlk:\t${sigset_hex(t.blocked)}\nSigIgn:\t${sigset_hex(ign)}\nSigCgt:\t${sigset_hex(catchSet)}\n` +
    `CapInh:\t${ZERO_SIGSET}\nCapPrm:\t${sigset_hex(capEff)}\nCapEff:\t${sigset_hex(capEff)}\n` +
    `CapBnd:\t${CAP_FULL_HEX}\nCapAmb:\t${ZERO_SIGSET}\n` +
    'NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n' +
    // What a machine without the mitigations reports (as on the reference machine).
    'Speculation_Store_Bypass:\tvulnerable\nSpeculationIndirectBranch:\talways enabled\n' +
    `Cpus_allowed:\t${bitmap_hex_cached(`cpus${nrCpus}`, nrCpus, () => true)}\nCpus_allowed_list:\t${cpu_list(nrCpus)}\n` +
    `Mems_allowed:\t${bitmap_hex_cached('mems', MAX_NUMNODES, (b) => b === 0)}\nMems_allowed_list:\t0\n` +
    `voluntary_ctxt_switches:\t${t.nvcsw}\nnonvoluntary_ctxt_switches:\t${t.nivcsw}\n`;
  return text;
}

// ---- stat ----------------------------------------------------------------------------------------

/**
 * do_task_stat: the 52 fields (see proc(5)). `whole` is /proc/<pid>/stat: times, faults and
 * thread counts for the whole process. Addresses, the wait channel and the exit code are shown
 * only to a reader that may ptrace the task (others see 0, and 1 for startcode/endcode so that
 * they can still tell a user process from a kernel thread).
 */
export function do_task_stat(reader: Task, t: Task, whole: boolean): string {
  const g = t.group;
  const mm = t.mm;
  const permitted = ptrace_may_access(reader, t);
  const tty = tty_of(t);
  const threads = whole ? g.threads : [t];
  let utime = 0;
  let stime = 0;
  for (const th of threads) {
    utime += th.utime;
    stime += th.stime;
  }
  let flags = PF_RANDOMIZE;
  if (!t.didExec) flags |= PF_FORKNOEXEC;
  if (t.isZombie) flags |= PF_EXITING;
  const [ign, catchSet] = sigign_sigcatch(t);
  const low31 = (s: bigint) => Number(s & 0x7fffffffn);
  const rsslim = g.rlimits[RLIMIT_RSS]?.[0] ?? Infinity;
  const sleeping = t.state !== TASK_RUNNING && t.state !== EXIT_ZOMBIE;
  const wchan = permitted && (!whole || threads.length < 2) && sleeping ? 1 : 0;
  const showMm = (v: number) => (mm ? (permitted ? v : 1) : 0);

  const fields: (string | number)[] = [
    t.tid, `(${t.comm})`, taskStateChar(t), ppid_of(t), g.pgid, g.sid, tty.nr, tty.pgrp,
    flags,
    mm ? mm.minFlt : 0, 0, 0, 0, // minflt cminflt majflt cmajflt
    nsec_to_clock_t(utime), nsec_to_clock_t(stime), nsec_to_clock_t(g.cutime), nsec_to_clock_t(g.cstime),
    20, 0, // priority (nice 0 → 20), nice
    nr_threads(t), 0, // num_threads, itrealvalue
    nsec_to_clock_t(t.startTime),
    mm ? mm.totalVm : 0, mm ? mm.rss : 0,
    rsslim === Infinity ? RLIM_INFINITY_STR : rsslim,
    showMm(mm?.startCode ?? 0), showMm(mm?.endCode ?? 0),
    // Simplified: our start_stack is the top of the stack area, Linux's is where argc was put.
    permitted && mm ? mm.startStack : 0,
    0, 0, // kstkesp, kstkeip: only shown while dumping core
    low31(t.pending.set), low31(t.blocked), low31(ign), low31(catchSet),
    wchan, 0, 0, // wchan, nswap, cnswap
    t.exitSignal, t.cpu, 0, 0, // exit_signal, processor, rt_priority, policy (SCHED_OTHER)
    0, 0, 0, // delayacct_blkio_ticks, guest_time, cguest_time
  ];
  if (mm && permitted) fields.push(mm.startData, mm.endData, mm.startBrk, mm.argStart, mm.argEnd, mm.envStart, mm.envEnd);
  else fields.push(0, 0, 0, 0, 0, 0, 0);
  fields.push(permitted ? t.exitCode : 0);
  return fields.join(' ') + '\n';
}

/** proc_pid_statm. */
export function proc_pid_statm(t: Task): string {
  return task_statm(t.mm);
}
