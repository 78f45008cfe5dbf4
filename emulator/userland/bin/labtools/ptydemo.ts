// /usr/libexec/ringside/ptydemo [COMMAND]: a pseudo-terminal made step by step with the POSIX
// calls, narrated — the lab companion of `script` (which does the same through openpty/forkpty).
// Run it under strace to see each step become syscalls:
//
//   posix_openpt(O_RDWR|O_NOCTTY)  openat(AT_FDCWD, "/dev/ptmx", O_RDWR|O_NOCTTY) = 3
//   grantpt, ptsname               ioctl(3, TIOCGPTN, [0]) = 0
//   unlockpt                       ioctl(3, TIOCSPTLCK, [0]) = 0
//   open(ptsname(3))               openat(AT_FDCWD, "/dev/pts/0", O_RDWR|O_NOCTTY) = 4
//   fork; the child calls setsid() and opens /dev/pts/0 again *without* O_NOCTTY: a session leader
//   with no controlling terminal opening a terminal acquires it (the System V way; login_tty uses
//   TIOCSCTTY instead). It puts the slave on fds 0-2 and runs `sh -c COMMAND` (default: tty).
//   The parent closes its slave fd and reads the master until read(2) fails with EIO — every slave
//   file is closed — copying what the command wrote (after the slave's OPOST: "\r\n").
//
// The narration lines start with "ptydemo:" and report the results of the calls as they happen.

import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout, fflush } from '../../libc/stdio';
import { errno } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { grantpt, posix_openpt, ptsname, unlockpt } from '../../libc/pty';
import { strerror } from '../../libc/string';
import { close, dup2, environStrings, execve, fork, getpid, readBytes, setsid, writeAll } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';
import { O_NOCTTY, O_RDWR } from '../../../uapi/fcntl';
import { WEXITSTATUS, WIFEXITED, WTERMSIG } from '../../../uapi/sched';

function* fail(what: string): Sys<number> {
  yield* fputs(`ptydemo: ${what}: ${strerror(errno())}\n`, stderr());
  return 1;
}

export function* ptydemo(argv: string[]): Sys<number> {
  if (argv.length > 2 || argv[1]?.startsWith('-')) {
    yield* fputs('usage: ptydemo [COMMAND]\n', stderr());
    return 2;
  }
  const command = argv[1] ?? 'tty';
  const say = (s: string) => fputs(`ptydemo: ${s}\n`, stdout());

  const master = yield* posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0) return yield* fail('posix_openpt');
  if ((yield* grantpt(master)) < 0) return yield* fail('grantpt');
  if ((yield* unlockpt(master)) < 0) return yield* fail('unlockpt');
  const name = yield* ptsname(master);
  if (name === null) return yield* fail('ptsname');
  const slave = yield* open(name, O_RDWR | O_NOCTTY);
  if (slave < 0) return yield* fail(`open ${name}`);
  yield* say(`master is fd ${master} (/dev/ptmx), slave is ${name} (fd ${slave})`);
  yield* fflush(stdout());

  const env = environStrings();
  const pid = yield* fork(function* () {
    yield* close(master);
    yield* setsid();
    // Opened without O_NOCTTY by a session leader without a terminal: our controlling terminal.
    const fd = yield* open(name, O_RDWR);
    if (fd < 0) return yield* fail(`child: open ${name}`);
    yield* close(slave);
    for (let i = 0; i < 3; i++) if (fd !== i) yield* dup2(fd, i);
    if (fd > 2) yield* close(fd);
    yield* execve('/bin/sh', ['sh', '-c', command], env);
    return yield* fail('child: exec /bin/sh');
  });
  if (pid < 0) return yield* fail('fork');
  yield* close(slave);
  yield* say(`child ${pid} runs "${command}" in a new session on ${name}; parent ${yield* getpid()} reads the master`);
  yield* fflush(stdout());

  let total = 0;
  for (;;) {
    const data = yield* readBytes(master, 4096);
    if (data === null) {
      yield* say(`read(master) failed: ${strerror(errno())} — the slave side is closed (${total} bytes read)`);
      break;
    }
    if (data.length === 0) break;
    total += data.length;
    yield* writeAll(1, data);
  }
  const [, status] = yield* waitpid(pid);
  yield* say(WIFEXITED(status) ? `child exited with status ${WEXITSTATUS(status)}` : `child killed by signal ${WTERMSIG(status)}`);
  yield* close(master);
  return 0;
}
