// UNIX_DIAG (net/unix/diag.c): Unix sockets described over NETLINK_SOCK_DIAG, for `ss -x`.
//
// A request (struct unix_diag_req) says which states it wants and what to show; the answer is one
// SOCK_DIAG_BY_FAMILY message per socket — struct unix_diag_msg (type, state, inode, cookie) then
// attributes: the bound name (UNIX_DIAG_NAME), the file's inode and device (VFS), the peer's inode
// (PEER), for a listener the inodes of the clients waiting in accept's queue (ICONS), the queue
// lengths (RQLEN: bytes unread and bytes unacknowledged — for a listener, connections waiting and
// the backlog), the shutdown bits (always), the owner (UID).
//
// The socket states are TCP's numbers (include/net/tcp_states.h), as Linux reuses sk_state:
// TCP_ESTABLISHED (1) connected, TCP_LISTEN (10), TCP_CLOSE (7) neither. A connection still waiting
// for accept has no inode yet, and a dump skips it as Linux's sk_diag_dump does.

import { EINVAL, ENOENT, ESTALE } from '../../../uapi/errno';
import { NLM_F_DUMP, NLM_F_MULTI, NlBuilder, type NlMsg } from '../../../uapi/netlink';
import { AF_UNIX, SOCK_SEQPACKET, SOCK_STREAM } from '../../../uapi/socket';
import { SOCK_DIAG_BY_FAMILY } from '../../../uapi/sock_diag';
import {
  UDIAG_SHOW_ICONS, UDIAG_SHOW_NAME, UDIAG_SHOW_PEER, UDIAG_SHOW_RQLEN, UDIAG_SHOW_UID, UDIAG_SHOW_VFS, UNIX_DIAG_ICONS,
  UNIX_DIAG_MSG, UNIX_DIAG_MSG_SIZE, UNIX_DIAG_NAME, UNIX_DIAG_PEER, UNIX_DIAG_REQ, UNIX_DIAG_REQ_SIZE, UNIX_DIAG_RQLEN,
  UNIX_DIAG_SHUTDOWN, UNIX_DIAG_UID, UNIX_DIAG_VFS,
} from '../../../uapi/unix_diag';
import type { Kernel } from '../../kernel';
import { sock_diag_check_cookie, sock_diag_register, sock_diag_save_cookie } from '../core/sock_diag';
import { netlink_dump_start, nl_dump_fits, nlmsg_unicast, type NetlinkSock, type NlSkb } from '../netlink/af_netlink';
import { unix_net, type UnixSock } from './af_unix';

/** include/net/tcp_states.h: the sk_state values a Unix socket takes. */
const TCP_ESTABLISHED = 1, TCP_CLOSE = 7, TCP_LISTEN = 10;

/** The socket's sk_state. */
export function unix_sk_state(u: UnixSock): number {
  if (u.listening) return TCP_LISTEN;
  if (u.connected || u.established) return TCP_ESTABLISHED;
  return TCP_CLOSE;
}

interface Req {
  states: number;
  ino: number;
  show: number;
  cookie: [number, number];
}

function parse_req(nlh: NlMsg): Req | null {
  if (nlh.payload.length < UNIX_DIAG_REQ_SIZE) return null;
  const v = new DataView(nlh.payload.buffer, nlh.payload.byteOffset, nlh.payload.byteLength);
  return {
    states: v.getUint32(UNIX_DIAG_REQ.states, true),
    ino: v.getUint32(UNIX_DIAG_REQ.ino, true),
    show: v.getUint32(UNIX_DIAG_REQ.show, true),
    cookie: [v.getUint32(UNIX_DIAG_REQ.cookie, true), v.getUint32(UNIX_DIAG_REQ.cookie + 4, true)],
  };
}

const u32 = (...xs: number[]) => {
  const b = new Uint8Array(4 * xs.length);
  const v = new DataView(b.buffer);
  xs.forEach((x, i) => v.setUint32(4 * i, x >>> 0, true));
  return b;
};

/** unix_inq_len: bytes queued for reading (a datagram socket: the next datagram's length). */
function unix_inq_len(u: UnixSock): number {
  if (u.type === SOCK_STREAM || u.type === SOCK_SEQPACKET) return u.queued;
  const skb = u.queue[0];
  return skb ? skb.data.length - skb.off : 0;
}

/** The device of the socket file's filesystem as the kernel's s_dev (MKDEV: major << 20 | minor). */
function kernel_dev(userDev: number): number {
  const major = (userDev >>> 8) & 0xfff;
  const minor = (userDev & 0xff) | ((userDev >>> 12) & 0xfff00);
  return ((major << 20) | minor) >>> 0;
}

/** sk_diag_fill: one socket's message. */
export function sk_diag_fill(kernel: Kernel, b: NlBuilder, u: UnixSock, req: Req, portid: number, seq: number, flags: number, ino: number): void {
  b.nlmsg_put(SOCK_DIAG_BY_FAMILY, flags, seq, portid);
  const rep = new Uint8Array(UNIX_DIAG_MSG_SIZE);
  const v = new DataView(rep.buffer);
  rep[UNIX_DIAG_MSG.family] = AF_UNIX;
  rep[UNIX_DIAG_MSG.type] = u.type;
  rep[UNIX_DIAG_MSG.state] = unix_sk_state(u);
  v.setUint32(UNIX_DIAG_MSG.ino, ino, true);
  sock_diag_save_cookie(kernel, u, v, UNIX_DIAG_MSG.cookie);
  b.put(rep);
  // The name as bound: sun_path for addr->len - sizeof(sa_family_t) bytes (an abstract one starts with NUL).
  if (req.show & UDIAG_SHOW_NAME && u.addr && u.addr.length > 2) b.nla_put(UNIX_DIAG_NAME, u.addr.subarray(2));
  if (req.show & UDIAG_SHOW_VFS && u.pathInode) b.nla_put(UNIX_DIAG_VFS, u32(u.pathInode.ino, kernel_dev(u.pathInode.sb.dev)));
  if (req.show & UDIAG_SHOW_PEER && u.peer) b.nla_put(UNIX_DIAG_PEER, u32(u.peer.ino));
  if (req.show & UDIAG_SHOW_ICONS && u.listening) {
    // The clients whose connections wait in the accept queue, by their sockets' inodes.
    b.nla_put(UNIX_DIAG_ICONS, u32(...u.acceptq.map((e) => e.peer?.ino ?? 0)));
  }
  if (req.show & UDIAG_SHOW_RQLEN) {
    b.nla_put(UNIX_DIAG_RQLEN, u.listening ? u32(u.acceptq.length, u.backlog) : u32(unix_inq_len(u), u.wmem));
  }
  b.nla_put_u8(UNIX_DIAG_SHUTDOWN, u.shutdown);
  if (req.show & UDIAG_SHOW_UID) b.nla_put(UNIX_DIAG_UID, u32(u.sock?.inode.uid ?? 0));
  b.nlmsg_end();
}

/** unix_diag_dump: every socket in a wanted state, resuming at cb.args[0]. */
function unix_diag_dump(kernel: Kernel, req: Req) {
  return (cb: { args: number[]; portid: number; nlh: NlMsg }, b: NlBuilder, budget: number): number => {
    const socks = [...unix_net(kernel).all];
    const start = b.len;
    let i = cb.args[0]!;
    for (; i < socks.length; i++) {
      const u = socks[i]!;
      if (u.dead || !(req.states & (1 << unix_sk_state(u)))) continue;
      const ino = u.ino;
      if (!ino) continue; // sk_diag_dump: not yet accepted, no inode
      if (!nl_dump_fits(b, budget, (bb) => sk_diag_fill(kernel, bb, u, req, cb.portid, cb.nlh.seq, NLM_F_MULTI, ino))) break;
    }
    cb.args[0] = i;
    return b.len - start;
  };
}

/** unix_diag_get_exact: the one socket with the request's inode (and cookie). */
function unix_diag_get_exact(kernel: Kernel, ksk: NetlinkSock, skb: NlSkb, nlh: NlMsg, req: Req): number {
  if (!req.ino) return -EINVAL;
  const u = [...unix_net(kernel).all].find((s) => !s.dead && s.ino === req.ino);
  if (!u) return -ENOENT;
  if (!sock_diag_check_cookie(kernel, u, req.cookie[0], req.cookie[1])) return -ESTALE;
  const b = new NlBuilder();
  sk_diag_fill(kernel, b, u, req, skb.sk?.portid ?? 0, nlh.seq, 0, req.ino);
  return nlmsg_unicast(ksk, b.bytes(), skb.sk?.portid ?? 0);
}

/** unix_diag_handler_dump. */
function unix_diag_handler_dump(ksk: NetlinkSock, skb: NlSkb, nlh: NlMsg): number {
  const req = parse_req(nlh);
  if (!req) return -EINVAL;
  const kernel = ksk.sock.kernel;
  if (nlh.flags & NLM_F_DUMP) return netlink_dump_start(ksk, skb, nlh, unix_diag_dump(kernel, req));
  return unix_diag_get_exact(kernel, ksk, skb, nlh, req);
}

/** unix_diag_init: answer for AF_UNIX. */
export function unix_diag_init(): void {
  sock_diag_register({ family: AF_UNIX, dump: unix_diag_handler_dump });
}
