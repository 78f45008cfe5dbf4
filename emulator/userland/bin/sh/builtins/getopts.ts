// getopts optstring name [arg…]: one option per call, from the arguments or "$@". OPTIND is the
// index of the next argument; inside a group like -abc the shell remembers the position.
// A leading ':' in optstring selects silent error reporting (name is set to ':' or '?').

import type { Sys } from '../../../libc/process';
import { writeAll } from '../../../libc/unistd';
import type { Shell } from '../shell';

export function* getopts(sh: Shell, argv: string[]): Sys<number> {
  if (argv.length < 3) {
    yield* sh.warn('getopts: usage: getopts optstring var [arg...]');
    return 2;
  }
  const spec = argv[1]!;
  const name = argv[2]!;
  const args = argv.length > 3 ? argv.slice(3) : sh.params;
  const silent = spec.startsWith(':');
  const optindText = sh.vars.get('OPTIND') ?? '1';
  // A script that sets OPTIND itself (OPTIND=1) starts over at the beginning of an argument.
  if (optindText !== sh.getopts.optind) sh.getopts.offset = 0;
  let optind = Math.max(1, parseInt(optindText, 10) || 1);
  const finish = (status: number): number => {
    sh.getopts.optind = String(optind);
    sh.assign('OPTIND', sh.getopts.optind);
    return status;
  };

  // Like dash, OPTIND moves past a word as soon as its first option is read.
  if (sh.getopts.offset === 0) {
    const arg = args[optind - 1];
    if (arg === undefined || !arg.startsWith('-') || arg === '-') {
      sh.assign(name, '?');
      return finish(1);
    }
    optind++;
    if (arg === '--') {
      sh.assign(name, '?');
      return finish(1);
    }
    sh.getopts.offset = 1;
  }
  const word = args[optind - 2]!;
  const c = word[sh.getopts.offset++]!;
  if (sh.getopts.offset >= word.length) sh.getopts.offset = 0;

  const at = c === ':' ? -1 : spec.indexOf(c);
  if (at < 0) {
    sh.assign(name, '?');
    if (silent) sh.assign('OPTARG', c);
    else {
      sh.vars.unset('OPTARG');
      yield* writeAll(2, `Illegal option -${c}\n`);
    }
    return finish(0);
  }
  if (spec[at + 1] !== ':') {
    sh.assign(name, c);
    sh.assign('OPTARG', '');
    return finish(0);
  }
  // The option's argument: the rest of this word, or the next word.
  let value: string | undefined;
  if (sh.getopts.offset > 0) {
    value = word.slice(sh.getopts.offset);
    sh.getopts.offset = 0;
  } else {
    value = args[optind - 1];
    if (value !== undefined) optind++;
  }
  if (value === undefined) {
    if (silent) {
      sh.assign(name, ':');
      sh.assign('OPTARG', c);
    } else {
      sh.assign(name, '?');
      sh.vars.unset('OPTARG');
      yield* writeAll(2, `No arg for -${c} option\n`);
    }
    return finish(0);
  }
  sh.assign(name, c);
  sh.assign('OPTARG', value);
  return finish(0);
}
