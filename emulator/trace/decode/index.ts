// The syscall decoder: strace's text for a call, its result, signals and exits. See types.ts for
// how a decoder asks its driver for tracee memory.

export type { Decode, DecodeAnswer, DecodeOptions, DecodeRequest, SyscallCall } from './types';
export { DEFAULT_DECODE_OPTIONS } from './types';
export { formatEntry, formatExit } from './syscall';
export { formatReturn, formatErrno } from './ret';
export { alignLine } from './line';
export { decodeSync, formatCallSync, type Answerer } from './sync';
export { quote } from './quote';
export { formatSignal, formatSigset } from './signals';
export { formatWaitStatus } from './wait';
