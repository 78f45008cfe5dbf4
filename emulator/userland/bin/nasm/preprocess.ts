// The part of NASM's preprocessor that small programs use: single-line macros without
// parameters. `%define NAME text` makes NAME stand for the tokens of text wherever it appears as
// an identifier afterwards (expanded again if they contain macros), `%undef NAME` forgets it.
// Other directives (%macro, %include, %if…) are reported as unsupported.

import { AsmError, tokenize, type Token } from './lexer';

export class Macros {
  private readonly defs = new Map<string, Token[]>();

  /** Handle a `%` line; returns false if the line is not a preprocessor directive. */
  directive(line: string): boolean {
    const m = /^\s*%(\w+)\s*(.*)$/.exec(line);
    if (!m) return false;
    const [, word, rest] = m;
    const name = /^([A-Za-z_.?$@][\w.?$@#~]*)\s*(.*)$/.exec(rest!);
    switch (word!.toLowerCase()) {
      case 'define':
        if (!name) throw new AsmError('single-line macro name expected');
        if (name[2]!.startsWith('(')) throw new AsmError('macros with parameters are not supported by this nasm');
        this.defs.set(name[1]!, tokenize(name[2]!));
        return true;
      case 'undef':
        if (!name) throw new AsmError('`%undef\' expects a macro identifier');
        this.defs.delete(name[1]!);
        return true;
      default:
        throw new AsmError(`preprocessor directive \`%${word}' is not supported by this nasm`);
    }
  }

  /** The line's tokens with every defined name replaced by its definition. */
  expand(tokens: Token[], depth = 0): Token[] {
    if (depth > 32) throw new AsmError('interminable macro recursion');
    const out: Token[] = [];
    for (const t of tokens) {
      const body = t.t === 'id' ? this.defs.get(t.v) : undefined;
      out.push(...(body ? this.expand(body, depth + 1) : [t]));
    }
    return out;
  }
}
