// The ways evaluation stops early. Each is a JavaScript exception, which `yield*` carries up
// through the generators exactly as C's longjmp carries dash back to its main loop.

/** A syntax error: "Syntax error: "fi" unexpected". The shell's status becomes 2. */
export class ParseError extends Error {
  constructor(readonly detail: string, readonly line: number) {
    super(`Syntax error: ${detail}`);
  }
}

/**
 * The parser reached the end of the text it has, but the input is not over: the caller reads more
 * (another line from the terminal, with the PS2 prompt) and parses the command again.
 * `atStart` says nothing but blank lines and comments were seen (then the prompt is PS1).
 */
export class NeedMore extends Error {
  constructor(readonly atStart: boolean) {
    super('need more input');
  }
}

/**
 * An error that abandons the current command: a bad expansion, a special builtin's failure, a
 * failed redirection for a special builtin. A non-interactive shell exits with `status`; an
 * interactive one goes back to its prompt.
 */
export class ShellError extends Error {
  constructor(message: string, readonly status = 2) {
    super(message);
  }
}

/** `exit`, or the end of the shell for another reason (set -e): unwind everything and exit. */
export class ExitShell extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

/** `break n` / `continue n`: unwinds n enclosing loops. */
export class LoopControl extends Error {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {
    super(kind);
  }
}

/** `return n` from a function or a dot script. */
export class ReturnFromFunction extends Error {
  constructor(readonly status: number) {
    super('return');
  }
}

/** ^C in an interactive shell: abandon the command line being run; the prompt comes back. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}
