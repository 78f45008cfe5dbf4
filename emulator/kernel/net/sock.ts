// Socket options at the SOL_SOCKET level (net/core/sock.c: sock_setsockopt, sock_getsockopt):
// buffer sizes, timeouts, credentials passing, and the read-only facts (SO_TYPE, SO_ERROR,
// SO_PEERCRED, SO_ACCEPTCONN, SO_DOMAIN, SO_PROTOCOL).

import { EDOM, EFAULT, EINVAL, ENOPROTOOPT } from '../../uapi/errno';
import {
  SO_ACCEPTCONN, SO_DOMAIN, SO_ERROR, SO_KEEPALIVE, SO_PASSCRED, SO_PEERCRED, SO_PROTOCOL, SO_RCVBUF, SO_RCVBUFFORCE,
  SO_RCVTIMEO, SO_REUSEADDR, SO_SNDBUF, SO_SNDBUFFORCE, SO_SNDTIMEO, SO_TYPE,
} from '../../uapi/socket';
import { copy_from_user, copy_to_user, get_user_i32, put_user_i32, StructReader } from '../mm/uaccess';
import type { Task } from '../sched/task';
import type { Socket } from './socket';

/** net.core.wmem_max / rmem_max, and the smallest buffers a socket may have. */
const WMEM_MAX = 212992, RMEM_MAX = 212992;
const SOCK_MIN_SNDBUF = 4608, SOCK_MIN_RCVBUF = 2304;
/** The "nobody" ids SO_PEERCRED reports when there is no peer (overflowuid / overflowgid). */
const OVERFLOW_ID = 65534;

/** SOL_SOCKET options (the caller has sent other levels to the protocol). */
export function sock_setsockopt(t: Task, sock: Socket, optname: number, optval: number, optlen: number): number {
  if (optname === SO_RCVTIMEO || optname === SO_SNDTIMEO) {
    if (optlen < 16) return -EINVAL;
    const raw = copy_from_user(t, optval, 16);
    if (typeof raw === 'number') return -EFAULT;
    const r = new StructReader(raw);
    const sec = r.i64(0), usec = r.i64(8);
    if (usec < 0 || usec >= 1_000_000) return -EDOM;
    // A negative time means "no timeout", as zero does.
    const ns = sec < 0 ? 0 : sec * 1e9 + usec * 1000;
    if (optname === SO_RCVTIMEO) sock.rcvtimeo = ns;
    else sock.sndtimeo = ns;
    return 0;
  }
  if (optlen < 4) return -EINVAL;
  const val = get_user_i32(t, optval);
  if (Number.isNaN(val)) return -EFAULT;
  const on = val !== 0;
  switch (optname) {
    case SO_PASSCRED: sock.passcred = on; return 0;
    case SO_REUSEADDR: sock.reuseaddr = on; return 0;
    case SO_KEEPALIVE: sock.keepalive = on; return 0;
    // The kernel doubles the value for its bookkeeping, and getsockopt reports the doubled value.
    case SO_SNDBUF: case SO_SNDBUFFORCE: {
      const v = optname === SO_SNDBUF ? Math.min(val >>> 0, WMEM_MAX) : val >>> 0;
      sock.sndbuf = Math.max(v * 2, SOCK_MIN_SNDBUF);
      return 0;
    }
    case SO_RCVBUF: case SO_RCVBUFFORCE: {
      const v = optname === SO_RCVBUF ? Math.min(val >>> 0, RMEM_MAX) : val >>> 0;
      sock.rcvbuf = Math.max(v * 2, SOCK_MIN_RCVBUF);
      return 0;
    }
    default:
      return -ENOPROTOOPT;
  }
}

export function sock_getsockopt(t: Task, sock: Socket, optname: number, optval: number, optlen: number): number {
  const len = get_user_i32(t, optlen);
  if (Number.isNaN(len)) return -EFAULT;
  if (len < 0) return -EINVAL;
  let out: Uint8Array;
  const int = (v: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v, true);
    return b;
  };
  const timeval = (ns: number) => {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setBigInt64(0, BigInt(Math.floor(ns / 1e9)), true);
    v.setBigInt64(8, BigInt(Math.floor((ns % 1e9) / 1000)), true);
    return b;
  };
  switch (optname) {
    case SO_TYPE: out = int(sock.type); break;
    case SO_DOMAIN: out = int(sock.family); break;
    case SO_PROTOCOL: out = int(sock.protocol); break;
    case SO_ERROR: out = int(sock.err); sock.err = 0; break;
    case SO_PASSCRED: out = int(sock.passcred ? 1 : 0); break;
    case SO_REUSEADDR: out = int(sock.reuseaddr ? 1 : 0); break;
    case SO_KEEPALIVE: out = int(sock.keepalive ? 1 : 0); break;
    case SO_SNDBUF: out = int(sock.sndbuf); break;
    case SO_RCVBUF: out = int(sock.rcvbuf); break;
    case SO_ACCEPTCONN: out = int(sock.acceptconn ? 1 : 0); break;
    case SO_RCVTIMEO: out = timeval(sock.rcvtimeo); break;
    case SO_SNDTIMEO: out = timeval(sock.sndtimeo); break;
    case SO_PEERCRED: {
      const c = sock.ops.peercred(sock) ?? { pid: 0, uid: OVERFLOW_ID, gid: OVERFLOW_ID };
      out = new Uint8Array(12);
      const v = new DataView(out.buffer);
      v.setInt32(0, c.pid, true);
      v.setUint32(4, c.uid, true);
      v.setUint32(8, c.gid, true);
      break;
    }
    default:
      return -ENOPROTOOPT;
  }
  const n = Math.min(len, out.length);
  if (n && copy_to_user(t, optval, out.subarray(0, n)) < 0) return -EFAULT;
  return put_user_i32(t, optlen, n) < 0 ? -EFAULT : 0;
}
