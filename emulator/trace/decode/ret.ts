// The result part of a line: `= 3`, `= 0x55d769ed2000`, `= -1 ENOENT (No such file or directory)`,
// `= ?`. The kernel's restart codes (512-516) never reach user space — the call is restarted or
// turns into EINTR — but a tracer sees them at the syscall-exit stop, and strace prints them with
// `?` for the value: `= ? ERESTARTSYS (To be restarted if SA_RESTART is set)`.

import { ERESTARTSYS, ERESTART_RESTARTBLOCK, errnoName, strerror } from '../../uapi/errno';
import { syscallSignature } from '../../uapi/syscall_signatures';
import type { Decode, DecodeOptions, SyscallCall } from './types';
import { formatFd } from './fd';
import { hex, isError } from './numbers';

/** `ENOENT (No such file or directory)`. */
export function formatErrno(errno: number): string {
  return `${errnoName(errno) ?? errno} (${strerror(errno)})`;
}

const isRestartCode = (errno: number) => errno >= ERESTARTSYS && errno <= ERESTART_RESTARTBLOCK;

/** `= …` for a call that has returned (or `= ?` for one that never will, like exit). */
export function* formatReturn(call: SyscallCall, opts: DecodeOptions): Decode {
  const kind = syscallSignature(call.nr)?.ret ?? 'int';
  const ret = call.ret;
  if (ret === undefined || kind === 'none') return '= ?';
  if (isError(ret)) return `= ${isRestartCode(-ret) ? '?' : '-1'} ${formatErrno(-ret)}`;
  switch (kind) {
    case 'hex':
      return `= ${hex(ret)}`;
    case 'fd':
      return `= ${yield* formatFd(ret, opts)}`;
    default:
      return `= ${ret}`;
  }
}
