// <sys/ipc.h>: ftok, and struct ipc_perm as the *ctl(IPC_STAT) calls return it.

import { IPC_PERM } from '../../uapi/ipc';
import type { Sys } from '../runtime/context';
import { stat } from './sys_stat';

export * from '../../uapi/ipc';

/** struct ipc_perm. */
export interface IpcPerm {
  key: number;
  uid: number;
  gid: number;
  cuid: number;
  cgid: number;
  mode: number;
  seq: number;
}

export function parseIpcPerm(v: DataView, off = 0): IpcPerm {
  return {
    key: v.getInt32(off + IPC_PERM.key, true),
    uid: v.getUint32(off + IPC_PERM.uid, true),
    gid: v.getUint32(off + IPC_PERM.gid, true),
    cuid: v.getUint32(off + IPC_PERM.cuid, true),
    cgid: v.getUint32(off + IPC_PERM.cgid, true),
    mode: v.getUint16(off + IPC_PERM.mode, true),
    seq: v.getUint16(off + IPC_PERM.seq, true),
  };
}

/**
 * ftok(3), as glibc computes it: the low 8 bits of proj_id, of the file's device and the low 16
 * bits of its inode number — `(proj_id & 0xff) << 24 | (st_dev & 0xff) << 16 | (st_ino & 0xffff)`.
 * -1 with errno set when the file cannot be stat'ed.
 */
export function* ftok(path: string, projId: number): Sys<number> {
  const st = yield* stat(path);
  if (!st) return -1;
  return (((projId & 0xff) << 24) | ((st.dev & 0xff) << 16) | (st.ino & 0xffff)) | 0;
}
