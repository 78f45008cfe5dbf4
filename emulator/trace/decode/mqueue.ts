// POSIX message queues, eventfd, splice and tee as strace 6.1 prints them:
//
//   mq_open("tq", O_RDWR|O_CREAT, 0600, {mq_flags=0, mq_maxmsg=4, mq_msgsize=64, mq_curmsgs=0}) = 3
//   mq_timedsend(3, "hi", 2, 3, NULL)       = 0
//   mq_timedreceive(3, "hi", 64, [3], NULL) = 2
//   mq_notify(3, {sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}) = 0
//   mq_getsetattr(3, NULL, {mq_flags=0, mq_maxmsg=4, mq_msgsize=64, mq_curmsgs=0}) = 0
//   eventfd2(3, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK) = 4
//   tee(5, 8, 3, SPLICE_F_NONBLOCK)         = 3
//   splice(5, NULL, 8, NULL, 3, SPLICE_F_MOVE) = 3

import { O_CLOEXEC, O_CREAT, O_NONBLOCK } from '../../uapi/fcntl';
import type { SyscallCall } from './types';
import { atEntry, outArg, pure, structArg, type ArgSpec } from './context';
import { formatFlags, type FlagTable } from './flags';
import { hex, int32, uint32 } from './numbers';
import { intPointer } from './pointers';
import { formatSignal } from './signals';
import { bufIn, bufOut } from './strings';
import type { Fields } from './struct';

type Printed = ArgSpec & { value: number; length?: number };
const v = (spec: ArgSpec, arg: Printed): Printed => ({ ...arg, ...spec });

const mqAttrFields = (f: Fields): string =>
  `{mq_flags=${f.s64(0) & O_NONBLOCK ? 'O_NONBLOCK' : f.s64(0) ? hex(f.s64(0)) : '0'}, mq_maxmsg=${f.s64(8)}, mq_msgsize=${f.s64(16)}, mq_curmsgs=${f.s64(24)}}`;
const mqAttr = structArg(64, mqAttrFields);

const SIGEV = ['SIGEV_SIGNAL', 'SIGEV_NONE', 'SIGEV_THREAD'];
const sigevent = structArg(64, (f) => {
  const notify = f.s32(12);
  const name = notify === 4 ? 'SIGEV_THREAD_ID' : SIGEV[notify] ?? hex(uint32(notify));
  const val = f.u64(0);
  const value = val ? `sigev_value={sival_int=${f.s32(0)}, sival_ptr=${hex(val)}}, ` : '';
  const signo = notify === 1 ? String(f.s32(8)) : formatSignal(f.s32(8));
  return `{${value}sigev_signo=${signo}, sigev_notify=${name}}`;
});

const EFD_FLAGS: FlagTable = [[1, 'EFD_SEMAPHORE'], [O_CLOEXEC, 'EFD_CLOEXEC'], [O_NONBLOCK, 'EFD_NONBLOCK']];
const SPLICE_FLAGS: FlagTable = [[1, 'SPLICE_F_MOVE'], [2, 'SPLICE_F_NONBLOCK'], [4, 'SPLICE_F_MORE'], [8, 'SPLICE_F_GIFT']];
const loffPointer = structArg(8, (f) => `[${f.s64(0)}]`);

export const MQUEUE_LAYOUTS: Record<string, (call: SyscallCall, args: Printed[]) => Printed[]> = {
  mq_open: (call, [name, oflag, mode, attr]) =>
    (int32(call.args[1] ?? 0) & O_CREAT ? [name!, oflag!, mode!, v(atEntry(mqAttr), attr!)] : [name!, oflag!]),
  mq_timedsend: (call, [fd, buf, len, prio, ts]) => [fd!, { ...v(atEntry(bufIn), buf!), length: call.args[2] }, len!, prio!, ts!],
  mq_timedreceive: (_call, [fd, buf, len, prio, ts]) => [
    fd!, v(outArg(bufOut), buf!), { ...len!, phase: 'exit' }, v(outArg(intPointer((n) => String(n >>> 0))), prio!), { ...ts!, phase: 'exit' },
  ],
  mq_notify: (_call, [fd, sev]) => [fd!, v(atEntry(sigevent), sev!)],
  mq_getsetattr: (_call, [fd, nw, old]) => [fd!, v(atEntry(mqAttr), nw!), v(outArg(mqAttr), old!)],
  eventfd2: (_call, [count, flags]) => [count!, v(atEntry(pure((a) => formatFlags(uint32(a.value), EFD_FLAGS))), flags!)],
  splice: (_call, [fdIn, offIn, fdOut, offOut, len, flags]) => [
    fdIn!, v(atEntry(loffPointer), offIn!), fdOut!, v(atEntry(loffPointer), offOut!), len!, v(atEntry(pure((a) => formatFlags(uint32(a.value), SPLICE_FLAGS))), flags!),
  ],
  tee: (_call, [fdIn, fdOut, len, flags]) => [fdIn!, fdOut!, len!, v(atEntry(pure((a) => formatFlags(uint32(a.value), SPLICE_FLAGS))), flags!)],
};


