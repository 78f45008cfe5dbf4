// <sys/sem.h>: SysV semaphore sets. semop's struct sembuf array is built in our memory; semctl's
// fourth argument (union semun) is a value for SETVAL and a pointer otherwise.

import { __NR } from '../../uapi/unistd_64';
import { SEMBUF_SIZE, SEMID_DS } from '../../uapi/ipc';
import type { Sys } from '../runtime/context';
import { alloca, peek, poke, release, stackMark, syscall } from './process';
import { parseIpcPerm, type IpcPerm } from './sys_ipc';

export interface SemBuf {
  num: number;
  op: number;
  flg?: number;
}

/** struct semid_ds. */
export interface SemidDs {
  perm: IpcPerm;
  otime: number;
  ctime: number;
  nsems: number;
}

export function* semget(key: number, nsems: number, semflg: number): Sys<number> {
  return yield* syscall(__NR.semget, key, nsems, semflg);
}

/** The struct sembuf array, little-endian (one reusable buffer for the common short lists). */
let sopsBuf = new Uint8Array(SEMBUF_SIZE * 4);

function sembufBytes(sops: SemBuf[]): Uint8Array {
  const n = sops.length * SEMBUF_SIZE;
  if (sopsBuf.length < n) sopsBuf = new Uint8Array(n);
  const b = sopsBuf;
  for (let i = 0, o = 0; i < sops.length; i++, o += SEMBUF_SIZE) {
    const s = sops[i]!;
    const flg = s.flg ?? 0;
    b[o] = s.num & 0xff;
    b[o + 1] = (s.num >> 8) & 0xff;
    b[o + 2] = s.op & 0xff;
    b[o + 3] = (s.op >> 8) & 0xff;
    b[o + 4] = flg & 0xff;
    b[o + 5] = (flg >> 8) & 0xff;
  }
  return b.subarray(0, n);
}

function* semcall(semid: number, sops: SemBuf[], timeoutNs: number | null): Sys<number> {
  const mark = stackMark();
  const b = sembufBytes(sops);
  const buf = alloca(Math.max(b.length, 1));
  poke(buf, b);
  let ts = 0;
  if (timeoutNs !== null) {
    ts = alloca(16);
    const tb = new Uint8Array(16);
    new DataView(tb.buffer).setBigInt64(0, BigInt(Math.floor(timeoutNs / 1e9)), true);
    new DataView(tb.buffer).setBigInt64(8, BigInt(timeoutNs % 1e9), true);
    poke(ts, tb);
  }
  const r = timeoutNs === null ? yield* syscall(__NR.semop, semid, buf, sops.length) : yield* syscall(__NR.semtimedop, semid, buf, sops.length, ts);
  release(mark);
  return r;
}

/** semop(2): 0, or -1 with errno set. */
export function* semop(semid: number, sops: SemBuf[]): Sys<number> {
  return yield* semcall(semid, sops, null);
}

/** semtimedop(2) with a relative timeout in ns. */
export function* semtimedop(semid: number, sops: SemBuf[], timeoutNs: number): Sys<number> {
  return yield* semcall(semid, sops, timeoutNs);
}

/** semctl(2) for commands whose argument is a value or nothing (GETVAL, SETVAL, GETPID, GETNCNT, GETZCNT, IPC_RMID). */
export function* semctl(semid: number, semnum: number, cmd: number, val = 0): Sys<number> {
  return yield* syscall(__NR.semctl, semid, semnum, cmd, val);
}

/** semctl with a buffer: `input` passed in (SETALL, IPC_SET), `out` filled (GETALL, IPC_STAT, SEM_STAT, *_INFO). */
export function* semctlBuf(semid: number, semnum: number, cmd: number, input: Uint8Array | null, out: Uint8Array | null): Sys<number> {
  const mark = stackMark();
  try {
    const size = Math.max(input?.length ?? 0, out?.length ?? 0, 1);
    const buf = alloca(size);
    if (input) poke(buf, input);
    const r = yield* syscall(__NR.semctl, semid, semnum, cmd, buf);
    if (r >= 0 && out) out.set(peek(buf, out.length));
    return r;
  } finally {
    release(mark);
  }
}

export function parseSemidDs(b: Uint8Array): SemidDs {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    perm: parseIpcPerm(v, SEMID_DS.perm), otime: Number(v.getBigInt64(SEMID_DS.otime, true)),
    ctime: Number(v.getBigInt64(SEMID_DS.ctime, true)), nsems: Number(v.getBigUint64(SEMID_DS.nsems, true)),
  };
}

/** IPC_STAT/SEM_STAT/SEM_STAT_ANY as a structure; null with errno set. */
export function* semctlStat(semid: number, cmd: number): Sys<{ ds: SemidDs; ret: number } | null> {
  const out = new Uint8Array(SEMID_DS.size);
  const r = yield* semctlBuf(semid, 0, cmd, null, out);
  return r < 0 ? null : { ds: parseSemidDs(out), ret: r };
}
