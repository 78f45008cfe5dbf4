// <sys/shm.h>: SysV shared memory. shmat returns an address in our own address space; the bytes
// there are read and written like any other memory (peek/poke), and another process attached
// to the same segment sees them.

import { __NR } from '../../uapi/unistd_64';
import { SHMID_DS } from '../../uapi/ipc';
import type { Sys } from '../runtime/context';
import { alloca, peek, poke, raw_syscall, release, setErrno, stackMark, syscall } from './process';
import { parseIpcPerm, type IpcPerm } from './sys_ipc';

/** struct shmid_ds. */
export interface ShmidDs {
  perm: IpcPerm;
  segsz: number;
  atime: number;
  dtime: number;
  ctime: number;
  cpid: number;
  lpid: number;
  nattch: number;
}

export function* shmget(key: number, size: number, shmflg: number): Sys<number> {
  return yield* syscall(__NR.shmget, key, size, shmflg);
}

/** shmat(2): the address, or -1 with errno set ((void *) -1 in C). */
export function* shmat(shmid: number, shmaddr = 0, shmflg = 0): Sys<number> {
  const r = yield* raw_syscall(__NR.shmat, shmid, shmaddr, shmflg);
  if (r < 0 && r >= -4095) {
    setErrno(-r);
    return -1;
  }
  return r;
}

export function* shmdt(shmaddr: number): Sys<number> {
  return yield* syscall(__NR.shmdt, shmaddr);
}

/** shmctl(2) with a buffer read back (IPC_STAT, SHM_STAT, *_INFO) or passed in (IPC_SET). */
export function* shmctl(shmid: number, cmd: number, input: Uint8Array | null = null, out: Uint8Array | null = null): Sys<number> {
  const mark = stackMark();
  try {
    const size = Math.max(input?.length ?? 0, out?.length ?? 0);
    const buf = size ? alloca(size) : 0;
    if (input) poke(buf, input);
    const r = yield* syscall(__NR.shmctl, shmid, cmd, buf);
    if (r >= 0 && out) out.set(peek(buf, out.length));
    return r;
  } finally {
    release(mark);
  }
}

export function parseShmidDs(b: Uint8Array): ShmidDs {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u = (o: number) => Number(v.getBigUint64(o, true));
  const s = (o: number) => Number(v.getBigInt64(o, true));
  return {
    perm: parseIpcPerm(v, SHMID_DS.perm), segsz: u(SHMID_DS.segsz), atime: s(SHMID_DS.atime), dtime: s(SHMID_DS.dtime),
    ctime: s(SHMID_DS.ctime), cpid: v.getInt32(SHMID_DS.cpid, true), lpid: v.getInt32(SHMID_DS.lpid, true), nattch: u(SHMID_DS.nattch),
  };
}

/** IPC_STAT/SHM_STAT/SHM_STAT_ANY as a structure; null with errno set. */
export function* shmctlStat(shmid: number, cmd: number): Sys<{ ds: ShmidDs; ret: number } | null> {
  const out = new Uint8Array(SHMID_DS.size);
  const r = yield* shmctl(shmid, cmd, null, out);
  return r < 0 ? null : { ds: parseShmidDs(out), ret: r };
}
