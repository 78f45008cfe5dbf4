// Where commands come from: a string (-c, eval), a file (a script, `.`), or the terminal. Text is
// read in chunks and parsed one complete command at a time, as dash does: a syntax error on line
// 5 of a script stops it only after lines 1-4 ran.

import type { Sys } from '../../libc/process';
import { errno, fromUtf8 } from '../../libc/process';
import { close, readBytes } from '../../libc/unistd';
import { fcntl, open } from '../../libc/fcntl';
import { EINTR } from '../../../uapi/errno';
import { F_DUPFD_CLOEXEC, O_CLOEXEC, O_RDONLY } from '../../../uapi/fcntl';
import type { List } from './ast';
import { NeedMore } from './errors';
import { lexerFor, Parser } from './parser';

export class Input {
  text = '';
  /** All of the input is in `text`. */
  eof: boolean;
  /** The line number of the next command (the text of the commands before it is dropped). */
  line = 1;
  /** The source text of the command parsed last (what set -v shows). */
  lastText = '';
  /** Bytes of an incomplete UTF-8 sequence at the end of the last chunk. */
  private partial = new Uint8Array(0);

  /** From a string (eof at once), or from an fd (read as needed); `aliases` apply while parsing. */
  constructor(
    readonly fd: number | null,
    text = '',
    private readonly aliases: ReadonlyMap<string, string> | null = null,
  ) {
    this.text = text;
    this.eof = fd === null;
  }

  /**
   * Read another chunk: false at the end of the input — or, if `interruptible`, when a signal
   * interrupted the read (^C at the prompt).
   */
  *more(interruptible = false): Sys<boolean> {
    if (this.fd === null || this.eof) return false;
    let b = yield* readBytes(this.fd, 4096);
    while (b === null && errno() === EINTR) {
      if (interruptible) return false;
      b = yield* readBytes(this.fd, 4096);
    }
    if (!b || b.length === 0) {
      this.eof = true;
      return false;
    }
    const bytes = new Uint8Array(this.partial.length + b.length);
    bytes.set(this.partial);
    bytes.set(b, this.partial.length);
    // Keep a UTF-8 sequence cut by the chunk boundary for the next read.
    let cut = bytes.length;
    for (let k = bytes.length - 1; k >= Math.max(0, bytes.length - 3); k--) {
      if ((bytes[k]! & 0xc0) === 0xc0) {
        const need = bytes[k]! >= 0xf0 ? 4 : bytes[k]! >= 0xe0 ? 3 : 2;
        if (bytes.length - k < need) cut = k;
        break;
      }
      if ((bytes[k]! & 0x80) === 0) break;
    }
    this.partial = bytes.slice(cut);
    this.text += fromUtf8(bytes.subarray(0, cut));
    return true;
  }

  /**
   * Parse the next complete command: a List, null at the end of the input. Throws NeedMore when
   * the text ends inside the command and the input is not over (the caller reads more), and
   * ParseError.
   */
  parseNext(): List | null {
    const p = new Parser(lexerFor(this.text, 0, this.line, this.eof, this.aliases));
    const list = p.completeCommand();
    // The lexer's text, as alias substitution may have changed it.
    this.lastText = p.lexer.src.slice(0, p.lexer.pos);
    this.text = p.lexer.src.slice(p.lexer.pos);
    this.line = p.lexer.line;
    return list;
  }

  /** Drop what is buffered (after a syntax error or ^C in an interactive shell). */
  discard(): void {
    this.text = '';
  }
}

/** Parse the next command, reading more input as needed. */
export function* nextCommand(input: Input): Sys<List | null> {
  for (;;) {
    try {
      return input.parseNext();
    } catch (e) {
      if (!(e instanceof NeedMore)) throw e;
      yield* input.more();
    }
  }
}

/**
 * Open a script, on an fd of 10 or more (close-on-exec): the script's own redirections
 * (`exec 3<file`) must not clobber the fd the shell reads it from. -1 with errno on failure.
 */
export function* openScript(path: string): Sys<number> {
  const fd = yield* open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fd >= 10) return fd;
  const high = yield* fcntl(fd, F_DUPFD_CLOEXEC, 10);
  yield* close(fd);
  return high;
}
