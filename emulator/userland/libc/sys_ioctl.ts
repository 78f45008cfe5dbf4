// <sys/ioctl.h>: ioctl(2) as C calls it, the argument being an integer or a pointer into our memory.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { syscall } from './process';

export function* ioctl(fd: number, request: number, arg = 0): Sys<number> {
  return yield* syscall(__NR.ioctl, fd, request, arg);
}
