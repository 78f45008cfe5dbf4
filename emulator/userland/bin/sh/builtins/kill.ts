// kill [-s sig | -SIG | -n num] pid|%job… and kill -l [status…].

import type { Sys } from '../../../libc/process';
import { errno } from '../../../libc/process';
import { kill as killSyscall, SIGCONT, SIGKILL, SIGTERM } from '../../../libc/signal';
import { JobTable } from '../jobs_table';
import { strerror } from '../../../libc/string';
import { signalNumber, signalShortName } from '../signames';
import type { Shell } from '../shell';
import { out } from './util';

const USAGE = 'kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]';

function* list(sh: Shell, args: string[]): Sys<number> {
  if (args.length === 0) {
    let text = '';
    for (let s = 1; s < 32; s++) text += signalShortName(s) + '\n';
    yield* out(text);
    return 0;
  }
  for (const a of args) {
    // An exit status of a process killed by a signal (128 + n) names that signal.
    const n = /^[0-9]+$/.test(a) ? parseInt(a, 10) : NaN;
    const sig = Number.isNaN(n) ? signalNumber(a) : n > 128 ? n - 128 : n;
    if (sig === null || sig < 1 || sig > 64) {
      yield* sh.warn(`kill: invalid signal number or exit status: ${a}`);
      return 2;
    }
    yield* out(`${Number.isNaN(n) ? sig : signalShortName(sig)}\n`);
  }
  return 0;
}

export function* kill(sh: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1);
  let sig = SIGTERM;
  const first = args[0];
  if (first === '-l' || first === '-L') return yield* list(sh, args.slice(1));
  if (first === '-s' || first === '-n') {
    const s = signalNumber(args[1] ?? '');
    if (s === null) {
      yield* sh.warn(`kill: invalid signal number or name: ${args[1] ?? ''}`);
      return 2;
    }
    sig = s;
    args = args.slice(2);
  } else if (first && first.startsWith('-') && first !== '--' && first !== '-') {
    const s = signalNumber(first.slice(1)) ?? (first === '-0' ? 0 : null);
    if (s === null) {
      // dash's killcmd: not a signal, so the word is options for nextopt("ls:"), which stops at
      // the first letter it does not know.
      const bad = [...first.slice(1)].find((c) => c !== 'l' && c !== 's');
      yield* sh.warn(bad !== undefined ? `kill: Illegal option -${bad}` : `kill: invalid signal number or name: ${first.slice(1)}`);
      return 2;
    }
    sig = s;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    yield* sh.warn(USAGE);
    return 2;
  }
  let status = 0;
  for (const target of args) {
    let pids: number[];
    let stopped = false;
    if (target.startsWith('%')) {
      const job = sh.jobs.find(target);
      if (typeof job === 'string') {
        yield* sh.warn(`kill: ${job}`);
        status = 1;
        continue;
      }
      // With job control the job is a process group; without it (a script) its processes share
      // the shell's group, so each one is signalled, as bash does.
      pids = job.pgid ? [-job.pgid] : job.procs.filter((p) => p.state !== 'done').map((p) => p.pid);
      stopped = JobTable.state(job) === 'stopped';
    } else if (/^-?[0-9]+$/.test(target)) {
      pids = [parseInt(target, 10)];
    } else {
      yield* sh.warn(`kill: Illegal number: ${target}`);
      return 2;
    }
    for (const pid of pids) {
      if ((yield* killSyscall(pid, sig)) < 0) {
        yield* sh.warn(`kill: ${strerror(errno())}`);
        status = 1;
      } else if (stopped && sig !== SIGKILL && sig !== SIGCONT) {
        // A stopped job would only get the signal when continued: continue it now, as bash does.
        yield* killSyscall(pid, SIGCONT);
      }
    }
  }
  return status;
}
