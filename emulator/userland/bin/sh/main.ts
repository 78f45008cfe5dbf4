// /bin/sh: a POSIX shell in the manner of dash, Debian's /bin/sh.
//
//   sh -c 'command' [arg0 [arg…]]   run a string
//   sh script [arg…]                run a file
//   sh [-s] [arg…]                  read commands from stdin; interactive when it is a terminal
//
// An argv[0] starting with '-' makes a login shell, which first reads /etc/profile and
// ~/.profile. Options (-e -u -x -f …, -o name) may come before the operands, as with `set`.

import type { Sys } from '../../libc/process';
import { errno, proc } from '../../libc/process';
import { close, getcwd, getpgrp, getpid, getppid, getsid, isatty, setpgid, writeAll } from '../../libc/unistd';
import { ioctl } from '../../libc/sys_ioctl';
import { fcntl, open } from '../../libc/fcntl';
import { stat } from '../../libc/sys_stat';
import { kill, sigaction, SIG_IGN, SIGTTIN, SIGTTOU } from '../../libc/signal';
import { strerror } from '../../libc/string';
import { tcgetpgrp, tcsetpgrp } from '../../libc/termios';
import { ENOENT, ENOTDIR } from '../../../uapi/errno';
import { F_DUPFD_CLOEXEC, O_CLOEXEC, O_RDWR } from '../../../uapi/fcntl';
import { TIOCSCTTY } from '../../../uapi/termios';
import { setOptionLetter } from './builtins/set';
import { ParseError, ShellError } from './errors';
import { Input, openScript } from './input';
import { interactiveLoop } from './interactive';
import { DEFAULT_PS1 } from './prompt';
import { runInput } from './script';
import { setCurrentShell, Shell, OPTIONS, type OptionName } from './shell';
import { runToExit, statusOf } from './toplevel';
import { installShellSignals } from './traps';
import { Vars } from './vars';

interface Invocation {
  command: string | null;
  operands: string[];
  login: boolean;
}

/** Options and operands, like `set`; -c takes the command string from the first operand. */
function parseArgs(sh: Shell, argv: string[]): Invocation | string {
  let command = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (!/^[-+]./.test(a)) break;
    const on = a[0] === '-';
    for (const letter of a.slice(1)) {
      if (letter === 'c') command = true;
      else if (letter === 'o') {
        const name = argv[++i];
        if (!OPTIONS.some(([n]) => n === name)) return `Illegal option -o ${name ?? ''}`;
        if (on) sh.opts.add(name as OptionName);
        else sh.opts.delete(name as OptionName);
      } else if (!setOptionLetter(sh, letter, on)) return `Illegal option -${letter}`;
    }
  }
  const operands = argv.slice(i);
  if (command && operands.length === 0) return '-c requires an argument';
  return { command: command ? operands.shift()! : null, operands, login: (argv[0] ?? '').startsWith('-') };
}

/** Variables every shell starts with (unless the environment has them). */
function* initVariables(sh: Shell): Sys<void> {
  const v = sh.vars;
  v.set('IFS', ' \t\n');
  if (v.get('PS2') === undefined) v.set('PS2', '> ');
  if (v.get('PS4') === undefined) v.set('PS4', '+ ');
  v.set('OPTIND', '1');
  v.set('PPID', String(yield* getppid()));
  // Keep an inherited $PWD if it really names the current directory (it may spell a symlink).
  const inherited = v.get('PWD');
  const here = yield* stat('.');
  const there = inherited?.startsWith('/') ? yield* stat(inherited) : null;
  if (!(here && there && here.dev === there.dev && here.ino === there.ino)) {
    const cwd = yield* getcwd();
    if (cwd !== null) v.set('PWD', cwd, true);
  }
}

/**
 * A login shell on a terminal that no one made its session's controlling terminal claims it, as
 * getty does before it starts login. (init opens /dev/console, which in Linux never becomes a
 * controlling terminal.) Without one there is no job control: no ^Z, and ^C reaches no job.
 */
function* claimTerminal(sh: Shell): Sys<void> {
  if ((yield* tcgetpgrp(0)) >= 0 || (yield* getsid(0)) !== sh.pid) return;
  yield* ioctl(0, TIOCSCTTY, 0);
}

/**
 * Job control needs the terminal: a private fd for it, the shell in its own process group, and
 * that group in the foreground. Without a terminal the shell runs without job control.
 */
function* initJobControl(sh: Shell): Sys<void> {
  let fd = yield* open('/dev/tty', O_RDWR | O_CLOEXEC);
  if (fd < 0 && (yield* isatty(2))) fd = 2;
  if (fd < 0) return;
  sh.ttyFd = yield* fcntl(fd, F_DUPFD_CLOEXEC, 10);
  if (fd !== 2) yield* close(fd);
  // Started in the background? Wait (stopped by SIGTTIN) until we are in the foreground.
  for (let tries = 0; tries < 100; tries++) {
    const fg = yield* tcgetpgrp(sh.ttyFd);
    if (fg < 0) return;
    if (fg === (yield* getpgrp())) break;
    yield* kill(0, SIGTTIN);
  }
  sh.pgid = yield* getpid();
  if ((yield* setpgid(0, sh.pgid)) < 0) sh.pgid = yield* getpgrp();
  // In a group of our own we are in the background until tcsetpgrp: it must not stop us.
  yield* sigaction(SIGTTOU, SIG_IGN);
  yield* tcsetpgrp(sh.ttyFd, sh.pgid);
  sh.opts.add('monitor');
}

/** Read a startup file if it exists (/etc/profile, ~/.profile, $ENV); errors are reported only. */
function* sourceIfExists(sh: Shell, path: string): Sys<void> {
  const fd = yield* openScript(path);
  if (fd < 0) return;
  try {
    yield* runInput(sh, new Input(fd, '', sh.aliases));
  } catch (e) {
    if (!(e instanceof ShellError || e instanceof ParseError)) throw e;
    yield* statusOf(sh, e);
  } finally {
    yield* close(fd);
  }
}

export function* main(argv: string[]): Sys<number> {
  const sh = new Shell(Vars.fromEnviron(proc().environ));
  setCurrentShell(sh);
  sh.pid = yield* getpid();
  sh.arg0 = argv[0] ?? 'sh';
  const inv = parseArgs(sh, argv);
  if (typeof inv === 'string') {
    yield* writeAll(2, `${sh.arg0}: 0: ${inv}\n`);
    return 2;
  }
  yield* initVariables(sh);

  if (inv.command !== null) {
    sh.arg0 = inv.operands.shift() ?? sh.arg0;
    sh.params = inv.operands;
    const command = inv.command;
    return yield* runToExit(sh, () => runInput(sh, new Input(null, command, sh.aliases), true));
  }

  if (inv.operands.length > 0 && !sh.has('stdin')) {
    const script = inv.operands.shift()!;
    const fd = yield* openScript(script);
    if (fd < 0) {
      const e = errno();
      const why = e === ENOENT || e === ENOTDIR ? 'No such file' : strerror(e);
      yield* writeAll(2, `${sh.arg0}: 0: cannot open ${script}: ${why}\n`);
      return 2;
    }
    sh.arg0 = script;
    sh.params = inv.operands;
    return yield* runToExit(sh, () => runInput(sh, new Input(fd, '', sh.aliases)));
  }

  sh.params = inv.operands;
  sh.opts.add('stdin');
  if (sh.has('interactive') || ((yield* isatty(0)) && (yield* isatty(2)))) {
    sh.opts.add('interactive');
    if (sh.vars.get('PS1') === undefined) sh.vars.set('PS1', DEFAULT_PS1);
    if (inv.login) yield* claimTerminal(sh);
    yield* initJobControl(sh);
    yield* installShellSignals(sh);
    return yield* runToExit(sh, function* () {
      if (inv.login) {
        yield* sourceIfExists(sh, '/etc/profile');
        yield* sourceIfExists(sh, `${sh.vars.get('HOME') ?? ''}/.profile`);
      }
      const env = sh.vars.get('ENV');
      if (env) yield* sourceIfExists(sh, env);
      return yield* interactiveLoop(sh);
    });
  }
  return yield* runToExit(sh, () => runInput(sh, new Input(0, '', sh.aliases)));
}
