// struct ipc_namespace (ipc/namespace.c): the three SysV id tables of a machine and the
// counters the limits are checked against. The tunable limits themselves (kernel.msgmax,
// kernel.sem, kernel.shmmax …) live with the other sysctls; ipc_limits() reads them.
//
// Simplified: one IPC namespace per machine (no CLONE_NEWIPC).

import { ipc_sysctl } from '../sysctl_tables';
import type { Kernel } from '../kernel';
import { IpcIds } from './util';
import type { MsgQueue } from './msg';
import type { SemArray } from './sem';
import type { ShmSegment } from './shm';

export class IpcNamespace {
  readonly msg = new IpcIds<MsgQueue>();
  readonly sem = new IpcIds<SemArray>();
  readonly shm = new IpcIds<ShmSegment>();
  /** Semaphores in all sets (SEMMNS is checked against it). */
  usedSems = 0;
  /** Pages of all shm segments (SHMALL is checked against it). */
  shmTot = 0;
  /** Bytes and messages queued in all message queues (MSG_INFO). */
  msgBytes = 0;
  msgHdrs = 0;
}

const namespaces = new WeakMap<Kernel, IpcNamespace>();

export function ipc_ns(k: Kernel): IpcNamespace {
  let ns = namespaces.get(k);
  if (!ns) namespaces.set(k, (ns = new IpcNamespace()));
  return ns;
}

/** The current limits, as numbers (shmmax/shmall may exceed 2^53: they are clamped to it). */
export function ipc_limits(k: Kernel): {
  msgmax: number; msgmnb: number; msgmni: number;
  semmsl: number; semmns: number; semopm: number; semmni: number;
  shmmax: number; shmall: number; shmmni: number;
  shmmaxBig: bigint; shmallBig: bigint;
} {
  const v = ipc_sysctl(k);
  const big = (b: bigint) => (b > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(b));
  return {
    msgmax: v.msgmax[0]!, msgmnb: v.msgmnb[0]!, msgmni: v.msgmni[0]!,
    semmsl: v.sem[0]!, semmns: v.sem[1]!, semopm: v.sem[2]!, semmni: v.sem[3]!,
    shmmax: big(v.shmmax[0]!), shmall: big(v.shmall[0]!), shmmni: v.shmmni[0]!,
    shmmaxBig: v.shmmax[0]!, shmallBig: v.shmall[0]!,
  };
}

/** kernel.sem's SEMOPM and kernel.msgmax, read on every semop/msgsnd without building ipc_limits. */
export function sc_semopm(k: Kernel): number {
  return ipc_sysctl(k).sem[2]!;
}

export function msg_ctlmax(k: Kernel): number {
  return ipc_sysctl(k).msgmax[0]!;
}
