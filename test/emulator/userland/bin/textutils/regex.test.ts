import { describe, expect, it } from 'vitest';
import { compile, translate, RegexError } from '../../../../../emulator/userland/bin/textutils/regex';

const bre = (p: string, s: string) => compile(p, false).test(s);
const ere = (p: string, s: string) => compile(p, true).test(s);

describe('POSIX regex translation', () => {
  it('BRE specials', () => {
    expect(bre('a\\(b\\)\\1', 'abb')).toBe(true);
    expect(bre('a+', 'a+')).toBe(true);
    expect(bre('a+', 'aa')).toBe(false);
    expect(bre('a\\+', 'aa')).toBe(true);
    expect(bre('(x)', '(x)')).toBe(true);
    expect(bre('a\\{2\\}', 'aa')).toBe(true);
    expect(bre('^a\\{2\\}$', 'a')).toBe(false);
    expect(bre('a{2}', 'a{2}')).toBe(true);
    expect(bre('a\\|b', 'b')).toBe(true);
    expect(bre('a|b', 'a|b')).toBe(true);
    expect(bre('*a', '*a')).toBe(true);
    expect(bre('^*', '*')).toBe(true);
    expect(bre('a^b', 'a^b')).toBe(true);
    expect(bre('a$b', 'a$b')).toBe(true);
    expect(bre('x$', 'ax')).toBe(true);
    expect(bre('a.c', 'abc')).toBe(true);
    expect(bre('a\\.c', 'abc')).toBe(false);
    expect(bre('a**', 'aaa')).toBe(true);
  });
  it('ERE specials', () => {
    expect(ere('a+', 'aa')).toBe(true);
    expect(ere('^(ab|cd)+$', 'abcdab')).toBe(true);
    expect(ere('a{2,3}', 'xaax')).toBe(true);
    expect(ere('a\\+', 'a+')).toBe(true);
    expect(ere('a{', 'a{')).toBe(true);
    expect(ere('a)', 'a)')).toBe(true);
    expect(ere('(a)\\1', 'aa')).toBe(true);
  });
  it('bracket expressions', () => {
    expect(bre('[[:alpha:]]', '1')).toBe(false);
    expect(bre('[[:alpha:]]', 'q')).toBe(true);
    expect(bre('^[[:digit:][:space:]]*$', '1 2')).toBe(true);
    expect(bre('[]a]', ']')).toBe(true);
    expect(bre('[^]a]', ']')).toBe(false);
    expect(bre('[\\n]', '\\')).toBe(true);
    expect(bre('[a-c]', 'b')).toBe(true);
    expect(bre('[a-]', '-')).toBe(true);
    expect(bre('[[:punct:]]', '!')).toBe(true);
    expect(translate('[.]', false)).toBe('[\\.]');
  });
  it('word anchors and case', () => {
    expect(bre('\\<foo\\>', 'a foo b')).toBe(true);
    expect(bre('\\<foo\\>', 'afoob')).toBe(false);
    expect(compile('ABC', false, true).test('xabc')).toBe(true);
  });
  it('errors', () => {
    expect(() => translate('\\(a', false)).toThrow(RegexError);
    expect(() => translate('(a', true)).toThrow('Unmatched ( or \\(');
    expect(() => translate('[a', false)).toThrow('Unmatched [, [^, [:, [., or [=');
    expect(() => translate('a\\{1', false)).toThrow('Unmatched \\{');
  });
});

describe('ERE warnings', () => {
  it('reports repetition operators at the start, as GNU grep 3.8 does', () => {
    const w: string[] = [];
    translate('*a|+b|(?c)', true, w);
    translate('{1}x', true, w);
    translate('*a', false, w);
    expect(w).toEqual(['* at start of expression', '+ at start of expression', '? at start of expression', '{...} at start of expression']);
  });
});
