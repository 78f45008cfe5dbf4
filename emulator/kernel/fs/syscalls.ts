// Every filesystem syscall, as one group for the syscall table.

import type { SyscallGroup } from '../syscalls/types';
import { accessSyscalls } from './access';
import { chdirSyscalls } from './chdir';
import { chmodSyscalls } from './chmod';
import { dPathSyscalls } from './d_path';
import { fallocateSyscalls } from './fallocate';
import { fcntlSyscalls } from './fcntl';
import { fdtableSyscalls } from './fdtable';
import { ioctlSyscalls } from './ioctl';
import { locksSyscalls } from './locks';
import { nameiSyscalls } from './namei_syscalls';
import { openSyscalls } from './open';
import { pipeSyscalls } from './pipe';
import { readWriteSyscalls } from './read_write';
import { readdirSyscalls } from './readdir';
import { statSyscalls } from './stat';
import { statfsSyscalls } from './statfs';
import { syncSyscalls } from './sync';
import { truncateSyscalls } from './truncate';
import { utimesSyscalls } from './utimes';

const groups: SyscallGroup[] = [
  openSyscalls, readWriteSyscalls, statSyscalls, readdirSyscalls, nameiSyscalls, fcntlSyscalls, fdtableSyscalls,
  dPathSyscalls, ioctlSyscalls, pipeSyscalls, accessSyscalls, chdirSyscalls, chmodSyscalls, truncateSyscalls,
  utimesSyscalls, statfsSyscalls, syncSyscalls, locksSyscalls, fallocateSyscalls,
];

export const fsSyscalls: SyscallGroup = Object.assign({}, ...groups);
