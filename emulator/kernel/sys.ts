// Identity and system information syscalls (kernel/sys.c): pids, process groups and sessions,
// user and group ids, uname, hostname, rlimits, prctl, reboot.

import { sysctl_vars } from './sysctl_tables';
import { EFAULT, EINVAL, EPERM, ESRCH, EACCES } from '../uapi/errno';
import { copy_from_user, copy_to_user, put_user_u32, StructReader, StructWriter } from './mm/uaccess';
import { processes } from './signal';
import { RLIM_INFINITY, RLIM_NLIMITS, RLIMIT_NOFILE } from '../uapi/resource';
import { EXIT_DEAD, type Task } from './sched/task';
import type { SyscallGroup } from './syscalls/types';
import { UTSNAME_FIELDS, UTSNAME_LENGTH, UTSNAME_SIZE } from '../uapi/utsname';

// ---- pids ---------------------------------------------------------------------------------------

const sys_getpid = (t: Task) => t.tgid;
const sys_gettid = (t: Task) => t.tid;
const sys_getppid = (t: Task) => t.leader.parent?.tgid ?? 0;

function findProcess(t: Task, pid: number): Task | null {
  if (pid === 0) return t.leader;
  const p = t.kernel.tasks.get(pid);
  return p && p.isLeader && p.state !== EXIT_DEAD ? p : null;
}

export function sys_getpgid(t: Task, pid: number): number {
  const p = findProcess(t, pid | 0);
  return p ? p.group.pgid : -ESRCH;
}

const sys_getpgrp = (t: Task) => t.group.pgid;

export function sys_getsid(t: Task, pid: number): number {
  const p = findProcess(t, pid | 0);
  return p ? p.group.sid : -ESRCH;
}

/**
 * setpgid(2): move a process (ourselves or a child that has not exec'd) into a process group of
 * the same session. This is how a shell builds jobs.
 */
export function sys_setpgid(t: Task, pidArg: number, pgidArg: number): number {
  let pid = pidArg | 0;
  let pgid = pgidArg | 0;
  if (pgid < 0) return -EINVAL;
  if (pid === 0) pid = t.tgid;
  if (pgid === 0) pgid = pid;
  const p = t.kernel.tasks.get(pid);
  if (!p || !p.isLeader || p.state === EXIT_DEAD) return -ESRCH;
  if (p !== t.leader) {
    if (p.parent !== t.leader) return -ESRCH;
    if (p.group.sid !== t.group.sid) return -EPERM;
    if (p.didExec) return -EACCES;
  }
  if (p.group.sid === p.tgid) return -EPERM; // a session leader cannot move
  if (pgid !== pid && !processes(t).some((q) => q.group.pgid === pgid && q.group.sid === t.group.sid)) return -EPERM;
  p.group.pgid = pgid;
  return 0;
}

/** setsid(2): a new session and process group led by the caller, with no controlling terminal. */
export function sys_setsid(t: Task): number {
  const pid = t.tgid;
  if (processes(t).some((q) => q.group.pgid === pid)) return -EPERM;
  t.group.sid = pid;
  t.group.pgid = pid;
  t.group.tty = null;
  return pid;
}

// ---- credentials -----------------------------------------------------------------------------------

const sys_getuid = (t: Task) => t.cred.uid;
const sys_geteuid = (t: Task) => t.cred.euid;
const sys_getgid = (t: Task) => t.cred.gid;
const sys_getegid = (t: Task) => t.cred.egid;

const ID_NONE = 0xffffffff;
const asId = (v: number) => v >>> 0;

/** setuid(2): privileged callers set all three ids; others only the effective one, to real or saved. */
export function sys_setuid(t: Task, uidArg: number): number {
  const uid = asId(uidArg);
  if (uid === ID_NONE) return -EINVAL;
  const c = t.cred;
  if (c.capable()) {
    c.uid = c.euid = c.suid = c.fsuid = uid;
  } else if (uid === c.uid || uid === c.suid) {
    c.euid = c.fsuid = uid;
  } else return -EPERM;
  return 0;
}

export function sys_setgid(t: Task, gidArg: number): number {
  const gid = asId(gidArg);
  if (gid === ID_NONE) return -EINVAL;
  const c = t.cred;
  if (c.capable()) {
    c.gid = c.egid = c.sgid = c.fsgid = gid;
  } else if (gid === c.gid || gid === c.sgid) {
    c.egid = c.fsgid = gid;
  } else return -EPERM;
  return 0;
}

/** setresuid(2) / setreuid(2): -1 leaves an id alone; unprivileged callers may only pick existing ids. */
function setres(t: Task, which: 'u' | 'g', r: number, e: number, s: number): number {
  const c = t.cred;
  const cur = which === 'u' ? [c.uid, c.euid, c.suid] : [c.gid, c.egid, c.sgid];
  const want = [asId(r), asId(e), asId(s)];
  if (!c.capable() && want.some((v) => v !== ID_NONE && !cur.includes(v))) return -EPERM;
  const [nr, ne, ns] = want.map((v, i) => (v === ID_NONE ? cur[i]! : v));
  if (which === 'u') {
    c.uid = nr!; c.euid = ne!; c.suid = ns!; c.fsuid = ne!;
  } else {
    c.gid = nr!; c.egid = ne!; c.sgid = ns!; c.fsgid = ne!;
  }
  return 0;
}

const sys_setresuid = (t: Task, r: number, e: number, s: number) => setres(t, 'u', r, e, s);
const sys_setresgid = (t: Task, r: number, e: number, s: number) => setres(t, 'g', r, e, s);

function sys_setreuid(t: Task, r: number, e: number): number {
  const c = t.cred;
  // If the real id changes, or the effective one is set to something other than the old real id,
  // the saved id follows the new effective id.
  const newE = asId(e) === ID_NONE ? c.euid : asId(e);
  const s = asId(r) !== ID_NONE || newE !== c.uid ? newE : ID_NONE;
  return setres(t, 'u', r, e, s);
}

function sys_setregid(t: Task, r: number, e: number): number {
  const c = t.cred;
  const newE = asId(e) === ID_NONE ? c.egid : asId(e);
  const s = asId(r) !== ID_NONE || newE !== c.gid ? newE : ID_NONE;
  return setres(t, 'g', r, e, s);
}

function getres(t: Task, ids: number[], addrs: number[]): number {
  for (let i = 0; i < 3; i++) if (put_user_u32(t, addrs[i]!, ids[i]!) < 0) return -EFAULT;
  return 0;
}

const sys_getresuid = (t: Task, r: number, e: number, s: number) => getres(t, [t.cred.uid, t.cred.euid, t.cred.suid], [r, e, s]);
const sys_getresgid = (t: Task, r: number, e: number, s: number) => getres(t, [t.cred.gid, t.cred.egid, t.cred.sgid], [r, e, s]);

function sys_getgroups(t: Task, size: number, list: number): number {
  const g = t.cred.groups;
  if ((size | 0) < 0) return -EINVAL;
  if (size === 0) return g.length;
  if (size < g.length) return -EINVAL;
  const w = new StructWriter(g.length * 4);
  g.forEach((v, i) => w.u32(i * 4, v));
  return copy_to_user(t, list, w.bytes) < 0 ? -EFAULT : g.length;
}

function sys_setgroups(t: Task, size: number, list: number): number {
  if (!t.cred.capable()) return -EPERM;
  if ((size | 0) < 0 || size > 65536) return -EINVAL;
  const raw = copy_from_user(t, list, size * 4);
  if (typeof raw === 'number') return raw;
  const r = new StructReader(raw);
  t.cred.groups = Array.from({ length: size }, (_, i) => r.u32(i * 4));
  return 0;
}

const sys_setfsuid = (t: Task, uid: number) => {
  const old = t.cred.fsuid;
  if (t.cred.capable() || [t.cred.uid, t.cred.euid, t.cred.suid].includes(asId(uid))) t.cred.fsuid = asId(uid);
  return old;
};

const sys_setfsgid = (t: Task, gid: number) => {
  const old = t.cred.fsgid;
  if (t.cred.capable() || [t.cred.gid, t.cred.egid, t.cred.sgid].includes(asId(gid))) t.cred.fsgid = asId(gid);
  return old;
};

// ---- uname and hostname ----------------------------------------------------------------------------

/** struct utsname: six 65-byte fields. */
function sys_uname(t: Task, buf: number): number {
  const u = t.kernel.utsname;
  const w = new StructWriter(UTSNAME_SIZE);
  UTSNAME_FIELDS.forEach((name, i) => w.str(i * UTSNAME_LENGTH, u[name], UTSNAME_LENGTH));
  return copy_to_user(t, buf, w.bytes) < 0 ? -EFAULT : 0;
}

function setUtsField(t: Task, field: 'nodename' | 'domainname', name: number, len: number): number {
  if (!t.cred.capable()) return -EPERM;
  if ((len | 0) < 0 || len > 64) return -EINVAL;
  const raw = copy_from_user(t, name, len);
  if (typeof raw === 'number') return raw;
  t.kernel.utsname[field] = String.fromCharCode(...raw);
  return 0;
}

const sys_sethostname = (t: Task, name: number, len: number) => setUtsField(t, 'nodename', name, len);
const sys_setdomainname = (t: Task, name: number, len: number) => setUtsField(t, 'domainname', name, len);

// ---- resource limits -------------------------------------------------------------------------------



const toUser = (v: number) => (v === Infinity ? RLIM_INFINITY : BigInt(v));
const fromUser = (v: bigint) => (v === RLIM_INFINITY ? Infinity : Number(v));

function do_prlimit(t: Task, target: Task, resource: number, newAddr: number, oldAddr: number): number {
  if (resource < 0 || resource >= RLIM_NLIMITS) return -EINVAL;
  const lim = target.group.rlimits[resource]!;
  let next: [number, number] | null = null;
  if (newAddr !== 0) {
    const raw = copy_from_user(t, newAddr, 16);
    if (typeof raw === 'number') return raw;
    const r = new StructReader(raw);
    next = [fromUser(r.u64(0)), fromUser(r.u64(8))];
    if (next[0] > next[1]) return -EINVAL;
    // Not even root may allow more descriptors than fs.nr_open.
    if (resource === RLIMIT_NOFILE && next[1] > sysctl_vars(t.kernel).nr_open[0]!) return -EPERM;
    if (next[1] > lim[1] && !t.cred.capable()) return -EPERM;
  }
  if (oldAddr !== 0) {
    const w = new StructWriter(16).u64(0, toUser(lim[0])).u64(8, toUser(lim[1]));
    if (copy_to_user(t, oldAddr, w.bytes) < 0) return -EFAULT;
  }
  if (next) target.group.rlimits[resource] = next;
  return 0;
}

const sys_getrlimit = (t: Task, res: number, rlim: number) => do_prlimit(t, t, res | 0, 0, rlim);
const sys_setrlimit = (t: Task, res: number, rlim: number) => do_prlimit(t, t, res | 0, rlim, 0);

function sys_prlimit64(t: Task, pid: number, res: number, newAddr: number, oldAddr: number): number {
  const p = findProcess(t, pid | 0);
  if (!p) return -ESRCH;
  return do_prlimit(t, p, res | 0, newAddr, oldAddr);
}

// ---- misc -------------------------------------------------------------------------------------------

const PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_SET_NAME = 15, PR_GET_NAME = 16;
const PR_SET_TIMERSLACK = 29, PR_GET_TIMERSLACK = 30;
/** init_task's timer_slack_ns, which every task inherits: 50 µs. */
const DEFAULT_TIMER_SLACK_NS = 50_000;

/** prctl(2): the options our programs use; others are EINVAL as on a kernel without them. */
function sys_prctl(t: Task, option: number, arg2: number): number {
  switch (option | 0) {
    case PR_SET_NAME: {
      const raw = copy_from_user(t, arg2, 16);
      if (typeof raw === 'number') return raw;
      const end = raw.indexOf(0);
      t.comm = String.fromCharCode(...raw.subarray(0, end < 0 ? 15 : Math.min(end, 15)));
      return 0;
    }
    case PR_GET_NAME:
      return copy_to_user(t, arg2, new StructWriter(16).str(0, t.comm, 16).bytes) < 0 ? -EFAULT : 0;
    case PR_SET_PDEATHSIG:
      return (arg2 | 0) < 0 || arg2 > 64 ? -EINVAL : 0;
    case PR_GET_PDEATHSIG:
      return put_user_u32(t, arg2, 0) < 0 ? -EFAULT : 0;
    // The same value as /proc/<pid>/timerslack_ns; 0 (or less) restores the default.
    case PR_SET_TIMERSLACK:
      t.timerSlackNs = arg2 > 0 ? arg2 : DEFAULT_TIMER_SLACK_NS;
      return 0;
    case PR_GET_TIMERSLACK:
      return t.timerSlackNs;
    default:
      return -EINVAL;
  }
}

const ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;

function sys_arch_prctl(t: Task, code: number, addr: number): number {
  const regs = t.uctx.regs;
  switch (code | 0) {
    case ARCH_SET_FS: if (addr >= 0x800000000000 || addr < 0) return -EPERM; regs.fs_base = addr; return 0;
    case ARCH_SET_GS: if (addr >= 0x800000000000 || addr < 0) return -EPERM; regs.gs_base = addr; return 0;
    case ARCH_GET_FS: return copy_to_user(t, addr, new StructWriter(8).u64(0, regs.fs_base).bytes) < 0 ? -EFAULT : 0;
    case ARCH_GET_GS: return copy_to_user(t, addr, new StructWriter(8).u64(0, regs.gs_base).bytes) < 0 ? -EFAULT : 0;
    default: return -EINVAL;
  }
}

function sys_set_tid_address(t: Task, tidptr: number): number {
  t.clearChildTid = tidptr;
  return t.tid;
}

const LINUX_REBOOT_MAGIC1 = 0xfee1dead;
const LINUX_REBOOT_MAGIC2 = [672274793, 85072278, 369367448, 537993216];
const LINUX_REBOOT_CMD_RESTART = 0x01234567, LINUX_REBOOT_CMD_HALT = 0xcdef0123, LINUX_REBOOT_CMD_POWER_OFF = 0x4321fedc;
const LINUX_REBOOT_CMD_CAD_ON = 0x89abcdef, LINUX_REBOOT_CMD_CAD_OFF = 0;

/**
 * reboot(2). Power-off and halt stop the machine. Ringside extension (like QEMU's isa-debug-exit
 * device): for POWER_OFF, `arg` is the exit status the host reports for the session, so init can
 * hand the console command's status to `ringside run`.
 */
function sys_reboot(t: Task, magic1: number, magic2: number, cmd: number, arg: number): number {
  if (!t.cred.capable()) return -EPERM;
  if (magic1 >>> 0 !== LINUX_REBOOT_MAGIC1 || !LINUX_REBOOT_MAGIC2.includes(magic2 >>> 0)) return -EINVAL;
  switch (cmd >>> 0) {
    case LINUX_REBOOT_CMD_POWER_OFF:
    case LINUX_REBOOT_CMD_HALT:
      t.kernel.powerOff(cmd >>> 0 === LINUX_REBOOT_CMD_POWER_OFF ? arg & 0xff : 0);
      return 0;
    case LINUX_REBOOT_CMD_RESTART:
      t.kernel.powerOff(0, true);
      return 0;
    case LINUX_REBOOT_CMD_CAD_ON:
    case LINUX_REBOOT_CMD_CAD_OFF:
      return 0;
    default:
      return -EINVAL;
  }
}

/** struct sysinfo (112 bytes). */
function sys_sysinfo(t: Task, info: number): number {
  const k = t.kernel;
  const w = new StructWriter(112);
  w.i64(0, Math.floor(k.clock.now() / 1e9));
  const load = k.loadavg();
  load.forEach((l, i) => w.u64(8 + i * 8, Math.round(l * 65536)));
  w.u64(32, k.phys.totalBytes).u64(40, (k.phys.limitPages - k.phys.used) * 4096);
  w.u16(80, k.tasks.size).u32(104, 1);
  return copy_to_user(t, info, w.bytes) < 0 ? -EFAULT : 0;
}

/** getrusage(2): RUSAGE_SELF 0, RUSAGE_CHILDREN -1, RUSAGE_THREAD 1. */
function sys_getrusage(t: Task, who: number, ru: number): number {
  let u: number, s: number;
  switch (who | 0) {
    case 0: u = t.group.threads.reduce((a, th) => a + th.utime, 0); s = t.group.threads.reduce((a, th) => a + th.stime, 0); break;
    case -1: u = t.group.cutime; s = t.group.cstime; break;
    case 1: u = t.utime; s = t.stime; break;
    default: return -EINVAL;
  }
  const w = new StructWriter(144);
  w.i64(0, Math.floor(u / 1e9)).i64(8, Math.floor((u % 1e9) / 1e3)).i64(16, Math.floor(s / 1e9)).i64(24, Math.floor((s % 1e9) / 1e3));
  w.i64(64, t.mm?.minFlt ?? 0).i64(128, t.nvcsw).i64(136, t.nivcsw);
  return copy_to_user(t, ru, w.bytes) < 0 ? -EFAULT : 0;
}

/** times(2): clock ticks (USER_HZ = 100) for the process and its reaped children. */
function sys_times(t: Task, buf: number): number {
  const tick = (ns: number) => Math.floor(ns / 1e7);
  if (buf !== 0) {
    const u = t.group.threads.reduce((a, th) => a + th.utime, 0);
    const s = t.group.threads.reduce((a, th) => a + th.stime, 0);
    const w = new StructWriter(32).i64(0, tick(u)).i64(8, tick(s)).i64(16, tick(t.group.cutime)).i64(24, tick(t.group.cstime));
    if (copy_to_user(t, buf, w.bytes) < 0) return -EFAULT;
  }
  return tick(t.kernel.clock.now()) + 429496729; // Linux starts jiffies near wrap-around; USER_HZ view
}

function sys_getcpu(t: Task, cpup: number, nodep: number): number {
  if (cpup !== 0 && put_user_u32(t, cpup, t.cpu) < 0) return -EFAULT;
  if (nodep !== 0 && put_user_u32(t, nodep, 0) < 0) return -EFAULT;
  return 0;
}

/** sched_getaffinity(2): every virtual CPU; returns the size of the kernel's mask (8 bytes). */
function sys_sched_getaffinity(t: Task, pid: number, len: number, mask: number): number {
  if (!findProcess(t, pid | 0) && !t.kernel.tasks.get(pid | 0)) return -ESRCH;
  if ((len >>> 0) < 8 || len % 8 !== 0) return -EINVAL;
  const bits = (1n << BigInt(t.kernel.sched.nrCpus)) - 1n;
  return copy_to_user(t, mask, new StructWriter(8).u64(0, bits).bytes) < 0 ? -EFAULT : 8;
}

/** sched_setaffinity(2): accepted when the mask names at least one CPU we have (affinity is not enforced yet). */
function sys_sched_setaffinity(t: Task, pid: number, len: number, mask: number): number {
  if (!findProcess(t, pid | 0) && !t.kernel.tasks.get(pid | 0)) return -ESRCH;
  const raw = copy_from_user(t, mask, Math.min(len >>> 0, 8));
  if (typeof raw === 'number') return raw;
  const cpus = raw.reduce((acc, b, i) => acc | (BigInt(b) << BigInt(8 * i)), 0n);
  return cpus & ((1n << BigInt(t.kernel.sched.nrCpus)) - 1n) ? 0 : -EINVAL;
}

function sys_sched_yield(t: Task): number {
  t.kernel.yieldRequested = true;
  return 0;
}

/** getrandom(2): bytes from the machine's seeded generator (GRND_NONBLOCK/GRND_RANDOM accepted). */
function sys_getrandom(t: Task, buf: number, count: number, flags: number): number {
  if (flags & ~7) return -EINVAL;
  const n = Math.min(count >>> 0, 33554431);
  const bytes = new Uint8Array(n);
  t.kernel.random.fill(bytes);
  return copy_to_user(t, buf, bytes) < 0 ? -EFAULT : n;
}

export const sysSyscalls: SyscallGroup = {
  getpid: sys_getpid,
  gettid: sys_gettid,
  getppid: sys_getppid,
  getpgid: sys_getpgid,
  getpgrp: sys_getpgrp,
  getsid: sys_getsid,
  setpgid: sys_setpgid,
  setsid: sys_setsid,
  getuid: sys_getuid,
  geteuid: sys_geteuid,
  getgid: sys_getgid,
  getegid: sys_getegid,
  setuid: sys_setuid,
  setgid: sys_setgid,
  setreuid: sys_setreuid,
  setregid: sys_setregid,
  setresuid: sys_setresuid,
  setresgid: sys_setresgid,
  getresuid: sys_getresuid,
  getresgid: sys_getresgid,
  getgroups: sys_getgroups,
  setgroups: sys_setgroups,
  setfsuid: sys_setfsuid,
  setfsgid: sys_setfsgid,
  uname: sys_uname,
  sethostname: sys_sethostname,
  setdomainname: sys_setdomainname,
  getrlimit: sys_getrlimit,
  setrlimit: sys_setrlimit,
  prlimit64: sys_prlimit64,
  prctl: sys_prctl,
  arch_prctl: sys_arch_prctl,
  set_tid_address: sys_set_tid_address,
  reboot: sys_reboot,
  sysinfo: sys_sysinfo,
  getrusage: sys_getrusage,
  times: sys_times,
  getcpu: sys_getcpu,
  sched_yield: sys_sched_yield,
  sched_getaffinity: sys_sched_getaffinity,
  sched_setaffinity: sys_sched_setaffinity,
  getrandom: sys_getrandom,
};
