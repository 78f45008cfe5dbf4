// ipc-shmring: a ring buffer in SysV shared memory between a producer and a consumer, with two
// counting semaphores — "free slots" and "filled slots" — as in every operating-systems textbook.
//
//   ipc-shmring [COUNT]
//
// Layout of the segment: SLOTS slots of 64 bytes. The producer waits for a free slot (semop -1 on
// sem 0), writes its message, and posts a filled slot (semop +1 on sem 1); the consumer does the
// opposite. The data itself never goes through the kernel: only the semaphores do.

import type { Sys } from '../../runtime/context';
import { fputs, perror, stdout } from '../../libc/stdio';
import { fromUtf8, peek, poke, utf8 } from '../../libc/process';
import { IPC_CREAT, IPC_PRIVATE, IPC_RMID, SETVAL } from '../../libc/sys_ipc';
import { semctl, semget, semop } from '../../libc/sys_sem';
import { shmat, shmctl, shmdt, shmget } from '../../libc/sys_shm';
import { fork, getpid } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';

const SLOTS = 4;
const SLOT = 64;
const FREE = 0;
const FILLED = 1;

export function* ipc_shmring(argv: string[]): Sys<number> {
  const count = argv[1] !== undefined ? Number(argv[1]) : 8;
  if (!Number.isInteger(count) || count < 0) {
    yield* fputs('usage: ipc-shmring [COUNT]\n', stdout());
    return 2;
  }
  const shm = yield* shmget(IPC_PRIVATE, SLOTS * SLOT, IPC_CREAT | 0o600);
  const sem = yield* semget(IPC_PRIVATE, 2, IPC_CREAT | 0o600);
  if (shm < 0 || sem < 0) {
    yield* perror('shmget/semget');
    return 1;
  }
  yield* semctl(sem, FREE, SETVAL, SLOTS);
  yield* semctl(sem, FILLED, SETVAL, 0);
  const ring = yield* shmat(shm);
  const child = yield* fork(function* () {
    const me = yield* getpid();
    for (let i = 0; i < count; i++) {
      yield* semop(sem, [{ num: FILLED, op: -1 }]);
      const b = peek(ring + (i % SLOTS) * SLOT, SLOT);
      const text = fromUtf8(b.subarray(0, Math.max(0, b.indexOf(0))));
      yield* semop(sem, [{ num: FREE, op: 1 }]);
      yield* fputs(`consumer ${me}: slot ${i % SLOTS}: ${text}\n`, stdout());
    }
    return 0;
  });
  for (let i = 0; i < count; i++) {
    yield* semop(sem, [{ num: FREE, op: -1 }]);
    const b = new Uint8Array(SLOT);
    b.set(utf8(`item ${i + 1}`).subarray(0, SLOT - 1));
    poke(ring + (i % SLOTS) * SLOT, b);
    yield* semop(sem, [{ num: FILLED, op: 1 }]);
  }
  const [, status] = yield* waitpid(child);
  yield* shmdt(ring);
  yield* shmctl(shm, IPC_RMID);
  yield* semctl(sem, 0, IPC_RMID);
  return status === 0 ? 0 : 1;
}
