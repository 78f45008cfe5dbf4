// The data a task keeps about signals (include/linux/signal_types.h): queued siginfo, handlers.

import { NSIG, SIG_DFL } from '../uapi/signal';

/** A queued signal and what the kernel knows about who sent it and why. */
export interface KernelSiginfo {
  signo: number;
  errno: number;
  code: number;
  /** Sender pid/uid (SI_USER, SI_TKILL, SIGCHLD), or the faulting address (SIGSEGV). */
  pid: number;
  uid: number;
  status: number;
  addr: number;
  /** utime/stime for SIGCHLD, in clock ticks. */
  utime: number;
  stime: number;
}

export function makeSiginfo(signo: number, code: number, extra: Partial<KernelSiginfo> = {}): KernelSiginfo {
  return { signo, errno: 0, code, pid: 0, uid: 0, status: 0, addr: 0, utime: 0, stime: 0, ...extra };
}

/** Pending signals: the set, and the queue of siginfo (one per standard signal, many per RT). */
export class SigPending {
  set = 0n;
  readonly queue: KernelSiginfo[] = [];

  clear(): void {
    this.set = 0n;
    this.queue.length = 0;
  }
}

/** A handler as rt_sigaction stores it (struct k_sigaction). */
export interface KSigaction {
  handler: number;
  flags: number;
  restorer: number;
  mask: bigint;
}

/** The handler table, shared between threads (and with CLONE_SIGHAND). */
export class SigHand {
  readonly action: KSigaction[] = [];
  constructor() {
    for (let i = 0; i <= NSIG; i++) this.action.push({ handler: SIG_DFL, flags: 0, restorer: 0, mask: 0n });
  }
  clone(): SigHand {
    const s = new SigHand();
    for (let i = 0; i <= NSIG; i++) s.action[i] = { ...this.action[i]! };
    return s;
  }
}
