// <sys/ptrace.h> and <sys/uio.h>'s process_vm_readv: what a debugger or strace uses to watch
// another process. Every request is the ptrace(2) syscall; the tracee's memory is read with
// process_vm_readv(2), which copies a whole range in one call (PTRACE_PEEKDATA moves one word).

import { __NR } from '../../uapi/unistd_64';
import {
  PTRACE_GETEVENTMSG, PTRACE_GETREGS, PTRACE_GETSIGINFO, PTRACE_GET_SYSCALL_INFO, PTRACE_PEEKDATA,
  PTRACE_PEEKTEXT, PTRACE_PEEKUSER, PTRACE_SYSCALL_INFO_ENTRY, SYSCALL_INFO, SYSCALL_INFO_SIZE, USER_REGS_SIZE,
  userRegsFromBytes, type UserRegs,
} from '../../uapi/ptrace';
import { SIGINFO_SIZE } from '../../uapi/signal';
import type { Sys } from '../runtime/context';
import { alloca, peek, poke, setErrno, syscall, stackMark, release } from './process';

export * from '../../uapi/ptrace';

/**
 * ptrace(request, pid, addr, data): -1 with errno on failure. For the PEEK requests glibc's wrapper
 * passes a word on the stack as `data` and returns the word read (errno tells a -1 word from an error).
 */
export function* ptrace(request: number, pid: number, addr = 0, data = 0): Sys<number> {
  if (request !== PTRACE_PEEKTEXT && request !== PTRACE_PEEKDATA && request !== PTRACE_PEEKUSER) {
    return yield* syscall(__NR.ptrace, request, pid, addr, data);
  }
  const mark = stackMark();
  try {
    const word = alloca(8);
    const r = yield* syscall(__NR.ptrace, request, pid, addr, word);
    if (r < 0) return r;
    setErrno(0);
    return Number(new DataView(peek(word, 8).buffer).getBigInt64(0, true));
  } finally {
    release(mark);
  }
}

/** PTRACE_GETREGS: the tracee's user_regs_struct, or null (errno set). */
export function* ptrace_getregs(pid: number): Sys<UserRegs | null> {
  const raw = yield* ptraceRead(PTRACE_GETREGS, pid, USER_REGS_SIZE);
  return raw && userRegsFromBytes(raw);
}

/** PTRACE_GETSIGINFO: the siginfo_t (128 bytes) of the signal or event that stopped the tracee. */
export function* ptrace_getsiginfo(pid: number): Sys<Uint8Array | null> {
  return yield* ptraceRead(PTRACE_GETSIGINFO, pid, SIGINFO_SIZE);
}

/** PTRACE_GETEVENTMSG: the new child's pid after a fork/clone event, the exit status at an exit event. */
export function* ptrace_geteventmsg(pid: number): Sys<number> {
  const raw = yield* ptraceRead(PTRACE_GETEVENTMSG, pid, 8);
  return raw ? Number(new DataView(raw.buffer).getBigUint64(0, true)) : -1;
}

/** What PTRACE_GET_SYSCALL_INFO reports: the kind of stop, and the call's number and arguments or result. */
export interface SyscallInfo {
  op: number;
  ip: number;
  sp: number;
  nr: number;
  args: number[];
  rval: number;
  isError: boolean;
}

/** PTRACE_GET_SYSCALL_INFO (what strace 6.1 asks at each syscall stop), or null (errno set). */
export function* ptrace_get_syscall_info(pid: number): Sys<SyscallInfo | null> {
  const mark = stackMark();
  try {
    const buf = alloca(SYSCALL_INFO_SIZE.all);
    const r = yield* syscall(__NR.ptrace, PTRACE_GET_SYSCALL_INFO, pid, SYSCALL_INFO_SIZE.all, buf);
    if (r < 0) return null;
    const v = new DataView(peek(buf, SYSCALL_INFO_SIZE.all).buffer);
    // 64-bit fields as two halves: exact for every value a register holds here (see UserRegs).
    const i64 = (off: number) => v.getInt32(off + 4, true) * 0x1_0000_0000 + v.getUint32(off, true);
    const op = v.getUint8(SYSCALL_INFO.op);
    const entry = op === PTRACE_SYSCALL_INFO_ENTRY;
    return {
      op,
      ip: i64(SYSCALL_INFO.instruction_pointer),
      sp: i64(SYSCALL_INFO.stack_pointer),
      nr: entry ? i64(SYSCALL_INFO.nr) : -1,
      args: entry ? [0, 1, 2, 3, 4, 5].map((i) => i64(SYSCALL_INFO.args + i * 8)) : [],
      rval: entry ? 0 : i64(SYSCALL_INFO.rval),
      isError: !entry && v.getUint8(SYSCALL_INFO.is_error) !== 0,
    };
  } finally {
    release(mark);
  }
}

/** A request that fills `len` bytes at `data`. */
function* ptraceRead(request: number, pid: number, len: number): Sys<Uint8Array | null> {
  const mark = stackMark();
  try {
    const buf = alloca(len);
    const r = yield* syscall(__NR.ptrace, request, pid, 0, buf);
    return r < 0 ? null : peek(buf, len);
  } finally {
    release(mark);
  }
}

/**
 * process_vm_readv with one local and one remote iovec: `len` bytes of process `pid` at `addr`.
 * Returns what could be read (possibly short when the range runs into an unmapped page), or null
 * (errno set) when nothing could.
 */
export function* process_vm_readv(pid: number, addr: number, len: number): Sys<Uint8Array | null> {
  const mark = stackMark();
  try {
    const buf = alloca(len);
    const iov = alloca(32);
    const v = new DataView(new ArrayBuffer(32));
    v.setBigUint64(0, BigInt(buf), true);
    v.setBigUint64(8, BigInt(len), true);
    v.setBigUint64(16, BigInt(addr), true);
    v.setBigUint64(24, BigInt(len), true);
    poke(iov, new Uint8Array(v.buffer));
    const r = yield* syscall(__NR.process_vm_readv, pid, iov, 1, iov + 16, 1, 0);
    return r < 0 ? null : peek(buf, r);
  } finally {
    release(mark);
  }
}
