// kill (procps-ng 4.0.2): send a signal to processes.
//   kill PID...            SIGTERM;   kill -9 PID / -KILL / -s KILL / --signal KILL: that signal
//   kill -l [SIG]          list the names, or turn a number into a name and back;  kill -L  a table
//   kill -q VALUE PID...   queue the signal with a value (sigqueue)
// A negative PID names a process group (kill -- -1234). Messages start with the name the program
// was run by, as glibc's error() prints them: "/bin/kill: (123): No such process".
//
// procps-ng 4.0.2's quirks are kept, since this is the tool a Debian user meets: the first
// argument anywhere that reads as -SIGNAL is the signal (even after "--"), -s wins over it, and an
// unknown option starting with a digit (-99: no such signal) sends the signal to the process
// group of that one digit and exits 0.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { kill as killSyscall, sigqueue } from '../../libc/signal';
import { strerror } from '../../libc/string';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { listLines, parseSignal, signalName, table, tableNumber } from './signals';

const USAGE = `
Usage:
 kill [options] <pid> [...]

Options:
 <pid> [...]            send signal to every <pid> listed
 -<signal>, -s, --signal <signal>
                        specify the <signal> to be sent
 -q, --queue <value>    integer value to be sent with the signal
 -l, --list=[<signal>]  list all signal names, or convert one to a name
 -L, --table            list all signal names in a nice table

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see kill(1).
`;

const SIGTERM = 15;
const LONG: Record<string, string> = { list: 'l', table: 'L', signal: 's', queue: 'q', help: 'h', version: 'V' };

/** strtol's view of a pid: optional blanks and sign, then decimal digits to the end. */
function parsePid(s: string): number | null {
  return /^\s*[+-]?[0-9]+$/.test(s) ? parseInt(s, 10) : null;
}

/** `kill -l SIG`: the name of a number, or the number of a name. */
function* convert(prog: string, spec: string): Sys<number> {
  const asNumber = /^[0-9]+$/.test(spec) ? signalName(Number(spec)) : null;
  const asName = tableNumber(spec);
  if (asNumber !== null) yield* fputs(asNumber + '\n', stdout());
  else if (asName > 0) yield* fputs(`${asName}\n`, stdout());
  else yield* fputs(`${prog}: unknown signal name ${spec}\n`, stderr());
  return 0;
}

export function* kill(argv: string[]): Sys<number> {
  const prog = argv[0] ?? 'kill';
  const args = argv.slice(1);
  let signo = SIGTERM;
  const early = args.findIndex((a) => a.startsWith('-') && parseSignal(a.slice(1)) >= 0);
  if (early >= 0) signo = parseSignal(args.splice(early, 1)[0]!.slice(1));

  let queueValue: number | null = null;
  const pids: string[] = [];
  const usageError = function* (msg: string): Sys<number> {
    yield* fputs(`${prog}: ${msg}\n${USAGE}`, stderr());
    return 1;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      pids.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      pids.push(a);
      continue;
    }
    // The option letter, and its argument when one is written in the same word.
    let opt: string;
    let attached: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const full = Object.keys(LONG).filter((k) => k.startsWith(name));
      if (name === '' || full.length !== 1) return yield* usageError('invalid argument ');
      opt = LONG[full[0]!]!;
      attached = eq < 0 ? undefined : a.slice(eq + 1);
    } else {
      opt = a[1]!;
      attached = a.length > 2 ? a.slice(2) : undefined;
    }
    const needArg = () => attached ?? args[++i];
    switch (opt) {
      case 'l': {
        const next = args[i + 1];
        const spec = attached ?? (next !== undefined && !next.startsWith('-') ? next : undefined);
        if (spec === undefined) {
          yield* fputs(listLines(), stdout());
          return 0;
        }
        return yield* convert(prog, spec);
      }
      case 'L':
        yield* fputs(table(), stdout());
        return 0;
      case 'h':
        yield* fputs(USAGE, stdout());
        return 0;
      case 'V':
        yield* fputs('kill from procps-ng 4.0.2\n', stdout());
        return 0;
      case 's':
      case 'q': {
        const v = needArg();
        if (v === undefined) return yield* usageError(`invalid argument ${opt}`);
        if (opt === 's') signo = parseSignal(v);
        else if (/^\s*[+-]?[0-9]+$/.test(v)) queueValue = parseInt(v, 10);
        else {
          yield* fputs(`${prog}: must be an integer value to be passed with the signal.: '${v}'\n`, stderr());
          return 1;
        }
        break;
      }
      default:
        if (/[0-9]/.test(opt)) {
          // The 4.0.2 quirk: "-<digit>..." that is no signal kills process group <digit>.
          yield* killSyscall(-Number(opt), signo);
          return 0;
        }
        if (parseSignal(a.slice(1)) >= 0) continue;
        return yield* usageError(`invalid argument ${opt}`);
    }
  }
  if (pids.length === 0) {
    yield* fputs(USAGE, stderr());
    return 1;
  }
  let status = 0;
  for (const arg of pids) {
    const pid = parsePid(arg);
    if (pid === null) {
      yield* fputs(`${prog}: failed to parse argument: '${arg}'\n`, stderr());
      status = 1;
      continue;
    }
    const r = queueValue === null ? yield* killSyscall(pid, signo) : yield* sigqueue(pid, signo, queueValue);
    if (r < 0) {
      yield* fputs(`${prog}: (${pid}): ${strerror(errno())}\n`, stderr());
      status = 1;
    }
  }
  return status;
}
