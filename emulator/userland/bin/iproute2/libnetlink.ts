// iproute2's lib/libnetlink.c: the NETLINK_ROUTE conversation `ip` and `genl` have with the kernel.
//
//   rtnl_open     socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, protocol), NETLINK_EXT_ACK on, bind
//                 (with the multicast groups a monitor wants); the kernel gives the port id
//   rtnl_talk     one request with NLM_F_ACK, then its answer or NLMSG_ERROR (0: done); an error's
//                 extended-ack text becomes "Error: …", as nl_dump_ext_ack prints it
//   rtnl_dump     one NLM_F_DUMP request, then every message until NLMSG_DONE
//   rtnl_listen   read notifications forever, handing each message to a callback

import { EINTR } from '../../../uapi/errno';
import {
  NETLINK_EXT_ACK, NLM_F_ACK, NLM_F_ACK_TLVS, NLM_F_CAPPED, NLM_F_DUMP, NLM_F_REQUEST, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN,
  NLMSGERR_ATTR_MSG, NlBuilder, SOL_NETLINK, nla_get_string, nla_parse, nlmsg_parse_all, type NlMsg,
} from '../../../uapi/netlink';
import { AF_NETLINK, SOCK_CLOEXEC, SOCK_RAW } from '../../../uapi/socket';
import type { Sys } from '../../runtime/context';
import { errno, peek, poke } from '../../libc/process';
import { fputs, stderr } from '../../libc/stdio';
import { free, malloc } from '../../libc/stdlib';
import { strerror } from '../../libc/string';
import { bind, recv, send, setsockoptInt, socket } from '../../libc/sys_socket';
import { close } from '../../libc/unistd';

const RECV_BUF = 32768;

export interface RtnlHandle {
  fd: number;
  seq: number;
  buf: number;
}

/** rtnl_open_byproto: a bound Netlink socket, or null (the error is printed). */
export function* rtnl_open(protocol: number, groups = 0): Sys<RtnlHandle | null> {
  const fd = yield* socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
  if (fd < 0) {
    yield* fputs('Cannot open netlink socket: ' + strerror(errno()) + '\n', stderr());
    return null;
  }
  yield* setsockoptInt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
  const addr = new Uint8Array(12);
  addr[0] = AF_NETLINK;
  new DataView(addr.buffer).setUint32(8, groups >>> 0, true);
  if ((yield* bind(fd, addr)) < 0) {
    yield* fputs('Cannot bind netlink socket: ' + strerror(errno()) + '\n', stderr());
    yield* close(fd);
    return null;
  }
  const buf = yield* malloc(RECV_BUF);
  // The sequence starts at the time in seconds in iproute2; any start works.
  return { fd, seq: 1, buf };
}

export function* rtnl_close(rth: RtnlHandle): Sys<void> {
  yield* free(rth.buf);
  yield* close(rth.fd);
}

/** Build a request: the header, then `fill` writes the fixed header and attributes. */
export function nl_request(type: number, flags: number, seq: number, fill: (b: NlBuilder) => void): Uint8Array {
  const b = new NlBuilder();
  b.nlmsg_put(type, flags, seq, 0);
  fill(b);
  b.nlmsg_end();
  return b.bytes();
}

function* sendBytes(rth: RtnlHandle, bytes: Uint8Array): Sys<number> {
  poke(rth.buf, bytes);
  return yield* send(rth.fd, rth.buf, bytes.length);
}

/** Read one datagram's messages (EINTR retried); null on error. */
export function* rtnl_recv(rth: RtnlHandle): Sys<NlMsg[] | null> {
  for (;;) {
    const n = yield* recv(rth.fd, rth.buf, RECV_BUF);
    if (n < 0) {
      if (errno() === EINTR) continue;
      return null;
    }
    return nlmsg_parse_all(peek(rth.buf, n).slice());
  }
}

/** What an NLMSG_ERROR says: the (negative) errno and its extended-ack text, if any. */
export function nlmsgerr(m: NlMsg): { error: number; msg: string | null } {
  const p = m.payload;
  const error = p.length >= 4 ? new DataView(p.buffer, p.byteOffset, p.byteLength).getInt32(0, true) : 0;
  let msg: string | null = null;
  if (m.flags & NLM_F_ACK_TLVS && p.length >= 4 + NLMSG_HDRLEN) {
    // The attributes follow the echoed header (and its payload, unless capped).
    const echoedLen = new DataView(p.buffer, p.byteOffset + 4, 4).getUint32(0, true);
    const off = 4 + (m.flags & NLM_F_CAPPED ? NLMSG_HDRLEN : (echoedLen + 3) & ~3);
    const a = nla_parse(p.subarray(off)).get(NLMSGERR_ATTR_MSG);
    if (a) msg = nla_get_string(a);
  }
  return { error, msg };
}

/** nl_dump_ext_ack + the "RTNETLINK answers" fallback: the message an error prints. */
export function rtnl_error_text(e: { error: number; msg: string | null }): string {
  if (e.msg) return `Error: ${e.msg}${e.msg.endsWith('.') ? '' : '.'}\n`;
  return `RTNETLINK answers: ${strerror(-e.error)}\n`;
}

/**
 * rtnl_talk: send one request (NLM_F_REQUEST|NLM_F_ACK added) and wait for its answer. Returns the
 * answer message (for a GET), null for a plain acknowledgement, or the error.
 */
export function* rtnl_talk(rth: RtnlHandle, type: number, flags: number, fill: (b: NlBuilder) => void): Sys<NlMsg | null | { error: number; msg: string | null }> {
  const seq = ++rth.seq;
  const req = nl_request(type, flags | NLM_F_REQUEST | NLM_F_ACK, seq, fill);
  if ((yield* sendBytes(rth, req)) < 0) return { error: -errno(), msg: null };
  let answer: NlMsg | null = null;
  for (;;) {
    const msgs = yield* rtnl_recv(rth);
    if (!msgs) return { error: -errno(), msg: null };
    for (const m of msgs) {
      if (m.seq !== seq) continue;
      if (m.type === NLMSG_ERROR) {
        const e = nlmsgerr(m);
        return e.error ? e : answer;
      }
      answer = { ...m, raw: m.raw.slice(), payload: m.payload.slice() };
    }
  }
}

/** rtnl_dump_request + rtnl_dump_filter: every answer to a dump, or the error. */
export function* rtnl_dump(rth: RtnlHandle, type: number, fill: (b: NlBuilder) => void): Sys<NlMsg[] | { error: number; msg: string | null }> {
  const seq = ++rth.seq;
  const req = nl_request(type, NLM_F_DUMP | NLM_F_REQUEST, seq, fill);
  if ((yield* sendBytes(rth, req)) < 0) return { error: -errno(), msg: null };
  const out: NlMsg[] = [];
  for (;;) {
    const msgs = yield* rtnl_recv(rth);
    if (!msgs) return { error: -errno(), msg: null };
    for (const m of msgs) {
      if (m.seq !== seq) continue;
      if (m.type === NLMSG_DONE) return out;
      if (m.type === NLMSG_ERROR) return nlmsgerr(m);
      out.push(m);
    }
  }
}

/** rtnl_listen: hand every message received to `handler` until it returns false or reading fails. */
export function* rtnl_listen(rth: RtnlHandle, handler: (m: NlMsg) => Sys<boolean>): Sys<number> {
  for (;;) {
    const msgs = yield* rtnl_recv(rth);
    if (!msgs) return -errno();
    for (const m of msgs) if (!(yield* handler(m))) return 0;
  }
}
