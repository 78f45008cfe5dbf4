// /proc/<pid>/ and /proc/<pid>/task/<tid>/ (fs/proc/base.c): the directory of one process and of
// one of its threads. Each is a fixed table of entries (tgid_base_stuff, tid_base_stuff); looking
// a name up makes an inode about the task, and every later lookup checks the task still exists.
//
// What is here: stat, status, statm (array.ts), maps and smaps (task_mmu.ts), mem (mem.ts),
// cmdline, environ, comm, the cwd/root/exe magic links, fd/ and fdinfo/ (fd.ts), limits
// (limits.ts), io (io.ts), syscall and wchan (syscall.ts), oom_score and oom_score_adj (oom.ts),
// loginuid and sessionid (loginuid.ts),
// personality, cgroup, timerslack_ns, mounts and mountinfo, task/ (one directory per thread) and,
// per thread, children, and auxv. Not here: ns/ (the kernel has no namespaces yet), sched, attr/,
// pagemap and the rest of Linux's list.

import { EACCES, EINVAL, ENOENT, EPERM, ESRCH } from '../../../uapi/errno';
import { AT_FDCWD } from '../../../uapi/fcntl';
import { S_IFDIR, S_IFLNK, S_IFREG } from '../../../uapi/stat';
import { FAULT_OK, type MM } from '../../mm/mm';
import type { Task } from '../../sched/task';
import { d_path } from '../d_path';
import type { Dentry } from '../dentry';
import type { File } from '../file';
import type { DirContext, FileOperations, FilePos, InodeOperations } from '../fs';
import type { Inode } from '../inode';
import { generic_read_dir, stringOf } from '../libfs';
import { kernel_walk_ctx, LOOKUP_FOLLOW, vfs_path_lookup } from '../namei';
import type { Path } from '../path';
import { do_task_stat, proc_pid_statm, proc_pid_status } from './array';
import {
  PROC_FD_DIR_MODE, proc_fd_inode_operations, proc_fd_operations, proc_fdinfo_inode_operations, proc_fdinfo_operations,
} from './fd';
import { do_io_accounting } from './io';
import { proc_pid_limits } from './limits';
import { proc_loginuid_read, proc_loginuid_write, proc_sessionid_read } from './loginuid';
import { proc_mem_operations } from './mem';
import { oom_score_adj_read, oom_score_adj_write, proc_oom_score } from './oom';
import { proc_pid_syscall, proc_pid_wchan } from './syscall';
import {
  dir_emit_dots, get_proc_task, pid_dentry_operations, pid_revalidate, proc_fill_cache, proc_lseek,
  proc_pid_make_inode, proc_single_fops, proc_single_show_fops, ptrace_may_access, PROC_I, task_show, type ProcShow,
} from './internal';
import { proc_mountinfo_show, proc_mounts_show } from './proc_namespace';
import { cgroup_path, task_cgroup } from '../../cgroup/css_set';
import { proc_pid_maps, proc_pid_smaps } from './task_mmu';

/** TASK_COMM_LEN: a command name holds 15 bytes and a NUL. */
const TASK_COMM_LEN = 16;

/**
 * One entry of a pid directory (struct pid_entry): a name, a mode, and its operations. ONE
 * entries make their text at the first read; REG ones with proc_single_fops at open (where Linux
 * checks access at open: environ, maps, smaps, mounts).
 */
interface PidEntry {
  name: string;
  mode: number;
  iop?: InodeOperations;
  fop?: FileOperations;
}

const DIR = (name: string, mode: number, iop: InodeOperations, fop: FileOperations): PidEntry => ({ name, mode: S_IFDIR | mode, iop, fop });
const REG = (name: string, mode: number, fop: FileOperations): PidEntry => ({ name, mode: S_IFREG | mode, fop });
const ONE = (name: string, mode: number, show: ProcShow): PidEntry => REG(name, mode, proc_single_show_fops(show));
const LNK = (name: string, iop: InodeOperations): PidEntry => ({ name, mode: S_IFLNK | 0o777, iop });

// ---- reading another process's memory: cmdline and environ --------------------------------------

/** access_remote_vm: up to `len` bytes of `mm` from `addr`, stopping at the first unmapped page. */
function access_remote_vm(mm: MM, addr: number, len: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, len));
  let done = 0;
  while (done < len) {
    const n = Math.min(4096 - ((addr + done) % 4096), len - done);
    if (mm.readInto(addr + done, out, done, n) !== FAULT_OK) break;
    done += n;
  }
  return out.subarray(0, done);
}

/**
 * get_mm_cmdline: the argument strings exactly as they sit in the process's memory, each ending
 * in its NUL. A program may overwrite them (setproctitle): if the last byte of the area is no
 * longer a NUL, the title may run on into the environment area, and ends at its first NUL.
 */
function get_mm_cmdline(mm: MM | null): Uint8Array {
  if (!mm || mm.argStart >= mm.argEnd) return new Uint8Array(0);
  const args = access_remote_vm(mm, mm.argStart, mm.argEnd - mm.argStart);
  if (args.length === 0 || args[args.length - 1] === 0) return args;
  const envEnd = mm.envStart === mm.argEnd && mm.envEnd >= mm.envStart ? mm.envEnd : mm.argEnd;
  const title = access_remote_vm(mm, mm.argStart, Math.min(envEnd - mm.argStart, 4096));
  const nul = title.indexOf(0);
  return nul >= 0 ? title.subarray(0, nul + 1) : title;
}

const proc_pid_cmdline = task_show((_reader, task) => get_mm_cmdline(task.mm));

/** environ: the reader must be allowed to look inside (mm_access); an exited process has none. */
const proc_environ = task_show((reader, task) => {
  if (!ptrace_may_access(reader, task)) return -EACCES;
  const mm = task.mm;
  if (!mm || mm.envEnd <= mm.envStart) return new Uint8Array(0);
  return access_remote_vm(mm, mm.envStart, mm.envEnd - mm.envStart);
});

/**
 * auxv: the auxiliary vector the program was started with (AT_PHDR, AT_ENTRY, AT_RANDOM …), as
 * the 8-byte key and value pairs it had on the stack, AT_NULL included. Like environ, only for a
 * reader that may look inside.
 */
const proc_pid_auxv = task_show((reader, task) => {
  if (!ptrace_may_access(reader, task)) return -EACCES;
  const words = task.mm?.savedAuxv ?? [];
  const out = new DataView(new ArrayBuffer(words.length * 8));
  words.forEach((w, i) => out.setBigUint64(i * 8, BigInt.asUintN(64, BigInt(w)), true));
  return new Uint8Array(out.buffer);
});

// ---- comm -----------------------------------------------------------------------------------------

/**
 * comm_write: a thread may rename itself or another thread of its process (what
 * prctl(PR_SET_NAME) does); anyone else who could open the file gets EINVAL. Up to 15 bytes are
 * taken, up to a NUL; a trailing newline is kept, as on Linux.
 */
function comm_write(file: File, t: Task, data: Uint8Array, ppos: FilePos): number {
  const task = get_proc_task(file.inode);
  if (!task) return -ESRCH;
  if (task.group !== t.group) return -EINVAL;
  const bytes = data.subarray(0, TASK_COMM_LEN - 1);
  const nul = bytes.indexOf(0);
  task.comm = stringOf(nul >= 0 ? bytes.subarray(0, nul) : bytes);
  ppos.pos += data.length;
  return data.length;
}

const proc_pid_comm_fops = proc_single_fops(task_show((_reader, task) => task.comm + '\n'), comm_write);

// ---- the magic links: cwd, root, exe -------------------------------------------------------------

/**
 * A link that leads to a place the task holds (proc_pid_get_link / proc_pid_readlink): following it
 * jumps there directly; readlink names it from the reader's root. Only a reader that may ptrace
 * the task may do either (EACCES); an exited task has none of these (ENOENT).
 */
function proc_pid_link(where: (task: Task) => Path | number): InodeOperations {
  const resolve = (inode: Inode, reader: Task | null): Path | number => {
    const task = get_proc_task(inode);
    if (!task) return -ENOENT;
    if (reader && !ptrace_may_access(reader, task)) return -EACCES;
    if (task.isZombie) return -ENOENT;
    return where(task);
  };
  return {
    get_link: (_dentry, inode, t) => resolve(inode, t),
    readlink(dentry, t) {
      const path = resolve(dentry.inode!, t);
      return typeof path === 'number' ? path : d_path(path, t.fs.root);
    },
  };
}

/**
 * exe: Linux keeps the executable's open file (mm->exe_file); we keep its path from exec time and
 * look it up again, from the task's root. Simplified: a program renamed or deleted since it
 * started no longer resolves (ENOENT), where Linux would still find it, "(deleted)".
 */
function proc_exe_link(task: Task): Path | number {
  if (!task.mm || !task.exePath) return -ENOENT;
  return vfs_path_lookup(kernel_walk_ctx(task.fs.root, task.cred), AT_FDCWD, task.exePath, LOOKUP_FOLLOW);
}

// ---- task/<tid>/children ------------------------------------------------------------------------

/** children: the pids of the processes this thread started, each followed by a space. */
const proc_tid_children = task_show((_reader, task) => {
  if (!task.isLeader) return '';
  return task.children.filter((c) => c.kernel.tasks.get(c.tid) === c).map((c) => `${c.tid} `).join('');
});

// ---- the tables ------------------------------------------------------------------------------------

const proc_tgid_stat = task_show((reader, task) => do_task_stat(reader, task, true));
const proc_tid_stat = task_show((reader, task) => do_task_stat(reader, task, false));
const proc_status = task_show((_reader, task) => proc_pid_status(task));
const proc_statm = task_show((_reader, task) => proc_pid_statm(task));
/** maps: like environ, only for a reader that may look inside (mm_access). */
const proc_maps = task_show((reader, task) => (ptrace_may_access(reader, task) ? proc_pid_maps(task.mm) : -EACCES));
const proc_mounts = task_show((_reader, task) => (task.isZombie ? -ENOENT : proc_mounts_show(task)));
const proc_mountinfo = task_show((_reader, task) => (task.isZombie ? -ENOENT : proc_mountinfo_show(task)));

/** smaps: the same rule as maps. */
const proc_smaps = task_show((reader, task) => (ptrace_may_access(reader, task) ? proc_pid_smaps(task.mm) : -EACCES));
const proc_limits = task_show((_reader, task) => proc_pid_limits(task));
/** io, syscall, personality: only for a reader that may trace the task (lock_trace / ptrace_may_access). */
const proc_tgid_io = task_show((reader, task) => (ptrace_may_access(reader, task) ? do_io_accounting(task, true) : -EACCES));
const proc_tid_io = task_show((reader, task) => (ptrace_may_access(reader, task) ? do_io_accounting(task, false) : -EACCES));
const proc_syscall = task_show((reader, task) => (ptrace_may_access(reader, task) ? proc_pid_syscall(reader, task) : -EPERM));
/** personality: the execution domain; always PER_LINUX (0), as there is no personality(2) yet. */
const proc_personality = task_show((reader, task) => (ptrace_may_access(reader, task) ? '00000000\n' : -EPERM));
const proc_wchan = task_show((reader, task) => proc_pid_wchan(reader, task));
/** cgroup: the task's place in each hierarchy ("0::/path"): only the v2 hierarchy exists. */
const proc_cgroup = task_show((_reader, task) => `0::${cgroup_path(task_cgroup(task))}\n`);
const proc_loginuid_fops = proc_single_fops(task_show((_reader, task) => proc_loginuid_read(task)), proc_loginuid_write);
const proc_sessionid = task_show((_reader, task) => proc_sessionid_read(task));
const proc_oom_score_fops = proc_single_fops(task_show((_reader, task) => proc_oom_score(task)));
const proc_oom_score_adj_fops = proc_single_fops(task_show((_reader, task) => oom_score_adj_read(task)), oom_score_adj_write);

/**
 * timerslack_ns: how late the task's timers may fire so they can be batched. Another task's value
 * may be read or set only with CAP_SYS_NICE (EPERM); writing 0 restores the default.
 */
const DEFAULT_TIMER_SLACK_NS = 50_000;
const proc_timerslack_ns_fops = proc_single_fops(
  task_show((reader, task) => (task !== reader && !reader.cred.capable() ? -EPERM : `${task.timerSlackNs}\n`)),
  (file, t, data, ppos) => {
    const task = get_proc_task(file.inode);
    if (!task) return -ESRCH;
    const text = stringOf(data).trim();
    // kstrtoull: an unsigned number in base 0.
    if (!/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(text)) return -EINVAL;
    const v = Number(text.startsWith('0') && text.length > 1 && !/^0[xX]/.test(text) ? parseInt(text, 8) : text);
    if (!Number.isSafeInteger(v)) return -EINVAL;
    if (task !== t && !t.cred.capable()) return -EPERM;
    task.timerSlackNs = v === 0 ? DEFAULT_TIMER_SLACK_NS : v;
    ppos.pos += data.length;
    return data.length;
  },
);

const cwd_link = proc_pid_link((task) => task.fs.pwd);
const root_link = proc_pid_link((task) => task.fs.root);
const exe_link = proc_pid_link(proc_exe_link);

/** The entries of /proc/<pid>/ — in Linux's order, which is what `ls -f` shows. */
const tgid_base_stuff: PidEntry[] = [
  DIR('task', 0o555, {
    lookup: (dir, dentry) => proc_task_lookup(dir, dentry),
    // proc_task_getattr: one link more per thread.
    getattr(path, stat) {
      const task = get_proc_task(path.dentry.inode!);
      stat.nlink = 2 + (task ? nr_live_threads(task) : 0);
      return 0;
    },
  }, { read: generic_read_dir, iterate: (file, t, ctx) => proc_task_readdir(file, t, ctx), llseek: proc_lseek }),
  DIR('fd', PROC_FD_DIR_MODE & 0o777, proc_fd_inode_operations, proc_fd_operations),
  DIR('fdinfo', 0o555, proc_fdinfo_inode_operations, proc_fdinfo_operations),
  REG('environ', 0o400, proc_single_fops(proc_environ)),
  REG('auxv', 0o400, proc_single_fops(proc_pid_auxv)),
  ONE('status', 0o444, proc_status),
  ONE('personality', 0o400, proc_personality),
  ONE('limits', 0o444, proc_limits),
  REG('comm', 0o644, proc_pid_comm_fops),
  ONE('syscall', 0o400, proc_syscall),
  REG('cmdline', 0o444, proc_single_fops(proc_pid_cmdline)),
  ONE('stat', 0o444, proc_tgid_stat),
  ONE('statm', 0o444, proc_statm),
  REG('maps', 0o444, proc_single_fops(proc_maps)),
  REG('mem', 0o600, proc_mem_operations),
  LNK('cwd', cwd_link),
  LNK('root', root_link),
  LNK('exe', exe_link),
  REG('mounts', 0o444, proc_single_fops(proc_mounts)),
  REG('mountinfo', 0o444, proc_single_fops(proc_mountinfo)),
  REG('smaps', 0o444, proc_single_fops(proc_smaps)),
  ONE('wchan', 0o444, proc_wchan),
  ONE('cgroup', 0o444, proc_cgroup),
  REG('oom_score', 0o444, proc_oom_score_fops),
  REG('oom_score_adj', 0o644, proc_oom_score_adj_fops),
  REG('loginuid', 0o644, proc_loginuid_fops),
  ONE('sessionid', 0o444, proc_sessionid),
  REG('timerslack_ns', 0o666, proc_timerslack_ns_fops),
  ONE('io', 0o400, proc_tgid_io),
];

/** The entries of /proc/<pid>/task/<tid>/. */
const tid_base_stuff: PidEntry[] = [
  DIR('fd', PROC_FD_DIR_MODE & 0o777, proc_fd_inode_operations, proc_fd_operations),
  DIR('fdinfo', 0o555, proc_fdinfo_inode_operations, proc_fdinfo_operations),
  REG('environ', 0o400, proc_single_fops(proc_environ)),
  REG('auxv', 0o400, proc_single_fops(proc_pid_auxv)),
  ONE('status', 0o444, proc_status),
  ONE('personality', 0o400, proc_personality),
  ONE('limits', 0o444, proc_limits),
  REG('comm', 0o644, proc_pid_comm_fops),
  ONE('syscall', 0o400, proc_syscall),
  REG('cmdline', 0o444, proc_single_fops(proc_pid_cmdline)),
  ONE('stat', 0o444, proc_tid_stat),
  ONE('statm', 0o444, proc_statm),
  REG('maps', 0o444, proc_single_fops(proc_maps)),
  ONE('children', 0o444, proc_tid_children),
  REG('mem', 0o600, proc_mem_operations),
  LNK('cwd', cwd_link),
  LNK('root', root_link),
  LNK('exe', exe_link),
  REG('mounts', 0o444, proc_single_fops(proc_mounts)),
  REG('mountinfo', 0o444, proc_single_fops(proc_mountinfo)),
  REG('smaps', 0o444, proc_single_fops(proc_smaps)),
  ONE('wchan', 0o444, proc_wchan),
  ONE('cgroup', 0o444, proc_cgroup),
  REG('oom_score', 0o444, proc_oom_score_fops),
  REG('oom_score_adj', 0o644, proc_oom_score_adj_fops),
  REG('loginuid', 0o644, proc_loginuid_fops),
  ONE('sessionid', 0o444, proc_sessionid),
  ONE('io', 0o400, proc_tid_io),
];

/** pid_entry_nlink: a directory has 2 links plus one per subdirectory. */
function pid_entry_nlink(entries: PidEntry[]): number {
  return 2 + entries.filter((e) => (e.mode & S_IFDIR) === S_IFDIR).length;
}

/** proc_pident_instantiate: the inode of one table entry. */
function proc_pident_instantiate(dir: Inode, dentry: Dentry, task: Task, e: PidEntry): Inode {
  const inode = proc_pid_make_inode(dir.sb, task, e.mode, PROC_I(dir).tgid);
  if (e.iop) inode.iop = e.iop;
  if (e.fop) inode.fop = e.fop;
  dentry.op = pid_dentry_operations;
  return inode;
}

/** proc_pident_lookup. */
function proc_pident_lookup(dir: Inode, dentry: Dentry, entries: PidEntry[]): Inode | null {
  const task = get_proc_task(dir);
  if (!task) return null;
  const e = entries.find((x) => x.name === dentry.name);
  return e ? proc_pident_instantiate(dir, dentry, task, e) : null;
}

/** proc_pident_readdir: ".", "..", then the table in order (position = index + 2). */
function proc_pident_readdir(file: File, ctx: DirContext, entries: PidEntry[]): number {
  if (!get_proc_task(file.inode)) return -ENOENT;
  if (!dir_emit_dots(file, ctx)) return 0;
  for (let i = ctx.pos - 2; i < entries.length; i++) {
    if (!proc_fill_cache(file, ctx, entries[i]!.name, i + 3)) return 0;
  }
  return 0;
}

const proc_tgid_base_inode_operations: InodeOperations = {
  lookup: (dir, dentry) => proc_pident_lookup(dir, dentry, tgid_base_stuff),
};
const proc_tgid_base_operations: FileOperations = {
  read: generic_read_dir,
  iterate: (file, _t, ctx) => proc_pident_readdir(file, ctx, tgid_base_stuff),
  llseek: proc_lseek,
};
const proc_tid_base_inode_operations: InodeOperations = {
  lookup: (dir, dentry) => proc_pident_lookup(dir, dentry, tid_base_stuff),
};
const proc_tid_base_operations: FileOperations = {
  read: generic_read_dir,
  iterate: (file, _t, ctx) => proc_pident_readdir(file, ctx, tid_base_stuff),
  llseek: proc_lseek,
};

/**
 * proc_pid_instantiate: the directory /proc/<pid> for `task` (the whole process), or with
 * `tgid` false, /proc/<pid>/task/<tid> (one thread).
 */
export function proc_pid_instantiate(dir: Inode, dentry: Dentry, task: Task, tgid = true): Inode {
  const inode = proc_pid_make_inode(dir.sb, task, S_IFDIR | 0o555, tgid);
  inode.iop = tgid ? proc_tgid_base_inode_operations : proc_tid_base_inode_operations;
  inode.fop = tgid ? proc_tgid_base_operations : proc_tid_base_operations;
  inode.nlink = pid_entry_nlink(tgid ? tgid_base_stuff : tid_base_stuff);
  dentry.op = pid_dentry_operations;
  return inode;
}

// ---- task/ -----------------------------------------------------------------------------------------

/** The threads of the task's process that still exist, by tid. */
function live_threads(task: Task): Task[] {
  return task.group.threads.filter((th) => th.kernel.tasks.get(th.tid) === th).sort((a, b) => a.tid - b.tid);
}

function nr_live_threads(task: Task): number {
  return live_threads(task).length;
}

/** Drop cached entries of `dir` whose task is gone (what proc_flush_pid does at release). */
export function proc_prune_dentries(dir: Dentry): void {
  for (const child of [...dir.children.values()]) {
    if (child.op === pid_dentry_operations && !pid_revalidate(child)) dir.children.delete(child.name);
  }
}

/** proc_task_lookup: a thread of this process by its tid. */
function proc_task_lookup(dir: Inode, dentry: Dentry): Inode | null {
  const task = get_proc_task(dir);
  if (!task || !/^[1-9]\d*$/.test(dentry.name)) return null;
  const tid = Number(dentry.name);
  const thread = live_threads(task).find((th) => th.tid === tid);
  return thread ? proc_pid_instantiate(dir, dentry, thread, false) : null;
}

/** proc_task_readdir: ".", "..", then each thread (position tid + 2, stable as threads come and go). */
function proc_task_readdir(file: File, _t: Task, ctx: DirContext): number {
  const task = get_proc_task(file.inode);
  if (!task) return -ENOENT;
  proc_prune_dentries(file.path.dentry);
  if (!dir_emit_dots(file, ctx)) return 0;
  for (const th of live_threads(task)) {
    if (th.tid + 2 < ctx.pos) continue;
    if (!proc_fill_cache(file, ctx, String(th.tid), th.tid + 3)) return 0;
  }
  return 0;
}
