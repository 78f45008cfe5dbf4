// ipc-bench: the loops behind npm run bench's IPC figures.
//
//   ipc-bench msg N     N round trips between two processes over one SysV queue (type 1 there,
//                       type 2 back: msgsnd + msgrcv on each side)
//   ipc-bench sem N     N semop calls (alternately +1 and -1) on one semaphore
//   ipc-bench shm MIB   MIB mebibytes written into a shared segment by one process and read by
//                       another, 64 KiB at a time, handed over with two semaphores

import type { Sys } from '../../runtime/context';
import { fputs, perror, stderr } from '../../libc/stdio';
import { peek, poke } from '../../libc/process';
import { IPC_CREAT, IPC_PRIVATE, IPC_RMID } from '../../libc/sys_ipc';
import { msgctl, msgget, msgrcv, msgsnd } from '../../libc/sys_msg';
import { semctl, semget, semop } from '../../libc/sys_sem';
import { shmat, shmctl, shmget } from '../../libc/sys_shm';
import { fork } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';

const CHUNK = 65536;

function* msgBench(n: number): Sys<number> {
  const q = yield* msgget(IPC_PRIVATE, IPC_CREAT | 0o600);
  if (q < 0) return 1;
  const ping = new Uint8Array(8);
  const child = yield* fork(function* () {
    for (let i = 0; i < n; i++) {
      if (!(yield* msgrcv(q, 8, 1))) return 1;
      if ((yield* msgsnd(q, 2, ping)) < 0) return 1;
    }
    return 0;
  });
  for (let i = 0; i < n; i++) {
    if ((yield* msgsnd(q, 1, ping)) < 0 || !(yield* msgrcv(q, 8, 2))) {
      yield* perror('ipc-bench msg');
      return 1;
    }
  }
  const [, status] = yield* waitpid(child);
  yield* msgctl(q, IPC_RMID);
  return status === 0 ? 0 : 1;
}

function* semBench(n: number): Sys<number> {
  const s = yield* semget(IPC_PRIVATE, 1, IPC_CREAT | 0o600);
  if (s < 0) return 1;
  for (let i = 0; i < n; i++) {
    if ((yield* semop(s, [{ num: 0, op: i % 2 ? -1 : 1 }])) < 0) {
      yield* perror('ipc-bench sem');
      return 1;
    }
  }
  yield* semctl(s, 0, IPC_RMID);
  return 0;
}

function* shmBench(mib: number): Sys<number> {
  const id = yield* shmget(IPC_PRIVATE, CHUNK, IPC_CREAT | 0o600);
  const s = yield* semget(IPC_PRIVATE, 2, IPC_CREAT | 0o600);
  if (id < 0 || s < 0) return 1;
  const buf = yield* shmat(id);
  const chunks = (mib * 1048576) / CHUNK;
  const data = new Uint8Array(CHUNK).fill(0x5a);
  // sem 0: the buffer is free; sem 1: the buffer is full.
  yield* semop(s, [{ num: 0, op: 1 }]);
  const child = yield* fork(function* () {
    for (let i = 0; i < chunks; i++) {
      yield* semop(s, [{ num: 1, op: -1 }]);
      const got = peek(buf, CHUNK);
      if (got[CHUNK - 1] !== 0x5a) return 1;
      yield* semop(s, [{ num: 0, op: 1 }]);
    }
    return 0;
  });
  for (let i = 0; i < chunks; i++) {
    yield* semop(s, [{ num: 0, op: -1 }]);
    poke(buf, data);
    yield* semop(s, [{ num: 1, op: 1 }]);
  }
  const [, status] = yield* waitpid(child);
  yield* shmctl(id, IPC_RMID);
  yield* semctl(s, 0, IPC_RMID);
  return status === 0 ? 0 : 1;
}

export function* ipc_bench(argv: string[]): Sys<number> {
  const n = Number(argv[2]);
  if (!Number.isInteger(n) || n < 0) {
    yield* fputs('usage: ipc-bench msg|sem|shm N\n', stderr());
    return 2;
  }
  switch (argv[1]) {
    case 'msg': return yield* msgBench(n);
    case 'sem': return yield* semBench(n);
    case 'shm': return yield* shmBench(n);
    default:
      yield* fputs('usage: ipc-bench msg|sem|shm N\n', stderr());
      return 2;
  }
}
