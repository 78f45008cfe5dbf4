// What the UI needs to know about system calls, signals and errors to explain a trace: names,
// argument signatures, strace's classes, errno texts. Pure tables, shared with the kernel's own
// decoder so the UI and strace never disagree; re-exported here because the renderer reaches the
// emulator only through emulator/api.

export type { TraceEvent } from '../trace/events';
export { syscallClass, classesOf } from '../trace/decode/classes';
export { syscallDisplayName, syscallSignature } from '../uapi/syscall_signatures';
export type { SyscallSignature } from '../uapi/syscall_signatures';
export { errnoName, strerror } from '../uapi/errno';
export { signalName } from '../uapi/signal';
