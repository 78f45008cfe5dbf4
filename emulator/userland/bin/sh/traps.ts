// trap (XCU 2.14 "trap"): a trapped signal's handler only notes that the signal came; the
// action (shell commands) runs later, between commands, as POSIX requires. The handler is a
// TypeScript generator registered with sigaction, and reaches this process's shell through the
// libc's per-process state, so a subshell's signals never touch its parent's objects.

import type { Sys } from '../../libc/process';
import { sigaction, SIG_DFL, SIG_IGN, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU, type Handler } from '../../libc/signal';
import { currentShell, type Shell } from './shell';
import { evalString } from './exec';

/**
 * The handler of every trapped signal (and of SIGINT in an interactive shell). Handlers are
 * generators even when, like this one, they make no system call.
 */
function* noteSignal(sig: number): Sys<void> {
  const sh = currentShell();
  if (sh.traps.get(sig)) sh.pendingSignals.add(sig);
  if (sig === SIGINT) sh.interrupted = true;
}

/** Signals an interactive shell handles itself: ^C abandons the line; the others are ignored. */
function shellOwnHandling(sh: Shell, sig: number): Handler {
  if (sh.has('interactive')) {
    if (sig === SIGINT) return noteSignal;
    if (sig === SIGQUIT || sig === SIGTERM) return SIG_IGN;
  }
  if (sh.has('monitor') && (sig === SIGTSTP || sig === SIGTTIN || sig === SIGTTOU)) return SIG_IGN;
  return SIG_DFL;
}

/** Install the disposition `sig` must have in this shell now (after a trap change or a fork). */
export function* installSignal(sh: Shell, sig: number): Sys<void> {
  if (sig === 0) return;
  const action = sh.traps.get(sig);
  const handler = action === undefined ? shellOwnHandling(sh, sig) : action === '' ? SIG_IGN : noteSignal;
  // No SA_RESTART: a blocked read or wait returns EINTR so the trap runs soon.
  yield* sigaction(sig, handler);
}

const SHELL_SIGNALS = [SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU];

/** Set up the signals an interactive shell handles itself. */
export function* installShellSignals(sh: Shell): Sys<void> {
  for (const sig of SHELL_SIGNALS) yield* installSignal(sh, sig);
}

/**
 * The signals a fork child must set again: those the shell handles itself, and trapped ones
 * (a subshell does not inherit traps). Computed in the parent, before the fork.
 */
export function signalsToReset(sh: Shell): number[] {
  const sigs = new Set<number>();
  if (sh.has('interactive') || sh.has('monitor')) for (const s of SHELL_SIGNALS) sigs.add(s);
  for (const [sig, action] of sh.traps) if (sig !== 0 && action !== '') sigs.add(sig);
  return [...sigs];
}

/** `trap ACTION SIG`: null resets to the default, '' ignores. */
export function* setTrap(sh: Shell, sig: number, action: string | null): Sys<void> {
  if (action === null) sh.traps.delete(sig);
  else sh.traps.set(sig, action);
  yield* installSignal(sh, sig);
}

/** Run the actions of the signals that came since last time; $? is kept across them. */
export function* runPendingTraps(sh: Shell): Sys<void> {
  while (sh.pendingSignals.size) {
    const sig = sh.pendingSignals.values().next().value!;
    sh.pendingSignals.delete(sig);
    const action = sh.traps.get(sig);
    if (!action) continue;
    const status = sh.status;
    yield* evalString(sh, action);
    sh.status = status;
  }
}

/** The EXIT trap, once, when the shell ends. */
export function* runExitTrap(sh: Shell): Sys<void> {
  const action = sh.traps.get(0);
  if (!action) return;
  sh.traps.delete(0);
  yield* evalString(sh, action);
}

/** Before `exec`: the new program starts with the default dispositions the shell had changed. */
export function* restoreDefaultSignals(sh: Shell): Sys<void> {
  for (const sig of SHELL_SIGNALS) if (sh.traps.get(sig) !== '') yield* sigaction(sig, SIG_DFL);
}
