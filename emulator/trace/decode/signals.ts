// Signals: numbers (`SIGUSR1`), sets (`[USR1 CHLD]`, `~[RTMIN RT_1]`), struct sigaction, the
// sigprocmask `how`, and the mask rt_sigreturn restores.
//
// strace names real-time signals by their kernel numbers — 32 is SIGRTMIN, 33 is SIGRT_1, 64 is
// SIGRT_32 — not glibc's SIGRTMIN+n (glibc keeps 32 and 33 for itself and calls 34 SIGRTMIN).

import * as S from '../../uapi/signal';
import type { Decode } from './types';
import { outArg, pure, structArg } from './context';
import { enumMap, formatEnum, formatFlags, type FlagTable } from './flags';
import { hex, int32, ptr } from './numbers';
import { readStruct } from './requests';
import type { Fields } from './struct';

/** A signal's name without the SIG prefix, as inside a set; the number when it has none. */
function shortName(sig: number): string {
  if (sig >= 1 && sig <= 31) return S.SIGNAL_NAMES[sig]!;
  if (sig === S.SIGRTMIN_KERNEL) return 'RTMIN';
  if (sig > S.SIGRTMIN_KERNEL && sig <= S.SIGRTMAX) return `RT_${sig - S.SIGRTMIN_KERNEL}`;
  return `${sig}`;
}

/** `SIGCHLD`, `SIGRT_8`; 0 and out-of-range numbers as plain numbers (`kill(pid, 0)`). */
export function formatSignal(sig: number): string {
  return sig >= 1 && sig <= S.SIGRTMAX ? `SIG${shortName(sig)}` : `${sig}`;
}

/** A signal set; more than half full prints as `~[…]`, the signals missing from it. */
export function formatSigset(mask: bigint): string {
  const members: number[] = [];
  const missing: number[] = [];
  for (let sig = 1; sig <= S.NSIG; sig++) (mask & S.sigmask(sig) ? members : missing).push(sig);
  const inverted = members.length * 2 > S.NSIG;
  return `${inverted ? '~' : ''}[${(inverted ? missing : members).map(shortName).join(' ')}]`;
}

/** sa_flags in strace's order; the leftover bits (SA_UNSUPPORTED, SA_EXPOSE_TAGBITS …) in hex. */
const SA_FLAGS: FlagTable = [
  [S.SA_RESTORER, 'SA_RESTORER'], [S.SA_ONSTACK, 'SA_ONSTACK'], [S.SA_RESTART, 'SA_RESTART'],
  [S.SA_INTERRUPT, 'SA_INTERRUPT'], [S.SA_NODEFER, 'SA_NODEFER'], [S.SA_RESETHAND, 'SA_RESETHAND'],
  [S.SA_SIGINFO, 'SA_SIGINFO'], [S.SA_NOCLDSTOP, 'SA_NOCLDSTOP'], [S.SA_NOCLDWAIT, 'SA_NOCLDWAIT'],
];

function formatHandler(h: bigint): string {
  return h === BigInt(S.SIG_DFL) ? 'SIG_DFL' : h === BigInt(S.SIG_IGN) ? 'SIG_IGN' : hex(h);
}

/** `{sa_handler=SIG_DFL, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=0x…}`; the restorer only with SA_RESTORER. */
function formatSigaction(f: Fields): string {
  const flags = Number(f.u64(S.SIGACTION.flags) & 0xffffffffn);
  const restorer = flags & S.SA_RESTORER ? `, sa_restorer=${ptr(f.u64(S.SIGACTION.restorer))}` : '';
  return `{sa_handler=${formatHandler(f.u64(S.SIGACTION.handler))}, sa_mask=${formatSigset(f.u64(S.SIGACTION.mask))}, sa_flags=${formatFlags(flags, SA_FLAGS)}${restorer}}`;
}

const SIGSET_SIZE = 8;
const sigset = structArg(SIGSET_SIZE, (f) => formatSigset(f.u64(0)));
const sigaction = structArg(S.SIGACTION_SIZE, formatSigaction);

export const signalArg = pure((a) => formatSignal(int32(a.value)));
export const sigsetInArg = sigset;
export const sigsetOutSpec = outArg(sigset);
export const sigactionInArg = sigaction;
export const sigactionOutSpec = outArg(sigaction);

const HOW = enumMap([[S.SIG_BLOCK, 'SIG_BLOCK'], [S.SIG_UNBLOCK, 'SIG_UNBLOCK'], [S.SIG_SETMASK, 'SIG_SETMASK']]);
export const sigprocmaskHowArg = pure((a) => formatEnum(int32(a.value) >>> 0, HOW, 'SIG_'));

/** rt_sigreturn's argument is implicit: the mask saved in the signal frame at the stack pointer. */
export function* formatSigreturnMask(sp: number | undefined): Decode {
  const f = sp === undefined ? null : yield* readStruct(sp + S.UCONTEXT.sigmask, SIGSET_SIZE);
  return f ? `{mask=${formatSigset(f.u64(0))}}` : '';
}


