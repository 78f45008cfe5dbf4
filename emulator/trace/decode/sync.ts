// Running a decoder when the answers are at hand (the kernel's own trace, tests): each request is
// answered at once by a plain function.

import type { Decode, DecodeAnswer, DecodeOptions, DecodeRequest, SyscallCall } from './types';
import { DEFAULT_DECODE_OPTIONS } from './types';
import { alignLine } from './line';
import { formatReturn } from './ret';
import { formatCall } from './syscall';

export type Answerer = (req: DecodeRequest) => DecodeAnswer;

/** Drives `gen` to its end, answering every request with `answer`. */
export function decodeSync<T>(gen: Decode<T>, answer: Answerer): T {
  let step = gen.next();
  while (!step.done) step = gen.next(answer(step.value));
  return step.value;
}

/** The whole `name(args) = ret` line of a returned call, aligned after `prefix` (pid, time). */
export function formatCallSync(call: SyscallCall, opts: DecodeOptions, answer: Answerer, prefix = ''): string {
  return alignLine(prefix + decodeSync(formatCall(call, opts), answer), decodeSync(formatReturn(call, opts), answer));
}

/**
 * A call by a number the table has no signature for: its name (`syscall_0x3e7` when it has none)
 * and all six registers in hex — `syscall_0x3e7(0x1, 0x2, 0x3, 0, 0x7fc0ceabe6d0, 0)`.
 */
export function unknownSyscall(nr: number, args: readonly number[]): string {
  return decodeSync(formatCall({ nr, args }, DEFAULT_DECODE_OPTIONS), () => null);
}
