// Lines on strace's outputs, and the one subtle thing about them: a call's line is written when
// the call is *entered* (so `write(1, "hi\n", 3` appears before the tracee's own "hi"), and
// completed when it returns. If another process prints in between, the open line is ended with
// ` <unfinished ...>` and the call's end comes later on a line of its own:
// `<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 4305`.
// Each output (stderr, the -o file, each -ff file) has its own open line.

import { alignLine } from '../../../trace/decode/line';

export interface Sink {
  fd: number;
  /** The line written but not finished, and whose it is. */
  open: { pid: number; text: string } | null;
}

export class Printer {
  constructor(
    /** Where a process's lines go. */
    private readonly sinkFor: (pid: number) => Sink,
    private readonly write: (fd: number, text: string) => void,
    /** -a N: the column of `=`. */
    private readonly column: number,
  ) {}

  /** Ends another process's open line on this sink with ` <unfinished ...>`. */
  private interrupt(s: Sink, pid: number): void {
    if (s.open && s.open.pid !== pid) {
      this.write(s.fd, ' <unfinished ...>\n');
      s.open = null;
    }
  }

  /** Whether `pid`'s call line is still the open line of its sink (nobody printed since). */
  isOpen(pid: number): boolean {
    return this.sinkFor(pid).open?.pid === pid;
  }

  /** Writes the start of a call (prefixes and `name(args, `) and leaves the line open. */
  begin(pid: number, text: string): void {
    const s = this.sinkFor(pid);
    this.interrupt(s, pid);
    s.open = { pid, text };
    this.write(s.fd, text);
  }

  /**
   * Completes `pid`'s call: `rest` (the arguments printed at exit and `)`) then the aligned result
   * and `suffix` (-T's duration). If its line was interrupted, `resumed` starts a new line
   * (`[pid N] <... read resumed>`).
   */
  finish(pid: number, resumed: string, rest: string, result: string, suffix = ''): void {
    const s = this.sinkFor(pid);
    if (s.open?.pid === pid) {
      const line = alignLine(s.open.text + rest, result, this.column);
      this.write(s.fd, line.slice(s.open.text.length) + suffix + '\n');
      s.open = null;
      return;
    }
    this.interrupt(s, pid);
    this.write(s.fd, alignLine(resumed + rest, result, this.column) + suffix + '\n');
  }

  /** A whole call line at once (used when lines wait for the result: -z, -Z, status=). */
  call(pid: number, text: string, result: string, suffix = ''): void {
    this.line(pid, alignLine(text, result, this.column) + suffix);
  }

  /** Any other line of `pid`'s: `--- SIGCHLD {…} ---`, `+++ exited with 0 +++`. */
  line(pid: number, text: string): void {
    const s = this.sinkFor(pid);
    this.interrupt(s, pid);
    this.write(s.fd, text + '\n');
    s.open = null;
  }
}
