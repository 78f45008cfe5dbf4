// Command substitution (XCU 2.6.3): run the commands in a subshell whose stdout is a pipe, read
// everything, wait for the child, and drop the trailing newlines.

import type { List } from './ast';
import type { Sys } from '../../libc/process';
import { errno, fromUtf8 } from '../../libc/process';
import { close, dup2, pipe, readBytes } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';
import { EINTR } from '../../../uapi/errno';
import { O_CLOEXEC } from '../../../uapi/fcntl';
import { ShellError } from './errors';
import { evalList } from './exec';
import { checkInterrupt, forkChild } from './jobs';
import { exitCode } from './jobs_table';
import type { Shell } from './shell';

export function* commandSubst(sh: Shell, body: List): Sys<string> {
  const fds = yield* pipe(O_CLOEXEC);
  if (!fds) throw new ShellError('Pipe call failed');
  const [rd, wr] = fds;
  const pid = yield* forkChild(sh, null, function* (child) {
    yield* close(rd);
    yield* dup2(wr, 1);
    yield* close(wr);
    return yield* evalList(child, body, { exit: true });
  });
  yield* close(wr);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const b = yield* readBytes(rd, 4096);
    if (b === null && errno() === EINTR) continue;
    if (!b || b.length === 0) break;
    chunks.push(b);
    total += b.length;
  }
  yield* close(rd);
  for (;;) {
    const [r, status] = yield* waitpid(pid, 0);
    if (r < 0 && errno() === EINTR) continue;
    sh.substStatus = r < 0 ? 0 : exitCode(status);
    break;
  }
  // ^C in an interactive shell reached the child (it shares the shell's process group): give up.
  checkInterrupt(sh);
  const all = new Uint8Array(total);
  chunks.reduce((off, c) => (all.set(c, off), off + c.length), 0);
  return fromUtf8(all).replace(/\n+$/, '');
}
