// What ipcs, ipcrm and lsipc share (util-linux's sys-utils/ipcutils.c): the list of objects of
// each kind and the system limits.
//
// The objects come from the kernel's tables through the syscalls: *_INFO gives the highest slot
// in use, then *_STAT walks the slots and returns each object's identifier and structure (what
// ipcutils does when /proc/sysvipc is missing). The limits come from /proc/sys/kernel.

import {
  IPC_INFO, MSG_INFO, MSG_STAT, SEM_INFO, SEM_STAT, SEMVMX, SHM_INFO, SHM_STAT, SHMMIN,
} from '../../../../uapi/ipc';
import type { Sys } from '../../../runtime/context';
import { getgrgid } from '../../../libc/grp';
import { getpwuid } from '../../../libc/pwd';
import { readTextFile } from '../../../libc/read_file';
import { msgctl, msgctlStat, type MsqidDs } from '../../../libc/sys_msg';
import { semctl, semctlBuf, semctlStat, type SemidDs } from '../../../libc/sys_sem';
import { GETNCNT, GETPID, GETVAL, GETZCNT } from '../../../libc/sys_ipc';
import { shmctl, shmctlStat, type ShmidDs } from '../../../libc/sys_shm';
import { gmtime, strftime } from '../../../libc/time';

export interface MsgEntry { id: number; ds: MsqidDs }
export interface SemEntry { id: number; ds: SemidDs }
export interface ShmEntry { id: number; ds: ShmidDs }

/** The highest slot in use (the *_INFO result), or -1 when the kernel has no such IPC. */
export function* msgMaxIdx(): Sys<number> {
  return yield* msgctl(0, MSG_INFO, null, new Uint8Array(32));
}

export function* semMaxIdx(): Sys<number> {
  return yield* semctlBuf(0, 0, SEM_INFO, null, new Uint8Array(40));
}

export function* shmMaxIdx(): Sys<number> {
  return yield* shmctl(0, SHM_INFO, null, new Uint8Array(48));
}

export function* msgList(): Sys<MsgEntry[]> {
  const max = yield* msgMaxIdx();
  const out: MsgEntry[] = [];
  for (let i = 0; i <= max; i++) {
    const r = yield* msgctlStat(i, MSG_STAT);
    if (r) out.push({ id: r.ret, ds: r.ds });
  }
  return out;
}

export function* semList(): Sys<SemEntry[]> {
  const max = yield* semMaxIdx();
  const out: SemEntry[] = [];
  for (let i = 0; i <= max; i++) {
    const r = yield* semctlStat(i, SEM_STAT);
    if (r) out.push({ id: r.ret, ds: r.ds });
  }
  return out;
}

export function* shmList(): Sys<ShmEntry[]> {
  const max = yield* shmMaxIdx();
  const out: ShmEntry[] = [];
  for (let i = 0; i <= max; i++) {
    const r = yield* shmctlStat(i, SHM_STAT);
    if (r) out.push({ id: r.ret, ds: r.ds });
  }
  return out;
}

/** One semaphore of a set, for ipcs -s -i and lsipc -s -i. */
export interface SemElem { value: number; ncount: number; zcount: number; pid: number }

export function* semElems(id: number, nsems: number): Sys<SemElem[]> {
  const out: SemElem[] = [];
  for (let i = 0; i < nsems; i++) {
    out.push({
      value: yield* semctl(id, i, GETVAL), ncount: yield* semctl(id, i, GETNCNT),
      zcount: yield* semctl(id, i, GETZCNT), pid: yield* semctl(id, i, GETPID),
    });
  }
  return out;
}

/** struct ipc_limits, from /proc/sys/kernel (as ipc_{msg,sem,shm}_get_limits read them). */
export interface IpcLimits {
  msgmni: bigint; msgmax: bigint; msgmnb: bigint;
  semmsl: bigint; semmns: bigint; semopm: bigint; semmni: bigint; semvmx: bigint;
  shmmax: bigint; shmall: bigint; shmmni: bigint; shmmin: bigint;
}

function* readNum(name: string): Sys<bigint | null> {
  const s = yield* readTextFile(`/proc/sys/kernel/${name}`);
  if (s === null) return null;
  try {
    return BigInt(s.trim().split(/\s+/)[0]!);
  } catch {
    return null;
  }
}

export function* ipcLimits(): Sys<IpcLimits> {
  const sem = (yield* readTextFile('/proc/sys/kernel/sem'))?.trim().split(/\s+/).map((x) => BigInt(x)) ?? [];
  // Without /proc/sys, IPC_INFO gives what the kernel enforces.
  const msginfo = new Uint8Array(32);
  yield* msgctl(0, IPC_INFO, null, msginfo);
  const mv = new DataView(msginfo.buffer);
  return {
    msgmni: (yield* readNum('msgmni')) ?? BigInt(mv.getInt32(16, true)),
    msgmax: (yield* readNum('msgmax')) ?? BigInt(mv.getInt32(8, true)),
    msgmnb: (yield* readNum('msgmnb')) ?? BigInt(mv.getInt32(12, true)),
    semmsl: sem[0] ?? 0n, semmns: sem[1] ?? 0n, semopm: sem[2] ?? 0n, semmni: sem[3] ?? 0n, semvmx: BigInt(SEMVMX),
    shmmax: (yield* readNum('shmmax')) ?? 0n, shmall: (yield* readNum('shmall')) ?? 0n,
    shmmni: (yield* readNum('shmmni')) ?? 0n, shmmin: BigInt(SHMMIN),
  };
}

/** A user name for a uid, or the number. */
export function* userName(uid: number): Sys<string> {
  return (yield* getpwuid(uid))?.name ?? String(uid);
}

export function* groupName(gid: number): Sys<string> {
  return (yield* getgrgid(gid))?.name ?? String(gid);
}

/** ctime(3) without its newline: "Sat Nov 28 11:30:00 2026" (the machine's zone is UTC). */
export function ctime(t: number): string {
  return strftime('%a %b %e %H:%M:%S %Y', gmtime(t));
}

/** printf's %-Ns and %Ns. */
export const ljust = (s: string | number, w: number): string => String(s).padEnd(w);
export const rjust = (s: string | number, w: number): string => String(s).padStart(w);

/** "0x%08x" of a key. */
export const hexKey = (k: number): string => `0x${(k >>> 0).toString(16).padStart(8, '0')}`;

/** Permission bits as ls shows them, "rw-r--r--" (lsipc's PERMS). */
export function permString(mode: number): string {
  const r = (m: number, s: string) => (mode & m ? s : '-');
  return r(0o400, 'r') + r(0o200, 'w') + r(0o100, 'x') + r(0o40, 'r') + r(0o20, 'w') + r(0o10, 'x') + r(0o4, 'r') + r(0o2, 'w') + r(0o1, 'x');
}
