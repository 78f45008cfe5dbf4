// INET_DIAG (net/ipv4/inet_diag.c): TCP and UDP sockets described over NETLINK_SOCK_DIAG, for
// `ss -t` and `ss -u`. One handler answers for AF_INET and one for AF_INET6; the request's
// protocol picks the table (tcp_diag.c, udp_diag.c register theirs: how each fills its queue
// lengths). A request (struct inet_diag_req_v2) names the states it wants; the answer is one
// struct inet_diag_msg per socket — family, state, timer, the four addresses, queue lengths,
// owner and inode — and attributes: always the shutdown bits (and v6only for an IPv6 socket),
// more on request (INET_DIAG_MEMINFO, INET_DIAG_TOS …).
//
// A request sees the sockets of its family only: a dual-stack IPv6 socket talking to an IPv4 peer
// (through a v4-mapped address) is still AF_INET6, as in Linux. TIME_WAIT sockets are answered the way
// inet_twsk_diag_fill does: state, timer 3 and its expiry, no owner, no inode, no attributes.
// Simplified: no bytecode filters (INET_DIAG_REQ_BYTECODE is ignored), no INET_DIAG_INFO (tcp_info),
// no SOCK_DESTROY.

import { EINVAL, ENOENT, ESTALE } from '../../../uapi/errno';
import {
  INET_DIAG_MEMINFO, INET_DIAG_MSG, INET_DIAG_MSG_SIZE, INET_DIAG_REQ_V2, INET_DIAG_REQ_V2_SIZE, INET_DIAG_SHUTDOWN,
  INET_DIAG_SKV6ONLY, INET_DIAG_SOCKID, INET_DIAG_TCLASS, INET_DIAG_TOS,
} from '../../../uapi/inet_diag';
import { NLM_F_DUMP, NLM_F_MULTI, NlBuilder, type NlMsg } from '../../../uapi/netlink';
import { AF_INET, AF_INET6 } from '../../../uapi/socket';
import { TCP_TIME_WAIT } from '../../../uapi/tcp';
import type { Kernel } from '../../kernel';
import { sock_diag_check_cookie, sock_diag_register, sock_diag_save_cookie } from '../core/sock_diag';
import { netlink_dump_start, nl_dump_fits, nlmsg_unicast, type NetlinkSock, type NlSkb } from '../netlink/af_netlink';
import { inet_net, type InetSock } from './inet_sock';

const IPPROTO_UDP = 17;

/** struct inet_diag_handler: a transport's queue lengths (idiag_get_info's rqueue/wqueue). */
export interface InetDiagHandler {
  protocol: number;
  get_info(sk: InetSock): { rqueue: number; wqueue: number };
}

const handlers = new Map<number, InetDiagHandler>();

/** inet_diag_register. */
export function inet_diag_register(h: InetDiagHandler): void {
  handlers.set(h.protocol, h);
}

interface Req {
  family: number;
  protocol: number;
  ext: number;
  states: number;
  id: Uint8Array;
}

function parse_req(nlh: NlMsg): Req | null {
  const p = nlh.payload;
  if (p.length < INET_DIAG_REQ_V2_SIZE) return null;
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  return {
    family: p[INET_DIAG_REQ_V2.family]!,
    protocol: p[INET_DIAG_REQ_V2.protocol]!,
    ext: p[INET_DIAG_REQ_V2.ext]!,
    states: v.getUint32(INET_DIAG_REQ_V2.states, true),
    id: p.subarray(INET_DIAG_REQ_V2.id, INET_DIAG_REQ_V2.id + 48),
  };
}

/** The socket's family as sock_diag sees it: an AF_INET6 socket stays AF_INET6 even on IPv4. */
const sk_family = (sk: InetSock) => sk.family;

/** inet_diag_msg_common_fill: family, ports and addresses (an IPv4 one in the first word), cookie. */
function common_fill(kernel: Kernel, sk: InetSock, rep: Uint8Array, v: DataView): void {
  rep[INET_DIAG_MSG.family] = sk_family(sk);
  const id = INET_DIAG_MSG.id;
  v.setUint16(id + INET_DIAG_SOCKID.sport, sk.sport);
  v.setUint16(id + INET_DIAG_SOCKID.dport, sk.dport);
  if (sk_family(sk) === AF_INET) {
    rep.set(sk.saddr.subarray(12, 16), id + INET_DIAG_SOCKID.src);
    rep.set(sk.daddr.subarray(12, 16), id + INET_DIAG_SOCKID.dst);
  } else {
    rep.set(sk.saddr, id + INET_DIAG_SOCKID.src);
    rep.set(sk.daddr, id + INET_DIAG_SOCKID.dst);
  }
  sock_diag_save_cookie(kernel, sk, v, id + INET_DIAG_SOCKID.cookie);
}

/** What /proc/net/tcp's `tr` and ss's timer show: 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero window probe. */
function timer_fill(kernel: Kernel, sk: InetSock, rep: Uint8Array, v: DataView): void {
  if (!sk.timer || sk.timer.index < 0 || !sk.timerKind) return;
  // Linux's retransmit timer runs only while segments are unacknowledged (packets_out).
  if (sk.timerKind === 1 && sk.snd_una === sk.snd_nxt) return;
  rep[INET_DIAG_MSG.timer] = sk.timerKind;
  rep[INET_DIAG_MSG.retrans] = Math.min(255, sk.retransmits);
  v.setUint32(INET_DIAG_MSG.expires, Math.max(0, Math.ceil((sk.timer.deadline - kernel.clock.now()) / 1e6)), true);
}

/** inet_sk_diag_fill (and inet_twsk_diag_fill for TIME_WAIT): one socket's message. */
export function inet_sk_diag_fill(kernel: Kernel, b: NlBuilder, sk: InetSock, h: InetDiagHandler, req: Req, portid: number, seq: number, type: number, flags: number): void {
  b.nlmsg_put(type, flags, seq, portid);
  const rep = new Uint8Array(INET_DIAG_MSG_SIZE);
  const v = new DataView(rep.buffer);
  common_fill(kernel, sk, rep, v);
  rep[INET_DIAG_MSG.state] = sk.state;
  if (sk.state === TCP_TIME_WAIT) {
    // A timewait socket has no owner, no inode and no attributes.
    timer_fill(kernel, sk, rep, v);
    b.put(rep);
    b.nlmsg_end();
    return;
  }
  v.setUint32(INET_DIAG_MSG.uid, sk.uid, true);
  v.setUint32(INET_DIAG_MSG.inode, sk.ino, true);
  timer_fill(kernel, sk, rep, v);
  const q = h.get_info(sk);
  v.setUint32(INET_DIAG_MSG.rqueue, q.rqueue, true);
  v.setUint32(INET_DIAG_MSG.wqueue, q.wqueue, true);
  b.put(rep);
  // inet_diag_msg_attrs_fill: the shutdown bits always; TOS / TCLASS when asked; v6only for IPv6.
  b.nla_put_u8(INET_DIAG_SHUTDOWN, sk.shutdown);
  if (req.ext & (1 << (INET_DIAG_TOS - 1)) && sk_family(sk) === AF_INET) b.nla_put_u8(INET_DIAG_TOS, sk.tos);
  if (sk_family(sk) === AF_INET6) {
    if (req.ext & ((1 << (INET_DIAG_TOS - 1)) | (1 << (INET_DIAG_TCLASS - 1)))) b.nla_put_u8(INET_DIAG_TCLASS, sk.tos);
    b.nla_put_u8(INET_DIAG_SKV6ONLY, sk.v6only ? 1 : 0);
  }
  if (req.ext & (1 << (INET_DIAG_MEMINFO - 1))) {
    // struct inet_diag_meminfo: receive queue, bytes in flight, forward alloc, write queue.
    const m = new Uint8Array(16);
    const mv = new DataView(m.buffer);
    mv.setUint32(0, sk.protocol === IPPROTO_UDP ? sk.rmem : sk.rcvq.length, true);
    mv.setUint32(4, sk.writeq.length, true);
    mv.setUint32(12, sk.writeq.length, true);
    b.nla_put(INET_DIAG_MEMINFO, m);
  }
  b.nlmsg_end();
}

/** The sockets a request can see: its protocol and family (IPv4 and IPv6 sockets apart). */
function candidates(kernel: Kernel, req: Req): InetSock[] {
  return [...inet_net(kernel).all].filter((sk) => sk.protocol === req.protocol && sk_family(sk) === req.family && sk.sport !== 0);
}

/** inet_diag_dump: every socket in a wanted state, resuming at cb.args[0]. */
function inet_diag_dump(kernel: Kernel, h: InetDiagHandler, req: Req) {
  return (cb: { args: number[]; portid: number; nlh: NlMsg }, b: NlBuilder, budget: number): number => {
    const socks = candidates(kernel, req);
    const start = b.len;
    let i = cb.args[0]!;
    for (; i < socks.length; i++) {
      const sk = socks[i]!;
      if (!(req.states & (1 << sk.state))) continue;
      if (!nl_dump_fits(b, budget, (bb) => inet_sk_diag_fill(kernel, bb, sk, h, req, cb.portid, cb.nlh.seq, cb.nlh.type, NLM_F_MULTI))) break;
    }
    cb.args[0] = i;
    return b.len - start;
  };
}

/** inet_diag_find_one_icsk: the socket with the request's ports, addresses and cookie. */
function inet_diag_get_exact(kernel: Kernel, ksk: NetlinkSock, skb: NlSkb, nlh: NlMsg, h: InetDiagHandler, req: Req): number {
  const v = new DataView(req.id.buffer, req.id.byteOffset, req.id.byteLength);
  const sport = v.getUint16(INET_DIAG_SOCKID.sport), dport = v.getUint16(INET_DIAG_SOCKID.dport);
  const n = req.family === AF_INET ? 4 : 16;
  const src = req.id.subarray(INET_DIAG_SOCKID.src, INET_DIAG_SOCKID.src + n);
  const dst = req.id.subarray(INET_DIAG_SOCKID.dst, INET_DIAG_SOCKID.dst + n);
  const addr = (a: Uint8Array) => (req.family === AF_INET ? a.subarray(12, 16) : a);
  const same = (x: Uint8Array, y: Uint8Array) => x.every((c, i) => c === y[i]);
  const sk = candidates(kernel, req).find((s) => s.sport === sport && s.dport === dport && same(addr(s.saddr), src) && same(addr(s.daddr), dst));
  if (!sk) return -ENOENT;
  if (!sock_diag_check_cookie(kernel, sk, v.getUint32(INET_DIAG_SOCKID.cookie, true), v.getUint32(INET_DIAG_SOCKID.cookie + 4, true))) return -ESTALE;
  const b = new NlBuilder();
  inet_sk_diag_fill(kernel, b, sk, h, req, skb.sk?.portid ?? 0, nlh.seq, nlh.type, 0);
  return nlmsg_unicast(ksk, b.bytes(), skb.sk?.portid ?? 0);
}

/** inet_diag_handler_cmd: SOCK_DIAG_BY_FAMILY for AF_INET or AF_INET6. */
function inet_diag_handler_cmd(ksk: NetlinkSock, skb: NlSkb, nlh: NlMsg): number {
  const req = parse_req(nlh);
  if (!req) return -EINVAL;
  const h = handlers.get(req.protocol);
  const kernel = ksk.sock.kernel;
  // A dump for a protocol nobody answers for is empty (just NLMSG_DONE); a get finds nothing.
  if (nlh.flags & NLM_F_DUMP) return netlink_dump_start(ksk, skb, nlh, h ? inet_diag_dump(kernel, h, req) : () => 0);
  if (!h) return -ENOENT;
  return inet_diag_get_exact(kernel, ksk, skb, nlh, h, req);
}

/** inet_diag_init: answer for both families (the transports register with inet_diag_register). */
export function inet_diag_init(): void {
  sock_diag_register({ family: AF_INET, dump: inet_diag_handler_cmd });
  sock_diag_register({ family: AF_INET6, dump: inet_diag_handler_cmd });
}
