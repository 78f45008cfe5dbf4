// ss's side of NETLINK_SOCK_DIAG (misc/ss.c: DIAG_REQUEST, handle_netlink_request, unix_show_sock):
// one dump request (NLM_F_ROOT|NLM_F_MATCH|NLM_F_REQUEST, sequence 123456) with the family's
// request structure, then every answer until NLMSG_DONE. An error — no such protocol, no handler
// for the family — makes ss fall back to /proc.
// Simplified: the socket is not bound first and its buffers are not resized (rtnl_open_byproto
// does both); autobind on the first send gives it a port.

import { AF_INET, AF_INET6, AF_NETLINK, AF_UNIX, SOCK_CLOEXEC, SOCK_RAW } from '../../../uapi/socket';
import { INET_DIAG_MSG, INET_DIAG_MSG_SIZE, INET_DIAG_REQ_V2, INET_DIAG_REQ_V2_SIZE, INET_DIAG_SHUTDOWN, INET_DIAG_SKV6ONLY, INET_DIAG_SOCKID } from '../../../uapi/inet_diag';
import { NETLINK_SOCK_DIAG, NLM_F_MATCH, NLM_F_REQUEST, NLM_F_ROOT, NLMSG_DONE, NLMSG_ERROR, NlBuilder, nla_get_u32, nla_get_u8, nla_parse, nlmsg_parse_all } from '../../../uapi/netlink';
import { SOCK_DIAG_BY_FAMILY } from '../../../uapi/sock_diag';
import {
  UDIAG_SHOW_ICONS, UDIAG_SHOW_NAME, UDIAG_SHOW_PEER, UDIAG_SHOW_RQLEN, UDIAG_SHOW_VFS, UNIX_DIAG_ICONS, UNIX_DIAG_MSG,
  UNIX_DIAG_MSG_SIZE, UNIX_DIAG_NAME, UNIX_DIAG_PEER, UNIX_DIAG_REQ, UNIX_DIAG_REQ_SIZE, UNIX_DIAG_RQLEN, UNIX_DIAG_SHUTDOWN,
  UNIX_DIAG_VFS,
} from '../../../uapi/unix_diag';
import type { Sys } from '../../runtime/context';
import { errno, peek, poke } from '../../libc/process';
import { free, malloc } from '../../libc/stdlib';
import { recv, send, socket } from '../../libc/sys_socket';
import { close } from '../../libc/unistd';
import { EINTR } from '../../../uapi/errno';

const MAGIC_SEQ = 123456;
const RECV_BUF = 32768;

/** What unix_show_sock reads from one answer. */
export interface UnixDiagSock {
  type: number;
  state: number;
  ino: number;
  name: string | null;
  peer: number | null;
  rq: number;
  wq: number;
  shutdown?: number;
  vfs?: { ino: number; dev: number };
  icons?: number[];
}

/** Send one dump request and collect the payloads of its answers; null if the kernel refused. */
function* sockdiag_dump(request: Uint8Array): Sys<Uint8Array[] | null> {
  const fd = yield* socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return null;
  const buf = yield* malloc(RECV_BUF);
  try {
    poke(buf, request);
    if ((yield* send(fd, buf, request.length)) < 0) return null;
    const out: Uint8Array[] = [];
    for (;;) {
      const n = yield* recv(fd, buf, RECV_BUF);
      if (n < 0) {
        if (errno() === EINTR) continue;
        return null;
      }
      if (n === 0) return null;
      for (const m of nlmsg_parse_all(peek(buf, n))) {
        if (m.seq !== MAGIC_SEQ) continue;
        if (m.type === NLMSG_DONE) return out;
        if (m.type === NLMSG_ERROR) return null;
        out.push(m.payload.slice());
      }
    }
  } finally {
    yield* free(buf);
    yield* close(fd);
  }
}

/** unix_show_netlink: every Unix socket in `states` (a mask of 1 << SS_*), or null to fall back. */
export function* unix_show_netlink(states: number, details: boolean): Sys<UnixDiagSock[] | null> {
  const b = new NlBuilder();
  b.nlmsg_put(SOCK_DIAG_BY_FAMILY, NLM_F_ROOT | NLM_F_MATCH | NLM_F_REQUEST, MAGIC_SEQ, 0);
  const req = new Uint8Array(UNIX_DIAG_REQ_SIZE);
  const v = new DataView(req.buffer);
  req[UNIX_DIAG_REQ.family] = AF_UNIX;
  v.setUint32(UNIX_DIAG_REQ.states, states >>> 0, true);
  v.setUint32(UNIX_DIAG_REQ.show, UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | (details ? UDIAG_SHOW_VFS | UDIAG_SHOW_ICONS : 0), true);
  b.put(req);
  b.nlmsg_end();
  const answers = yield* sockdiag_dump(b.bytes());
  if (!answers) return null;
  const socks: UnixDiagSock[] = [];
  for (const p of answers) {
    if (p.length < UNIX_DIAG_MSG_SIZE) continue;
    const mv = new DataView(p.buffer, p.byteOffset, p.byteLength);
    const tb = nla_parse(p.subarray(UNIX_DIAG_MSG_SIZE));
    const s: UnixDiagSock = {
      type: p[UNIX_DIAG_MSG.type]!, state: p[UNIX_DIAG_MSG.state]!, ino: mv.getUint32(UNIX_DIAG_MSG.ino, true),
      name: null, peer: null, rq: 0, wq: 0,
    };
    const rql = tb.get(UNIX_DIAG_RQLEN);
    if (rql && rql.length >= 8) {
      s.rq = nla_get_u32(rql);
      s.wq = nla_get_u32(rql.subarray(4));
    }
    const name = tb.get(UNIX_DIAG_NAME);
    if (name) {
      // An abstract name starts with NUL: ss shows every NUL of it as '@'.
      let text = '';
      for (const c of name) text += name[0] === 0 && c === 0 ? '@' : String.fromCharCode(c);
      const nul = text.indexOf('\0');
      s.name = nul < 0 ? text : text.slice(0, nul);
    }
    const peer = tb.get(UNIX_DIAG_PEER);
    if (peer) s.peer = nla_get_u32(peer);
    const sh = tb.get(UNIX_DIAG_SHUTDOWN);
    if (sh) s.shutdown = nla_get_u8(sh);
    const vfs = tb.get(UNIX_DIAG_VFS);
    if (vfs && vfs.length >= 8) s.vfs = { ino: nla_get_u32(vfs), dev: nla_get_u32(vfs.subarray(4)) };
    const icons = tb.get(UNIX_DIAG_ICONS);
    if (icons) s.icons = Array.from({ length: icons.length >> 2 }, (_, i) => nla_get_u32(icons.subarray(4 * i)));
    socks.push(s);
  }
  return socks;
}

/** What inet_show_sock reads from one INET_DIAG answer. */
export interface InetDiagSock {
  family: number;
  state: number;
  /** Addresses in network order: 4 bytes for AF_INET, 16 for AF_INET6. */
  src: Uint8Array;
  dst: Uint8Array;
  sport: number;
  dport: number;
  rq: number;
  wq: number;
  uid: number;
  ino: number;
  cookie: bigint;
  v6only: number | null;
  shutdown: number | null;
  /** idiag_timer, idiag_expires (ms), idiag_retrans. */
  timer: number;
  expires: number;
  retrans: number;
}

/**
 * inet_show_netlink: the sockets of one transport (IPPROTO_TCP / IPPROTO_UDP) in `states`, asked
 * for AF_INET and then, unless IPv4 is the preferred family, AF_INET6; null to fall back to /proc.
 */
export function* inet_show_netlink(protocol: number, states: number, preferredFamily: number): Sys<InetDiagSock[] | null> {
  const socks: InetDiagSock[] = [];
  for (const family of preferredFamily === AF_INET ? [AF_INET] : [AF_INET, AF_INET6]) {
    const b = new NlBuilder();
    b.nlmsg_put(SOCK_DIAG_BY_FAMILY, NLM_F_ROOT | NLM_F_MATCH | NLM_F_REQUEST, MAGIC_SEQ, 0);
    const req = new Uint8Array(INET_DIAG_REQ_V2_SIZE);
    req[INET_DIAG_REQ_V2.family] = family;
    req[INET_DIAG_REQ_V2.protocol] = protocol;
    new DataView(req.buffer).setUint32(INET_DIAG_REQ_V2.states, states >>> 0, true);
    b.put(req);
    b.nlmsg_end();
    const answers = yield* sockdiag_dump(b.bytes());
    if (!answers) return null;
    for (const p of answers) {
      if (p.length < INET_DIAG_MSG_SIZE) continue;
      const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
      const fam = p[INET_DIAG_MSG.family]!;
      const n = fam === AF_INET ? 4 : 16;
      const id = INET_DIAG_MSG.id;
      const tb = nla_parse(p.subarray(INET_DIAG_MSG_SIZE));
      const v6 = tb.get(INET_DIAG_SKV6ONLY), sh = tb.get(INET_DIAG_SHUTDOWN);
      socks.push({
        family: fam, state: p[INET_DIAG_MSG.state]!,
        src: p.slice(id + INET_DIAG_SOCKID.src, id + INET_DIAG_SOCKID.src + n),
        dst: p.slice(id + INET_DIAG_SOCKID.dst, id + INET_DIAG_SOCKID.dst + n),
        sport: v.getUint16(id + INET_DIAG_SOCKID.sport), dport: v.getUint16(id + INET_DIAG_SOCKID.dport),
        rq: v.getUint32(INET_DIAG_MSG.rqueue, true), wq: v.getUint32(INET_DIAG_MSG.wqueue, true),
        uid: v.getUint32(INET_DIAG_MSG.uid, true), ino: v.getUint32(INET_DIAG_MSG.inode, true),
        cookie: BigInt(v.getUint32(id + INET_DIAG_SOCKID.cookie, true)) | (BigInt(v.getUint32(id + INET_DIAG_SOCKID.cookie + 4, true)) << 32n),
        v6only: v6 ? nla_get_u8(v6) : null, shutdown: sh ? nla_get_u8(sh) : null,
        timer: p[INET_DIAG_MSG.timer]!, expires: v.getUint32(INET_DIAG_MSG.expires, true), retrans: p[INET_DIAG_MSG.retrans]!,
      });
    }
  }
  return socks;
}
