// <semaphore.h>: POSIX semaphores in user memory, as glibc builds them (nptl/sem_*.c): the count
// lives in a 32-bit word that user space changes itself, and the kernel is asked only to sleep
// while it is zero (FUTEX_WAIT) and to wake a sleeper after a post (FUTEX_WAKE) — so an
// uncontended sem_wait/sem_post costs no syscall at all. A semaphore shared between processes
// (pshared, or any named one) sits in shared memory and uses shared futexes, keyed by the page.
//
// sem_t here: the value (u32 at 0), the number of sleepers (u32 at 4), pshared (u32 at 8).
// A TypeScript program runs without preemption between two syscalls, so each read-modify-write
// below is as atomic as glibc's compare-and-swap (simplified: no CAS loop is needed).
//
// Named semaphores (sem_open) are files "/dev/shm/sem.NAME" holding one sem_t, mapped MAP_SHARED.

import { __NR } from '../../uapi/unistd_64';
import { EAGAIN, EEXIST, EINTR, EINVAL, ETIMEDOUT } from '../../uapi/errno';
import { O_CREAT, O_EXCL, O_RDWR } from '../../uapi/fcntl';
import { FUTEX_BITSET_MATCH_ANY, FUTEX_CLOCK_REALTIME, FUTEX_PRIVATE_FLAG, FUTEX_WAIT_BITSET, FUTEX_WAKE } from '../../uapi/futex';
import { MAP_SHARED, PROT_READ, PROT_WRITE } from '../../uapi/mman';
import type { Sys } from '../runtime/context';
import { open } from './fcntl';
import { alloca, errno, peekU32, poke, release, setErrno, stackMark, syscall } from './process';
import { mmap, munmap, shm_path } from './sys_mman';
import { close, unlink, writeAll } from './unistd';

export const SEM_T_SIZE = 32;
export const SEM_VALUE_MAX = 0x7fffffff;

const VALUE = 0;
const NWAITERS = 4;
const PSHARED = 8;

function put32(addr: number, v: number): void {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  poke(addr, b);
}

function futexFlags(sem: number): number {
  return peekU32(sem + PSHARED) ? 0 : FUTEX_PRIVATE_FLAG;
}

/** sem_init(3). */
export function* sem_init(sem: number, pshared: number, value: number): Sys<number> {
  if (value < 0 || value > SEM_VALUE_MAX) {
    setErrno(EINVAL);
    return -1;
  }
  const b = new Uint8Array(SEM_T_SIZE);
  const v = new DataView(b.buffer);
  v.setUint32(VALUE, value, true);
  v.setUint32(PSHARED, pshared ? 1 : 0, true);
  poke(sem, b);
  return 0;
}

export function* sem_destroy(_sem: number): Sys<number> {
  return 0;
}

/** sem_post(3): one more; wake a sleeper if there is one. */
export function* sem_post(sem: number): Sys<number> {
  const v = peekU32(sem + VALUE);
  if (v >= SEM_VALUE_MAX) {
    setErrno(75 /* EOVERFLOW */);
    return -1;
  }
  put32(sem + VALUE, v + 1);
  if (peekU32(sem + NWAITERS) > 0) yield* syscall(__NR.futex, sem + VALUE, FUTEX_WAKE | futexFlags(sem), 1);
  return 0;
}

/** sem_trywait(3): take one if the value is positive, else EAGAIN. */
export function* sem_trywait(sem: number): Sys<number> {
  const v = peekU32(sem + VALUE);
  if (v > 0) {
    put32(sem + VALUE, v - 1);
    return 0;
  }
  setErrno(EAGAIN);
  return -1;
}

/**
 * sem_timedwait(3) (sem_wait with `absNs` null): take one, sleeping on the futex while the value
 * is zero, until the absolute CLOCK_REALTIME time `absNs`. -1 with ETIMEDOUT or EINTR.
 */
export function* sem_timedwait(sem: number, absNs: number | null = null): Sys<number> {
  for (;;) {
    const v = peekU32(sem + VALUE);
    if (v > 0) {
      put32(sem + VALUE, v - 1);
      return 0;
    }
    put32(sem + NWAITERS, peekU32(sem + NWAITERS) + 1);
    const mark = stackMark();
    let r: number;
    try {
      let ts = 0;
      if (absNs !== null) {
        ts = alloca(16);
        const b = new Uint8Array(16);
        new DataView(b.buffer).setBigInt64(0, BigInt(Math.floor(absNs / 1e9)), true);
        new DataView(b.buffer).setBigInt64(8, BigInt(absNs % 1e9), true);
        poke(ts, b);
      }
      r = yield* syscall(__NR.futex, sem + VALUE, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME | futexFlags(sem), 0, ts, 0, FUTEX_BITSET_MATCH_ANY);
    } finally {
      release(mark);
    }
    put32(sem + NWAITERS, peekU32(sem + NWAITERS) - 1);
    if (r < 0 && (errno() === ETIMEDOUT || errno() === EINTR)) return -1;
  }
}

export function* sem_wait(sem: number): Sys<number> {
  return yield* sem_timedwait(sem, null);
}

export function sem_getvalue(sem: number): number {
  return peekU32(sem + VALUE);
}

/**
 * sem_open(3): the named semaphore's address, or -1 (SEM_FAILED) with errno set. O_CREAT makes
 * /dev/shm/sem.NAME holding a fresh sem_t (EEXIST with O_EXCL); the file is mapped MAP_SHARED.
 */
export function* sem_open(name: string, oflag: number, mode = 0o600, value = 0): Sys<number> {
  const path = shm_path(name, 'sem.');
  if (!path) {
    setErrno(EINVAL);
    return -1;
  }
  let fd = yield* open(path, O_RDWR);
  if (fd >= 0 && oflag & O_CREAT && oflag & O_EXCL) {
    yield* close(fd);
    setErrno(EEXIST);
    return -1;
  }
  if (fd < 0) {
    if (!(oflag & O_CREAT)) return -1;
    if (value > SEM_VALUE_MAX) {
      setErrno(EINVAL);
      return -1;
    }
    fd = yield* open(path, O_RDWR | O_CREAT | O_EXCL, mode);
    if (fd < 0) return -1;
    const b = new Uint8Array(SEM_T_SIZE);
    new DataView(b.buffer).setUint32(VALUE, value, true);
    new DataView(b.buffer).setUint32(PSHARED, 1, true);
    yield* writeAll(fd, b);
  }
  const addr = yield* mmap(0, SEM_T_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  yield* close(fd);
  return addr;
}

export function* sem_close(sem: number): Sys<number> {
  return yield* munmap(sem, SEM_T_SIZE);
}

export function* sem_unlink(name: string): Sys<number> {
  const path = shm_path(name, 'sem.');
  if (!path) {
    setErrno(EINVAL);
    return -1;
  }
  return yield* unlink(path);
}
