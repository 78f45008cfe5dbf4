// <signal.h>: sigaction with TypeScript handlers, kill, sigqueue, sigprocmask, raise.

import { __NR } from '../../uapi/unistd_64';
import {
  SA_RESTORER, SIGACTION, SIGACTION_SIZE, SIGINFO, SIGINFO_SIZE, SIG_DFL, SIG_IGN, SI_QUEUE, sigmask,
} from '../../uapi/signal';
import { RESTORER_ADDR, type HandlerCode, type Sys } from '../runtime/context';
import { alloca, peek, poke, proc, syscall, stackMark, release } from './process';

export * from '../../uapi/signal';

/** A handler: SIG_DFL, SIG_IGN, or code to run (sig, &siginfo, &ucontext). */
export type Handler = typeof SIG_DFL | typeof SIG_IGN | HandlerCode;

export interface SigactionOpts {
  flags?: number;
  mask?: bigint;
}

/**
 * sigaction(2). Handler code gets an address in the program's code table; like glibc we always
 * pass SA_RESTORER with our restorer, which calls rt_sigreturn when the handler returns.
 * Returns the previous handler's address (0 = SIG_DFL, 1 = SIG_IGN), or -1.
 */
export function* sigaction(sig: number, handler: Handler, opts: SigactionOpts = {}): Sys<number> {
  const ctx = proc().ctx;
  const addr = typeof handler === 'number' ? handler : ctx.registerHandler(handler);
  const mark = stackMark();
  try {
    const act = alloca(SIGACTION_SIZE);
    const old = alloca(SIGACTION_SIZE);
    const b = new Uint8Array(SIGACTION_SIZE);
    const v = new DataView(b.buffer);
    v.setBigUint64(SIGACTION.handler, BigInt(addr), true);
    v.setBigUint64(SIGACTION.flags, BigInt((opts.flags ?? 0) | SA_RESTORER), true);
    v.setBigUint64(SIGACTION.restorer, BigInt(RESTORER_ADDR), true);
    v.setBigUint64(SIGACTION.mask, opts.mask ?? 0n, true);
    poke(act, b);
    const r = yield* syscall(__NR.rt_sigaction, sig, act, old, 8);
    if (r < 0) return -1;
    return Number(new DataView(peek(old, 8).buffer).getBigUint64(0, true));
  } finally {
    release(mark);
  }
}

/** signal(3) with BSD semantics (SA_RESTART), as glibc gives. */
export function* signal(sig: number, handler: Handler): Sys<number> {
  return yield* sigaction(sig, handler, { flags: 0x10000000 /* SA_RESTART */ });
}

export function* kill(pid: number, sig: number): Sys<number> {
  return yield* syscall(__NR.kill, pid, sig);
}

export function* raise(sig: number): Sys<number> {
  const tid = yield* syscall(__NR.gettid);
  const pid = yield* syscall(__NR.getpid);
  return yield* syscall(__NR.tgkill, pid, tid, sig);
}

/** sigprocmask(2); returns the old mask, or -1n on error. */
export function* sigprocmask(how: number, set: bigint | null): Sys<bigint> {
  const mark = stackMark();
  try {
    const s = alloca(8);
    const o = alloca(8);
    if (set !== null) {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, set, true);
      poke(s, b);
    }
    const r = yield* syscall(__NR.rt_sigprocmask, how, set === null ? 0 : s, o, 8);
    return r < 0 ? -1n : new DataView(peek(o, 8).buffer).getBigUint64(0, true);
  } finally {
    release(mark);
  }
}

export { sigmask };

/**
 * sigqueue(3): send a signal carrying a value. glibc fills in a siginfo as the kernel would for
 * kill (our pid and uid, si_code SI_QUEUE) and passes it to rt_sigqueueinfo(2).
 */
export function* sigqueue(pid: number, sig: number, value: number): Sys<number> {
  const me = yield* syscall(__NR.getpid);
  const uid = yield* syscall(__NR.getuid);
  const mark = stackMark();
  try {
    const info = alloca(SIGINFO_SIZE);
    const b = new Uint8Array(SIGINFO_SIZE);
    const v = new DataView(b.buffer);
    v.setInt32(SIGINFO.signo, sig, true);
    v.setInt32(SIGINFO.code, SI_QUEUE, true);
    v.setInt32(SIGINFO.pid, me, true);
    v.setUint32(SIGINFO.uid, uid, true);
    v.setBigInt64(SIGINFO.value, BigInt(value), true);
    poke(info, b);
    return yield* syscall(__NR.rt_sigqueueinfo, pid, sig, info);
  } finally {
    release(mark);
  }
}
