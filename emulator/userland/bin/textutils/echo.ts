// echo (GNU coreutils /usr/bin/echo): print the arguments separated by spaces.
//   -n no trailing newline; -e interpret backslash escapes; -E do not (the default).

import type { Sys } from '../../runtime/context';
import { fwrite, stdout } from '../../libc/stdio';

/** Backslash escapes of echo -e; returns the text and whether \c cut the output short. */
export function echoEscapes(s: string): [string, boolean] {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === 'c') return [out, true];
    else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m || '0', 8) & 0xff);
      i += m.length;
    } else if (n === 'x' && /^[0-9a-fA-F]/.test(s.slice(i + 1))) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 16));
      i += m.length;
    } else out += '\\' + n;
  }
  return [out, false];
}

export function* echo(argv: string[]): Sys<number> {
  let newline = true;
  let escapes = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (!/^-[neE]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const [t, cut] = echoEscapes(text);
    text = t;
    if (cut) newline = false;
  }
  yield* fwrite(stdout(), newline ? text + '\n' : text);
  return 0;
}
