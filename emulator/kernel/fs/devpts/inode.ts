// devpts (fs/devpts/inode.c): the filesystem of pseudo-terminal slaves, mounted on /dev/pts.
//
// It holds nothing but device nodes the kernel makes itself:
//   - "ptmx" (c 5:2), the multiplexer: opening it makes a new pty pair of *this* instance. Its
//     mode is ptmxmode=, 0000 by default — so it is the /dev/ptmx node of devtmpfs (0666) that
//     programs open; the kernel then finds the devpts mounted at "pts" next to it;
//   - "N" (c 136:N), the slave of pair N: it appears when a master is opened (devpts_pty_new), with
//     the opener's uid and, with gid=5, the group tty — mode=620 gives crw--w----, so that others
//     may `write` to the user's terminal but not read it — and it disappears when the master is
//     closed (devpts_pty_kill). Its number is free for a new pair once both halves are closed.
//
// Each mount is its own instance with its own numbers (as on Linux since 4.7; "newinstance" is
// accepted and changes nothing). Options: uid=, gid=, mode=, ptmxmode=, max=, newinstance.
// /proc/mounts shows them as Linux does: "gid=5,mode=620,ptmxmode=000".
//
// The machine-wide limit is a sysctl, as on Linux: kernel.pty.max (4096) ptys in all instances
// together, kernel.pty.nr of them in use; kernel.pty.reserve (1024) of them are kept for the
// devpts instances of the initial mount namespace (with one mount namespace, that is all of them).
//
// Simplified: no user namespaces (uid/gid are taken as they are), and no remount.

import { EINVAL, ENODEV, ENOSPC } from '../../../uapi/errno';
import { PAGE_SIZE } from '../../../uapi/mman';
import { S_IFCHR, S_IFDIR, makedev } from '../../../uapi/stat';
import type { Cred } from '../../security/cred';
import type { Task } from '../../sched/task';
import { d_add, d_alloc, d_delete, d_instantiate, d_make_root, type Dentry } from '../dentry';
import type { File } from '../file';
import type { DirContext, FileOperations, InodeOperations } from '../fs';
import { clear_nlink, init_special_inode, Inode } from '../inode';
import { dcache_readdir, generic_read_dir } from '../libfs';
import { follow_mounts, type Mount } from '../mount';
import { lookup_one } from '../namei';
import type { Path } from '../path';
import { register_filesystem, SuperBlock, type FileSystemType, type Kstatfs } from '../super';
import { kernel_vfs, type Vfs } from '../vfs';
import type { Kernel } from '../../kernel';
import {
  int_ref, ints, proc_dointvec, proc_dointvec_minmax, register_sysctl, sysctl_initcall, SYSCTL_INT_MAX, SYSCTL_ZERO,
} from '../../sysctl';

export const DEVPTS_SUPER_MAGIC = 0x1cd1;
/** Pty slaves are major 136 (UNIX98_PTY_SLAVE_MAJOR) with 20-bit minors; the multiplexer is 5:2. */
export const UNIX98_PTY_SLAVE_MAJOR = 136;
export const PTMX_MAJOR = 5, PTMX_MINOR = 2;
/** NR_UNIX98_PTY_MAX: how many ptys an instance may have at most (max= may lower it). */
export const NR_UNIX98_PTY_MAX = 1 << 20;
/** The defaults of kernel.pty.max and kernel.pty.reserve. */
const NR_UNIX98_PTY_DEFAULT = 4096, NR_UNIX98_PTY_RESERVE = 1024;
/** The defaults of mode= and ptmxmode= (DEVPTS_DEFAULT_MODE, DEVPTS_DEFAULT_PTMX_MODE). */
const DEVPTS_DEFAULT_MODE = 0o600;
const DEVPTS_DEFAULT_PTMX_MODE = 0o000;
/** The root is inode 1, ptmx 2, slave N is N + 3 (as `ls -i /dev/pts` shows on Linux). */
const PTMX_INO = 2;
const PTS_FIRST_INO = 3;

/** struct pts_mount_opts. */
export interface PtsMountOpts {
  setuid: boolean;
  setgid: boolean;
  uid: number;
  gid: number;
  mode: number;
  ptmxmode: number;
  max: number;
}

/** struct pts_fs_info: one devpts instance. */
export interface PtsFsInfo {
  sb: SuperBlock;
  opts: PtsMountOpts;
  ptmx: Dentry;
  /** The pty numbers in use (the IDA allocated_ptys). */
  readonly allocated: Set<number>;
}

function fsi_of(sb: SuperBlock): PtsFsInfo {
  return sb.fsInfo as PtsFsInfo;
}

/** parse_mount_options: "gid=5,mode=620,ptmxmode=000"; an unknown or malformed option is EINVAL. */
export function parse_mount_options(data: string): PtsMountOpts | number {
  const opts: PtsMountOpts = {
    setuid: false, setgid: false, uid: 0, gid: 0, mode: DEVPTS_DEFAULT_MODE, ptmxmode: DEVPTS_DEFAULT_PTMX_MODE, max: NR_UNIX98_PTY_MAX,
  };
  for (const opt of data.split(',')) {
    if (opt === '' || opt === 'rw' || opt === 'ro' || opt === 'newinstance') continue;
    const eq = opt.indexOf('=');
    const key = eq < 0 ? opt : opt.slice(0, eq);
    const val = eq < 0 ? '' : opt.slice(eq + 1);
    const dec = /^\d+$/.test(val) ? Number(val) : NaN;
    const oct = /^[0-7]+$/.test(val) ? parseInt(val, 8) : NaN;
    switch (key) {
      case 'uid':
      case 'gid':
        if (!(dec >= 0 && dec < 0xffffffff)) return -EINVAL;
        if (key === 'uid') [opts.setuid, opts.uid] = [true, dec];
        else [opts.setgid, opts.gid] = [true, dec];
        break;
      case 'mode':
      case 'ptmxmode':
        if (Number.isNaN(oct)) return -EINVAL;
        opts[key] = oct & 0o777; // S_IALLUGO without the set-id and sticky bits (Linux keeps them; no one sets them)
        break;
      case 'max':
        if (Number.isNaN(dec)) return -EINVAL;
        opts.max = Math.min(dec, NR_UNIX98_PTY_MAX);
        break;
      default:
        return -EINVAL;
    }
  }
  return opts;
}

/** devpts_show_options: what /proc/mounts adds after "rw,relatime". */
function devpts_show_options(sb: SuperBlock): string {
  const o = fsi_of(sb).opts;
  const out: string[] = [];
  if (o.setuid) out.push(`uid=${o.uid}`);
  if (o.setgid) out.push(`gid=${o.gid}`);
  out.push(`mode=${o.mode.toString(8).padStart(3, '0')}`);
  out.push(`ptmxmode=${o.ptmxmode.toString(8).padStart(3, '0')}`);
  if (o.max < NR_UNIX98_PTY_MAX) out.push(`max=${o.max}`);
  return out.join(',');
}

/** simple_statfs: no blocks, no inode limit. */
function devpts_statfs(): Kstatfs {
  return { type: DEVPTS_SUPER_MAGIC, bsize: PAGE_SIZE, frsize: PAGE_SIZE, namelen: 255, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, flags: 0 };
}

/** dcache_readdir: newest first, the order of the dentry's children on Linux (`ls -f /dev/pts` shows "2 1 0 ptmx"). */
function devpts_readdir(file: File, _t: Task, ctx: DirContext): number {
  return dcache_readdir(file, ctx, true);
}

const devpts_dir_operations: FileOperations = { read: generic_read_dir, iterate: devpts_readdir };
/** The root cannot be written to: mknod, mkdir, unlink … fail (EPERM, as without ->mknod on Linux). */
const devpts_dir_inode_operations: InodeOperations = {};

function devpts_new_inode(sb: SuperBlock, ino: number, mode: number, uid: number, gid: number, rdev = 0): Inode {
  const inode = new Inode(sb, ino);
  inode.uid = uid;
  inode.gid = gid;
  if ((mode & S_IFDIR) === S_IFDIR) {
    inode.mode = mode;
    inode.nlink = 2;
    inode.iop = devpts_dir_inode_operations;
    inode.fop = devpts_dir_operations;
  } else {
    init_special_inode(inode, mode, rdev);
  }
  return inode;
}

/** devpts_fill_super + mknod_ptmx: a fresh instance with its root and its ptmx node. */
function devpts_fill_super(type: FileSystemType, vfs: Vfs, data: string): SuperBlock | number {
  const opts = parse_mount_options(data);
  if (typeof opts === 'number') return opts;
  const sb = new SuperBlock(type, vfs.get_anon_bdev(), vfs);
  sb.magic = DEVPTS_SUPER_MAGIC;
  sb.blocksize = 1024;
  sb.get_next_ino();
  const root = devpts_new_inode(sb, 1, S_IFDIR | 0o755, 0, 0);
  sb.root = d_make_root(root);
  const ptmx = d_alloc(sb.root, 'ptmx');
  d_instantiate(ptmx, devpts_new_inode(sb, PTMX_INO, S_IFCHR | opts.ptmxmode, 0, 0, makedev(PTMX_MAJOR, PTMX_MINOR)));
  d_add(ptmx);
  const fsi: PtsFsInfo = { sb, opts, ptmx, allocated: new Set() };
  sb.fsInfo = fsi;
  sb.op = { statfs: devpts_statfs, show_options: devpts_show_options };
  return sb;
}

export const devpts_fs_type: FileSystemType = {
  name: 'devpts',
  requiresDev: false,
  mount: (vfs, _devname, _flags, data) => devpts_fill_super(devpts_fs_type, vfs, data),
};

/**
 * devpts_acquire: the instance an open of a ptmx node belongs to — the devpts it is in
 * (/dev/pts/ptmx), or the devpts mounted at "pts" in the same directory (/dev/ptmx finds
 * /dev/pts). ENODEV if there is none: mount devpts on /dev/pts first. The mount comes along, for
 * TIOCGPTPEER to open the slave through (devpts_mntget).
 */
export function devpts_acquire(file: File): { fsi: PtsFsInfo; mnt: Mount } | number {
  let path: Path = file.path;
  if (path.mnt.sb.magic !== DEVPTS_SUPER_MAGIC) {
    // path_pts: the sibling "pts", and whatever is mounted on it.
    const pts = lookup_one(path.dentry.parent, 'pts');
    if (!pts || typeof pts === 'number') return -ENODEV;
    path = follow_mounts({ mnt: path.mnt, dentry: pts });
  }
  // It must be a devpts, mounted whole (not a bind mount of some part of one).
  if (path.mnt.sb.magic !== DEVPTS_SUPER_MAGIC || path.mnt.root !== path.mnt.sb.root) return -ENODEV;
  return { fsi: fsi_of(path.mnt.sb), mnt: path.mnt };
}

/** The pty sysctls of one machine (pty_limit, pty_reserve, pty_count in Linux's devpts). */
interface PtyLimits {
  limit: number[];
  reserve: number[];
  count: number;
}

const limits = new WeakMap<Vfs, PtyLimits>();

function pty_limits(vfs: Vfs): PtyLimits {
  let l = limits.get(vfs);
  if (!l) limits.set(vfs, (l = { limit: [NR_UNIX98_PTY_DEFAULT], reserve: [NR_UNIX98_PTY_RESERVE], count: 0 }));
  return l;
}

/**
 * devpts_new_index: the lowest free pty number of the instance — ENOSPC when the machine has
 * kernel.pty.max ptys already (instances outside the initial mount namespace would stop
 * kernel.pty.reserve earlier), or the instance has max=.
 */
export function devpts_new_index(fsi: PtsFsInfo): number {
  const l = pty_limits(fsi.sb.vfs);
  if (l.count >= l.limit[0]!) return -ENOSPC;
  let index = 0;
  while (fsi.allocated.has(index)) index++;
  if (index >= fsi.opts.max) return -ENOSPC;
  fsi.allocated.add(index);
  l.count++;
  return index;
}

/** devpts_kill_index: the number is free again (both halves of the pair are gone). */
export function devpts_kill_index(fsi: PtsFsInfo, index: number): void {
  if (fsi.allocated.delete(index)) pty_limits(fsi.sb.vfs).count--;
}

// kernel/pty: max and reserve (0..INT_MAX), nr read-only.
sysctl_initcall((k) => {
  const l = pty_limits(kernel_vfs(k));
  register_sysctl(k, 'kernel/pty', [
    { procname: 'max', mode: 0o644, maxlen: 4, data: ints(l.limit), proc_handler: proc_dointvec_minmax, extra1: SYSCTL_ZERO, extra2: SYSCTL_INT_MAX },
    { procname: 'reserve', mode: 0o644, maxlen: 4, data: ints(l.reserve), proc_handler: proc_dointvec_minmax, extra1: SYSCTL_ZERO, extra2: SYSCTL_INT_MAX },
    { procname: 'nr', mode: 0o444, maxlen: 4, data: int_ref(() => l.count), proc_handler: proc_dointvec },
  ]);
});

/**
 * devpts_pty_new: the node /dev/pts/N for a new slave, owned by the opener (or uid=/gid=), with
 * mode=. `priv` (the slave tty) is what opening the node finds (devpts_get_priv).
 */
export function devpts_pty_new(fsi: PtsFsInfo, index: number, priv: unknown, cred: Cred): Dentry {
  const o = fsi.opts;
  const uid = o.setuid ? o.uid : cred.fsuid;
  const gid = o.setgid ? o.gid : cred.fsgid;
  const inode = devpts_new_inode(fsi.sb, PTS_FIRST_INO + index, S_IFCHR | o.mode, uid, gid, makedev(UNIX98_PTY_SLAVE_MAJOR, index));
  const dentry = d_alloc(fsi.sb.root, String(index));
  d_instantiate(dentry, inode);
  dentry.fsdata = priv;
  d_add(dentry);
  return dentry;
}

/** devpts_get_priv: the slave behind a node of a devpts, or null for any other node. */
export function devpts_get_priv(dentry: Dentry): unknown {
  if (dentry.sb.magic !== DEVPTS_SUPER_MAGIC) return null;
  return dentry.fsdata;
}

/** devpts_pty_kill: the master is closed — the slave's node goes (files open on it stay, hung up). */
export function devpts_pty_kill(dentry: Dentry): void {
  dentry.fsdata = null;
  d_delete(dentry);
  if (dentry.inode) clear_nlink(dentry.inode);
}

/** The instance a devpts superblock is (for /proc and tests). */
export function devpts_info(sb: SuperBlock): PtsFsInfo | null {
  return sb.magic === DEVPTS_SUPER_MAGIC ? fsi_of(sb) : null;
}

/** init_devpts_fs: make "devpts" known to mount(2). */
export function init_devpts_fs(kernel: Kernel): number {
  return register_filesystem(kernel_vfs(kernel), devpts_fs_type);
}
