// siginfo_t, as strace shows it in `--- SIGCHLD {...} ---` lines, in waitid's result and in
// rt_sigqueueinfo's argument. Which fields follow si_code depends on who sent the signal: kill()
// gives the sender's pid and uid, sigqueue() adds the value, a child's exit adds its status and CPU
// times, a fault the address. Also the `+++ exited with 0 +++` lines that end a process's trace.

import * as S from '../../uapi/signal';
import { syscallName } from '../../uapi/unistd_64';
import { WCOREDUMP, WEXITSTATUS, WIFEXITED, WTERMSIG } from '../../uapi/sched';
import { outArg, structArg } from './context';
import { errnoName } from '../../uapi/errno';
import { hex, ptr } from './numbers';
import { formatSignal } from './signals';
import { Fields } from './struct';

/** Codes any signal may carry: who sent it. */
const SENDER_CODES = new Map([
  [S.SI_USER, 'SI_USER'], [S.SI_KERNEL, 'SI_KERNEL'], [S.SI_QUEUE, 'SI_QUEUE'], [S.SI_TIMER, 'SI_TIMER'],
  [S.SI_MESGQ, 'SI_MESGQ'], [S.SI_ASYNCIO, 'SI_ASYNCIO'], [S.SI_SIGIO, 'SI_SIGIO'], [S.SI_TKILL, 'SI_TKILL'],
  [S.SI_DETHREAD, 'SI_DETHREAD'], [S.SI_ASYNCNL, 'SI_ASYNCNL'],
]);

/** The signals that have codes of their own, and whether their fields are a fault address. */
const OWN_CODES: Record<number, readonly string[]> = {
  [S.SIGCHLD]: S.CLD_CODE_NAMES, [S.SIGSEGV]: S.SEGV_CODE_NAMES, [S.SIGBUS]: S.BUS_CODE_NAMES,
  [S.SIGILL]: S.ILL_CODE_NAMES, [S.SIGFPE]: S.FPE_CODE_NAMES, [S.SIGTRAP]: S.TRAP_CODE_NAMES,
  [S.SIGIO]: S.POLL_CODE_NAMES, [S.SIGSYS]: S.SYS_CODE_NAMES,
};
const FAULTS = new Set([S.SIGSEGV, S.SIGBUS, S.SIGILL, S.SIGFPE, S.SIGTRAP]);

function codeName(signo: number, code: number): string | undefined {
  return SENDER_CODES.get(code) ?? (code > 0 ? OWN_CODES[signo]?.[code] : undefined);
}

/** A child's CPU time in clock ticks, with the seconds spelled out when there are any. */
const ticks = (t: number) => (t ? `${t} /* ${(t / S.USER_HZ).toFixed(2)} s */` : '0');

const sender = (f: Fields) => [`si_pid=${f.s32(S.SIGINFO.pid)}`, `si_uid=${f.u32(S.SIGINFO.uid)}`];
const value = (f: Fields) => [`si_int=${f.s32(S.SIGINFO.value)}`, `si_ptr=${ptr(f.u64(S.SIGINFO.value))}`];

/** The fields after si_code. */
function details(f: Fields, signo: number, code: number): string[] {
  switch (code) {
    case S.SI_QUEUE: case S.SI_MESGQ:
      return [...sender(f), ...value(f)];
    case S.SI_TIMER:
      return [`si_timerid=${hex(f.s32(S.SIGINFO.timerid) >>> 0)}`, `si_overrun=${f.s32(S.SIGINFO.overrun)}`, ...value(f)];
    case S.SI_SIGIO:
      return [`si_band=${f.s64(S.SIGINFO.band)}`, `si_fd=${f.s32(S.SIGINFO.fd)}`];
  }
  if (FAULTS.has(signo) && (code > 0 || code === S.SI_KERNEL)) return [`si_addr=${ptr(f.u64(S.SIGINFO.addr))}`];
  // The kernel itself, and the other kernel-made codes (async I/O, exec of a thread), name no sender.
  if (code === S.SI_KERNEL || (code < 0 && code !== S.SI_TKILL)) return [];
  if (code > 0 && signo === S.SIGCHLD) {
    const status = f.s32(S.SIGINFO.status);
    return [
      ...sender(f),
      // An exit code for CLD_EXITED; for the others, the signal that killed, stopped or continued it.
      `si_status=${code === S.CLD_EXITED ? status : formatSignal(status)}`,
      `si_utime=${ticks(f.s64(S.SIGINFO.utime))}`, `si_stime=${ticks(f.s64(S.SIGINFO.stime))}`,
    ];
  }
  if (code > 0 && signo === S.SIGIO) return [`si_band=${f.s64(S.SIGINFO.band)}`, `si_fd=${f.s32(S.SIGINFO.fd)}`];
  if (code > 0 && signo === S.SIGSYS) {
    const nr = f.s32(S.SIGINFO.syscall);
    const arch = f.u32(S.SIGINFO.arch);
    return [
      `si_call_addr=${ptr(f.u64(S.SIGINFO.call_addr))}`, `si_syscall=${syscallName.has(nr) ? `__NR_${syscallName.get(nr)}` : nr}`,
      `si_arch=${arch === S.AUDIT_ARCH_X86_64 ? 'AUDIT_ARCH_X86_64' : hex(arch)}`,
    ];
  }
  return sender(f);
}

/** `{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4256, …}`; an empty siginfo (waitid found nothing) is `{}`. */
export function formatSiginfo(bytes: Uint8Array): string {
  const f = new Fields(bytes);
  const signo = f.s32(S.SIGINFO.signo);
  if (signo === 0) return '{}';
  const code = f.s32(S.SIGINFO.code);
  const errno = f.s32(S.SIGINFO.errno);
  const fields = [
    `si_signo=${formatSignal(signo)}`,
    ...(errno ? [`si_errno=${errnoName(errno) ?? errno}`] : []),
    `si_code=${codeName(signo, code) ?? hex(code >>> 0)}`,
    ...details(f, signo, code),
  ];
  return `{${fields.join(', ')}}`;
}

/** The line for a signal delivered to the tracee: `--- SIGCHLD {si_signo=SIGCHLD, …} ---`. */
export function formatSignalLine(bytes: Uint8Array): string {
  return `--- ${formatSignal(new Fields(bytes).s32(S.SIGINFO.signo))} ${formatSiginfo(bytes)} ---`;
}

/** The line for a group-stop: `--- stopped by SIGSTOP ---`. */
export const formatStoppedLine = (sig: number): string => `--- stopped by ${formatSignal(sig)} ---`;

/** The last line of a process's trace, from its wait status: `+++ exited with 0 +++`, `+++ killed by SIGKILL +++`. */
export function formatExitLine(status: number): string {
  if (WIFEXITED(status)) return `+++ exited with ${WEXITSTATUS(status)} +++`;
  return `+++ killed by ${formatSignal(WTERMSIG(status))}${WCOREDUMP(status) ? ' (core dumped)' : ''} +++`;
}

const siginfo = structArg(S.SIGINFO_SIZE, (f) => formatSiginfo(f.bytes));
/** waitid's result. */
export const siginfoOutSpec = outArg(siginfo);
/** rt_sigqueueinfo's argument: the siginfo the caller forges. */
export const siginfoInArg = siginfo;
