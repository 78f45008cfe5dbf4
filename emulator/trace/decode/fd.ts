// File descriptors: a decimal int, and with -y the file behind it in angle brackets, as
// /proc/<pid>/fd shows it: `3</dev/null>`, `4<pipe:[8791]>`. A directory fd for the *at() calls
// may be AT_FDCWD, the current directory (`AT_FDCWD</home/user>` with -y).

import { AT_FDCWD } from '../../uapi/fcntl';
import { S_ISBLK, S_ISCHR, major, minor } from '../../uapi/stat';
import type { Decode, DecodeOptions } from './types';
import { outArg, structArg, type ArgDecoder } from './context';
import { int32 } from './numbers';
import { fdLink } from './requests';

/** `<target>` for -y, asked of the driver; empty without -y or when the target is unknown. */
function* decoration(fd: number, opts: DecodeOptions): Decode {
  if (!opts.decodeFds) return '';
  const link = yield* fdLink(fd, opts.decodeFds === 2);
  return link === null ? '' : `<${link}>`;
}

/**
 * What -yy adds to a device's path: its type and numbers, `/dev/null<char 1:3>`. Both answerers
 * (strace from fstat of /proc/PID/fd/N, the kernel from the inode) format it here.
 */
export function fdDetail(link: string, mode: number, rdev: number): string {
  if (S_ISCHR(mode)) return `${link}<char ${major(rdev)}:${minor(rdev)}>`;
  if (S_ISBLK(mode)) return `${link}<block ${major(rdev)}:${minor(rdev)}>`;
  return link;
}

export function* formatFd(value: number, opts: DecodeOptions): Decode {
  const fd = int32(value);
  return fd < 0 ? `${fd}` : `${fd}${yield* decoration(fd, opts)}`;
}

export const fdArg: ArgDecoder = (a) => formatFd(a.value, a.opts);

/** A dirfd: AT_FDCWD is decorated with the current directory (the driver answers fd -100 with it). */
export const dirfdArg: ArgDecoder = function* (a) {
  const fd = int32(a.value);
  return fd === AT_FDCWD ? `AT_FDCWD${yield* decoration(fd, a.opts)}` : yield* formatFd(fd, a.opts);
};

/** pipe/pipe2's result: the two new fds, `[3, 4]` (decorated with -y). */
export const pipefdOutSpec = outArg(
  structArg(8, function* (f, a) {
    return `[${yield* formatFd(f.s32(0), a.opts)}, ${yield* formatFd(f.s32(4), a.opts)}]`;
  }),
);
