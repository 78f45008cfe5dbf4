// fcntl(2): what the third argument is depends on the command — nothing for the F_GET* commands,
// fd flags for F_SETFD, file status flags for F_SETFL, a signal for F_SETSIG, a number otherwise —
// and the F_GET* results are decoded too: `= 0x1 (flags FD_CLOEXEC)`, `= 10 (SIGUSR1)`.

import * as F from '../../uapi/fcntl';
import type { SyscallCall } from './types';
import { atEntry, pure, type ArgSpec } from './context';
import { formatOpenFlags } from './file_flags';
import { enumMap, formatEnum, formatFlags, type FlagTable } from './flags';
import { hex, int32 } from './numbers';
import { formatSignal } from './signals';

const FCNTL_COMMANDS = enumMap([
  [F.F_DUPFD, 'F_DUPFD'], [F.F_GETFD, 'F_GETFD'], [F.F_SETFD, 'F_SETFD'], [F.F_GETFL, 'F_GETFL'],
  [F.F_SETFL, 'F_SETFL'], [F.F_GETLK, 'F_GETLK'], [F.F_SETLK, 'F_SETLK'], [F.F_SETLKW, 'F_SETLKW'],
  [F.F_SETOWN, 'F_SETOWN'], [F.F_GETOWN, 'F_GETOWN'], [F.F_SETSIG, 'F_SETSIG'], [F.F_GETSIG, 'F_GETSIG'],
  [F.F_SETOWN_EX, 'F_SETOWN_EX'], [F.F_GETOWN_EX, 'F_GETOWN_EX'], [F.F_OFD_GETLK, 'F_OFD_GETLK'],
  [F.F_OFD_SETLK, 'F_OFD_SETLK'], [F.F_OFD_SETLKW, 'F_OFD_SETLKW'], [F.F_SETLEASE, 'F_SETLEASE'],
  [F.F_GETLEASE, 'F_GETLEASE'], [F.F_NOTIFY, 'F_NOTIFY'], [F.F_DUPFD_CLOEXEC, 'F_DUPFD_CLOEXEC'],
  [F.F_SETPIPE_SZ, 'F_SETPIPE_SZ'], [F.F_GETPIPE_SZ, 'F_GETPIPE_SZ'], [F.F_ADD_SEALS, 'F_ADD_SEALS'],
  [F.F_GET_SEALS, 'F_GET_SEALS'],
]);
const FD_FLAGS: FlagTable = [[F.FD_CLOEXEC, 'FD_CLOEXEC']];

export const fcntlCmdArg = pure((a) => formatEnum(int32(a.value) >>> 0, FCNTL_COMMANDS, 'F_'));

const NO_ARG = new Set([F.F_GETFD, F.F_GETFL, F.F_GETOWN, F.F_GETSIG, F.F_GETLEASE, F.F_GETPIPE_SZ, F.F_GET_SEALS]);
const DECIMAL_ARG = new Set([F.F_DUPFD, F.F_DUPFD_CLOEXEC, F.F_SETOWN, F.F_SETPIPE_SZ]);

/** The third argument's printer for a command, or null when the command takes none. */
function argFor(cmd: number): ArgSpec | null {
  if (NO_ARG.has(cmd)) return null;
  if (cmd === F.F_SETFD) return atEntry(pure((a) => formatFlags(a.value, FD_FLAGS)));
  if (cmd === F.F_SETFL) return atEntry(pure((a) => formatOpenFlags(int32(a.value))));
  if (cmd === F.F_SETSIG) return atEntry(pure((a) => formatSignal(int32(a.value))));
  if (DECIMAL_ARG.has(cmd)) return atEntry(pure((a) => `${int32(a.value)}`));
  return atEntry(pure((a) => hex(a.value)));
}

/** fcntl's arguments: fd and command as the signature says, the third by the command. */
export function fcntlLayout<T extends ArgSpec & { value: number }>(call: SyscallCall, args: T[]): T[] {
  const spec = argFor(int32(call.args[1] ?? 0));
  return spec ? [args[0]!, args[1]!, { ...args[2]!, ...spec }] : args.slice(0, 2);
}

/** The decoded result of the F_GET* commands that return flags or a signal; undefined for the rest. */
export function fcntlResult(call: SyscallCall, ret: number): string | undefined {
  switch (int32(call.args[1] ?? 0)) {
    case F.F_GETFD:
      return ret ? `${hex(ret)} (flags ${formatFlags(ret, FD_FLAGS)})` : undefined;
    case F.F_GETFL:
      return `${hex(ret)} (flags ${formatOpenFlags(ret)})`;
    case F.F_GETSIG:
      return ret ? `${ret} (${formatSignal(ret)})` : undefined;
  }
  return undefined;
}
