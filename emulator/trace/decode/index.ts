// The syscall decoder: strace's text for a call, its result, signals and process exits. A decoder
// is a generator that asks its driver for tracee memory (see types.ts); decodeSync drives one
// with a synchronous answerer.

export type { Decode, DecodeAnswer, DecodeOptions, DecodeRequest, SyscallCall } from './types';
export { DEFAULT_DECODE_OPTIONS } from './types';
export { formatEntry, formatExit, formatCall } from './syscall';
export { formatReturn, formatErrno } from './ret';
export { alignLine } from './line';
export { decodeSync, formatCallSync, unknownSyscall, type Answerer } from './sync';
export { formatSiginfo, formatSignalLine, formatStoppedLine, formatExitLine } from './siginfo';
export { formatSignal, formatSigset } from './signals';
export { formatWaitStatus } from './wait';
export { quote } from './quote';
export { fdDetail } from './fd';
export { formatHexDump, dumpIo, type IoDump } from './hexdump';
