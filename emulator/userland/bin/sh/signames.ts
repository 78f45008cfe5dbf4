// Signal names as the shell's trap and kill builtins spell them: INT, SIGINT or 2; EXIT is 0.

import { NSIG, SIGNAL_NAMES } from '../../libc/signal';

/** The number for a signal name or number, or null. `exitOk` accepts EXIT / 0 (for trap). */
export function signalNumber(spec: string, exitOk = false): number | null {
  if (/^[0-9]+$/.test(spec)) {
    const n = parseInt(spec, 10);
    return n <= NSIG && (n > 0 || exitOk) ? n : null;
  }
  const name = spec.toUpperCase().replace(/^SIG/, '');
  if (name === 'EXIT') return exitOk ? 0 : null;
  const i = SIGNAL_NAMES.indexOf(name);
  return i > 0 ? i : null;
}

/** The name without SIG ("INT"), or EXIT for 0, or the number. */
export function signalShortName(sig: number): string {
  if (sig === 0) return 'EXIT';
  return SIGNAL_NAMES[sig] || String(sig);
}
