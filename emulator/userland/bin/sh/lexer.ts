// Token recognition (POSIX XCU 2.3): operators, IO_NUMBERs, newlines and words.
//
// Words are read into their parts right away (quotes, $-expansions, backquotes), because only
// the quoting tells where a word ends. `$(…)` holds a whole command list: the lexer hands itself
// to the parser (the `parser` hooks) to read it, so nesting and here-documents inside work.
//
// The text may be incomplete (an interactive user is still typing): reading past its end throws
// NeedMore unless `atEof` says the input is over, and the caller parses again with more text.

import type { List, ParamOp, Redir, Word, WordPart } from './ast';
import { NeedMore, ParseError } from './errors';
import { tildes } from './tilde';

export type Operator =
  | '&&' | '||' | ';;' | '<<-' | '<<' | '>>' | '<&' | '>&' | '<>' | '>|'
  | '&' | '|' | ';' | '(' | ')' | '<' | '>' | '\n';

interface TokenBase {
  /** Offset of the token in the source text, and its line. */
  start: number;
  line: number;
}

export type Token =
  | (TokenBase & { kind: 'word'; word: Word; raw: string })
  | (TokenBase & { kind: 'op'; op: Operator })
  | (TokenBase & { kind: 'io'; fd: number })
  | (TokenBase & { kind: 'eof' });

/** How the parser reads command lists for the lexer ($(…) and `…`). */
export interface ParserHooks {
  /** Parse a list up to and including its closing `)`. */
  subParse(lexer: Lexer): List;
  /** Parse all of a lexer's text (the inside of backquotes). */
  parseAll(lexer: Lexer): List;
}

/** Where a run of word parts is being read; each mode has its own quoting rules and end. */
type Mode =
  | 'word' // an ordinary word: ends at a blank or an operator character
  | 'dquote' // inside "…"
  | 'arg' // the word of ${name op word}, unquoted
  | 'argdq' // the same inside "…"
  | 'arith' // inside $((…))
  | 'heredoc'; // a here-document body whose delimiter was not quoted

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const SPECIAL_PARAMS = '@*#?-$!';
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

interface PendingHeredoc {
  redir: Redir;
  delim: string;
  quoted: boolean;
  /** <<- : leading tabs are removed from each line (and the delimiter line). */
  strip: boolean;
}

/** Collects word parts, merging adjacent literal text. */
class PartsBuilder {
  readonly parts: WordPart[] = [];
  private lit = '';

  addLit(s: string): void {
    this.lit += s;
  }

  addQuoted(s: string): void {
    this.flush();
    const last = this.parts[this.parts.length - 1];
    if (last?.type === 'quoted') last.text += s;
    else this.parts.push({ type: 'quoted', text: s });
  }

  add(p: WordPart): void {
    this.flush();
    this.parts.push(p);
  }

  done(): WordPart[] {
    this.flush();
    return this.parts;
  }

  private flush(): void {
    if (this.lit) this.parts.push({ type: 'lit', text: this.lit });
    this.lit = '';
  }
}

export class Lexer {
  /** Here-documents whose bodies start after the next newline token. */
  readonly pending: PendingHeredoc[] = [];
  /** Set once a token other than a newline was read (for NeedMore's PS1/PS2 choice). */
  private started = false;
  /** Aliases being substituted, and where in `src` each one's text ends (see substitute). */
  private active: { name: string; end: number }[] = [];

  constructor(
    /** The text; alias substitution rewrites it. */
    public src: string,
    public pos: number,
    public line: number,
    readonly atEof: boolean,
    readonly parser: ParserHooks,
    /** The shell's aliases (none while parsing a trap action, for example). */
    readonly aliases: ReadonlyMap<string, string> | null = null,
  ) {}

  // ---- characters ------------------------------------------------------------------------------

  /** The character `off` ahead, '' at the end of the input; NeedMore if the text stops early. */
  private peek(off = 0): string {
    const i = this.pos + off;
    if (i < this.src.length) return this.src[i]!;
    if (this.atEof) return '';
    throw new NeedMore(!this.started);
  }

  private advance(n = 1): void {
    for (let i = 0; i < n; i++) if (this.src[this.pos++] === '\n') this.line++;
  }

  error(detail: string): never {
    throw new ParseError(detail, this.line);
  }

  // ---- tokens ----------------------------------------------------------------------------------

  next(): Token {
    this.skipBlanks();
    const start = this.pos;
    const line = this.line;
    const c = this.peek();
    if (c === '') return { kind: 'eof', start, line };
    if (c === '\n') {
      this.advance();
      this.readHeredocs();
      return { kind: 'op', op: '\n', start, line };
    }
    this.started = true;
    const op = this.matchOperator();
    if (op) {
      this.advance(op.length);
      return { kind: 'op', op, start, line };
    }
    if (/[0-9]/.test(c)) {
      let n = 0;
      while (/[0-9]/.test(this.peek(n))) n++;
      const after = this.peek(n);
      if (after === '<' || after === '>') {
        this.advance(n);
        return { kind: 'io', fd: parseInt(this.src.slice(start, start + n), 10), start, line };
      }
    }
    const word = this.readParts('word');
    return { kind: 'word', word, raw: this.src.slice(start, this.pos), start, line };
  }

  /** Blanks, line continuations and comments between tokens. */
  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t') this.advance();
      else if (c === '\\' && this.peek(1) === '\n') this.advance(2);
      else if (c === '#') {
        while (this.peek() !== '\n' && this.peek() !== '') this.advance();
      } else return;
    }
  }

  private matchOperator(): Operator | null {
    const c = this.peek();
    if (!'&|;<>()'.includes(c)) return null;
    const two = c + this.peek(1);
    if (two === '<<') return this.peek(2) === '-' ? '<<-' : '<<';
    if (['&&', '||', ';;', '>>', '<&', '>&', '<>', '>|'].includes(two)) return two as Operator;
    return c as Operator;
  }

  // ---- words -----------------------------------------------------------------------------------

  /** Read parts until the end that `mode` defines (the end itself is not consumed). */
  readParts(mode: Mode): WordPart[] {
    const b = new PartsBuilder();
    let depth = 0; // parentheses inside $((…))
    for (;;) {
      const c = this.peek();
      if (this.atEnd(mode, c, depth)) return b.done();
      if (c === '\\') {
        this.readBackslash(mode, b);
      } else if (c === "'" && (mode === 'word' || mode === 'arg')) {
        b.addQuoted(this.readSingleQuoted());
      } else if (c === '"' && mode !== 'heredoc') {
        this.advance();
        const parts = this.readParts('dquote');
        this.advance(); // the closing quote
        b.add({ type: 'dquote', parts });
      } else if (c === '`') {
        b.add({ type: 'cmdsub', body: this.readBackquote(mode === 'dquote' || mode === 'argdq') });
      } else if (c === '$') {
        const p = this.readDollar(mode === 'dquote' || mode === 'argdq' || mode === 'heredoc');
        if (p) b.add(p);
        else {
          b.addLit('$');
          this.advance();
        }
      } else {
        if (mode === 'arith') depth += c === '(' ? 1 : c === ')' ? -1 : 0;
        b.addLit(c);
        this.advance();
      }
    }
  }

  private atEnd(mode: Mode, c: string, depth: number): boolean {
    switch (mode) {
      case 'word':
        return c === '' || META.has(c);
      case 'dquote':
        if (c === '') this.error('Unterminated quoted string');
        return c === '"';
      case 'arg':
      case 'argdq':
        if (c === '') this.error("Missing '}'");
        return c === '}';
      case 'arith':
        if (c === '') this.error("Missing '))'");
        return c === ')' && depth === 0;
      case 'heredoc':
        return c === '';
    }
  }

  /** A backslash: line continuation, or it quotes the next character (rules differ by mode). */
  private readBackslash(mode: Mode, b: PartsBuilder): void {
    const next = this.peek(1);
    if (next === '\n') {
      this.advance(2);
      return;
    }
    if (mode === 'word' || mode === 'arg') {
      this.advance(next === '' ? 1 : 2);
      b.addQuoted(next || '\\');
      return;
    }
    // Inside double quotes (and here-documents, arithmetic) a backslash quotes only some characters.
    const special = mode === 'dquote' ? '$`\\"' : mode === 'argdq' ? '$`\\"}' : '$`\\';
    if (next !== '' && special.includes(next)) {
      this.advance(2);
      b.addQuoted(next);
    } else {
      this.advance();
      if (mode === 'arith') b.addLit('\\');
      else b.addQuoted('\\');
    }
  }

  private readSingleQuoted(): string {
    this.advance();
    let s = '';
    for (;;) {
      const c = this.peek();
      if (c === '') this.error('Unterminated quoted string');
      this.advance();
      if (c === "'") return s;
      s += c;
    }
  }

  /** `…`: the text up to the closing backquote, with \$ \` \\ (and \" in quotes) unescaped. */
  private readBackquote(inDquote: boolean): List {
    const line = this.line;
    this.advance();
    let text = '';
    for (;;) {
      const c = this.peek();
      if (c === '') this.error('EOF in backquote substitution');
      this.advance();
      if (c === '`') break;
      if (c === '\\') {
        const n = this.peek();
        if (n === '$' || n === '`' || n === '\\' || (inDquote && n === '"')) {
          text += n;
          this.advance();
          continue;
        }
      }
      text += c;
    }
    return this.parser.parseAll(new Lexer(text, 0, line, true, this.parser, this.aliases));
  }

  /** $name, ${…}, $(…), $((…)); null when the $ is just a dollar sign. */
  private readDollar(quoted: boolean): WordPart | null {
    const c1 = this.peek(1);
    if (c1 === '{') {
      this.advance(2);
      return this.readBraceParam(quoted);
    }
    if (c1 === '(') {
      if (this.peek(2) === '(') {
        this.advance(3);
        const expr = this.readParts('arith');
        this.advance(); // first )
        if (this.peek() !== ')') this.error("Missing '))'");
        this.advance();
        return { type: 'arith', expr };
      }
      this.advance(2);
      return { type: 'cmdsub', body: this.parser.subParse(this) };
    }
    if (c1 !== '' && (SPECIAL_PARAMS.includes(c1) || /[0-9]/.test(c1))) {
      this.advance(2);
      return { type: 'param', name: c1, op: null, arg: [] };
    }
    if (NAME_START.test(c1)) {
      this.advance();
      return { type: 'param', name: this.readName(), op: null, arg: [] };
    }
    return null;
  }

  private readName(): string {
    let name = '';
    while (NAME_CHAR.test(this.peek())) {
      name += this.peek();
      this.advance();
    }
    return name;
  }

  /** After "${": name, operator, word, "}". */
  private readBraceParam(quoted: boolean): WordPart {
    // ${#name} is the length of name; a lone ${#} is $#.
    if (this.peek() === '#' && this.peek(1) !== '}' && this.isParamStart(this.peek(1))) {
      this.advance();
      const name = this.readParamName();
      if (this.peek() !== '}') return this.badSubstitution();
      this.advance();
      return { type: 'param', name, op: 'len', arg: [] };
    }
    const name = this.readParamName();
    if (!name) return this.badSubstitution();
    const c = this.peek();
    if (c === '}') {
      this.advance();
      return { type: 'param', name, op: null, arg: [] };
    }
    let op: ParamOp;
    if (c === ':' && '-=?+'.includes(this.peek(1)) && this.peek(1) !== '') op = (':' + this.peek(1)) as ParamOp;
    else if ('-=?+'.includes(c) && c !== '') op = c as ParamOp;
    else if (c === '%' || c === '#') op = (this.peek(1) === c ? c + c : c) as ParamOp;
    else return this.badSubstitution();
    this.advance(op.length);
    const arg = tildes(this.readParts(quoted ? 'argdq' : 'arg'), false);
    this.advance(); // }
    return { type: 'param', name, op, arg };
  }

  private isParamStart(c: string): boolean {
    return c !== '' && (SPECIAL_PARAMS.includes(c) || /[0-9]/.test(c) || NAME_START.test(c));
  }

  private readParamName(): string {
    const c = this.peek();
    if (c !== '' && SPECIAL_PARAMS.includes(c)) {
      this.advance();
      return c;
    }
    if (/[0-9]/.test(c)) {
      let digits = '';
      while (/[0-9]/.test(this.peek())) {
        digits += this.peek();
        this.advance();
      }
      return digits;
    }
    return NAME_START.test(c) ? this.readName() : '';
  }

  /**
   * dash reports "Bad substitution" only when the word is expanded, not while parsing: skip to the
   * closing brace and leave a part that fails when expanded.
   */
  private badSubstitution(): WordPart {
    while (this.peek() !== '}') {
      if (this.peek() === '') this.error("Missing '}'");
      this.advance();
    }
    this.advance();
    return { type: 'param', name: '', op: null, arg: [] };
  }

  // ---- aliases ---------------------------------------------------------------------------------

  /** Is alias `name` being substituted at `pos`? (An alias is not expanded inside itself.) */
  aliasActive(name: string, pos: number): boolean {
    this.active = this.active.filter((a) => a.end > pos);
    return this.active.some((a) => a.name === name);
  }

  /**
   * Alias substitution (XCU 2.3.1): the word at src[start, end) is replaced by the alias's text,
   * which is read as if it had been typed there.
   */
  substitute(start: number, end: number, line: number, name: string, text: string): void {
    const delta = text.length - (end - start);
    for (const a of this.active) if (a.end >= end) a.end += delta;
    this.active.push({ name, end: start + text.length });
    this.src = this.src.slice(0, start) + text + this.src.slice(end);
    this.pos = start;
    this.line = line;
  }

  // ---- here-documents --------------------------------------------------------------------------

  /** Register a here-document; its body is read after the next newline. */
  addHeredoc(redir: Redir, delim: string, quoted: boolean): void {
    this.pending.push({ redir, delim, quoted, strip: redir.op === '<<-' });
  }

  /** Read the bodies of the pending here-documents, one after the other, line by line. */
  private readHeredocs(): void {
    while (this.pending.length) {
      const h = this.pending.shift()!;
      const line = this.line;
      let body = '';
      for (;;) {
        if (this.peek() === '') break; // end of input ends the document too, as in dash
        let text = '';
        while (this.peek() !== '\n' && this.peek() !== '') {
          text += this.peek();
          this.advance();
        }
        const ended = this.peek() === '\n';
        if (ended) this.advance();
        if (h.strip) text = text.replace(/^\t+/, '');
        if (text === h.delim) break;
        body += text + (ended ? '\n' : '');
      }
      h.redir.here = h.quoted
        ? [{ type: 'quoted', text: body }]
        : new Lexer(body, 0, line, true, this.parser, this.aliases).readParts('heredoc');
    }
  }
}
