// The tables behind /proc/sys/{kernel,vm,fs,net} (Linux spreads them over kernel/sysctl.c,
// kernel/utsname_sysctl.c, kernel/pid.c, drivers/char/random.c, ipc/ipc_sysctl.c, mm/, fs/,
// net/core/ and net/ipv4/; here they are gathered in one file, each table saying where Linux
// keeps it). Values live in the subsystem that uses them where one exists (the pid allocator's
// pid_max, the utsname), and otherwise in this machine's `SysctlVars`, which the subsystems read.
//
// Simplified: tunables whose subsystem is not modelled yet (swappiness, dirty_ratio, overcommit,
// ip_forward …) are stored and range-checked exactly as Linux does but do not change behaviour.

import type { Kernel } from './kernel';
import type { Task } from './sched/task';
import type { File } from './fs/file';
import {
  int_ref, ints, proc_dointvec, proc_dointvec_minmax, proc_dointvec_minmax_sysadmin, proc_dostring,
  proc_douintvec_minmax, proc_doulongvec_minmax, register_sysctl, sysctl_initcall, SYSCTL_INT_MAX, SYSCTL_ONE,
  SYSCTL_TWO, SYSCTL_ZERO, type CtlString, type CtlTable, type CtlUlongs, type ProcHandler,
} from './sysctl';
import { EINVAL } from '../uapi/errno';
import { UTSNAME_LENGTH } from '../uapi/utsname';
import { console_printk, get_dmesg_restrict, set_dmesg_restrict } from './printk/printk';

/** The machine's tunables that no other subsystem keeps (Linux's globals such as sysctl_overcommit_memory). */
export interface SysctlVars {
  kptr_restrict: number[];
  randomize_va_space: number[];
  panic: number[];
  /** SysV IPC limits (ipc_namespace's shm_ctlmax …): read by ipc/ through ipc_sysctl(). */
  shmmax: bigint[];
  shmall: bigint[];
  shmmni: number[];
  msgmax: number[];
  msgmnb: number[];
  msgmni: number[];
  sem: number[];
  overcommit_memory: number[];
  overcommit_ratio: number[];
  swappiness: number[];
  max_map_count: number[];
  dirty_ratio: number[];
  file_max: bigint[];
  nr_open: number[];
  pipe_max_size: number[];
  protected_symlinks: number[];
  protected_hardlinks: number[];
  protected_fifos: number[];
  protected_regular: number[];
  ip_forward: number[];
  ip_local_port_range: number[];
  somaxconn: number[];
  /** A UUID made at boot (random.c's sysctl_bootid). */
  boot_id: string;
}

const vars = new WeakMap<Kernel, SysctlVars>();

/** NR_FILE and the per-10-KiB-of-memory rule of files_maxfiles_init. */
function files_maxfiles(k: Kernel): bigint {
  const memKb = k.phys.limitPages * 4;
  return BigInt(Math.max(Math.floor(memKb / 10), 8192));
}

export function sysctl_vars(k: Kernel): SysctlVars {
  let v = vars.get(k);
  if (!v) {
    v = {
      kptr_restrict: [0],
      randomize_va_space: [2],
      panic: [0],
      shmmax: [(1n << 64n) - 1n - (1n << 24n)],
      shmall: [(1n << 64n) - 1n - (1n << 24n)],
      shmmni: [4096],
      msgmax: [8192],
      msgmnb: [16384],
      msgmni: [32000],
      sem: [32000, 1024000000, 500, 32000], // SEMMSL SEMMNS SEMOPM SEMMNI
      overcommit_memory: [0],
      overcommit_ratio: [50],
      swappiness: [60],
      max_map_count: [65530],
      dirty_ratio: [20],
      file_max: [files_maxfiles(k)],
      nr_open: [1024 * 1024],
      pipe_max_size: [1048576],
      protected_symlinks: [1],
      protected_hardlinks: [1],
      protected_fifos: [1],
      protected_regular: [2],
      ip_forward: [0],
      ip_local_port_range: [32768, 60999],
      somaxconn: [4096],
      boot_id: uuid(k),
    };
    vars.set(k, v);
  }
  return v;
}

/** The SysV IPC limits as ipc/ should enforce them (kernel.shmmax, msgmnb, sem …). */
export function ipc_sysctl(k: Kernel): Pick<SysctlVars, 'shmmax' | 'shmall' | 'shmmni' | 'msgmax' | 'msgmnb' | 'msgmni' | 'sem'> {
  return sysctl_vars(k);
}

/** A random version-4 UUID as random.c's proc_do_uuid prints it. */
function uuid(k: Kernel): string {
  const b = new Uint8Array(16);
  k.random.fill(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const str = (get: () => string, set: (v: string) => void = () => {}): CtlString => ({ get, set });
const ulongs = (values: bigint[]): CtlUlongs => ({ get: () => values, set: (v) => v.forEach((x, i) => (values[i] = x)) });

/** Entries of a table (the C initialisers), with the common fields spelled once. */
function I(procname: string, mode: number, data: number[], handler: ProcHandler = proc_dointvec, extra1?: number, extra2?: number): CtlTable {
  return { procname, mode, maxlen: 4 * data.length, data: ints(data), proc_handler: handler, extra1, extra2 };
}

// ---- kernel/utsname_sysctl.c -----------------------------------------------------------------------

/** proc_do_uts_string: the utsname fields; ostype, osrelease and version are read-only. */
function uts_table(k: Kernel): CtlTable[] {
  const u = k.utsname;
  const uts = (procname: string, mode: number, field: 'sysname' | 'release' | 'version' | 'nodename' | 'domainname'): CtlTable => ({
    procname, mode, maxlen: UTSNAME_LENGTH, data: str(() => u[field], (v) => (u[field] = v)), proc_handler: proc_dostring,
  });
  return [
    uts('ostype', 0o444, 'sysname'),
    uts('osrelease', 0o444, 'release'),
    uts('version', 0o444, 'version'),
    uts('hostname', 0o644, 'nodename'),
    uts('domainname', 0o644, 'domainname'),
  ];
}

// ---- kernel/sysctl.c, kernel/pid.c, kernel/fork.c, kernel/printk/sysctl.c ------------------------

/** PID_MAX_LIMIT and RESERVED_PIDS + 1: the range pid_max may be set to. */
const PID_MAX_LIMIT = 4 * 1024 * 1024;
const PID_MAX_MIN = 301;
/** MIN_THREADS and FUTEX_TID_MASK: the range of threads-max (sysctl_max_threads). */
const MIN_THREADS = 20;
const MAX_THREADS = 0x3fffffff;
/** CAP_LAST_CAP: the highest capability number this kernel knows. */
const CAP_LAST_CAP = 40;
/** NGROUPS_MAX. */
const NGROUPS_MAX = 65536;

function kern_table(k: Kernel, v: SysctlVars): CtlTable[] {
  return [
    {
      procname: 'pid_max', mode: 0o644, maxlen: 4, proc_handler: proc_dointvec_minmax, extra1: PID_MAX_MIN, extra2: PID_MAX_LIMIT,
      data: int_ref(() => k.pidMax, (x) => (k.pidMax = x)),
    },
    {
      procname: 'threads-max', mode: 0o644, maxlen: 4, proc_handler: proc_dointvec_minmax, extra1: MIN_THREADS, extra2: MAX_THREADS,
      data: int_ref(() => k.maxThreads, (x) => (k.maxThreads = x)),
    },
    // kernel/printk/sysctl.c: the log's own console_printk[] and dmesg_restrict.
    { procname: 'printk', mode: 0o644, maxlen: 16, data: ints(console_printk(k)), proc_handler: proc_dointvec },
    {
      procname: 'dmesg_restrict', mode: 0o644, maxlen: 4, proc_handler: proc_dointvec_minmax_sysadmin, extra1: SYSCTL_ZERO, extra2: SYSCTL_ONE,
      data: int_ref(() => get_dmesg_restrict(k), (x) => set_dmesg_restrict(k, x)),
    },
    I('kptr_restrict', 0o644, v.kptr_restrict, proc_dointvec_minmax_sysadmin, SYSCTL_ZERO, SYSCTL_TWO),
    I('randomize_va_space', 0o644, v.randomize_va_space),
    I('panic', 0o644, v.panic),
    { procname: 'ngroups_max', mode: 0o444, maxlen: 4, data: ints([NGROUPS_MAX]), proc_handler: proc_dointvec },
    { procname: 'cap_last_cap', mode: 0o444, maxlen: 4, data: ints([CAP_LAST_CAP]), proc_handler: proc_dointvec },
    // ipc/ipc_sysctl.c
    { procname: 'shmmax', mode: 0o644, maxlen: 8, data: ulongs(v.shmmax), proc_handler: proc_doulongvec_minmax },
    { procname: 'shmall', mode: 0o644, maxlen: 8, data: ulongs(v.shmall), proc_handler: proc_doulongvec_minmax },
    I('shmmni', 0o644, v.shmmni, proc_dointvec_minmax, SYSCTL_ZERO, 1 << 15 /* IPCMNI */),
    I('msgmax', 0o644, v.msgmax, proc_dointvec_minmax, SYSCTL_ZERO, SYSCTL_INT_MAX),
    I('msgmnb', 0o644, v.msgmnb, proc_dointvec_minmax, SYSCTL_ZERO, SYSCTL_INT_MAX),
    I('msgmni', 0o644, v.msgmni, proc_dointvec_minmax, SYSCTL_ZERO, 1 << 15),
    I('sem', 0o644, v.sem, proc_dointvec),
  ];
}

// ---- drivers/char/random.c ------------------------------------------------------------------------

/** random/: boot_id is fixed per boot, uuid is a new one at every read; the pool is always full. */
function random_table(k: Kernel, v: SysctlVars): CtlTable[] {
  return [
    { procname: 'poolsize', mode: 0o444, maxlen: 4, data: ints([256]), proc_handler: proc_dointvec },
    { procname: 'entropy_avail', mode: 0o444, maxlen: 4, data: ints([256]), proc_handler: proc_dointvec },
    { procname: 'boot_id', mode: 0o444, maxlen: 37, data: str(() => v.boot_id), proc_handler: proc_dostring },
    {
      procname: 'uuid', mode: 0o444, maxlen: 37, data: str(() => ''),
      // proc_do_uuid: a fresh UUID for each read from the start of the file.
      proc_handler: (table, write, buf, ppos, t) => {
        if (write) return -EINVAL;
        const fresh = uuid(k);
        return proc_dostring({ ...table, data: str(() => fresh) }, write, buf, ppos, t);
      },
    },
  ];
}

// ---- mm/ ---------------------------------------------------------------------------------------------

function vm_table(v: SysctlVars): CtlTable[] {
  return [
    I('overcommit_memory', 0o644, v.overcommit_memory, proc_dointvec_minmax, SYSCTL_ZERO, SYSCTL_TWO),
    I('overcommit_ratio', 0o644, v.overcommit_ratio, proc_dointvec),
    I('swappiness', 0o644, v.swappiness, proc_dointvec_minmax, SYSCTL_ZERO, 200),
    I('max_map_count', 0o644, v.max_map_count, proc_dointvec_minmax, SYSCTL_ZERO),
    I('dirty_ratio', 0o644, v.dirty_ratio, proc_dointvec_minmax, SYSCTL_ZERO, 100),
  ];
}

// ---- fs/file_table.c, fs/file.c, fs/pipe.c, fs/namei.c ----------------------------------------------

/** get_nr_files: the open files of the machine (each struct file once, however many descriptors share it). */
export function get_nr_files(k: Kernel): number {
  const seen = new Set<File>();
  const tables = new Set<Task['files']>();
  for (const t of k.tasks.values()) {
    if (!t.files || tables.has(t.files) || t.files.users === 0) continue;
    tables.add(t.files);
    for (const e of t.files.entries()) seen.add(e.file);
  }
  return seen.size;
}

/** sysctl_nr_open_min and _max: BITS_PER_LONG and the largest table a 32-bit count allows. */
const NR_OPEN_MIN = 64;
const NR_OPEN_MAX = 0x7fffffff & ~63;

function fs_table(k: Kernel, v: SysctlVars): CtlTable[] {
  return [
    { procname: 'file-max', mode: 0o644, maxlen: 8, data: ulongs(v.file_max), proc_handler: proc_doulongvec_minmax, extra1: 0n, extra2: (1n << 63n) - 1n },
    {
      // proc_nr_files: allocated, free (always 0 since 2.6), maximum.
      procname: 'file-nr', mode: 0o444, maxlen: 24, proc_handler: proc_doulongvec_minmax,
      data: { get: () => [BigInt(get_nr_files(k)), 0n, v.file_max[0]!], set: () => {} },
    },
    I('nr_open', 0o644, v.nr_open, proc_dointvec_minmax, NR_OPEN_MIN, NR_OPEN_MAX),
    // proc_dopipe_max_size: at least one page.
    I('pipe-max-size', 0o644, v.pipe_max_size, proc_douintvec_minmax, 4096, 0x80000000),
    I('protected_symlinks', 0o644, v.protected_symlinks, proc_dointvec_minmax, SYSCTL_ZERO, SYSCTL_ONE),
    I('protected_hardlinks', 0o644, v.protected_hardlinks, proc_dointvec_minmax, SYSCTL_ZERO, SYSCTL_ONE),
    I('protected_fifos', 0o644, v.protected_fifos, proc_dointvec_minmax, SYSCTL_ZERO, SYSCTL_TWO),
    I('protected_regular', 0o644, v.protected_regular, proc_dointvec_minmax, SYSCTL_ZERO, SYSCTL_TWO),
  ];
}

// ---- net/core/sysctl_net_core.c, net/ipv4/sysctl_net_ipv4.c -------------------------------------------

/**
 * ipv4_local_port_range: two ports, each within 1..65535, the first not above the second
 * (Linux also wants them of different parity in some versions; 6.x only warns).
 */
const ipv4_local_port_range: ProcHandler = (table, write, buf, ppos, t) => {
  const cur = (table.data as { get(): number[] }).get();
  const tmp = [cur[0]!, cur[1]!];
  const r = proc_dointvec_minmax({ ...table, data: ints(tmp), extra1: 1, extra2: 65535 }, write, buf, ppos, t);
  if (write && r === 0) {
    if (tmp[1]! < tmp[0]!) return -EINVAL;
    cur[0] = tmp[0]!;
    cur[1] = tmp[1]!;
  }
  return r;
};

function net_tables(k: Kernel, v: SysctlVars): void {
  register_sysctl(k, 'net/core', [I('somaxconn', 0o644, v.somaxconn, proc_dointvec_minmax, SYSCTL_ZERO)]);
  register_sysctl(k, 'net/ipv4', [
    // devinet_sysctl_forward: proc_dointvec, then every interface's forwarding follows.
    I('ip_forward', 0o644, v.ip_forward, proc_dointvec),
    { procname: 'ip_local_port_range', mode: 0o644, maxlen: 8, data: ints(v.ip_local_port_range), proc_handler: ipv4_local_port_range },
  ]);
}

sysctl_initcall((k) => {
  const v = sysctl_vars(k);
  register_sysctl(k, 'kernel', [...uts_table(k), ...kern_table(k, v)]);
  register_sysctl(k, 'kernel/random', random_table(k, v));
  register_sysctl(k, 'vm', vm_table(v));
  register_sysctl(k, 'fs', fs_table(k, v));
  net_tables(k, v);
});
