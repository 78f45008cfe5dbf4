// poll, ppoll, select, pselect6 and epoll as strace prints them:
//
//   poll([{fd=3, events=POLLIN}, {fd=-1}], 2, -1) = 1 ([{fd=3, revents=POLLIN}])
//   select(5, [3], [4], NULL, {tv_sec=0, tv_usec=30000}) = 1 (out [4], left {tv_sec=0, tv_usec=29998})
//   pselect6(4, [3], NULL, NULL, {tv_sec=1, tv_nsec=0}, {sigmask=[], sigsetsize=8}) = 0 (Timeout)
//   epoll_ctl(3, EPOLL_CTL_ADD, 5, {events=EPOLLIN|EPOLLET, data={u32=5, u64=5}}) = 0
//   epoll_wait(3, [{events=EPOLLIN, data={u32=5, u64=5}}], 8, -1) = 1
//
// The ready sets and revents are what the kernel wrote back, so they print after the return value.

import { O_CLOEXEC } from '../../uapi/fcntl';
import { syscallNumber } from '../../uapi/unistd_64';
import {
  POLLERR, POLLHUP, POLLIN, POLLMSG, POLLNVAL, POLLOUT, POLLPRI, POLLRDBAND, POLLRDHUP, POLLRDNORM, POLLWRBAND, POLLWRNORM,
} from '../../uapi/poll';
import { arrayLimit, formatList } from './arrays';
import { outArg, pure, structArg, type ArgContext, type ArgDecoder, type ArgSpec } from './context';
import { enumMap, formatEnum, formatFlags, type FlagTable } from './flags';
import { hex, int32, ptr, succeeded } from './numbers';
import { readStruct } from './requests';
import { formatSigset } from './signals';
import { formatTimevalFields } from './time';
import type { Decode, DecodeOptions, SyscallCall } from './types';

const POLL_BITS: FlagTable = [
  [POLLIN, 'POLLIN'], [POLLPRI, 'POLLPRI'], [POLLOUT, 'POLLOUT'], [POLLERR, 'POLLERR'], [POLLHUP, 'POLLHUP'],
  [POLLNVAL, 'POLLNVAL'], [POLLRDNORM, 'POLLRDNORM'], [POLLRDBAND, 'POLLRDBAND'], [POLLWRNORM, 'POLLWRNORM'],
  [POLLWRBAND, 'POLLWRBAND'], [POLLMSG, 'POLLMSG'], [0x1000, 'POLL_BUSY_LOOP'], [POLLRDHUP, 'POLLRDHUP'],
];

const EPOLL_BITS: FlagTable = [
  [POLLIN, 'EPOLLIN'], [POLLPRI, 'EPOLLPRI'], [POLLOUT, 'EPOLLOUT'], [POLLERR, 'EPOLLERR'], [POLLHUP, 'EPOLLHUP'],
  [POLLNVAL, 'EPOLLNVAL'], [POLLRDNORM, 'EPOLLRDNORM'], [POLLRDBAND, 'EPOLLRDBAND'], [POLLWRNORM, 'EPOLLWRNORM'],
  [POLLWRBAND, 'EPOLLWRBAND'], [POLLMSG, 'EPOLLMSG'], [POLLRDHUP, 'EPOLLRDHUP'], [1 << 28, 'EPOLLEXCLUSIVE'],
  [1 << 29, 'EPOLLWAKEUP'], [1 << 30, 'EPOLLONESHOT'], [1 << 31, 'EPOLLET'],
];

const EPOLL_CTL = enumMap([[1, 'EPOLL_CTL_ADD'], [2, 'EPOLL_CTL_DEL'], [3, 'EPOLL_CTL_MOD']]);

const POLLFD_SIZE = 8;
const EPOLL_EVENT_SIZE = 12;
/** Pollfds worth reading: Linux refuses more than the fd limit anyway. */
const MAX_POLLFDS = 1 << 20;

// ---- poll / ppoll ------------------------------------------------------------------------------

/** The pollfd array at `addr` with `count` entries, as `[{fd=3, events=POLLIN}, …]` or, for revents, only the ready ones. */
function* formatPollfds(addr: number, count: number, opts: DecodeOptions, revents: boolean): Decode {
  if (addr === 0) return 'NULL';
  const total = Math.min(count, MAX_POLLFDS);
  const shown = Math.min(total, arrayLimit(opts));
  const f = yield* readStruct(addr, shown * POLLFD_SIZE);
  if (!f) return hex(addr);
  const items: string[] = [];
  for (let k = 0; k < shown; k++) {
    const fd = f.s32(k * POLLFD_SIZE);
    if (revents) {
      const r = f.u16(k * POLLFD_SIZE + 6);
      if (r) items.push(`{fd=${fd}, revents=${formatFlags(r, POLL_BITS)}}`);
    } else {
      // strace leaves out the events of an entry the kernel skips (a negative fd).
      items.push(fd < 0 ? `{fd=${fd}}` : `{fd=${fd}, events=${formatFlags(f.u16(k * POLLFD_SIZE + 4), POLL_BITS)}}`);
    }
  }
  return formatList(items, count > shown);
}

export const pollfdsInArg: ArgDecoder = (a) => formatPollfds(a.value, a.call.args[1]! >>> 0, a.opts, false);

/** `(Timeout)`, or `([{fd=3, revents=POLLIN}])` and for ppoll with a timeout `, left {…}`. */
function* pollResult(call: SyscallCall, opts: DecodeOptions): Decode<string | undefined> {
  if (call.ret === 0) return '0 (Timeout)';
  const ready = yield* formatPollfds(call.args[0]!, call.args[1]! >>> 0, opts, true);
  const left = call.nr === PPOLL_NR && call.args[2] ? yield* timeLeft(call.args[2]!, false) : '';
  return `${call.ret} (${ready}${left})`;
}

// ---- select / pselect6 -------------------------------------------------------------------------

/** An fd_set of `n` bits as `[3 4]`, or NULL. */
function* formatFdSet(addr: number, n: number): Decode {
  if (addr === 0) return 'NULL';
  if (n <= 0) return '[]';
  const bytes = Math.ceil(Math.min(n, 1 << 20) / 64) * 8;
  const f = yield* readStruct(addr, bytes);
  if (!f) return hex(addr);
  const fds: number[] = [];
  for (let fd = 0; fd < n; fd++) if (f.u8(fd >> 3) & (1 << (fd & 7))) fds.push(fd);
  return `[${fds.join(' ')}]`;
}

export const fdSetArg: ArgDecoder = (a) => formatFdSet(a.value, int32(a.call.args[0]!));

/** The time left that select/pselect6/ppoll wrote back into the caller's timeout. */
function* timeLeft(addr: number, usec: boolean): Decode {
  const f = yield* readStruct(addr, 16);
  if (!f) return '';
  return `, left ${usec ? formatTimevalFields(f) : `{tv_sec=${f.s64(0)}, tv_nsec=${f.s64(8)}}`}`;
}

/** `(Timeout)`, or `(in [3], out [4], left {…})` naming the sets that have members. */
function* selectResult(call: SyscallCall): Decode<string | undefined> {
  if (call.ret === 0) return '0 (Timeout)';
  const n = int32(call.args[0]!);
  const parts: string[] = [];
  for (const [k, label] of [[1, 'in'], [2, 'out'], [3, 'except']] as const) {
    if (!call.args[k]) continue;
    const set = yield* formatFdSet(call.args[k]!, n);
    if (set !== '[]') parts.push(`${label} ${set}`);
  }
  const left = call.args[4] ? yield* timeLeft(call.args[4]!, call.nr === SELECT_NR) : '';
  return `${call.ret} (${parts.join(', ')}${left})`;
}

/** pselect6's sixth argument: `{sigmask=[…], sigsetsize=8}` (a pointer to the mask and its size). */
export const pselectSigArg: ArgDecoder = structArg(16, function* (f) {
  const mask = Number(f.u64(0));
  let shown = 'NULL';
  if (mask !== 0) {
    const m = yield* readStruct(mask, 8);
    shown = m ? formatSigset(m.u64(0)) : hex(mask);
  }
  return `{sigmask=${shown}, sigsetsize=${f.u64(8)}}`;
});

// ---- epoll -------------------------------------------------------------------------------------

export const epollCreateFlagsArg = pure((a) => {
  const v = a.value >>> 0;
  return v & ~O_CLOEXEC && !(v & O_CLOEXEC) ? `${hex(v)} /* EPOLL_??? */` : formatFlags(v, [[O_CLOEXEC, 'EPOLL_CLOEXEC']]);
});

export const epollCtlOpArg = pure((a) => formatEnum(int32(a.value) >>> 0, EPOLL_CTL, 'EPOLL_CTL_'));

const formatEpollEvent = (f: { u32(off: number): number; u64(off: number): bigint }, off: number): string =>
  `{events=${formatFlags(f.u32(off), EPOLL_BITS)}, data={u32=${f.u32(off + 4)}, u64=${f.u64(off + 4)}}}`;

export const epollEventInArg: ArgDecoder = structArg(EPOLL_EVENT_SIZE, (f) => formatEpollEvent(f, 0));

/** epoll_wait's array at exit: the events the call returned. */
export const epollEventsOutSpec: ArgSpec = outArg(function* (a: ArgContext) {
  const n = succeeded(a.call.ret) ? a.call.ret! : 0;
  if (n === 0) return '[]';
  const shown = Math.min(n, arrayLimit(a.opts));
  const f = yield* readStruct(a.value, shown * EPOLL_EVENT_SIZE);
  if (!f) return ptr(a.value);
  const items: string[] = [];
  for (let k = 0; k < shown; k++) items.push(formatEpollEvent(f, k * EPOLL_EVENT_SIZE));
  return formatList(items, n > shown);
});

// ---- results ----------------------------------------------------------------------------------

const PPOLL_NR = syscallNumber.get('ppoll')!, SELECT_NR = syscallNumber.get('select')!;

/** What poll-family calls print after `= N`. */
export const POLL_RESULTS: Record<string, (call: SyscallCall, opts: DecodeOptions) => Decode<string | undefined>> = {
  poll: pollResult,
  ppoll: pollResult,
  select: selectResult,
  pselect6: selectResult,
};
