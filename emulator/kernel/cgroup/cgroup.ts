// The cgroup v2 filesystem (kernel/cgroup/cgroup.c: cgroup2_fs_type, cgroup_mkdir, cgroup_rmdir,
// the cgroup.* core files). Mounting "cgroup2" (usually on /sys/fs/cgroup) shows the hierarchy:
// every directory is a cgroup, mkdir makes a child, rmdir removes an empty one, and each holds
// the core interface files:
//
//   cgroup.procs            the pids in this cgroup; writing a pid moves that process here
//   cgroup.threads          their thread ids (threaded mode is not supported: writes EOPNOTSUPP)
//   cgroup.controllers      controllers available here (none: the kernel has no controllers)
//   cgroup.subtree_control  controllers enabled for the children (none can be)
//   cgroup.events           "populated 0|1" (a process here or below) and "frozen 0"
//   cgroup.stat             nr_descendants, nr_dying_descendants
//   cgroup.max.depth, cgroup.max.descendants   limits on mkdir below ("max" or a number)
//   cgroup.type             "domain"
//   cgroup.kill             write 1: SIGKILL every process here and below
//
// The root has no cgroup.events, cgroup.type or cgroup.kill. There is one hierarchy and one
// superblock per machine: every mount of cgroup2 shows the same tree.
//
// Simplified: no controllers (cpu, memory, io, pids …), so nothing is limited or accounted;
// no freezer (cgroup.freeze), no threaded cgroups, no delegation checks beyond file permissions.

import { EACCES, EAGAIN, EBUSY, EINVAL, ENODEV, ENOENT, EOPNOTSUPP, ERANGE, ESRCH } from '../../uapi/errno';
import { O_ACCMODE, O_WRONLY } from '../../uapi/fcntl';
import { SIGKILL } from '../../uapi/signal';
import type { Kernel } from '../kernel';
import type { Task } from '../sched/task';
import { send_signal } from '../signal';
import { makeSiginfo } from '../signal_types';
import { d_instantiate, type Dentry } from '../fs/dentry';
import { FMODE_READ, FMODE_WRITE, type FileOperations, type FilePos, type InodeOperations } from '../fs/fs';
import { new_inode } from '../fs/inode';
import { bytesOf, generic_file_llseek_size, simple_read_from_buffer, stringOf } from '../fs/libfs';
import { pseudo_create_file, pseudo_remove, pseudo_single_sb, simple_dir_operations } from '../fs/debugfs/inode';
import { register_filesystem, type FileSystemType } from '../fs/super';
import { kernel_vfs } from '../fs/vfs';
import { S_IFDIR } from '../../uapi/stat';
import { Cgroup, cgroup_attach, cgroup_populated, cgroup_procs, cgroup_state } from './css_set';

export const CGROUP2_SUPER_MAGIC = 0x63677270;

/** The mount options cgroup2 knows (cgroup2_parse_param); they are shown in /proc/mounts. */
const CGROUP2_OPTIONS = ['nsdelegate', 'favordynmods', 'memory_localevents', 'memory_recursiveprot'];

/** A core file: its text for a reader, and what a write does (bytes consumed or -errno). */
interface CftypeOps {
  show?(kernel: Kernel, cg: Cgroup): string;
  write?(kernel: Kernel, cg: Cgroup, value: string, t: Task): number;
}

/** The files of a cgroup directory, on the root too unless `notRoot` (CFTYPE_NOT_ON_ROOT). */
interface Cftype extends CftypeOps {
  name: string;
  mode: number;
  notRoot?: boolean;
}

/** A number, or "max" for no limit. */
const showMax = (n: number): string => (n === Infinity ? 'max\n' : `${n}\n`);
function parseMax(s: string): number | null {
  const v = s.trim();
  if (v === 'max') return Infinity;
  return /^\d+$/.test(v) ? Number(v) : null;
}

/** __cgroup_procs_write: move the process of pid `value` (0: the writer's) into `cg`. */
function cgroup_procs_write(kernel: Kernel, cg: Cgroup, value: string, t: Task): number {
  const v = value.trim();
  if (!/^\d+$/.test(v)) return -EINVAL;
  if (cg.dead) return -ENODEV;
  const pid = Number(v);
  const task = pid === 0 ? t : kernel.tasks.get(pid);
  if (!task || task.isZombie) return -ESRCH;
  cgroup_attach(kernel, task.group, cg);
  return value.length;
}

/** cgroup_kill: SIGKILL every process in `cg` and the cgroups below it. */
function cgroup_kill(kernel: Kernel, cg: Cgroup): void {
  const visit = (c: Cgroup): void => {
    for (const task of cgroup_procs(kernel, c)) send_signal(makeSiginfo(SIGKILL, 0x80 /* SI_KERNEL */), task, true);
    for (const child of c.children.values()) visit(child);
  };
  visit(cg);
}

/** cgroup_base_files, in the order Linux creates them. */
const CGROUP_FILES: Cftype[] = [
  { name: 'cgroup.type', mode: 0o644, notRoot: true, show: () => 'domain\n', write: () => -EOPNOTSUPP },
  {
    name: 'cgroup.procs', mode: 0o644,
    show: (k, cg) => cgroup_procs(k, cg).map((t) => `${t.tgid}\n`).join(''),
    write: cgroup_procs_write,
  },
  {
    name: 'cgroup.threads', mode: 0o644,
    show: (k, cg) => cgroup_procs(k, cg).flatMap((t) => t.group.threads.filter((th) => !th.isZombie).map((th) => `${th.tid}\n`)).join(''),
    write: () => -EOPNOTSUPP,
  },
  { name: 'cgroup.controllers', mode: 0o444, show: () => '\n' },
  {
    name: 'cgroup.subtree_control', mode: 0o644, show: () => '\n',
    // Every "+name"/"-name" names a controller this kernel does not have.
    write: (_k, _cg, value) => (value.trim() === '' ? value.length : -EINVAL),
  },
  {
    name: 'cgroup.events', mode: 0o444, notRoot: true,
    show: (k, cg) => `populated ${cgroup_populated(k, cg) ? 1 : 0}\nfrozen 0\n`,
  },
  {
    name: 'cgroup.max.descendants', mode: 0o644, show: (_k, cg) => showMax(cg.maxDescendants),
    write: (_k, cg, value) => {
      const n = parseMax(value);
      if (n === null) return -EINVAL;
      cg.maxDescendants = n;
      return value.length;
    },
  },
  {
    name: 'cgroup.max.depth', mode: 0o644, show: (_k, cg) => showMax(cg.maxDepth),
    write: (_k, cg, value) => {
      const n = parseMax(value);
      if (n === null) return -EINVAL;
      cg.maxDepth = n;
      return value.length;
    },
  },
  { name: 'cgroup.stat', mode: 0o444, show: (_k, cg) => `nr_descendants ${cg.nrDescendants}\nnr_dying_descendants 0\n` },
  {
    name: 'cgroup.kill', mode: 0o200, notRoot: true,
    write: (k, cg, value) => {
      const v = value.trim();
      if (!/^-?\d+$/.test(v)) return -EINVAL;
      if (Number(v) !== 1) return -ERANGE;
      cgroup_kill(k, cg);
      return value.length;
    },
  },
];

/** cgroup_file_open/read/write: the text is made at open; each write is one command. */
function cftype_fops(cg: Cgroup, cft: Cftype): FileOperations {
  return {
    open: (_inode, file, t) => {
      // kernfs_fop_open: reading a file without a show, or writing one without a write, is
      // EACCES whatever the mode bits and capabilities say.
      if ((file.f_mode & FMODE_READ && !cft.show) || (file.f_mode & FMODE_WRITE && !cft.write)) return -EACCES;
      const wronly = (file.f_flags & O_ACCMODE) === O_WRONLY;
      file.private_data = bytesOf(!wronly && cft.show ? cft.show(t.kernel, cg) : '');
      return 0;
    },
    read: (file, _t, count, ppos: FilePos) => simple_read_from_buffer(file.private_data as Uint8Array, count, ppos),
    write: (_file, t, data, ppos: FilePos) => {
      if (!cft.write) return -EACCES;
      const r = cft.write(t.kernel, cg, stringOf(data), t);
      if (r < 0) return r;
      ppos.pos += data.length;
      return data.length;
    },
    llseek: (file, offset, whence) => generic_file_llseek_size(file, offset, whence, (file.private_data as Uint8Array).length),
  };
}

/** The cgroup behind each directory of the tree. */
const cgroupOfDentry = new WeakMap<Dentry, Cgroup>();

function populate_dir(d: Dentry, cg: Cgroup): void {
  cgroupOfDentry.set(d, cg);
  for (const cft of CGROUP_FILES) {
    if (cft.notRoot && !cg.parent) continue;
    pseudo_create_file(d, cft.name, cft.mode, cftype_fops(cg, cft));
  }
}

/** cgroup_mkdir / cgroup_rmdir. */
function cgroup_dir_iops(kernel: Kernel): InodeOperations {
  const iops: InodeOperations = {
    lookup: () => null,
    mkdir(dir, dentry, mode) {
      const parentDentry = dentry.parent;
      const parent = cgroupOfDentry.get(parentDentry);
      if (!parent || parent.dead) return -ENOENT;
      // cgroup.max.depth / cgroup.max.descendants of every ancestor (cgroup_check_hierarchy_limits).
      for (let a: Cgroup | null = parent, depth = 1; a; a = a.parent, depth++) {
        if (depth > a.maxDepth || a.nrDescendants + 1 > a.maxDescendants) return -EAGAIN;
      }
      const cg = new Cgroup(dentry.name, parent);
      parent.children.set(dentry.name, cg);
      const inode = new_inode(dir.sb);
      inode.mode = S_IFDIR | (mode & 0o7777);
      inode.nlink = 2;
      inode.iop = iops;
      inode.fop = simple_dir_operations;
      d_instantiate(dentry, inode);
      dir.nlink++;
      populate_dir(dentry, cg);
      return 0;
    },
    rmdir(dir, dentry) {
      const cg = cgroupOfDentry.get(dentry);
      if (!cg || !cg.parent) return -ENOENT;
      // cgroup_destroy_locked: not while a process is in it or a child cgroup exists.
      if (cg.children.size || cgroup_populated(kernel, cg)) return -EBUSY;
      cg.dead = true;
      cg.parent.children.delete(cg.name);
      for (const c of [...dentry.children.values()]) pseudo_remove(c);
      dir.nlink--;
      if (dentry.inode) dentry.inode.nlink = 0;
      return 0;
    },
  };
  return iops;
}

/** The mount options in force (shown after the per-mount ones in /proc/mounts). */
const optionsOf = new WeakMap<Kernel, Set<string>>();

/** The "cgroup2" type of one machine. */
export function cgroup2_fs_type(kernel: Kernel): FileSystemType {
  const type: FileSystemType = {
    name: 'cgroup2',
    requiresDev: false,
    mount(vfs, _devname, _flags, data) {
      const opts = optionsOf.get(kernel)!;
      const asked = data.split(',').filter((o) => o && o !== 'rw' && o !== 'ro');
      if (asked.some((o) => !CGROUP2_OPTIONS.includes(o))) return -EINVAL;
      for (const o of asked) opts.add(o);
      return cgroup_sb(kernel, vfs, type);
    },
  };
  return type;
}

/** The one superblock, with the root cgroup's files, made on first use. */
function cgroup_sb(kernel: Kernel, vfs: ReturnType<typeof kernel_vfs>, type: FileSystemType) {
  const sb = pseudo_single_sb(vfs, type, CGROUP2_SUPER_MAGIC, 0o755);
  if (!cgroupOfDentry.has(sb.root)) {
    const opts = optionsOf.get(kernel)!;
    sb.op.show_options = () => CGROUP2_OPTIONS.filter((o) => opts.has(o)).join(',');
    sb.root.inode!.iop = cgroup_dir_iops(kernel);
    populate_dir(sb.root, cgroup_state(kernel).root);
  }
  return sb;
}

/** cgroup_init: make "cgroup2" known to mount(2). */
export function cgroup_init(kernel: Kernel): number {
  optionsOf.set(kernel, new Set());
  return register_filesystem(kernel_vfs(kernel), cgroup2_fs_type(kernel));
}
