// The VFS state of one machine: registered filesystem types, character devices, the initial mount
// namespace and the kernel's internal mounts. Linux keeps these in globals; we keep one Vfs per
// Kernel (kernel.vfs) so that several machines can live in one JavaScript process.

import { makedev } from '../../uapi/stat';
import type { Kernel } from '../kernel';
import type { PhysMem } from '../mm/page';
import type { Dentry } from './dentry';
import { CharDevices } from './char_dev';
import { Mount, MntNamespace } from './mount';
import type { Path } from './path';
import type { FileSystemType, SuperBlock } from './super';

/** Where timestamps come from: CLOCK_REALTIME in ns (the machine's Clock). */
export interface VfsClock {
  realtime(): number;
}

export class Vfs {
  readonly filesystems: FileSystemType[] = [];
  readonly chrdevs = new CharDevices();
  /** The namespace every task starts in. */
  readonly initNs = new MntNamespace();
  /** pipefs: where the inodes of pipe(2) live (never mounted in a namespace). */
  pipeMnt: Mount | null = null;
  private nextMntId = 1;
  private nextAnonMinor = 1;

  constructor(
    readonly clock: VfsClock,
    /** RAM for file data (tmpfs pages come out of the machine's memory, as on Linux). */
    readonly phys: PhysMem,
  ) {}

  /** get_anon_bdev: a device number 0:N for a filesystem without a disk. */
  get_anon_bdev(): number {
    return makedev(0, this.nextAnonMinor++);
  }

  /**
   * A mount of `sb` not yet attached anywhere (vfs_create_mount); `root` is the dentry it shows,
   * another than the superblock's root for a bind mount of a subdirectory (clone_mnt).
   */
  create_mount(sb: SuperBlock, devname: string, flags: number, ns: MntNamespace, root: Dentry = sb.root): Mount {
    return new Mount(this.nextMntId++, sb, root, devname, flags, ns);
  }

  /** The mount at / of the initial namespace. */
  get rootMount(): Mount {
    const m = this.initNs.root;
    if (!m) throw new Error('vfs: no root mounted');
    return m;
  }

  /** The root of the initial namespace. */
  get rootPath(): Path {
    const m = this.initNs.root;
    if (!m) throw new Error('vfs: no root mounted');
    return { mnt: m, dentry: m.root };
  }
}

/** Each machine's Vfs, found from its Kernel (set once by vfs_init). */
const vfsOfKernel = new WeakMap<Kernel, Vfs>();

export function set_kernel_vfs(kernel: Kernel, vfs: Vfs): void {
  vfsOfKernel.set(kernel, vfs);
}

/** The Vfs of a machine; vfs_init must have run. */
export function kernel_vfs(kernel: Kernel): Vfs {
  const vfs = vfsOfKernel.get(kernel);
  if (!vfs) throw new Error('vfs: vfs_init has not run on this kernel');
  return vfs;
}

/**
 * vfs_kern_mount + do_add_mount: mount a filesystem of type `type` on `where` (a path already
 * followed to its topmost mount). Returns the mount or -errno.
 */
export function do_new_mount(vfs: Vfs, type: FileSystemType, devname: string, flags: number, data: string, where: Path): Mount | number {
  const sb = type.mount(vfs, devname, 0, data);
  if (typeof sb === 'number') return sb;
  const mnt = vfs.create_mount(sb, devname, flags, where.mnt.ns);
  where.mnt.ns.attach(mnt, where);
  return mnt;
}

/** kern_mount: an internal mount of a filesystem nobody sees in the tree (pipefs, sockfs). */
export function kern_mount(vfs: Vfs, type: FileSystemType): Mount | number {
  const sb = type.mount(vfs, type.name, 0, '');
  if (typeof sb === 'number') return sb;
  const ns = new MntNamespace();
  const mnt = vfs.create_mount(sb, type.name, 0, ns);
  ns.setRoot(mnt);
  return mnt;
}
