// The SysV IPC calls as strace 6.1 prints them (strace's ipc.c, ipc_msg.c, ipc_msgctl.c,
// ipc_sem.c, ipc_shm.c, ipc_shmctl.c):
//
//   msgget(IPC_PRIVATE, IPC_CREAT|0600)     = 0
//   msgsnd(0, {mtype=1, mtext="hello"}, 5, 0) = 0
//   msgrcv(0, {mtype=1, mtext="hello"…}, 32, 0, MSG_NOERROR|IPC_NOWAIT) = 5
//   msgctl(0, IPC_STAT, {msg_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, msg_stime=…}) = 0
//   semop(0, [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}], 1) = 0
//   semctl(0, 0, SETVAL, 0x5)               = 0
//   shmat(0, NULL, SHM_RDONLY)              = 0x7f3fc34f4000

import {
  IPC_64, IPC_CREAT, IPC_EXCL, IPC_INFO, IPC_NOWAIT, IPC_PERM, IPC_RMID, IPC_SET, IPC_STAT, MSG_COPY, MSG_EXCEPT,
  MSG_INFO, MSG_NOERROR, MSG_STAT, MSG_STAT_ANY, MSQID_DS, SEM_INFO, SEM_STAT, SEM_STAT_ANY, SEM_UNDO,
  SEMBUF_SIZE, SHM_EXEC, SHM_HUGETLB, SHM_INFO, SHM_LOCK, SHM_NORESERVE, SHM_RDONLY, SHM_REMAP, SHM_RND,
  SHM_STAT, SHM_STAT_ANY, SHM_UNLOCK, SHMID_DS, GETALL, GETNCNT, GETPID, GETVAL, GETZCNT, SETALL, SETVAL,
} from '../../uapi/ipc';
import type { SyscallCall } from './types';
import { atEntry, outArg, pure, structArg, type ArgDecoder, type ArgSpec } from './context';
import { formatEnum, formatFlags, type FlagTable } from './flags';
import { hex, int32, ptr, succeeded, uint32 } from './numbers';
import { readMem, readStruct } from './requests';
import { formatBuffer } from './strings';
import { arrayLimit, formatList } from './arrays';
import { timespecArg } from './time';
import type { Fields } from './struct';

type Printed = ArgSpec & { value: number; length?: number };

const RESOURCE_FLAGS: FlagTable = [[IPC_CREAT, 'IPC_CREAT'], [IPC_EXCL, 'IPC_EXCL'], [IPC_NOWAIT, 'IPC_NOWAIT']];
const SHMGET_FLAGS: FlagTable = [...RESOURCE_FLAGS, [SHM_HUGETLB, 'SHM_HUGETLB'], [SHM_NORESERVE, 'SHM_NORESERVE']];
const MSG_FLAGS: FlagTable = [[MSG_NOERROR, 'MSG_NOERROR'], [MSG_EXCEPT, 'MSG_EXCEPT'], [MSG_COPY, 'MSG_COPY'], [IPC_NOWAIT, 'IPC_NOWAIT']];
const SEM_FLAGS: FlagTable = [[SEM_UNDO, 'SEM_UNDO'], [IPC_NOWAIT, 'IPC_NOWAIT']];
const SHMAT_FLAGS: FlagTable = [[SHM_RDONLY, 'SHM_RDONLY'], [SHM_RND, 'SHM_RND'], [SHM_REMAP, 'SHM_REMAP'], [SHM_EXEC, 'SHM_EXEC']];

const IPC_CMDS: FlagTable = [[IPC_RMID, 'IPC_RMID'], [IPC_SET, 'IPC_SET'], [IPC_STAT, 'IPC_STAT'], [IPC_INFO, 'IPC_INFO']];
const MSGCTL_CMDS = new Map([...IPC_CMDS, [MSG_STAT, 'MSG_STAT'], [MSG_INFO, 'MSG_INFO'], [MSG_STAT_ANY, 'MSG_STAT_ANY']] as [number, string][]);
const SEMCTL_CMDS = new Map([
  ...IPC_CMDS, [GETPID, 'GETPID'], [GETVAL, 'GETVAL'], [GETALL, 'GETALL'], [GETNCNT, 'GETNCNT'], [GETZCNT, 'GETZCNT'],
  [SETVAL, 'SETVAL'], [SETALL, 'SETALL'], [SEM_STAT, 'SEM_STAT'], [SEM_INFO, 'SEM_INFO'], [SEM_STAT_ANY, 'SEM_STAT_ANY'],
] as [number, string][]);
const SHMCTL_CMDS = new Map([
  ...IPC_CMDS, [SHM_LOCK, 'SHM_LOCK'], [SHM_UNLOCK, 'SHM_UNLOCK'], [SHM_STAT, 'SHM_STAT'], [SHM_INFO, 'SHM_INFO'], [SHM_STAT_ANY, 'SHM_STAT_ANY'],
] as [number, string][]);

/** A key: IPC_PRIVATE, or the key in hex. */
export const formatIpcKey = (key: number): string => (int32(key) === 0 ? 'IPC_PRIVATE' : hex(uint32(key)));

/** get flags: the IPC_* (and SHM_*) names, then the permission bits as `%#03o`. */
function formatGetFlags(v: number, table: FlagTable): string {
  const flags = uint32(v) & ~0o777;
  const mode = `0${(uint32(v) & 0o777).toString(8).padStart(2, '0')}`;
  return flags ? `${formatFlags(flags, table)}|${mode}` : mode;
}

/** A ctl command, with IPC_64 named when a libc sets it. */
function formatCmd(v: number, names: ReadonlyMap<number, string>, prefix: string): string {
  const c = int32(v);
  const base = formatEnum(c & ~IPC_64, names, prefix);
  return c & IPC_64 ? `IPC_64|${base}` : base;
}

const intArg = atEntry(pure((a) => `${int32(a.value)}`));
const keyArg = atEntry(pure((a) => formatIpcKey(a.value)));
const flagsArg = (table: FlagTable): ArgSpec => atEntry(pure((a) => formatFlags(uint32(a.value), table)));

function permFields(f: Fields, off: number): string {
  return `{uid=${f.u32(off + IPC_PERM.uid)}, gid=${f.u32(off + IPC_PERM.gid)}, mode=0${(f.u32(off + IPC_PERM.mode) & 0o7777).toString(8)}, key=${f.s32(off + IPC_PERM.key)}, cuid=${f.u32(off + IPC_PERM.cuid)}, cgid=${f.u32(off + IPC_PERM.cgid)}}`;
}

const msqidDs = structArg(MSQID_DS.size, (f) =>
  `{msg_perm=${permFields(f, 0)}, msg_stime=${f.s64(MSQID_DS.stime)}, msg_rtime=${f.s64(MSQID_DS.rtime)}, msg_ctime=${f.s64(MSQID_DS.ctime)}, ` +
  `msg_qnum=${f.u64(MSQID_DS.qnum)}, msg_qbytes=${f.u64(MSQID_DS.qbytes)}, msg_lspid=${f.s32(MSQID_DS.lspid)}, msg_lrpid=${f.s32(MSQID_DS.lrpid)}}`);
const msqidSet = structArg(MSQID_DS.size, (f) =>
  `{msg_perm={uid=${f.u32(IPC_PERM.uid)}, gid=${f.u32(IPC_PERM.gid)}, mode=0${(f.u32(IPC_PERM.mode) & 0o777).toString(8)}}, msg_qbytes=${f.u64(MSQID_DS.qbytes)}}`);
const msginfo = structArg(32, (f) =>
  `{msgpool=${f.s32(0)}, msgmap=${f.s32(4)}, msgmax=${f.s32(8)}, msgmnb=${f.s32(12)}, msgmni=${f.s32(16)}, msgssz=${f.s32(20)}, msgtql=${f.s32(24)}, msgseg=${f.u16(28)}}`);
const shmidDs = structArg(SHMID_DS.size, (f) =>
  `{shm_perm=${permFields(f, 0)}, shm_segsz=${f.u64(SHMID_DS.segsz)}, shm_cpid=${f.s32(SHMID_DS.cpid)}, shm_lpid=${f.s32(SHMID_DS.lpid)}, ` +
  `shm_nattch=${f.u64(SHMID_DS.nattch)}, shm_atime=${f.s64(SHMID_DS.atime)}, shm_dtime=${f.s64(SHMID_DS.dtime)}, shm_ctime=${f.s64(SHMID_DS.ctime)}}`);
const shmidSet = structArg(SHMID_DS.size, (f) =>
  `{shm_perm={uid=${f.u32(IPC_PERM.uid)}, gid=${f.u32(IPC_PERM.gid)}, mode=0${(f.u32(IPC_PERM.mode) & 0o777).toString(8)}}}`);
const shminfo = structArg(72, (f) => `{shmmax=${f.u64(0)}, shmmin=${f.u64(8)}, shmmni=${f.u64(16)}, shmseg=${f.u64(24)}, shmall=${f.u64(32)}}`);
const shmInfo = structArg(48, (f) =>
  `{used_ids=${f.s32(0)}, shm_tot=${f.u64(8)}, shm_rss=${f.u64(16)}, shm_swp=${f.u64(24)}, swap_attempts=${f.u64(32)}, swap_successes=${f.u64(40)}}`);

/** struct msgbuf: `{mtype=1, mtext="…"}` with `len` bytes of text. */
const msgbuf = (len: (a: { call: SyscallCall; length?: number }) => number): ArgDecoder =>
  function* (a) {
    if (a.value === 0) return 'NULL';
    const head = yield* readMem(a.value, 8);
    if (!head) return hex(a.value);
    const mtype = new DataView(head.buffer, head.byteOffset, 8).getBigInt64(0, true);
    return `{mtype=${mtype}, mtext=${yield* formatBuffer(a.value + 8, len(a), a.opts)}}`;
  };

/** The sembuf array: `[{sem_num=0, sem_op=-1, sem_flg=SEM_UNDO}, …]`. */
const sembufs: ArgDecoder = function* (a) {
  const n = uint32(a.length ?? 0);
  if (a.value === 0) return 'NULL';
  const shown = Math.min(n, arrayLimit(a.opts), 1024);
  const f = yield* readStruct(a.value, shown * SEMBUF_SIZE);
  if (!f) return hex(a.value);
  const items = Array.from({ length: shown }, (_, i) => {
    const o = i * SEMBUF_SIZE;
    const op = (f.u16(o + 2) << 16) >> 16;
    const flg = f.u16(o + 4);
    return `{sem_num=${f.u16(o)}, sem_op=${op}, sem_flg=${formatFlags(flg, SEM_FLAGS)}}`;
  });
  return formatList(items, shown < n);
};

const v = (spec: ArgSpec, arg: Printed): Printed => ({ ...arg, ...spec });

/** What each IPC call prints, given its default (signature) arguments. */
export const IPC_LAYOUTS: Record<string, (call: SyscallCall, args: Printed[]) => Printed[]> = {
  msgget: (_c, [key, flg]) => [v(keyArg, key!), v(atEntry(pure((a) => formatGetFlags(a.value, RESOURCE_FLAGS))), flg!)],
  semget: (_c, [key, n, flg]) => [v(keyArg, key!), v(intArg, n!), v(atEntry(pure((a) => formatGetFlags(a.value, RESOURCE_FLAGS))), flg!)],
  shmget: (_c, [key, size, flg]) => [v(keyArg, key!), size!, v(atEntry(pure((a) => formatGetFlags(a.value, SHMGET_FLAGS))), flg!)],
  msgsnd: (call, [id, p, sz, flg]) => [
    v(intArg, id!), { ...v(atEntry(msgbuf((a) => Number(a.length ?? 0))), p!), length: call.args[2] }, sz!, v(flagsArg(MSG_FLAGS), flg!),
  ],
  msgrcv: (call, [id, p, sz, typ, flg]) => [
    v(intArg, id!), { ...v(outArg(msgbuf((a) => (succeeded(a.call.ret) ? Number(a.length ?? 0) : 0))), p!), length: call.args[2] },
    { ...sz!, phase: 'exit' }, { ...typ!, phase: 'exit' }, { ...v(flagsArg(MSG_FLAGS), flg!), phase: 'exit' },
  ],
  msgctl: (call, [id, cmd, buf]) => {
    const c = int32(call.args[1] ?? 0) & ~IPC_64;
    const head = [v(intArg, id!), v(atEntry(pure((a) => formatCmd(a.value, MSGCTL_CMDS, 'MSG_'))), cmd!)];
    if (c === IPC_STAT || c === MSG_STAT || c === MSG_STAT_ANY) return [...head, v(outArg(msqidDs), buf!)];
    if (c === IPC_INFO || c === MSG_INFO) return [...head, v(outArg(msginfo), buf!)];
    if (c === IPC_SET) return [...head, v(atEntry(msqidSet), buf!)];
    return [...head, v(atEntry(pure((a) => ptr(a.value))), buf!)];
  },
  semop: (call, [id, sops, n]) => [v(intArg, id!), { ...v(atEntry(sembufs), sops!), length: call.args[2] }, v(atEntry(pure((a) => `${uint32(a.value)}`)), n!)],
  semtimedop: (call, [id, sops, n, ts]) => [
    v(intArg, id!), { ...v(atEntry(sembufs), sops!), length: call.args[2] }, v(atEntry(pure((a) => `${uint32(a.value)}`)), n!), v(atEntry(timespecArg), ts!),
  ],
  semctl: (_c, [id, num, cmd, arg]) => [
    v(intArg, id!), v(intArg, num!), v(atEntry(pure((a) => formatCmd(a.value, SEMCTL_CMDS, 'SEM_'))), cmd!), v(atEntry(pure((a) => ptr(a.value))), arg!),
  ],
  shmat: (_c, [id, addr, flg]) => [v(intArg, id!), addr!, v(flagsArg(SHMAT_FLAGS), flg!)],
  shmctl: (call, [id, cmd, buf]) => {
    const c = int32(call.args[1] ?? 0) & ~IPC_64;
    const head = [v(intArg, id!), v(atEntry(pure((a) => formatCmd(a.value, SHMCTL_CMDS, 'SHM_'))), cmd!)];
    if (c === IPC_STAT || c === SHM_STAT || c === SHM_STAT_ANY) return [...head, v(outArg(shmidDs), buf!)];
    if (c === IPC_INFO) return [...head, v(outArg(shminfo), buf!)];
    if (c === SHM_INFO) return [...head, v(outArg(shmInfo), buf!)];
    if (c === IPC_SET) return [...head, v(atEntry(shmidSet), buf!)];
    return [...head, v(atEntry(pure((a) => ptr(a.value))), buf!)];
  },
};
