// ipc-mqnotify: a POSIX message queue with notification.
//
//   ipc-mqnotify [COUNT]
//
// The parent makes /ipc-lab (mq_open with O_CREAT), asks for SIGUSR1 when a message arrives in
// the empty queue (mq_notify with SIGEV_SIGNAL), and forks a child that sends COUNT messages with
// different priorities after showing the queue's file in /dev/mqueue (QSIZE:… NOTIFY:… SIGNO:…
// NOTIFY_PID:…). The parent sleeps until the signal comes, shows the file again (the registration
// is used up, the messages are there), then receives everything — highest priority first — and
// removes the queue.

import { __NR } from '../../../uapi/unistd_64';
import { O_CREAT, O_EXCL, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY } from '../../../uapi/fcntl';
import { SIGUSR1 } from '../../../uapi/signal';
import type { Sys } from '../../runtime/context';
import { mq_close, mq_getattr, mq_notify, mq_open, mq_receive, mq_send, mq_unlink, SIGEV_SIGNAL } from '../../libc/mqueue';
import { fromUtf8, syscall, utf8 } from '../../libc/process';
import { readTextFile } from '../../libc/read_file';
import { sigaction } from '../../libc/signal';
import { fputs, perror, stdout } from '../../libc/stdio';
import { fork, getpid } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';

const NAME = '/ipc-lab';

export function* ipc_mqnotify(argv: string[]): Sys<number> {
  const count = argv[1] !== undefined ? Number(argv[1]) : 3;
  if (!Number.isInteger(count) || count < 1 || count > 10) {
    yield* fputs('usage: ipc-mqnotify [COUNT (1-10)]\n', stdout());
    return 2;
  }
  yield* mq_unlink(NAME);
  const mq = yield* mq_open(NAME, O_RDWR | O_CREAT | O_EXCL, 0o600, { maxmsg: 10, msgsize: 64 });
  if (mq < 0) {
    yield* perror('mq_open');
    return 1;
  }
  let notified = 0;
  yield* sigaction(SIGUSR1, function* () {
    notified++;
  });
  if ((yield* mq_notify(mq, { notify: SIGEV_SIGNAL, signo: SIGUSR1 })) < 0) {
    yield* perror('mq_notify');
    return 1;
  }
  const child = yield* fork(function* () {
    const q = yield* mq_open(NAME, O_WRONLY);
    const me = yield* getpid();
    // Only another process may look: closing the queue's file drops the closer's own registration.
    yield* fputs(`sender ${me}: /dev/mqueue${NAME}: ${(yield* readTextFile(`/dev/mqueue${NAME}`)) ?? '?\n'}`, stdout());
    for (let i = 1; i <= count; i++) {
      const prio = (i * 7) % 10;
      yield* mq_send(q, utf8(`message ${i} (priority ${prio})`), prio);
    }
    yield* fputs(`sender ${me}: sent ${count} messages\n`, stdout());
    return 0;
  });
  while (!notified) yield* syscall(__NR.pause);
  yield* waitpid(child);
  const attr = yield* mq_getattr(mq);
  yield* fputs(`SIGUSR1 received; ${attr?.curmsgs ?? '?'} messages queued\n`, stdout());
  yield* fputs(`/dev/mqueue${NAME}: ${(yield* readTextFile(`/dev/mqueue${NAME}`)) ?? '?\n'}`, stdout());
  const rd = yield* mq_open(NAME, O_RDONLY | O_NONBLOCK);
  for (;;) {
    const m = yield* mq_receive(rd, 64);
    if (!m) break;
    yield* fputs(`received: ${fromUtf8(m.data)}\n`, stdout());
  }
  yield* mq_close(rd);
  yield* mq_close(mq);
  yield* mq_unlink(NAME);
  return 0;
}
