import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../../emulator/userland/bin/sh/arith';
import { splitFields, type Piece } from '../../../../../emulator/userland/bin/sh/fields';
import { matchPattern, type Seg } from '../../../../../emulator/userland/bin/sh/pattern';
import { removeAffix } from '../../../../../emulator/userland/bin/sh/expand';
import { compilePattern } from '../../../../../emulator/userland/bin/sh/pattern';
import { splitForRead } from '../../../../../emulator/userland/bin/sh/builtins/read';
import { unescape } from '../../../../../emulator/userland/bin/sh/builtins/escapes';
import { normalizePath } from '../../../../../emulator/userland/bin/sh/builtins/cd';
import { ShellError } from '../../../../../emulator/userland/bin/sh/errors';

function vars(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { get: (n: string) => m.get(n), set: (n: string, v: string) => void m.set(n, v), m };
}

const arith = (e: string, v = vars()) => evaluate(e, v).toString();
const arithError = (e: string, v = vars()) => {
  try {
    evaluate(e, v);
  } catch (err) {
    if (err instanceof ShellError) return err.message;
    throw err;
  }
  return 'no error';
};

describe('sh arithmetic', () => {
  it('follows C precedence and 64-bit integers', () => {
    expect(arith('1+2*3')).toBe('7');
    expect(arith('(1+2)*3')).toBe('9');
    expect(arith('-7/2')).toBe('-3');
    expect(arith('-7%3')).toBe('-1');
    expect(arith('1<<63')).toBe('-9223372036854775808');
    expect(arith('9223372036854775807+1')).toBe('-9223372036854775808');
    expect(arith('010 + 0x10')).toBe('24');
    expect(arith('3 > 2 && 0 || !0')).toBe('1');
    expect(arith('1 ? 2 : 3')).toBe('2');
    expect(arith('~0 ^ 5 & 3 | 8')).toBe('-2');
    expect(arith('')).toBe('0');
  });

  it('reads and assigns variables', () => {
    const v = vars({ x: ' 12 ', n: '5' });
    expect(arith('x*2', v)).toBe('24');
    expect(arith('n+=2', v)).toBe('7');
    expect(v.m.get('n')).toBe('7');
    expect(arith('a=b=3', v)).toBe('3');
    expect(v.m.get('a')).toBe('3');
    expect(arith('unset+1', v)).toBe('1');
  });

  it('does not evaluate the branch that is not taken', () => {
    const v = vars();
    expect(arith('0 && (y=1)', v)).toBe('0');
    expect(arith('1 || 1/0', v)).toBe('1');
    expect(v.m.has('y')).toBe(false);
  });

  it('reports errors with dash\'s wording', () => {
    expect(arithError('1/0')).toBe('arithmetic expression: division by zero: "1/0"');
    expect(arithError('1+')).toBe('arithmetic expression: expecting primary: "1+"');
    expect(arithError('1 2')).toBe('arithmetic expression: expecting EOF: "1 2"');
    expect(arithError('08')).toBe('arithmetic expression: expecting EOF: "08"');
    expect(arithError('x++')).toBe('arithmetic expression: expecting primary: "x++"');
    expect(arithError('x+1', vars({ x: 'abc' }))).toBe('Illegal number: abc');
  });
});

const u = (text: string): Piece => ({ text, quoted: false, split: true });
const q = (text: string): Piece => ({ text, quoted: true, split: false });
const fieldTexts = (pieces: Piece[], ifs?: string) => splitFields(pieces, ifs).map((f) => f.map((s) => s.text).join(''));

describe('sh field splitting', () => {
  it('splits unquoted expansion results on IFS white space', () => {
    expect(fieldTexts([u('  a  b\tc\n')])).toEqual(['a', 'b', 'c']);
    expect(fieldTexts([u('')])).toEqual([]);
    expect(fieldTexts([q('')])).toEqual(['']);
    expect(fieldTexts([q('x '), u('a b'), q(' y')])).toEqual(['x a', 'b y']);
  });

  it('makes a field per non-white IFS character', () => {
    expect(fieldTexts([u('a::b:')], ':')).toEqual(['a', '', 'b']);
    expect(fieldTexts([u(' :a')], ' :')).toEqual(['', 'a']);
    expect(fieldTexts([u('a : b')], ' :')).toEqual(['a', 'b']);
  });

  it('does not split with an empty IFS, and breaks fields at "$@" boundaries', () => {
    expect(fieldTexts([u('a b')], '')).toEqual(['a b']);
    expect(fieldTexts([q('x'), q('1'), null, q('2'), q('y')])).toEqual(['x1', '2y']);
  });
});

const lit = (text: string): Seg[] => [{ text, quoted: false }];

describe('sh patterns', () => {
  it('matches *, ? and bracket expressions', () => {
    expect(matchPattern(lit('a*c'), 'abbc')).toBe(true);
    expect(matchPattern(lit('a?c'), 'abc')).toBe(true);
    expect(matchPattern(lit('[!a-c]x'), 'dx')).toBe(true);
    expect(matchPattern(lit('[!a-c]x'), 'bx')).toBe(false);
    expect(matchPattern(lit('[[:digit:]]*'), '7up')).toBe(true);
    expect(matchPattern(lit('[]]'), ']')).toBe(true);
    expect(matchPattern(lit('[a'), '[a')).toBe(true);
  });

  it('treats quoted characters literally', () => {
    expect(matchPattern([{ text: '*', quoted: true }], 'x')).toBe(false);
    expect(matchPattern([{ text: '*', quoted: true }], '*')).toBe(true);
    expect(matchPattern(lit('\\*'), '*')).toBe(true);
  });

  it('removes prefixes and suffixes', () => {
    const re = (p: string) => compilePattern(lit(p));
    expect(removeAffix('a.b.c', '%', re('.*'))).toBe('a.b');
    expect(removeAffix('a.b.c', '%%', re('.*'))).toBe('a');
    expect(removeAffix('/x/y/z', '#', re('*/'))).toBe('x/y/z');
    expect(removeAffix('/x/y/z', '##', re('*/'))).toBe('z');
  });
});

describe('sh builtin helpers', () => {
  const chars = (s: string) => [...s].map((c) => ({ c, esc: false }));

  it('splits a line for read, the last variable taking the rest', () => {
    expect(splitForRead(chars(' one  two three four  '), ' \t\n', 3)).toEqual(['one', 'two', 'three four']);
    expect(splitForRead(chars('1:2:'), ':', 2)).toEqual(['1', '2']);
    expect(splitForRead(chars('a'), ' ', 3)).toEqual(['a', '', '']);
    expect(splitForRead([{ c: 'a', esc: false }, { c: ' ', esc: true }, { c: 'b', esc: false }], ' ', 2)).toEqual(['a b', '']);
  });

  it('expands echo and printf escapes', () => {
    expect(unescape('a\\tb\\n\\101\\0101\\q', true)).toEqual({ text: 'a\tb\nAA\\q', stop: false });
    expect(unescape('x\\cy', true)).toEqual({ text: 'x', stop: true });
  });

  it('normalizes logical paths for cd', () => {
    expect(normalizePath('/a/./b/../c//')).toBe('/a/c');
    expect(normalizePath('/..')).toBe('/');
  });
});
