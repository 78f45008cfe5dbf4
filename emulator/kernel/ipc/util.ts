// What the three SysV IPC families share (ipc/util.c, ipc/namespace.c): the identifier tables,
// keys, the permission structure and its checks, and the get/ctl skeletons.
//
// An IPC object is found by a key (an int the programs agree on, often made by ftok) or by its
// identifier, the number msgget/semget/shmget return. The identifier is `seq * IPCMNI + idx`:
// idx is the object's slot, handed out cyclically, and seq grows each time the slots wrap, so an
// old identifier of a removed object does not silently name its successor in the same slot.

import { EACCES, EEXIST, EIDRM, EINVAL, ENOENT, ENOSPC, EPERM } from '../../uapi/errno';
import { IPC_CREAT, IPC_EXCL, IPC_PERM, IPC_PRIVATE, IPCMNI } from '../../uapi/ipc';
import type { Kernel } from '../kernel';
import type { Task } from '../sched/task';
import type { StructReader, StructWriter } from '../mm/uaccess';

/** The highest sequence number before it wraps (ipcid_seq_max with the default IPCMNI). */
const IPCID_SEQ_MAX = Math.floor(0x7fffffff / IPCMNI);

/** struct kern_ipc_perm: who owns an object and who may use it. */
export class KernIpcPerm {
  id = -1;
  seq = 0;
  /** Set by IPC_RMID: waiters wake with EIDRM, lookups fail. */
  deleted = false;
  uid: number;
  gid: number;
  readonly cuid: number;
  readonly cgid: number;

  constructor(
    public key: number,
    /** The low 9 bits are rwxrwxrwx (x unused); shm keeps SHM_DEST/SHM_LOCKED above them. */
    public mode: number,
    creator: Task,
  ) {
    this.uid = this.cuid = creator.cred.euid;
    this.gid = this.cgid = creator.cred.egid;
  }
}

/** An object in an id table. */
export interface IpcObject {
  readonly perm: KernIpcPerm;
}

/** struct ipc_ids: one family's table (msg, sem or shm). */
export class IpcIds<T extends IpcObject> {
  /** Objects by slot. */
  readonly slots = new Map<number, T>();
  private readonly byKey = new Map<number, T>();
  seq = 0;
  private lastIdx = -1;

  get inUse(): number {
    return this.slots.size;
  }

  /** ipc_addid: give a new object a slot and an identifier; -ENOSPC past `limit` objects. */
  add(obj: T, limit: number): number {
    if (this.slots.size >= Math.min(limit, IPCMNI)) return -ENOSPC;
    // idr_alloc_cyclic: the next free slot after the last one given out.
    let idx = -1;
    for (let i = 1; i <= IPCMNI; i++) {
      const cand = (this.lastIdx + i) % IPCMNI;
      if (!this.slots.has(cand)) {
        idx = cand;
        break;
      }
    }
    if (idx < 0) return -ENOSPC;
    if (idx <= this.lastIdx) {
      this.seq++;
      if (this.seq >= IPCID_SEQ_MAX) this.seq = 0;
    }
    this.lastIdx = idx;
    obj.perm.seq = this.seq;
    obj.perm.id = this.seq * IPCMNI + idx;
    this.slots.set(idx, obj);
    if (obj.perm.key !== IPC_PRIVATE) this.byKey.set(obj.perm.key, obj);
    return obj.perm.id;
  }

  /** ipc_rmid: the object leaves the table (its key is free for a new object at once). */
  remove(obj: T): void {
    const idx = obj.perm.id % IPCMNI;
    if (this.slots.get(idx) === obj) this.slots.delete(idx);
    this.forgetKey(obj);
    obj.perm.deleted = true;
  }

  /** The key no longer finds the object (shm marked for destruction keeps its slot but not its key). */
  forgetKey(obj: T): void {
    if (obj.perm.key !== IPC_PRIVATE && this.byKey.get(obj.perm.key) === obj) this.byKey.delete(obj.perm.key);
  }

  findKey(key: number): T | undefined {
    return this.byKey.get(key);
  }

  /** ipc_obtain_object_check: by identifier, or -EINVAL (a stale seq counts as not found). */
  obtain(id: number): T | number {
    if (id < 0) return -EINVAL;
    const obj = this.slots.get(id % IPCMNI);
    if (!obj || obj.perm.id !== id) return -EINVAL;
    return obj;
  }

  /** The object in slot `idx` (the *_STAT commands take a slot, not an identifier). */
  obtainIdx(idx: number): T | number {
    const obj = idx >= 0 ? this.slots.get(idx) : undefined;
    return obj ?? -EINVAL;
  }

  /** ipc_get_maxidx: the highest slot in use, or -1. */
  maxIdx(): number {
    let m = -1;
    for (const i of this.slots.keys()) if (i > m) m = i;
    return m;
  }

  /** Objects in slot order (/proc/sysvipc, the introspection API). */
  all(): T[] {
    return [...this.slots.entries()].sort((a, b) => a[0] - b[0]).map(([, o]) => o);
  }
}

/**
 * ipcperms: may the task do `flg`'s rwx (in the 0o600/0o060/0o006 places of the request) on the
 * object? Owner bits for the owner or creator, group bits for their groups, else other bits;
 * CAP_IPC_OWNER (root, here) passes regardless. 0 or -EACCES.
 */
export function ipcperms(t: Task, perm: KernIpcPerm, flg: number): number {
  const requested = ((flg >> 6) | (flg >> 3) | flg) & 7;
  let granted = perm.mode;
  const cred = t.cred;
  if (cred.euid === perm.cuid || cred.euid === perm.uid) granted >>= 6;
  else if (cred.inGroup(perm.cgid) || cred.inGroup(perm.gid)) granted >>= 3;
  if (requested & ~granted & 7 && !cred.capable()) return -EACCES;
  return 0;
}

/** The rights a *get call asks for: S_IRUGO for read, S_IWUGO for write. */
export const S_IRUGO = 0o444;
export const S_IWUGO = 0o222;
export const S_IRWXUGO = 0o777;

/**
 * ipcget: the common part of msgget/semget/shmget. IPC_PRIVATE always makes a new object; a key
 * finds an existing one (EEXIST with IPC_CREAT|IPC_EXCL, EACCES if the mode asked for exceeds the
 * rights) or, with IPC_CREAT, makes one (ENOENT without).
 */
export function ipcget<T extends IpcObject>(
  t: Task,
  ids: IpcIds<T>,
  key: number,
  flg: number,
  create: () => number,
  check: (obj: T) => number,
): number {
  if (key === IPC_PRIVATE) return create();
  const obj = ids.findKey(key);
  if (!obj) return flg & IPC_CREAT ? create() : -ENOENT;
  if (flg & IPC_CREAT && flg & IPC_EXCL) return -EEXIST;
  const c = check(obj);
  if (c < 0) return c;
  if (ipcperms(t, obj.perm, flg) < 0) return -EACCES;
  return obj.perm.id;
}

/**
 * ipcctl_obtain_check for IPC_SET and IPC_RMID: only the owner, the creator or a privileged
 * task may change or remove an object (EPERM).
 */
export function ipc_owner_check(t: Task, perm: KernIpcPerm): number {
  const euid = t.cred.euid;
  if (euid === perm.cuid || euid === perm.uid || t.cred.capable()) return 0;
  return -EPERM;
}

/** Write a struct ipc64_perm at `off`. */
export function kernel_to_ipc64_perm(w: StructWriter, off: number, p: KernIpcPerm): void {
  w.i32(off + IPC_PERM.key, p.key)
    .u32(off + IPC_PERM.uid, p.uid)
    .u32(off + IPC_PERM.gid, p.gid)
    .u32(off + IPC_PERM.cuid, p.cuid)
    .u32(off + IPC_PERM.cgid, p.cgid)
    .u32(off + IPC_PERM.mode, p.mode)
    .u16(off + IPC_PERM.seq, p.seq & 0xffff);
}

/** ipc_update_perm: IPC_SET takes uid, gid and the rwx bits from the caller's structure. */
export function ipc_update_perm(r: StructReader, off: number, p: KernIpcPerm): void {
  p.uid = r.u32(off + IPC_PERM.uid);
  p.gid = r.u32(off + IPC_PERM.gid);
  p.mode = (p.mode & ~S_IRWXUGO) | (r.u32(off + IPC_PERM.mode) & S_IRWXUGO);
}

/** ipc_parse_version: x86-64 has only the 64-bit structures; IPC_64 in the command is accepted and dropped. */
export function ipc_parse_cmd(cmd: number): number {
  return cmd & ~0x100;
}

/** The realtime clock's seconds (the *_time fields). */
export function ktime_get_real_seconds(k: Kernel): number {
  return Math.floor(k.clock.realtime() / 1e9);
}

/** A removed object's waiter learns it on waking. */
export function idrm(perm: KernIpcPerm): number {
  return perm.deleted ? -EIDRM : 0;
}
