// set (options and positional parameters) and shift.

import type { Sys } from '../../../libc/process';
import { ShellError } from '../errors';
import { OPTIONS, type OptionName, type Shell } from '../shell';
import { out, number, shellQuote } from './util';

/** Apply one option letter; false if there is no such option. */
export function setOptionLetter(sh: Shell, letter: string, on: boolean): boolean {
  const opt = OPTIONS.find(([, l]) => l === letter);
  if (!opt) return false;
  setOption(sh, opt[0] as OptionName, on);
  return true;
}

function setOption(sh: Shell, name: OptionName, on: boolean): void {
  if (on) sh.opts.add(name);
  else sh.opts.delete(name);
}

function* listVariables(sh: Shell): Sys<void> {
  let text = '';
  for (const [name, v] of sh.vars.entries()) if (v.value !== null) text += `${name}=${shellQuote(v.value)}\n`;
  yield* out(text);
}

export function* set(sh: Shell, argv: string[]): Sys<number> {
  if (argv.length === 1) {
    yield* listVariables(sh);
    return 0;
  }
  let i = 1;
  let params: string[] | null = null;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      params = argv.slice(i + 1);
      break;
    }
    if (a === '-' || a === '+') continue;
    if (!/^[-+]/.test(a)) break;
    const on = a[0] === '-';
    for (const letter of a.slice(1)) {
      if (letter === 'o') {
        const name = argv[++i];
        if (name === undefined) {
          yield* listOptions(sh, on);
          continue;
        }
        if (!OPTIONS.some(([n]) => n === name)) throw new ShellError(`set: Illegal option -o ${name}`);
        setOption(sh, name as OptionName, on);
      } else if (!setOptionLetter(sh, letter, on)) {
        throw new ShellError(`set: Illegal option -${letter}`);
      }
    }
  }
  if (params === null && i < argv.length) params = argv.slice(i);
  if (params !== null) sh.params = params;
  return 0;
}

/** set -o (a table) and set +o (commands that restore the settings). */
function* listOptions(sh: Shell, table: boolean): Sys<void> {
  let text = table ? 'Current option settings\n' : '';
  for (const [name] of OPTIONS) {
    const on = sh.has(name as OptionName);
    text += table ? `${name.padEnd(16)}${on ? 'on' : 'off'}\n` : `set ${on ? '-' : '+'}o ${name}\n`;
  }
  yield* out(text);
}

export function shift(sh: Shell, argv: string[]): number {
  const n = argv[1] === undefined ? 1 : number('shift', argv[1]);
  if (n > sh.params.length) throw new ShellError("shift: can't shift that many");
  sh.params = sh.params.slice(n);
  return 0;
}
