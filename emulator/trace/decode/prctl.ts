// prctl(2) and arch_prctl(2): the option says how many arguments follow and what they are —
// `prctl(PR_SET_NAME, "abc")`, `prctl(PR_GET_PDEATHSIG, [SIGKILL])`, `prctl(PR_GET_DUMPABLE)`,
// `arch_prctl(ARCH_GET_FS, [0x7f…])`. Options without a known shape show all four in hex.

import * as P from '../../uapi/prctl';
import type { SyscallCall } from './types';
import { atEntry, outArg, pure, type ArgSpec } from './context';
import { enumMap, formatEnum } from './flags';
import { int32, udec } from './numbers';
import { intPointer, ulongPointerHex } from './pointers';
import { formatSignal, signalArg } from './signals';
import { formatBuffer, stringArg } from './strings';

const OPTIONS = enumMap(P.PR_NAMES);
const DUMPABLE = enumMap([
  [P.SUID_DUMP_DISABLE, 'SUID_DUMP_DISABLE'], [P.SUID_DUMP_USER, 'SUID_DUMP_USER'], [P.SUID_DUMP_ROOT, 'SUID_DUMP_ROOT'],
]);
const dumpable = (n: number) => formatEnum(n, DUMPABLE, 'SUID_DUMP_');

export const prctlOptionArg = pure((a) => formatEnum(int32(a.value) >>> 0, OPTIONS, 'PR_'));

const decimal = atEntry(pure((a) => `${int32(a.value)}`));
const unsigned = atEntry(pure((a) => udec(a.value)));
/** PR_GET_NAME's buffer: the task name, up to TASK_COMM_LEN bytes with its NUL. */
const taskName = outArg(function* (a) {
  const s = yield* formatBuffer(a.value, P.TASK_COMM_LEN, { ...a.opts, strsize: P.TASK_COMM_LEN });
  return s.replace(/(\\0)+"$/, '"');
});

/** The arguments after the option, for the options whose shape we know. */
const SHAPES: Record<number, ArgSpec[]> = {
  [P.PR_SET_NAME]: [atEntry(stringArg)],
  [P.PR_GET_NAME]: [taskName],
  [P.PR_SET_PDEATHSIG]: [atEntry(signalArg)],
  [P.PR_GET_PDEATHSIG]: [outArg(intPointer(formatSignal))],
  [P.PR_SET_DUMPABLE]: [atEntry(pure((a) => dumpable(int32(a.value))))],
  [P.PR_SET_KEEPCAPS]: [decimal],
  [P.PR_SET_CHILD_SUBREAPER]: [decimal],
  [P.PR_GET_CHILD_SUBREAPER]: [outArg(intPointer())],
  [P.PR_SET_NO_NEW_PRIVS]: [unsigned, unsigned, unsigned, unsigned],
  [P.PR_GET_NO_NEW_PRIVS]: [unsigned, unsigned, unsigned, unsigned],
  [P.PR_GET_DUMPABLE]: [], [P.PR_GET_KEEPCAPS]: [], [P.PR_GET_SECCOMP]: [], [P.PR_GET_TIMERSLACK]: [],
  [P.PR_GET_THP_DISABLE]: [],
};

export function prctlLayout<T extends ArgSpec & { value: number }>(call: SyscallCall, args: T[]): T[] {
  const shape = SHAPES[int32(call.args[0] ?? 0)];
  return shape ? [args[0]!, ...shape.map((spec, i) => ({ ...args[i + 1]!, ...spec }))] : args;
}

/** PR_GET_DUMPABLE's result is a SUID_DUMP_* mode: `= 1 (SUID_DUMP_USER)`. */
export function prctlResult(call: SyscallCall, ret: number): string | undefined {
  return int32(call.args[0] ?? 0) === P.PR_GET_DUMPABLE ? `${ret} (${dumpable(ret)})` : undefined;
}

const ARCH_CODES = enumMap(P.ARCH_PRCTL_NAMES);
export const archPrctlCodeArg = pure((a) => formatEnum(int32(a.value) >>> 0, ARCH_CODES, 'ARCH_'));

/** ARCH_GET_FS/GS store the base at the address: shown as `[0x…]` after the call. */
export function archPrctlLayout<T extends ArgSpec & { value: number }>(call: SyscallCall, args: T[]): T[] {
  const code = int32(call.args[0] ?? 0);
  return code === P.ARCH_GET_FS || code === P.ARCH_GET_GS ? [args[0]!, { ...args[1]!, ...outArg(ulongPointerHex) }] : args;
}
