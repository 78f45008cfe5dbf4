// The shell grammar (POSIX XCU 2.10) as a recursive-descent parser over the lexer's tokens.
//
// Reserved words (if, then, do, …) are only words to the lexer; the parser recognizes them where
// a command may start. Syntax errors read like dash's: `Syntax error: "fi" unexpected`,
// `Syntax error: end of file unexpected (expecting "done")`.

import type {
  AndOr, Assign, Case, CaseItem, Command, For, Group, If, List, ListItem, Loop, Pipeline, Redir, RedirOp, Subshell, Word,
  WordPart,
} from './ast';
import { ParseError } from './errors';
import { Lexer, type ParserHooks, type Token } from './lexer';
import { tildes } from './tilde';

export const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in']);
/** Reserved words that close a compound list. */
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '<<', '<<-']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Tok = Token & { end: number };
type Compound = If | Loop | For | Case | Group | Subshell;

const hooks: ParserHooks = {
  subParse(lexer) {
    const p = new Parser(lexer);
    const body = p.compoundList();
    p.expectOp(')');
    return body;
  },
  parseAll(lexer) {
    return new Parser(lexer).program();
  },
};

/** A lexer over `src` from `pos`, wired to this parser. */
export function lexerFor(src: string, pos = 0, line = 1, atEof = true, aliases: ReadonlyMap<string, string> | null = null): Lexer {
  return new Lexer(src, pos, line, atEof, hooks, aliases);
}

/** Parse a whole text (a script, `eval`'s argument, a test). */
export function parse(src: string, line = 1, aliases: ReadonlyMap<string, string> | null = null): List {
  return new Parser(lexerFor(src, 0, line, true, aliases)).program();
}

export class Parser {
  private ahead: Tok[] = [];
  /** Where the last token taken ended in the source. */
  private lastEnd = 0;

  constructor(readonly lexer: Lexer) {}

  // ---- tokens ----------------------------------------------------------------------------------

  private peek(n = 0): Tok {
    while (this.ahead.length <= n) {
      const t = this.lexer.next();
      this.ahead.push({ ...t, end: this.lexer.pos });
    }
    return this.ahead[n]!;
  }

  private take(): Tok {
    const t = this.peek();
    this.ahead.shift();
    this.lastEnd = t.end;
    return t;
  }

  private isOp(t: Tok, op: string): boolean {
    return t.kind === 'op' && t.op === op;
  }

  /** A reserved word: an unquoted word spelled exactly like one. */
  private isReserved(t: Tok, word?: string): boolean {
    return t.kind === 'word' && RESERVED.has(t.raw) && (word === undefined || t.raw === word);
  }

  private unexpected(t: Tok, expecting?: string): never {
    const what =
      t.kind === 'eof' ? 'end of file'
      : t.kind === 'op' ? (t.op === '\n' ? 'newline' : REDIR_OPS.has(t.op) ? 'redirection' : `"${t.op}"`)
      : t.kind === 'io' ? `"${t.fd}"`
      : `"${t.raw}"`;
    throw new ParseError(`${what} unexpected${expecting ? ` (expecting "${expecting}")` : ''}`, t.line);
  }

  expectOp(op: string): void {
    const t = this.take();
    if (!this.isOp(t, op)) this.unexpected(t, op);
  }

  private expectWord(word: string): void {
    const t = this.take();
    if (!this.isReserved(t, word)) this.unexpected(t, word);
  }

  private skipNewlines(): void {
    while (this.isOp(this.peek(), '\n')) this.take();
  }

  // ---- lists -----------------------------------------------------------------------------------

  /** All complete commands up to the end of the text, as one list. */
  program(): List {
    const all: List = [];
    for (;;) {
      const cmd = this.completeCommand();
      if (cmd === null) return all;
      all.push(...cmd);
    }
  }

  /**
   * One complete command: a list ended by a newline (consumed, with any here-documents) or the
   * end of the input. null at the end of the input. What the main loop runs one at a time.
   */
  completeCommand(): List | null {
    this.skipNewlines();
    if (this.peek().kind === 'eof') return null;
    const list = this.listUntilEnd(false);
    const t = this.peek();
    if (t.kind === 'eof') return list;
    if (this.isOp(t, '\n')) {
      this.take();
      return list;
    }
    this.unexpected(t);
  }

  /** A compound_list: commands separated by ; & or newlines, up to a closing word or ) or ;;. */
  compoundList(): List {
    return this.listUntilEnd(true);
  }

  private atListEnd(t: Tok): boolean {
    return t.kind === 'eof' || (t.kind === 'op' && (t.op === ')' || t.op === ';;')) || (t.kind === 'word' && CLOSERS.has(t.raw));
  }

  private listUntilEnd(newlines: boolean): List {
    const items: List = [];
    for (;;) {
      if (newlines) this.skipNewlines();
      const first = this.peek();
      if (this.atListEnd(first) || (!newlines && this.isOp(first, '\n'))) {
        if (items.length === 0 && !newlines) this.unexpected(first);
        return items;
      }
      const andOr = this.andOr();
      const item: ListItem = { andOr, async: false, text: this.text(first.start) };
      items.push(item);
      const sep = this.peek();
      if (this.isOp(sep, ';') || this.isOp(sep, '&')) {
        this.take();
        item.async = sep.kind === 'op' && sep.op === '&';
      } else if (!(newlines && this.isOp(sep, '\n'))) {
        return items;
      }
    }
  }

  /** The source text from `start` to the end of the last token taken. */
  private text(start: number): string {
    return this.lexer.src.slice(start, this.lastEnd).trim();
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '&&') && !this.isOp(t, '||')) return { first, rest };
      this.take();
      this.skipNewlines();
      rest.push({ op: t.kind === 'op' && t.op === '&&' ? '&&' : '||', pipeline: this.pipeline() });
    }
  }

  private pipeline(): Pipeline {
    const start = this.peek().start;
    let bang = false;
    if (this.isReserved(this.peek(), '!')) {
      this.take();
      bang = true;
    }
    const commands = [this.command()];
    while (this.isOp(this.peek(), '|')) {
      this.take();
      this.skipNewlines();
      commands.push(this.command());
    }
    return { bang, commands, text: this.text(start) };
  }

  // ---- commands --------------------------------------------------------------------------------

  /**
   * If the next token is a word that names an alias, put the alias's text in its place. Returns
   * whether the text ends in a blank (then the word after it is checked too).
   */
  private expandAlias(): boolean {
    let blankAfter = false;
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'word' || RESERVED.has(t.raw) || t.word.length !== 1 || t.word[0]!.type !== 'lit') return blankAfter;
      const value = this.lexer.aliases?.get(t.raw);
      if (value === undefined || this.lexer.aliasActive(t.raw, t.start)) return blankAfter;
      this.ahead = [];
      this.lexer.substitute(t.start, t.end, t.line, t.raw, value);
      blankAfter = /[ \t]$/.test(value);
    }
  }

  private command(): Command {
    const aliasNext = this.expandAlias();
    const t = this.peek();
    let cmd: Compound;
    if (t.kind === 'word' && RESERVED.has(t.raw) && t.raw !== '!' && t.raw !== 'in') {
      switch (t.raw) {
        case 'if': cmd = this.ifCommand(); break;
        case 'while': case 'until': cmd = this.loop(); break;
        case 'for': cmd = this.forCommand(); break;
        case 'case': cmd = this.caseCommand(); break;
        case '{': cmd = this.group(); break;
        default: this.unexpected(t);
      }
    } else if (this.isOp(t, '(')) {
      this.take();
      cmd = { type: 'subshell', body: this.nonEmpty(this.compoundList()), redirs: [], line: t.line };
      this.expectOp(')');
    } else if (t.kind === 'word' && this.isOp(this.peek(1), '(')) {
      return this.functionDefinition();
    } else {
      return this.simpleCommand(aliasNext);
    }
    this.redirectionsAfter(cmd);
    return cmd;
  }

  /** A compound list that must hold at least one command: `{ }` is an error. */
  private nonEmpty(list: List): List {
    if (list.length === 0) this.unexpected(this.peek());
    return list;
  }

  private redirectionsAfter(cmd: Compound): void {
    for (;;) {
      const r = this.redirection();
      if (!r) return;
      cmd.redirs.push(r);
    }
  }

  private ifCommand(): If {
    const line = this.take().line;
    const branches: { cond: List; body: List }[] = [];
    let orElse: List | null = null;
    for (;;) {
      const cond = this.nonEmpty(this.compoundList());
      this.expectWord('then');
      const body = this.nonEmpty(this.compoundList());
      branches.push({ cond, body });
      const t = this.peek();
      if (this.isReserved(t, 'elif')) {
        this.take();
        continue;
      }
      if (this.isReserved(t, 'else')) {
        this.take();
        orElse = this.nonEmpty(this.compoundList());
      }
      this.expectWord('fi');
      return { type: 'if', branches, orElse, redirs: [], line };
    }
  }

  private loop(): Loop {
    const t = this.take();
    const cond = this.nonEmpty(this.compoundList());
    this.expectWord('do');
    const body = this.nonEmpty(this.compoundList());
    this.expectWord('done');
    return { type: 'loop', until: t.kind === 'word' && t.raw === 'until', cond, body, redirs: [], line: t.line };
  }

  private forCommand(): For {
    const line = this.take().line;
    const nameTok = this.take();
    if (nameTok.kind !== 'word' || !NAME.test(nameTok.raw)) throw new ParseError('Bad for loop variable', nameTok.line);
    this.skipNewlines();
    let items: Word[] | null = null;
    if (this.isReserved(this.peek(), 'in')) {
      this.take();
      items = [];
      for (let t = this.peek(); t.kind === 'word'; t = this.peek()) items.push(withTilde(this.take() as Tok & { kind: 'word' }));
      const sep = this.take();
      if (!this.isOp(sep, ';') && !this.isOp(sep, '\n')) this.unexpected(sep, 'do');
    } else if (this.isOp(this.peek(), ';')) {
      this.take();
    }
    this.skipNewlines();
    this.expectWord('do');
    const body = this.nonEmpty(this.compoundList());
    this.expectWord('done');
    return { type: 'for', name: nameTok.raw, items, body, redirs: [], line };
  }

  private caseCommand(): Case {
    const line = this.take().line;
    const subj = this.take();
    if (subj.kind !== 'word') this.unexpected(subj);
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.isReserved(this.peek(), 'esac')) break;
      if (this.isOp(this.peek(), '(')) this.take();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.take();
        if (p.kind !== 'word') this.unexpected(p);
        patterns.push(p.word);
        if (!this.isOp(this.peek(), '|')) break;
        this.take();
      }
      this.expectOp(')');
      const body = this.compoundList();
      items.push({ patterns, body });
      if (this.isOp(this.peek(), ';;')) {
        this.take();
        continue;
      }
      break;
    }
    this.skipNewlines();
    this.expectWord('esac');
    return { type: 'case', subject: withTilde(subj), items, redirs: [], line };
  }

  private group(): Group {
    const line = this.take().line;
    const body = this.nonEmpty(this.compoundList());
    this.expectWord('}');
    return { type: 'group', body, redirs: [], line };
  }

  private functionDefinition(): Command {
    const nameTok = this.take() as Tok & { kind: 'word' };
    if (!NAME.test(nameTok.raw)) throw new ParseError('Bad function name', nameTok.line);
    this.take(); // (
    this.expectOp(')');
    this.skipNewlines();
    const body = this.command();
    if (body.type === 'simple' || body.type === 'funcdef') this.unexpected(this.peek());
    return { type: 'funcdef', name: nameTok.raw, body, line: nameTok.line };
  }

  private simpleCommand(aliasNext: boolean): Command {
    const first = this.peek();
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    // The command name may be an alias too when it follows assignments, or follows an alias
    // whose text ends in a blank.
    let checkAlias = false;
    for (;;) {
      if (checkAlias) {
        aliasNext = this.expandAlias();
        checkAlias = false;
      }
      const r = this.redirection();
      if (r) {
        redirs.push(r);
        continue;
      }
      const t = this.peek();
      if (t.kind !== 'word') break;
      this.take();
      const assign = words.length === 0 ? asAssignment(t.word) : null;
      if (assign) {
        assigns.push(assign);
        checkAlias = true;
      } else {
        words.push(withTilde(t));
        checkAlias = aliasNext && words.length === 1;
      }
    }
    if (assigns.length + words.length + redirs.length === 0) this.unexpected(first);
    return { type: 'simple', assigns, words, redirs, line: first.line };
  }

  /** A redirection at the current token, or null. `2>&1`, `<file`, `<<EOF` … */
  private redirection(): Redir | null {
    let t = this.peek();
    let fd: number | null = null;
    if (t.kind === 'io') {
      fd = t.fd;
      this.take();
      t = this.peek();
    }
    if (t.kind !== 'op' || !REDIR_OPS.has(t.op)) {
      if (fd !== null) this.unexpected(t);
      return null;
    }
    this.take();
    const op = t.op as RedirOp;
    const target = this.take();
    if (target.kind !== 'word') this.unexpected(target);
    if ((op === '<&' || op === '>&') && target.word.every((p) => p.type === 'lit') && !/^([0-9]+|-)$/.test(target.raw)) {
      throw new ParseError('Bad fd number', target.line);
    }
    const input = op === '<' || op === '<&' || op === '<>' || op === '<<' || op === '<<-';
    const r: Redir = { fd: fd ?? (input ? 0 : 1), op, target: target.word };
    if (op === '<<' || op === '<<-') {
      const quoted = target.word.some((p) => p.type !== 'lit');
      this.lexer.addHeredoc(r, quoted ? unquote(target.word) : target.raw, quoted);
    }
    return r;
  }
}

/** `name=value` as the first words of a simple command, or null. */
function asAssignment(word: Word): Assign | null {
  const first = word[0];
  if (first?.type !== 'lit') return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!m) return null;
  const rest = first.text.slice(m[0].length);
  const value: Word = rest ? [{ type: 'lit', text: rest }, ...word.slice(1)] : word.slice(1);
  return { name: m[1]!, value: tildes(value, true) };
}

function withTilde(t: Tok & { kind: 'word' }): Word {
  return tildes(t.word, false);
}

/** A here-document delimiter with its quotes removed ('EOF' and "EOF" and \EOF are EOF). */
function unquote(word: WordPart[]): string {
  return word
    .map((p) => {
      switch (p.type) {
        case 'lit': case 'quoted': return p.text;
        case 'dquote': return unquote(p.parts);
        case 'param': return '$' + p.name;
        default: return '';
      }
    })
    .join('');
}
