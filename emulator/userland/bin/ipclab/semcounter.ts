// ipc-semaphore: two processes add to one counter in shared memory, N times each, with a SysV
// semaphore as the lock around the read-modify-write.
//
//   ipc-semaphore [N] [--no-lock] [--posix] [--hold SECONDS]
//
// The counter lives in a shared memory segment attached before fork (the child inherits the
// attachment). With the lock the total is always 2N. With --no-lock, each process yields the CPU
// between reading and writing, so the other's update is lost now and then: the classic race.
// The semaphore operations carry SEM_UNDO, so a process killed while holding the lock gives it back.
//
// With --posix the same is done the POSIX way: the counter is a file in /dev/shm (shm_open,
// ftruncate, mmap MAP_SHARED) and the lock a named semaphore (sem_open), which the libc runs on a
// futex in shared memory — strace shows futex calls only when one process has to wait.
//
// --hold SECONDS: after its additions each process takes the lock once more and keeps it that
// long, so from outside one sees a holder and a waiter: with SysV, the holder's SEM_UNDO adjustment
// and the waiter asleep in semop, both attached to the segment; with --posix, both mapping the
// /dev/shm files and the waiter asleep in FUTEX_WAIT on the semaphore's word.

import type { Sys } from '../../runtime/context';
import { __NR } from '../../../uapi/unistd_64';
import { fputs, perror, stdout } from '../../libc/stdio';
import { peekI32, pokeI32, syscall } from '../../libc/process';
import { IPC_CREAT, IPC_PRIVATE, IPC_RMID, SEM_UNDO, SETVAL } from '../../libc/sys_ipc';
import { semctl, semget, semop } from '../../libc/sys_sem';
import { shmat, shmctl, shmdt, shmget } from '../../libc/sys_shm';
import { close, fork, ftruncate, sleepSeconds } from '../../libc/unistd';
import { holdOption } from './msgqueue';
import { O_CREAT, O_RDWR } from '../../../uapi/fcntl';
import { MAP_SHARED, mmap, munmap, PROT_READ, PROT_WRITE, shm_open, shm_unlink } from '../../libc/sys_mman';
import { sem_close, sem_open, sem_post, sem_unlink, sem_wait } from '../../libc/semaphore';
import { waitpid } from '../../libc/wait';

function* work(counter: number, sem: number, n: number, lock: boolean, hold: number): Sys<number> {
  for (let i = 0; i < n; i++) {
    if (lock && (yield* semop(sem, [{ num: 0, op: -1, flg: SEM_UNDO }])) < 0) return 1;
    const v = peekI32(counter);
    yield* syscall(__NR.sched_yield);
    pokeI32(counter, v + 1);
    if (lock && (yield* semop(sem, [{ num: 0, op: 1, flg: SEM_UNDO }])) < 0) return 1;
  }
  if (lock && hold > 0) {
    if ((yield* semop(sem, [{ num: 0, op: -1, flg: SEM_UNDO }])) < 0) return 1;
    yield* sleepSeconds(hold);
    if ((yield* semop(sem, [{ num: 0, op: 1, flg: SEM_UNDO }])) < 0) return 1;
  }
  return 0;
}

function* workPosix(counter: number, sem: number, n: number, hold: number): Sys<number> {
  for (let i = 0; i < n; i++) {
    if ((yield* sem_wait(sem)) < 0) return 1;
    const v = peekI32(counter);
    yield* syscall(__NR.sched_yield);
    pokeI32(counter, v + 1);
    yield* sem_post(sem);
  }
  if (hold > 0) {
    // The other process, finding the semaphore taken, sleeps in FUTEX_WAIT on its word.
    if ((yield* sem_wait(sem)) < 0) return 1;
    yield* sleepSeconds(hold);
    yield* sem_post(sem);
  }
  return 0;
}

function* posixCounter(n: number, hold: number): Sys<number> {
  const fd = yield* shm_open('/ipc-counter', O_RDWR | O_CREAT, 0o600);
  if (fd < 0 || (yield* ftruncate(fd, 4096)) < 0) {
    yield* perror('shm_open');
    return 1;
  }
  const counter = yield* mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  yield* close(fd);
  const sem = yield* sem_open('/ipc-lock', O_CREAT, 0o600, 1);
  if (counter === -1 || sem === -1) {
    yield* perror('mmap/sem_open');
    return 1;
  }
  const child = yield* fork(() => workPosix(counter, sem, n, hold));
  const mine = yield* workPosix(counter, sem, n, hold);
  const [, status] = yield* waitpid(child);
  const total = peekI32(counter);
  yield* fputs(`counter = ${total} (expected ${2 * n}, with a POSIX semaphore)\n`, stdout());
  yield* sem_close(sem);
  yield* sem_unlink('/ipc-lock');
  yield* munmap(counter, 4096);
  yield* shm_unlink('/ipc-counter');
  return mine === 0 && status === 0 && total === 2 * n ? 0 : 1;
}

export function* ipc_semaphore(argv: string[]): Sys<number> {
  const { hold, rest: args } = holdOption(argv.slice(1));
  const lock = !args.includes('--no-lock');
  const operands = args.filter((a) => !a.startsWith('--'));
  const unknown = args.some((a) => a.startsWith('--') && a !== '--no-lock' && a !== '--posix');
  const nArg = operands[0];
  const n = nArg === undefined ? 100 : /^\d+$/.test(nArg) ? Number(nArg) : NaN;
  if (unknown || operands.length > 1 || !Number.isSafeInteger(n) || Number.isNaN(hold)) {
    yield* fputs('usage: ipc-semaphore [N] [--no-lock] [--posix] [--hold SECONDS]\n', stdout());
    return 2;
  }
  if (args.includes('--posix')) return yield* posixCounter(n, hold);
  const shm = yield* shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0o600);
  const sem = yield* semget(IPC_PRIVATE, 1, IPC_CREAT | 0o600);
  if (shm < 0 || sem < 0) {
    yield* perror('shmget/semget');
    return 1;
  }
  yield* semctl(sem, 0, SETVAL, 1);
  const counter = yield* shmat(shm);
  if (counter === -1) {
    yield* perror('shmat');
    return 1;
  }
  const child = yield* fork(() => work(counter, sem, n, lock, hold));
  const mine = yield* work(counter, sem, n, lock, hold);
  const [, status] = yield* waitpid(child);
  const total = peekI32(counter);
  yield* fputs(`counter = ${total} (expected ${2 * n}${lock ? ', with the semaphore' : ', without a lock'})\n`, stdout());
  yield* shmdt(counter);
  yield* shmctl(shm, IPC_RMID);
  yield* semctl(sem, 0, IPC_RMID);
  return mine === 0 && status === 0 && (!lock || total === 2 * n) ? 0 : 1;
}
