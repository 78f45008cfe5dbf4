import { describe, expect, it } from 'vitest';
import { parse } from '../../../../../emulator/userland/bin/sh/parser';
import { Input } from '../../../../../emulator/userland/bin/sh/input';
import { NeedMore, ParseError } from '../../../../../emulator/userland/bin/sh/errors';
import type { Command, List, SimpleCommand, Word } from '../../../../../emulator/userland/bin/sh/ast';

const first = (list: List): Command => list[0]!.andOr.first.commands[0]!;
const simple = (src: string): SimpleCommand => first(parse(src)) as SimpleCommand;
const syntaxError = (src: string): string => {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof ParseError) return e.message;
    throw e;
  }
  return 'no error';
};

describe('sh lexer: words keep their quoting', () => {
  it('splits words at blanks and operators', () => {
    const c = simple('echo a  b>out');
    expect(c.words).toEqual([[{ type: 'lit', text: 'echo' }], [{ type: 'lit', text: 'a' }], [{ type: 'lit', text: 'b' }]]);
    expect(c.redirs).toEqual([{ fd: 1, op: '>', target: [{ type: 'lit', text: 'out' }] }]);
  });

  it('reads quotes, escapes and expansions as parts', () => {
    const w: Word = simple(`echo 'a b'"c $x"\\d`).words[1]!;
    expect(w).toEqual([
      { type: 'quoted', text: 'a b' },
      { type: 'dquote', parts: [{ type: 'lit', text: 'c ' }, { type: 'param', name: 'x', op: null, arg: [] }] },
      { type: 'quoted', text: 'd' },
    ]);
  });

  it('parses ${…} operators, $#, ${#x} and positional parameters', () => {
    const words = simple('echo ${x:-a b} ${y%%*.c} ${#z} $# ${10} $1').words.slice(1);
    expect(words.map((w) => (w[0]!.type === 'param' ? [w[0]!.name, w[0]!.op] : null))).toEqual([
      ['x', ':-'], ['y', '%%'], ['z', 'len'], ['#', null], ['10', null], ['1', null],
    ]);
  });

  it('parses command substitution, backquotes and arithmetic recursively', () => {
    const [a, b, c] = simple('echo $(echo "$(pwd)") `echo \\`x\\`` $((1 + $n))').words.slice(1);
    expect(a![0]!.type).toBe('cmdsub');
    expect(b![0]!.type).toBe('cmdsub');
    expect(c).toEqual([{ type: 'arith', expr: [{ type: 'lit', text: '1 + ' }, { type: 'param', name: 'n', op: null, arg: [] }] }]);
  });

  it('recognizes IO numbers and fd duplications', () => {
    const c = simple('cmd 2>&1 3<in >>log');
    expect(c.redirs.map((r) => [r.fd, r.op])).toEqual([[2, '>&'], [3, '<'], [1, '>>']]);
  });

  it('finds tilde prefixes at word starts and after : in assignments', () => {
    const c = simple('p=~/a:~u/b echo ~ x~');
    expect(c.assigns[0]!.value).toEqual([
      { type: 'tilde', user: '' }, { type: 'lit', text: '/a:' }, { type: 'tilde', user: 'u' }, { type: 'lit', text: '/b' },
    ]);
    expect(c.words[1]).toEqual([{ type: 'tilde', user: '' }]);
    expect(c.words[2]).toEqual([{ type: 'lit', text: 'x~' }]);
  });

  it('drops comments and joins continued lines', () => {
    expect(simple('echo a\\\nb # comment').words.length).toBe(2);
  });
});

describe('sh parser', () => {
  it('builds lists, and-or lists and pipelines with their source text', () => {
    const list = parse('a | b && ! c || d; e &');
    expect(list.length).toBe(2);
    expect(list[0]!.andOr.first.commands.length).toBe(2);
    expect(list[0]!.andOr.rest.map((r) => r.op)).toEqual(['&&', '||']);
    expect(list[0]!.andOr.rest[0]!.pipeline.bang).toBe(true);
    expect(list[1]).toMatchObject({ async: true, text: 'e' });
    expect(list[0]!.andOr.first.text).toBe('a | b');
  });

  it('parses compound commands', () => {
    expect(first(parse('if a; then b; elif c; then d; else e; fi'))).toMatchObject({ type: 'if', branches: [{}, {}] });
    expect(first(parse('while a; do b; done'))).toMatchObject({ type: 'loop', until: false });
    expect(first(parse('until a\ndo b\ndone'))).toMatchObject({ type: 'loop', until: true });
    expect(first(parse('for i in 1 2; do :; done'))).toMatchObject({ type: 'for', name: 'i' });
    expect(first(parse('for i do :; done'))).toMatchObject({ type: 'for', items: null });
    expect(first(parse('case x in (a|b) :;; *) ;; esac'))).toMatchObject({ type: 'case', items: [{ patterns: [{}, {}] }, {}] });
    expect(first(parse('{ a; } >f'))).toMatchObject({ type: 'group', redirs: [{ op: '>' }] });
    expect(first(parse('(a)'))).toMatchObject({ type: 'subshell' });
    expect(first(parse('f() { a; }'))).toMatchObject({ type: 'funcdef', name: 'f', body: { type: 'group' } });
  });

  it('reads here-document bodies after the line, expanding only with an unquoted delimiter', () => {
    const list = parse('cat <<EOF; cat <<-"X"\nhi $u\nEOF\n\tlit $u\n\tX\necho next');
    const [a, b] = [list[0], list[1]].map((i) => (i!.andOr.first.commands[0] as SimpleCommand).redirs[0]!);
    expect(a!.here).toEqual([{ type: 'lit', text: 'hi ' }, { type: 'param', name: 'u', op: null, arg: [] }, { type: 'lit', text: '\n' }]);
    expect(b!.here).toEqual([{ type: 'quoted', text: 'lit $u\n' }]);
    expect(list.length).toBe(3);
  });

  it('reports syntax errors as dash does', () => {
    expect(syntaxError('if true; then echo')).toBe('Syntax error: end of file unexpected (expecting "fi")');
    expect(syntaxError('fi')).toBe('Syntax error: "fi" unexpected');
    expect(syntaxError('while :; do :; fi')).toBe('Syntax error: "fi" unexpected (expecting "done")');
    expect(syntaxError('echo "abc')).toBe('Syntax error: Unterminated quoted string');
    expect(syntaxError('echo )')).toBe('Syntax error: ")" unexpected');
    expect(syntaxError('{ }')).toBe('Syntax error: "}" unexpected');
    expect(syntaxError('a |')).toBe('Syntax error: end of file unexpected');
    expect(syntaxError('for 1 in a; do :; done')).toBe('Syntax error: Bad for loop variable');
    expect(syntaxError('echo >&foo')).toBe('Syntax error: Bad fd number');
    expect(syntaxError('echo `echo')).toBe('Syntax error: EOF in backquote substitution');
  });
});

describe('sh aliases', () => {
  const words = (src: string, aliases: Record<string, string>): string[] =>
    (first(parse(src, 1, new Map(Object.entries(aliases)))) as SimpleCommand).words.map((w) =>
      w.map((p) => (p.type === 'lit' ? p.text : '?')).join(''),
    );

  it('replaces a command name by the alias text, once per alias', () => {
    expect(words('ll /', { ll: 'ls -l' })).toEqual(['ls', '-l', '/']);
    expect(words('ls x', { ls: 'ls -F' })).toEqual(['ls', '-F', 'x']);
    expect(words('a', { a: 'b 1', b: 'c 2' })).toEqual(['c', '2', '1']);
    expect(words('echo ll', { ll: 'ls -l' })).toEqual(['echo', 'll']);
  });

  it('checks the next word too after an alias ending in a blank', () => {
    expect(words('s w', { s: 'echo ', w: 'world' })).toEqual(['echo', 'world']);
    expect(words('s w', { s: 'echo', w: 'world' })).toEqual(['echo', 'w']);
  });
});

describe('sh input: one complete command at a time', () => {
  it('asks for more input inside an unfinished command, and says whether it was at the start', () => {
    const input = new Input(0, 'if true\n');
    expect(() => input.parseNext()).toThrow(NeedMore);
    const blank = new Input(0, '\n  # only a comment\n');
    try {
      blank.parseNext();
    } catch (e) {
      expect((e as NeedMore).atStart).toBe(true);
    }
  });

  it('parses command by command, keeping line numbers', () => {
    const input = new Input(null, 'echo a\n\necho b; echo c\n');
    expect(input.parseNext()!.length).toBe(1);
    const second = input.parseNext()!;
    expect(second.length).toBe(2);
    expect((second[0]!.andOr.first.commands[0] as SimpleCommand).line).toBe(3);
    expect(input.parseNext()).toBe(null);
  });
});
