// Running a decoder when the answers are at hand (the kernel's own trace, tests): each request is
// answered at once by a plain function.

import type { Decode, DecodeAnswer, DecodeOptions, DecodeRequest, SyscallCall } from './types';
import { alignLine } from './line';
import { formatReturn } from './ret';
import { formatEntry, formatExit } from './syscall';

export type Answerer = (req: DecodeRequest) => DecodeAnswer;

/** Drives `gen` to its end, answering every request with `answer`. */
export function decodeSync<T>(gen: Decode<T>, answer: Answerer): T {
  let step = gen.next();
  while (!step.done) step = gen.next(answer(step.value));
  return step.value;
}

/** The whole `name(args) = ret` line of a returned call, aligned after `prefix` (pid, time). */
export function formatCallSync(call: SyscallCall, opts: DecodeOptions, answer: Answerer, prefix = ''): string {
  const text = decodeSync(formatEntry(call, opts), answer) + decodeSync(formatExit(call, opts), answer);
  return alignLine(prefix + text, decodeSync(formatReturn(call, opts), answer));
}
