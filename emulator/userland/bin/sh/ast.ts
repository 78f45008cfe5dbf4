// The shell's syntax tree, as the parser builds it (POSIX XCU 2.10, "Shell Grammar").
//
// A script is a sequence of *complete commands*, each a List. A List is a sequence of and-or
// lists separated by `;` or `&`; an and-or list is pipelines joined by `&&` and `||`; a pipeline is
// commands joined by `|`; a command is a simple command, a compound command or a function
// definition.
//
// Words keep their quoting structure (WordPart[]) instead of raw text, so expansion knows which
// characters were quoted: quoted text is neither field-split nor used as a pattern.

/** Text that is literal in the source. Unquoted, it may still be a glob pattern. */
export interface Lit {
  type: 'lit';
  text: string;
}

/** Text protected by '…' or a backslash: always literal. */
export interface Quoted {
  type: 'quoted';
  text: string;
}

/** "…": its parts expand, but the results are neither split nor globbed. */
export interface DQuote {
  type: 'dquote';
  parts: WordPart[];
}

/** The operators of ${name OP word}. `len` is ${#name}. */
export type ParamOp = '-' | ':-' | '=' | ':=' | '?' | ':?' | '+' | ':+' | '%' | '%%' | '#' | '##' | 'len';

/** $name, ${name}, ${name op word}. Special names are @ * # ? - $ ! 0 and digits. */
export interface Param {
  type: 'param';
  name: string;
  op: ParamOp | null;
  arg: WordPart[];
}

/** $(…) or `…`: the output of the commands. */
export interface CmdSub {
  type: 'cmdsub';
  body: List;
}

/** $((…)): the expression text is expanded first, then evaluated. */
export interface Arith {
  type: 'arith';
  expr: WordPart[];
}

/** ~ or ~user at the start of a word (or after `:` / `=` in an assignment). */
export interface Tilde {
  type: 'tilde';
  user: string;
}

export type WordPart = Lit | Quoted | DQuote | Param | CmdSub | Arith | Tilde;
export type Word = WordPart[];

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-';

export interface Redir {
  /** The fd the redirection is for (the IO_NUMBER, or 0 for input and 1 for output). */
  fd: number;
  op: RedirOp;
  /** The file name, the fd for <& and >&, or the here-document delimiter. */
  target: Word;
  /** For << and <<-: the body, already split from the input. Quoted delimiter: one Quoted part. */
  here?: Word;
}

export interface Assign {
  name: string;
  value: Word;
}

interface CommandBase {
  /** The source line the command starts on ($LINENO and error messages). */
  line: number;
}

export interface SimpleCommand extends CommandBase {
  type: 'simple';
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
}

export interface Subshell extends CommandBase {
  type: 'subshell';
  body: List;
  redirs: Redir[];
}

export interface Group extends CommandBase {
  type: 'group';
  body: List;
  redirs: Redir[];
}

export interface If extends CommandBase {
  type: 'if';
  /** if/elif branches in order. */
  branches: { cond: List; body: List }[];
  orElse: List | null;
  redirs: Redir[];
}

export interface Loop extends CommandBase {
  type: 'loop';
  /** `until` loops run while the condition fails. */
  until: boolean;
  cond: List;
  body: List;
  redirs: Redir[];
}

export interface For extends CommandBase {
  type: 'for';
  name: string;
  /** null when there is no `in` part: iterate over "$@". */
  items: Word[] | null;
  body: List;
  redirs: Redir[];
}

export interface CaseItem {
  patterns: Word[];
  body: List;
}

export interface Case extends CommandBase {
  type: 'case';
  subject: Word;
  items: CaseItem[];
  redirs: Redir[];
}

export interface FuncDef extends CommandBase {
  type: 'funcdef';
  name: string;
  body: Command;
}

export type Command = SimpleCommand | Subshell | Group | If | Loop | For | Case | FuncDef;

export interface Pipeline {
  bang: boolean;
  commands: Command[];
  /** The source text, for job listings ("sleep 100"). */
  text: string;
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface ListItem {
  andOr: AndOr;
  /** Terminated by `&`: run in the background. */
  async: boolean;
  /** The source text of the and-or list (for `jobs` when it runs in the background). */
  text: string;
}

export type List = ListItem[];
