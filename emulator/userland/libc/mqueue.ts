// <mqueue.h>: POSIX message queues, each call the kernel's own syscall (as glibc does: mq_send is
// mq_timedsend without a timeout, mq_getattr/mq_setattr are mq_getsetattr, and the name loses its
// leading '/' before it reaches the kernel).

import { __NR } from '../../uapi/unistd_64';
import { EINVAL } from '../../uapi/errno';
import type { Sys } from '../runtime/context';
import { alloca, peek, peekU32, poke, release, setErrno, stackMark, syscall, utf8 } from './process';
import { close } from './unistd';

export interface MqAttr {
  flags: number;
  maxmsg: number;
  msgsize: number;
  curmsgs: number;
}

const MQ_ATTR_SIZE = 64;
export const SIGEV_SIGNAL = 0;
export const SIGEV_NONE = 1;

function* withCString<T>(s: string, f: (addr: number) => Sys<T>): Sys<T> {
  const mark = stackMark();
  try {
    const b = utf8(s);
    const a = alloca(b.length + 1);
    poke(a, new Uint8Array([...b, 0]));
    return yield* f(a);
  } finally {
    release(mark);
  }
}

function attrBytes(a: Partial<MqAttr>): Uint8Array {
  const b = new Uint8Array(MQ_ATTR_SIZE);
  const v = new DataView(b.buffer);
  v.setBigInt64(0, BigInt(a.flags ?? 0), true);
  v.setBigInt64(8, BigInt(a.maxmsg ?? 0), true);
  v.setBigInt64(16, BigInt(a.msgsize ?? 0), true);
  v.setBigInt64(24, BigInt(a.curmsgs ?? 0), true);
  return b;
}

/** mq_open(3): the descriptor, or -1 with errno set. */
export function* mq_open(name: string, oflag: number, mode = 0, attr: Partial<MqAttr> | null = null): Sys<number> {
  if (!name.startsWith('/')) {
    setErrno(EINVAL);
    return -1;
  }
  return yield* withCString(name.slice(1), function* (p) {
    const mark = stackMark();
    try {
      let a = 0;
      if (attr) {
        a = alloca(MQ_ATTR_SIZE);
        poke(a, attrBytes(attr));
      }
      return yield* syscall(__NR.mq_open, p, oflag, mode, a);
    } finally {
      release(mark);
    }
  });
}

export function* mq_unlink(name: string): Sys<number> {
  if (!name.startsWith('/')) {
    setErrno(EINVAL);
    return -1;
  }
  return yield* withCString(name.slice(1), (p) => syscall(__NR.mq_unlink, p));
}

export function* mq_close(mqd: number): Sys<number> {
  return yield* close(mqd);
}

function* timespecAt(absNs: number | null): Sys<number> {
  if (absNs === null) return 0;
  const a = alloca(16);
  const b = new Uint8Array(16);
  new DataView(b.buffer).setBigInt64(0, BigInt(Math.floor(absNs / 1e9)), true);
  new DataView(b.buffer).setBigInt64(8, BigInt(absNs % 1e9), true);
  poke(a, b);
  return a;
}

/** mq_timedsend(3) (mq_send with `absNs` null): 0, or -1 with errno set. */
export function* mq_timedsend(mqd: number, msg: Uint8Array, prio: number, absNs: number | null = null): Sys<number> {
  const mark = stackMark();
  try {
    const buf = alloca(Math.max(msg.length, 1));
    poke(buf, msg);
    const ts = yield* timespecAt(absNs);
    return yield* syscall(__NR.mq_timedsend, mqd, buf, msg.length, prio, ts);
  } finally {
    release(mark);
  }
}

export function* mq_send(mqd: number, msg: Uint8Array, prio: number): Sys<number> {
  return yield* mq_timedsend(mqd, msg, prio, null);
}

/** mq_timedreceive(3): the message and its priority, or null with errno set. */
export function* mq_timedreceive(mqd: number, msgLen: number, absNs: number | null = null): Sys<{ data: Uint8Array; prio: number } | null> {
  const mark = stackMark();
  try {
    const buf = alloca(Math.max(msgLen, 1));
    const prio = alloca(4);
    const ts = yield* timespecAt(absNs);
    const n = yield* syscall(__NR.mq_timedreceive, mqd, buf, msgLen, prio, ts);
    if (n < 0) return null;
    return { data: peek(buf, n), prio: peekU32(prio) };
  } finally {
    release(mark);
  }
}

export function* mq_receive(mqd: number, msgLen: number): Sys<{ data: Uint8Array; prio: number } | null> {
  return yield* mq_timedreceive(mqd, msgLen, null);
}

/** mq_notify(3) with SIGEV_SIGNAL (signo) or SIGEV_NONE, or null to unregister. */
export function* mq_notify(mqd: number, sev: { notify: number; signo: number } | null): Sys<number> {
  const mark = stackMark();
  try {
    let a = 0;
    if (sev) {
      a = alloca(64);
      const b = new Uint8Array(64);
      const v = new DataView(b.buffer);
      v.setInt32(8, sev.signo, true);
      v.setInt32(12, sev.notify, true);
      poke(a, b);
    }
    return yield* syscall(__NR.mq_notify, mqd, a);
  } finally {
    release(mark);
  }
}

/** mq_getattr / mq_setattr (both mq_getsetattr): the old attributes, or null with errno set. */
export function* mq_getsetattr(mqd: number, newAttr: Partial<MqAttr> | null): Sys<MqAttr | null> {
  const mark = stackMark();
  try {
    let n = 0;
    if (newAttr) {
      n = alloca(MQ_ATTR_SIZE);
      poke(n, attrBytes(newAttr));
    }
    const o = alloca(MQ_ATTR_SIZE);
    if ((yield* syscall(__NR.mq_getsetattr, mqd, n, o)) < 0) return null;
    const v = new DataView(peek(o, MQ_ATTR_SIZE).buffer);
    const g = (off: number) => Number(v.getBigInt64(off, true));
    return { flags: g(0), maxmsg: g(8), msgsize: g(16), curmsgs: g(24) };
  } finally {
    release(mark);
  }
}

export function* mq_getattr(mqd: number): Sys<MqAttr | null> {
  return yield* mq_getsetattr(mqd, null);
}
