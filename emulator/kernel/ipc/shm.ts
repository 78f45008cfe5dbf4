// SysV shared memory (ipc/shm.c): shmget, shmat, shmdt, shmctl.
//
// A segment is a shmem object (mm/shmem.ts): frames that belong to no process. shmat maps it
// MAP_SHARED into the caller's address space, so each attacher's page tables point at the same
// frames and a store by one process is a load away for the other. /proc/<pid>/maps names the
// mapping after the segment's hidden shmem file, "/SYSV<key in 8 hex digits> (deleted)", with the
// shmid as its inode number.
//
// shm_nattch counts the VMAs that map the segment: it grows with shmat and with fork (the child
// inherits the attachments) and shrinks with shmdt, munmap and exit. IPC_RMID on a segment still
// attached only marks it (SHM_DEST, key made private); it is destroyed with its last detach.

import { EACCES, EFAULT, EIDRM, EINVAL, ENOMEM, ENOSPC, EPERM } from '../../uapi/errno';
import {
  IPC_INFO, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, SHM_DEST, SHM_EXEC, SHM_INFO, SHM_INFO_SIZE, SHM_LOCK,
  SHM_LOCKED, SHM_RDONLY, SHM_REMAP, SHM_RND, SHM_STAT, SHM_STAT_ANY, SHM_UNLOCK, SHMID_DS, SHMINFO_SIZE,
  SHMMIN, SHMSEG,
} from '../../uapi/ipc';
import { PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_WRITE, TASK_SIZE } from '../../uapi/mman';
import type { Kernel } from '../kernel';
import { copy_from_user, copy_to_user, StructReader, StructWriter } from '../mm/uaccess';
import { ShmemObject } from '../mm/shmem';
import { VM_SHARED, type Vma } from '../mm/vma';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { ipc_limits, ipc_ns } from './namespace';
import {
  ipc_owner_check, ipc_parse_cmd, ipc_update_perm, ipcget, ipcperms, kernel_to_ipc64_perm, KernIpcPerm,
  ktime_get_real_seconds, S_IRUGO, S_IRWXUGO, S_IWUGO,
} from './util';

/** The device shm mappings show in /proc/<pid>/maps (the internal shm mount, 00:01). */
const SHM_DEV = 1;

/** struct shmid_kernel. */
export class ShmSegment extends ShmemObject {
  atime = 0;
  dtime = 0;
  ctime: number;
  cpid: number;
  lpid = 0;
  private readonly kernel: Kernel;
  /** The name of the segment's shmem file, as maps shows it (made from the key at creation). */
  readonly fileName: string;

  constructor(
    readonly perm: KernIpcPerm,
    readonly segsz: number,
    creator: Task,
  ) {
    super(creator.kernel.phys);
    this.kernel = creator.kernel;
    this.ctime = ktime_get_real_seconds(creator.kernel);
    this.cpid = creator.tgid;
    this.fileName = `/SYSV${(perm.key >>> 0).toString(16).padStart(8, '0')} (deleted)`;
  }

  get nattch(): number {
    return this.mapCount;
  }

  get npages(): number {
    return Math.ceil(this.segsz / PAGE_SIZE);
  }

  override getPage(index: number): ReturnType<ShmemObject['getPage']> {
    return index < this.npages ? super.getPage(index) : null;
  }

  /** shm_close: one VMA fewer; the last one destroys a segment marked for destruction. */
  override close(vma: Vma): void {
    super.close(vma);
    this.dtime = ktime_get_real_seconds(this.kernel);
    if (this.mapCount === 0 && this.perm.mode & SHM_DEST) shm_destroy(this.kernel, this);
  }
}

/** shm_destroy: the segment leaves the table and its frames go back to the machine. */
function shm_destroy(k: Kernel, shp: ShmSegment): void {
  const ns = ipc_ns(k);
  ns.shm.remove(shp);
  ns.shmTot -= shp.npages;
  shp.release();
}

function sys_shmget(t: Task, key: number, size: number, shmflg: number): number {
  const k = t.kernel;
  const ns = ipc_ns(k);
  const flg = shmflg | 0;
  return ipcget(
    t, ns.shm, key | 0, flg,
    () => {
      const lim = ipc_limits(k);
      if (size < SHMMIN || size > lim.shmmax) return -EINVAL;
      const pages = Math.ceil(size / PAGE_SIZE);
      if (ns.shmTot + pages < ns.shmTot || ns.shmTot + pages > lim.shmall) return -ENOSPC;
      // Frames are given on first touch; a segment larger than the machine fails then (OOM), as Linux's
      // overcommitted shmem does.
      const shp = new ShmSegment(new KernIpcPerm(key | 0, flg & S_IRWXUGO, t), size, t);
      const id = ns.shm.add(shp, lim.shmmni);
      if (id < 0) return -ENOSPC;
      ns.shmTot += pages;
      return id;
    },
    (shp) => (size > shp.segsz ? -EINVAL : 0),
  );
}

/** do_shmat: map the segment; returns the address or -errno. */
export function do_shmat(t: Task, shmid: number, shmaddr: number, shmflg: number): number {
  const k = t.kernel;
  const mm = t.mm;
  if (!mm) return -EINVAL;
  if (shmid < 0) return -EINVAL;
  let addr = shmaddr;
  if (addr) {
    if (addr % PAGE_SIZE) {
      if (shmflg & SHM_RND) addr -= addr % PAGE_SIZE; // SHMLBA is the page size on x86
      else return -EINVAL;
    }
    if (addr === 0 && !(shmflg & SHM_REMAP)) return -EINVAL; // rounded down to 0
  }
  let prot: number;
  let acc: number;
  if (shmflg & SHM_RDONLY) {
    prot = PROT_READ;
    acc = S_IRUGO;
  } else {
    prot = PROT_READ | PROT_WRITE;
    acc = S_IRUGO | S_IWUGO;
  }
  if (shmflg & SHM_EXEC) prot |= PROT_EXEC;
  const obj = ipc_ns(k).shm.obtain(shmid);
  if (typeof obj === 'number') return obj;
  const shp = obj;
  if (ipcperms(t, shp.perm, acc) < 0) return -EACCES;
  if (shp.perm.deleted) return -EIDRM;
  const size = shp.npages * PAGE_SIZE;
  let start: number;
  if (addr) {
    if (addr + size > TASK_SIZE) return -EINVAL;
    // Without SHM_REMAP an occupied range is an error (Linux's do_mmap gets MAP_FIXED only with it).
    if (!(shmflg & SHM_REMAP) && !mm.isFree(addr, addr + size)) return -EINVAL;
    start = addr;
  } else {
    start = mm.getUnmappedArea(size);
    if (start < 0) return -ENOMEM;
  }
  mm.insertVma({
    start, end: start + size, prot, flags: VM_SHARED, pgoff: 0, name: '',
    file: { dev: SHM_DEV, ino: shp.perm.id, path: shp.fileName },
    shared: shp,
  });
  shp.atime = ktime_get_real_seconds(k);
  shp.lpid = t.tgid;
  return start;
}

function sys_shmat(t: Task, shmid: number, shmaddr: number, shmflg: number): number {
  return do_shmat(t, shmid | 0, shmaddr, shmflg | 0);
}

/**
 * shmdt(2): find the attachment that starts at `shmaddr` (a VMA of a segment at offset 0) and
 * unmap every VMA of that segment from there to the segment's end.
 */
function sys_shmdt(t: Task, shmaddr: number): number {
  const mm = t.mm;
  if (!mm || shmaddr % PAGE_SIZE) return -EINVAL;
  const first = mm.vmas.find((v) => v.start === shmaddr && v.shared instanceof ShmSegment && v.pgoff === 0);
  if (!first) return -EINVAL;
  const shp = first.shared as ShmSegment;
  const end = shmaddr + shp.npages * PAGE_SIZE;
  shp.lpid = t.tgid;
  for (const v of [...mm.vmas]) {
    if (v.start >= shmaddr && v.start < end && v.shared === shp && v.pgoff === v.start - shmaddr) mm.unmapRange(v.start, v.end);
  }
  return 0;
}

function fill_shmid64(shp: ShmSegment): Uint8Array {
  const w = new StructWriter(SHMID_DS.size);
  kernel_to_ipc64_perm(w, SHMID_DS.perm, shp.perm);
  w.u64(SHMID_DS.segsz, shp.segsz).i64(SHMID_DS.atime, shp.atime).i64(SHMID_DS.dtime, shp.dtime).i64(SHMID_DS.ctime, shp.ctime)
    .i32(SHMID_DS.cpid, shp.cpid).i32(SHMID_DS.lpid, shp.lpid).u64(SHMID_DS.nattch, shp.nattch);
  return w.bytes;
}

function sys_shmctl(t: Task, shmid: number, cmd: number, buf: number): number {
  const k = t.kernel;
  const ns = ipc_ns(k);
  const id = shmid | 0;
  const c = ipc_parse_cmd(cmd | 0);
  if (id < 0 || c < 0) return -EINVAL;
  switch (c) {
    case IPC_INFO: {
      const lim = ipc_limits(k);
      // shminfo64: shmmax, shmmin, shmmni, shmseg, shmall.
      const w = new StructWriter(SHMINFO_SIZE).u64(0, lim.shmmaxBig).u64(8, SHMMIN).u64(16, lim.shmmni).u64(24, SHMSEG).u64(32, lim.shmallBig);
      if (copy_to_user(t, buf, w.bytes) < 0) return -EFAULT;
      return Math.max(ns.shm.maxIdx(), 0);
    }
    case SHM_INFO: {
      let rss = 0;
      for (const s of ns.shm.all()) rss += s.resident;
      // shm_info: used_ids, shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes.
      const w = new StructWriter(SHM_INFO_SIZE).i32(0, ns.shm.inUse).u64(8, ns.shmTot).u64(16, rss);
      if (copy_to_user(t, buf, w.bytes) < 0) return -EFAULT;
      return Math.max(ns.shm.maxIdx(), 0);
    }
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY: {
      const obj = c === IPC_STAT ? ns.shm.obtain(id) : ns.shm.obtainIdx(id);
      if (typeof obj === 'number') return obj;
      if (c !== SHM_STAT_ANY && ipcperms(t, obj.perm, S_IRUGO) < 0) return -EACCES;
      if (copy_to_user(t, buf, fill_shmid64(obj)) < 0) return -EFAULT;
      return c === IPC_STAT ? 0 : obj.perm.id;
    }
    case SHM_LOCK:
    case SHM_UNLOCK: {
      const obj = ns.shm.obtain(id);
      if (typeof obj === 'number') return obj;
      // Without CAP_IPC_LOCK, only the owner may lock (and RLIMIT_MEMLOCK would apply).
      if (!t.cred.capable() && t.cred.euid !== obj.perm.uid && t.cred.euid !== obj.perm.cuid) return -EPERM;
      // Our memory is never swapped: locking only sets the flag ipcs shows.
      if (c === SHM_LOCK) obj.perm.mode |= SHM_LOCKED;
      else obj.perm.mode &= ~SHM_LOCKED;
      return 0;
    }
    case IPC_SET:
    case IPC_RMID: {
      let r: StructReader | null = null;
      if (c === IPC_SET) {
        const b = copy_from_user(t, buf, SHMID_DS.size);
        if (typeof b === 'number') return -EFAULT;
        r = new StructReader(b);
      }
      const obj = ns.shm.obtain(id);
      if (typeof obj === 'number') return obj;
      const own = ipc_owner_check(t, obj.perm);
      if (own < 0) return own;
      if (c === IPC_RMID) {
        do_shm_rmid(k, obj);
        return 0;
      }
      ipc_update_perm(r!, SHMID_DS.perm, obj.perm);
      obj.ctime = ktime_get_real_seconds(k);
      return 0;
    }
    default:
      return -EINVAL;
  }
}

/** do_shm_rmid: destroy now, or mark for destruction at the last detach (the key is freed at once). */
function do_shm_rmid(k: Kernel, shp: ShmSegment): void {
  if (shp.nattch > 0) {
    ipc_ns(k).shm.forgetKey(shp);
    shp.perm.key = IPC_PRIVATE;
    shp.perm.mode |= SHM_DEST;
    return;
  }
  shm_destroy(k, shp);
}

export const shmSyscalls: SyscallGroup = {
  shmget: sys_shmget,
  shmat: sys_shmat,
  shmdt: sys_shmdt,
  shmctl: sys_shmctl,
};

