// The result part of a line: `= 3`, `= 0x55d769ed2000`, `= -1 ENOENT (No such file or directory)`,
// `= ?`. The kernel's restart codes (512-514, 516) never reach user space — the call is restarted
// or turns into EINTR — but a tracer sees them at the syscall-exit stop, and strace prints them
// with `?` for the value and texts of its own: `= ? ERESTARTSYS (To be restarted if SA_RESTART is
// set)`. Other kernel-internal codes (ENOIOCTLCMD, 515) have a name but no glibc text
// (`= -1 ENOIOCTLCMD (Unknown error 515)`), and a number with no name prints as `= -1 (errno 600)`.

import { ERESTARTNOHAND, ERESTARTNOINTR, ERESTARTSYS, ERESTART_RESTARTBLOCK, errnoName, strerror } from '../../uapi/errno';
import { syscallSignature } from '../../uapi/syscall_signatures';
import type { Decode, DecodeOptions, SyscallCall } from './types';
import { fcntlResult } from './fcntl';
import { formatFd } from './fd';
import { formatModeArg } from './file_flags';
import { hex, isError } from './numbers';
import { POLL_RESULTS } from './poll';
import { prctlResult } from './prctl';
import { timeResult } from './time';

const RESTART_CODES = new Set([ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK]);

/** `ENOENT (No such file or directory)`; `(errno 600)` for a number without a name. */
export function formatErrno(errno: number): string {
  const name = errnoName(errno);
  if (!name) return `(errno ${errno})`;
  // glibc has texts only for the errors user space can see; the kernel-internal ones start at 512.
  const text = errno < ERESTARTSYS || RESTART_CODES.has(errno) ? strerror(errno) : `Unknown error ${errno}`;
  return `${name} (${text})`;
}

/** Calls whose successful result strace decodes further; undefined falls back to the plain number. */
const RESULTS: Record<string, (call: SyscallCall, ret: number) => string | undefined> = {
  fcntl: fcntlResult,
  prctl: prctlResult,
  umask: (_call, ret) => formatModeArg(ret),
  time: (_call, ret) => timeResult(ret),
};

/** `= …` for a call that has returned (or `= ?` for one that never will, like exit). */
export function* formatReturn(call: SyscallCall, opts: DecodeOptions): Decode {
  const sig = syscallSignature(call.nr);
  const kind = sig?.ret ?? 'int';
  const ret = call.ret;
  if (ret === undefined || kind === 'none') return '= ?';
  if (isError(ret)) return `= ${RESTART_CODES.has(-ret) ? '?' : '-1'} ${formatErrno(-ret)}`;
  const decoded = sig && RESULTS[sig.name]?.(call, ret);
  if (decoded) return `= ${decoded}`;
  const annotated = sig && POLL_RESULTS[sig.name] ? yield* POLL_RESULTS[sig.name]!(call, opts) : undefined;
  if (annotated) return `= ${annotated}`;
  switch (kind) {
    case 'hex':
      return `= ${hex(ret)}`;
    case 'fd':
      return `= ${yield* formatFd(ret, opts)}`;
    default:
      return `= ${ret}`;
  }
}
