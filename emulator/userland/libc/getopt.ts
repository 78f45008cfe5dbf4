// getopt / getopt_long, in the manner of glibc: short options from an optstring ("ab:c", "x::" for
// an optional argument), clustering (-abc, -bVALUE), "--" ends options, and GNU permutation (operands
// may come before options unless the optstring starts with '+' or POSIXLY_CORRECT is set).
// Long options: --name, --name=value, --name value (for required arguments) and unambiguous prefixes.
// Unlike glibc's stateful interface, this parses the whole argv at once and returns the result;
// diagnostics are GNU's and are written to stderr by the caller-supplied program name.

import type { Sys } from '../runtime/context';
import { fputs, stderr } from './stdio';

export interface LongOption {
  name: string;
  /** 0 no argument, 1 required, 2 optional (only as --name=value). */
  hasArg: 0 | 1 | 2;
  /** What the option is reported as: a short letter, or any key. */
  val: string;
}

export interface ParsedOption {
  opt: string;
  arg?: string;
}

export interface GetoptResult {
  options: ParsedOption[];
  operands: string[];
  /** Set on a bad option: the message has already been printed. */
  error: boolean;
}

function parseOptstring(optstring: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < optstring.length; i++) {
    const c = optstring[i];
    if (c === ':' || c === '+' || c === '-') continue;
    let kind = 0;
    if (optstring[i + 1] === ':') {
      kind = 1;
      if (optstring[i + 2] === ':') {
        kind = 2;
        i++;
      }
      i++;
    }
    m.set(c, kind);
  }
  return m;
}

/** Pure parse: returns the options, operands, and the GNU diagnostic text (if any). */
export function getoptParse(
  prog: string,
  argv: string[],
  optstring: string,
  longopts: LongOption[] = [],
  posixlyCorrect = false,
): GetoptResult & { message: string } {
  const shorts = parseOptstring(optstring);
  const inOrder = optstring.startsWith('+') || posixlyCorrect;
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  const fail = (message: string) => ({ options, operands, error: true, message });
  let i = 1;
  while (i < argv.length) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && longopts.length > 0) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const exact = longopts.find((o) => o.name === name);
      const cands = exact ? [exact] : longopts.filter((o) => o.name.startsWith(name));
      // Distinct options sharing a prefix are ambiguous; aliases with the same val are not.
      const distinct = cands.filter((o, k) => cands.findIndex((p) => p.val === o.val && p.hasArg === o.hasArg) === k);
      if (distinct.length === 0) return fail(`${prog}: unrecognized option '${eq < 0 ? a : a.slice(0, eq)}'\n`);
      if (distinct.length > 1) {
        const list = cands.map((o) => `'--${o.name}'`).join(' ');
        return fail(`${prog}: option '${eq < 0 ? a : a.slice(0, eq)}' is ambiguous; possibilities: ${list}\n`);
      }
      const o = distinct[0];
      if (o.hasArg === 0) {
        if (eq >= 0) return fail(`${prog}: option '--${o.name}' doesn't allow an argument\n`);
        options.push({ opt: o.val });
      } else if (eq >= 0) options.push({ opt: o.val, arg: a.slice(eq + 1) });
      else if (o.hasArg === 1) {
        if (i + 1 >= argv.length) return fail(`${prog}: option '--${o.name}' requires an argument\n`);
        options.push({ opt: o.val, arg: argv[++i] });
      } else options.push({ opt: o.val });
      i++;
      continue;
    }
    if (a.length < 2 || a[0] !== '-') {
      if (inOrder) {
        operands.push(...argv.slice(i));
        break;
      }
      operands.push(a);
      i++;
      continue;
    }
    // A cluster of short options.
    let j = 1;
    while (j < a.length) {
      const c = a[j];
      const kind = shorts.get(c);
      if (kind === undefined) return fail(`${prog}: invalid option -- '${c}'\n`);
      if (kind === 0) {
        options.push({ opt: c });
        j++;
        continue;
      }
      const rest = a.slice(j + 1);
      if (rest.length > 0) options.push({ opt: c, arg: rest });
      else if (kind === 2) options.push({ opt: c });
      else if (i + 1 < argv.length) options.push({ opt: c, arg: argv[++i] });
      else return fail(`${prog}: option requires an argument -- '${c}'\n`);
      break;
    }
    i++;
  }
  return { options, operands, error: false, message: '' };
}

/**
 * Parse argv and print GNU's diagnostic plus "Try 'prog --help' for more information." on error.
 */
export function* getopt(
  prog: string,
  argv: string[],
  optstring: string,
  longopts: LongOption[] = [],
): Sys<GetoptResult> {
  const r = getoptParse(prog, argv, optstring, longopts);
  if (r.error) yield* fputs(`${r.message}Try '${prog} --help' for more information.\n`, stderr());
  return { options: r.options, operands: r.operands, error: r.error };
}
