// ipc-msgqueue: a producer and a consumer over one SysV message queue.
//
//   ipc-msgqueue [COUNT] [--hold SECONDS]
//
// The parent makes a private queue and forks; the child (consumer) receives messages of type 1
// until a message of type 2 says the producer is done, printing each one; the parent (producer)
// sends COUNT messages, then the end marker, waits for the child and removes the queue. Under
// strace -f the interesting calls are msgget, msgsnd, msgrcv and msgctl(IPC_RMID).
// --hold keeps both processes (and the queue) alive that many seconds after the exchange, so the
// queue can be looked at from outside — in ipcs, /proc/sysvipc/msg or the desktop's graph — with
// the producer as its last sender and the consumer as its last receiver.

import type { Sys } from '../../runtime/context';
import { fputs, stdout, perror } from '../../libc/stdio';
import { fromUtf8, utf8 } from '../../libc/process';
import { IPC_CREAT, IPC_PRIVATE, IPC_RMID } from '../../libc/sys_ipc';
import { msgctl, msgget, msgrcv, msgsnd } from '../../libc/sys_msg';
import { fork, getpid, sleepSeconds } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';

const DATA = 1;
const DONE = 2;

/** `--hold SECONDS` among the arguments: its value (NaN if malformed), and the other arguments. */
export function holdOption(args: string[]): { hold: number; rest: string[] } {
  const i = args.indexOf('--hold');
  if (i < 0) return { hold: 0, rest: args };
  const value = args[i + 1];
  const hold = value !== undefined && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return { hold, rest: [...args.slice(0, i), ...args.slice(i + 2)] };
}

export function* ipc_msgqueue(argv: string[]): Sys<number> {
  const { hold, rest } = holdOption(argv.slice(1));
  const count = rest[0] !== undefined ? Number(rest[0]) : 3;
  if (!Number.isInteger(count) || count < 0 || rest.length > 1 || Number.isNaN(hold)) {
    yield* fputs('usage: ipc-msgqueue [COUNT] [--hold SECONDS]\n', stdout());
    return 2;
  }
  const q = yield* msgget(IPC_PRIVATE, IPC_CREAT | 0o600);
  if (q < 0) {
    yield* perror('msgget');
    return 1;
  }
  yield* fputs(`queue ${q}: producer ${yield* getpid()}\n`, stdout());
  const child = yield* fork(function* () {
    const me = yield* getpid();
    for (;;) {
      const m = yield* msgrcv(q, 64, -DONE);
      if (!m) {
        yield* perror('msgrcv');
        return 1;
      }
      if (m.mtype === DONE) break;
      yield* fputs(`consumer ${me}: got "${fromUtf8(m.text)}"\n`, stdout());
    }
    yield* fputs(`consumer ${me}: done\n`, stdout());
    if (hold > 0) yield* sleepSeconds(hold);
    return 0;
  });
  if (child < 0) {
    yield* perror('fork');
    return 1;
  }
  for (let i = 1; i <= count; i++) {
    if ((yield* msgsnd(q, DATA, utf8(`message ${i}`))) < 0) yield* perror('msgsnd');
  }
  yield* msgsnd(q, DONE, new Uint8Array(0));
  const [, status] = yield* waitpid(child);
  yield* msgctl(q, IPC_RMID);
  return status === 0 ? 0 : 1;
}
