// Redirections (XCU 2.7): open the file (or make the pipe of a here-document) and put it on the
// target fd with dup2. For a builtin or a compound command, which run inside the shell itself,
// the fds it changes are saved first (dup'ed above 10, close-on-exec) and put back afterwards;
// an external command applies them in its child, where nothing needs undoing.

import type { Redir } from './ast';
import type { Sys } from '../../libc/process';
import { errno, utf8 } from '../../libc/process';
import { open, fcntl } from '../../libc/fcntl';
import { stat } from '../../libc/sys_stat';
import { close, dup2, fork, pipe, writeAll } from '../../libc/unistd';
import { strerror } from '../../libc/string';
import {
  F_DUPFD_CLOEXEC, F_SETFD, O_APPEND, O_CLOEXEC, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY,
} from '../../../uapi/fcntl';
import { ENOENT, ENOTDIR } from '../../../uapi/errno';
import { S_ISREG } from '../../../uapi/stat';
import { ShellError } from './errors';
import { expandHeredoc, expandString } from './expand';
import type { Shell } from './shell';

/** A failed redirection: the command does not run. */
export class RedirError extends ShellError {}

/** Where the shell keeps its saved copies of fds (above the ones scripts use, 0-9). */
const SAVE_BASE = 10;
/** A here-document this big may not fit in the pipe: a child process writes it instead. */
const HEREDOC_INLINE_MAX = 4096;

/** The fds a redirection list changed, and copies of what they were (-1: it was closed). */
export class SavedFds {
  readonly entries: { fd: number; copy: number }[] = [];
}

/** dash's wording: "No such file" for input, "Directory nonexistent" for output. */
function openError(e: number, output: boolean): string {
  if (e === ENOENT || e === ENOTDIR) return output ? 'Directory nonexistent' : 'No such file';
  return strerror(e);
}

/** Apply `redirs` in order; with `saved`, remember how to undo them. Throws RedirError. */
export function* applyRedirs(sh: Shell, redirs: readonly Redir[], saved: SavedFds | null): Sys<void> {
  for (const r of redirs) {
    if (saved && !saved.entries.some((e) => e.fd === r.fd)) {
      const copy = yield* fcntl(r.fd, F_DUPFD_CLOEXEC, SAVE_BASE);
      saved.entries.push({ fd: r.fd, copy });
    }
    yield* applyOne(sh, r);
  }
}

/** Undo what applyRedirs did, last change first. */
export function* restoreFds(saved: SavedFds): Sys<void> {
  for (const { fd, copy } of saved.entries.reverse()) {
    if (copy >= 0) {
      yield* dup2(copy, fd);
      yield* close(copy);
    } else {
      yield* close(fd);
    }
  }
  saved.entries.length = 0;
}

function* applyOne(sh: Shell, r: Redir): Sys<void> {
  if (r.op === '<<' || r.op === '<<-') {
    yield* moveTo(yield* heredocFd(yield* expandHeredoc(sh, r.here ?? [])), r.fd);
    return;
  }
  const target = yield* expandString(sh, r.target);
  if (r.op === '<&' || r.op === '>&') {
    if (target === '-') {
      yield* close(r.fd);
      return;
    }
    if (!/^[0-9]+$/.test(target)) throw new RedirError('Syntax error: Bad fd number');
    const from = parseInt(target, 10);
    if (from === r.fd) return;
    if ((yield* dup2(from, r.fd)) < 0) throw new RedirError(`${target}: ${strerror(errno())}`);
    return;
  }
  const output = r.op !== '<';
  let flags: number;
  switch (r.op) {
    case '<': flags = O_RDONLY; break;
    case '>>': flags = O_WRONLY | O_CREAT | O_APPEND; break;
    case '<>': flags = O_RDWR | O_CREAT; break;
    default: flags = O_WRONLY | O_CREAT | O_TRUNC;
  }
  if (r.op === '>' && sh.has('noclobber')) {
    // set -C: do not truncate an existing regular file (other files, like /dev/null, are fine).
    const st = yield* stat(target);
    if (st && S_ISREG(st.mode)) throw new RedirError(`cannot create ${target}: File exists`);
    if (!st) flags |= O_EXCL;
  }
  const fd = yield* open(target, flags | O_CLOEXEC, 0o666);
  if (fd < 0) throw new RedirError(`cannot ${output ? 'create' : 'open'} ${target}: ${openError(errno(), output)}`);
  yield* moveTo(fd, r.fd);
}

/** dup2 `fd` onto `target` and close the original (dup2 clears close-on-exec on the copy). */
function* moveTo(fd: number, target: number): Sys<void> {
  if (fd === target) {
    yield* fcntl(fd, F_SETFD, 0);
    return;
  }
  const r = yield* dup2(fd, target);
  const e = errno();
  yield* close(fd);
  if (r < 0) throw new RedirError(`${target}: ${strerror(e)}`);
}

/** A pipe whose read end yields the text (what dash does for here-documents). */
function* heredocFd(text: string): Sys<number> {
  const fds = yield* pipe(O_CLOEXEC);
  if (!fds) throw new RedirError(`Pipe call failed: ${strerror(errno())}`);
  const [rd, wr] = fds;
  const bytes = utf8(text);
  if (bytes.length <= HEREDOC_INLINE_MAX) {
    yield* writeAll(wr, bytes);
  } else {
    const pid = yield* fork(function* () {
      yield* close(rd);
      yield* writeAll(wr, bytes);
      return 0;
    });
    // The writer is reaped with the shell's other children (an unknown pid to the job table).
    if (pid < 0) throw new RedirError(`Cannot fork: ${strerror(errno())}`);
  }
  yield* close(wr);
  return rd;
}
