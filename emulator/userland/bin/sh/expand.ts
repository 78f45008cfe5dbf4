// Word expansion (XCU 2.6), in POSIX order: tilde expansion, parameter expansion, command
// substitution and arithmetic expansion (left to right), then field splitting, pathname
// expansion, and quote removal.
//
// The first stage turns a word's parts into Pieces that remember whether each piece of text was
// quoted and whether it came out of an unquoted expansion (only those are split). Quote removal
// happens by construction: quotes never become text.

import type { Param, Word, WordPart } from './ast';
import type { Sys } from '../../libc/process';
import { getuid } from '../../libc/unistd';
import { getpwnam, getpwuid } from '../../libc/pwd';
import { ShellError } from './errors';
import { evaluate } from './arith';
import { splitFields, type Piece } from './fields';
import { globField } from './glob';
import { compilePattern, hasGlobChars, segText, type Seg } from './pattern';
import { commandSubst } from './subst';
import type { Shell } from './shell';

interface Ctx {
  /** Inside double quotes (or a here-document): results are not split or globbed. */
  quoted: boolean;
  /** Literal text is split too (the word of ${x:-a b} behaves like an expansion result). */
  litSplit: boolean;
}

const UNQUOTED: Ctx = { quoted: false, litSplit: false };
const QUOTED: Ctx = { quoted: true, litSplit: false };

/** Full expansion of command words: the list of fields (argv). */
export function* expandWords(sh: Shell, words: readonly Word[]): Sys<string[]> {
  const out: string[] = [];
  for (const w of words) {
    const pieces: Piece[] = [];
    yield* expandParts(sh, w, UNQUOTED, pieces);
    for (const field of splitFields(pieces, sh.vars.get('IFS'))) {
      if (!sh.has('noglob') && hasGlobChars(field)) {
        const matches = yield* globField(field);
        if (matches) {
          out.push(...matches);
          continue;
        }
      }
      out.push(segText(field));
    }
  }
  return out;
}

/** Expansion without field splitting or globbing: assignments, redirection targets, case words. */
export function* expandString(sh: Shell, word: readonly WordPart[]): Sys<string> {
  return segText(yield* expandSegs(sh, word));
}

/** Expansion that keeps the quoting (for patterns: case items, ${x%pattern}). */
export function* expandSegs(sh: Shell, word: readonly WordPart[], ctx: Ctx = UNQUOTED): Sys<Seg[]> {
  const pieces: Piece[] = [];
  yield* expandParts(sh, word, ctx, pieces);
  return pieces.map((p) => p ?? { text: ' ', quoted: false, split: false });
}

/** A here-document body: expansions happen, quotes are ordinary characters. */
export function* expandHeredoc(sh: Shell, body: readonly WordPart[]): Sys<string> {
  return segText(yield* expandSegs(sh, body, QUOTED));
}

function* expandParts(sh: Shell, parts: readonly WordPart[], ctx: Ctx, out: Piece[]): Sys<void> {
  for (const part of parts) {
    switch (part.type) {
      case 'lit':
        out.push({ text: part.text, quoted: ctx.quoted, split: ctx.litSplit && !ctx.quoted });
        break;
      case 'quoted':
        out.push({ text: part.text, quoted: true, split: false });
        break;
      case 'dquote':
        yield* expandParts(sh, part.parts, QUOTED, out);
        // "" is an empty field; but "$@" with no parameters is no field at all.
        if (!part.parts.some((p) => p.type === 'param' && p.name === '@' && p.op === null)) {
          out.push({ text: '', quoted: true, split: false });
        }
        break;
      case 'tilde':
        out.push({ text: yield* tildeExpand(sh, part.user), quoted: true, split: false });
        break;
      case 'param':
        yield* expandParam(sh, part, ctx, out);
        break;
      case 'cmdsub':
        pushValue(out, yield* commandSubst(sh, part.body), ctx);
        break;
      case 'arith': {
        const text = yield* expandString(sh, part.expr);
        const value = evaluate(text, { get: (n) => sh.vars.get(n), set: (n, v) => sh.assign(n, v) });
        pushValue(out, value.toString(), ctx);
        break;
      }
    }
  }
}

function pushValue(out: Piece[], text: string, ctx: Ctx): void {
  out.push({ text, quoted: ctx.quoted, split: !ctx.quoted });
}

function* tildeExpand(sh: Shell, user: string): Sys<string> {
  if (user === '') {
    const home = sh.vars.get('HOME');
    if (home !== undefined) return home;
    return (yield* getpwuid(yield* getuid()))?.dir ?? '~';
  }
  return (yield* getpwnam(user))?.dir ?? `~${user}`;
}

/** The value of a parameter, undefined when unset. */
function paramValue(sh: Shell, name: string): string | undefined {
  switch (name) {
    case '@':
    case '*':
      return sh.params.join(' ');
    case '#':
      return String(sh.params.length);
    case '?':
      return String(sh.status);
    case '-':
      return sh.flags();
    case '$':
      return String(sh.pid);
    case '!':
      return sh.lastBg ? String(sh.lastBg) : undefined;
    case '0':
      return sh.arg0;
  }
  if (/^[0-9]+$/.test(name)) return sh.params[parseInt(name, 10) - 1];
  return sh.vars.get(name);
}

function* expandParam(sh: Shell, p: Param, ctx: Ctx, out: Piece[]): Sys<void> {
  if (p.name === '') throw new ShellError('Bad substitution');
  if ((p.name === '@' || p.name === '*') && p.op === null) {
    pushPositional(sh, p.name, ctx, out);
    return;
  }
  const v = paramValue(sh, p.name);
  const colon = p.op !== null && p.op.startsWith(':');
  const missing = v === undefined || (colon && v === '');
  const nounset = (): void => {
    if (v === undefined && sh.has('nounset') && p.name !== '@' && p.name !== '*') {
      throw new ShellError(`${p.name}: parameter not set`);
    }
  };
  switch (p.op) {
    case null:
      nounset();
      pushValue(out, v ?? '', ctx);
      return;
    case 'len':
      nounset();
      pushValue(out, String(p.name === '@' || p.name === '*' ? sh.params.length : [...(v ?? '')].length), ctx);
      return;
    case '-':
    case ':-':
      if (missing) yield* expandParts(sh, p.arg, { quoted: ctx.quoted, litSplit: true }, out);
      else pushValue(out, v, ctx);
      return;
    case '+':
    case ':+':
      if (!missing) yield* expandParts(sh, p.arg, { quoted: ctx.quoted, litSplit: true }, out);
      return;
    case '=':
    case ':=': {
      if (!missing) {
        pushValue(out, v, ctx);
        return;
      }
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name)) throw new ShellError(`${p.name}: bad variable name`);
      const value = yield* expandString(sh, p.arg);
      sh.assign(p.name, value);
      pushValue(out, value, ctx);
      return;
    }
    case '?':
    case ':?': {
      if (!missing) {
        pushValue(out, v, ctx);
        return;
      }
      const msg = p.arg.length ? yield* expandString(sh, p.arg) : colon ? 'parameter not set or null' : 'parameter not set';
      throw new ShellError(`${p.name}: ${msg}`);
    }
    default: {
      nounset();
      const pattern = compilePattern(yield* expandSegs(sh, p.arg));
      pushValue(out, removeAffix(v ?? '', p.op, pattern), ctx);
    }
  }
}

/** ${x#p} ${x##p} remove the shortest / longest matching prefix; % and %% a suffix. */
export function removeAffix(v: string, op: '%' | '%%' | '#' | '##', re: RegExp): string {
  const n = v.length;
  switch (op) {
    case '#':
      for (let i = 0; i <= n; i++) if (re.test(v.slice(0, i))) return v.slice(i);
      return v;
    case '##':
      for (let i = n; i >= 0; i--) if (re.test(v.slice(0, i))) return v.slice(i);
      return v;
    case '%':
      for (let i = n; i >= 0; i--) if (re.test(v.slice(i))) return v.slice(0, i);
      return v;
    case '%%':
      for (let i = 0; i <= n; i++) if (re.test(v.slice(i))) return v.slice(0, i);
      return v;
  }
}

/** $@ and $*: one field per parameter, except "$*", which joins them with the first IFS char. */
function pushPositional(sh: Shell, name: string, ctx: Ctx, out: Piece[]): void {
  if (name === '*' && ctx.quoted) {
    const ifs = sh.vars.get('IFS');
    out.push({ text: sh.params.join(ifs === undefined ? ' ' : ifs.slice(0, 1)), quoted: true, split: false });
    return;
  }
  sh.params.forEach((param, i) => {
    if (i > 0) out.push(null);
    pushValue(out, param, ctx);
  });
}
