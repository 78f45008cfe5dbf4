// procps's signal names: the table `kill -l` and `kill -L` print, and the parsing of a signal
// given as a name (HUP, sighup, SIGHUP), a number, or RTMIN+n.

/** Names 1..31 as procps lists them: signal 29 is POLL here (the shell says IO). */
const NAMES = (
  'HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD CONT STOP TSTP TTIN TTOU ' +
  'URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS'
).split(' ');

/** Other spellings accepted when sending (but not by `kill -l NAME`). */
const ALIASES: Record<string, number> = { IO: 29, IOT: 6, CLD: 17 };

/** glibc's SIGRTMIN: the kernel's 32 and 33 are kept for the C library's threads. */
const SIGRTMIN = 34;

/** procps takes a number as a signal while it stays below 128 when counted from SIGRTMIN (the kernel refuses those above 64). */
const fits = (n: number) => n >= 0 && n + SIGRTMIN < 128;

/** The table's number for a name with or without SIG, any case; -1 if it has none. */
export function tableNumber(spec: string): number {
  const name = spec.toUpperCase().replace(/^SIG/, '');
  return NAMES.indexOf(name) + 1 || -1;
}

/** A signal to send: a number, a name or alias, RTMIN or RTMIN+n; -1 if it is none of these. */
export function parseSignal(spec: string): number {
  if (/^[0-9]+$/.test(spec)) return fits(Number(spec)) ? Number(spec) : -1;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  const rt = /^RTMIN(?:\+([0-9]+))?$/.exec(name);
  if (rt) return fits(Number(rt[1] ?? 0)) ? SIGRTMIN + Number(rt[1] ?? 0) : -1;
  return tableNumber(name) > 0 ? tableNumber(name) : (ALIASES[name] ?? -1);
}

/** The name of signals 1..31, or null. */
export function signalName(n: number): string | null {
  return n >= 1 && n <= NAMES.length ? NAMES[n - 1]! : null;
}

/** `kill -l`: the names separated by spaces, lines kept within 80 columns. */
export function listLines(): string {
  let out = '';
  let line = '';
  for (const name of NAMES) {
    if (line && line.length + 1 + name.length > 80) {
      out += line + '\n';
      line = '';
    }
    line += (line ? ' ' : '') + name;
  }
  return out + line + '\n';
}

/** `kill -L`: "number name" pairs, seven to a row, names padded to 8 except at the end of a row. */
export function table(): string {
  let out = '';
  NAMES.forEach((name, i) => {
    const n = String(i + 1).padStart(2);
    out += (i + 1) % 7 === 0 ? `${n} ${name}\n` : `${n} ${name.padEnd(8)}`;
  });
  return NAMES.length % 7 === 0 ? out : out + '\n';
}
