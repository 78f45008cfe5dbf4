// UDP (net/ipv4/udp.c, net/ipv6/udp.c, datagram.c): datagrams, each sent as one IP packet with an
// 8-byte header, kept whole on the receiver's queue until read. connect() only sets a default
// destination (and filters what is received to that peer); a datagram for a port nobody holds
// is answered with ICMP port unreachable, which a connected sender sees as ECONNREFUSED.

import { EAGAIN, EDESTADDRREQ, EINVAL, EMSGSIZE, ENOTCONN, EPIPE } from '../../../uapi/errno';
import { IPPROTO_UDP } from '../../../uapi/in';
import { O_NONBLOCK } from '../../../uapi/fcntl';
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDHUP, POLLRDNORM, POLLWRBAND, POLLWRNORM } from '../../../uapi/poll';
import { SIGPIPE } from '../../../uapi/signal';
import { AF_INET, AF_INET6, AF_UNSPEC, MSG_DONTWAIT, MSG_NOSIGNAL, MSG_PEEK, MSG_TRUNC, SS_CONNECTED, SS_UNCONNECTED } from '../../../uapi/socket';
import { TCP_CLOSE, TCP_ESTABLISHED } from '../../../uapi/tcp';
import { poll_wait, type PollTable } from '../../fs/fs';
import type { Task } from '../../sched/task';
import { send_sig } from '../../signal';
import type { RecvMsg, SendMsg, Socket } from '../socket';
import { icmp_send_port_unreach } from './icmp';
import { inet_csk_get_port, inet_match_score, inet_put_port } from './inet_hashtables';
import { addr_equal, inet_addr_is_any, ipv6_addr_set_v4mapped, ipv6_addr_v4mapped, RCV_SHUTDOWN, SEND_SHUTDOWN, sk_wait, type InetNet, type InetSock } from './inet_sock';
import { inet_headroom, inet_xmit } from './ip_output';
import type { InetSkb } from './protocol';
import { ip_route_output } from './route';

const skOf = (sock: Socket): InetSock => sock.sk as InetSock;

export type AddrParser = (a: Uint8Array) => { addr: Uint8Array; port: number } | number;
export type AddrMaker = (sk: InetSock, addr: Uint8Array, port: number) => Uint8Array;

/** inet_autobind: a socket that sends before binding gets an ephemeral port. */
export function inet_autobind(t: Task, sk: InetSock): number {
  if (sk.bound) return 0;
  sk.reuse = sk.sock?.reuseaddr ?? false;
  return inet_csk_get_port(sk.inet, t, sk, 0);
}

/** ip4_datagram_connect / ip6_datagram_connect: a default peer; AF_UNSPEC dissolves it. */
export function udp_connect(sock: Socket, t: Task, addr: Uint8Array, parse: AddrParser): number {
  const sk = skOf(sock);
  if (addr.length >= 2 && (addr[0]! | (addr[1]! << 8)) === AF_UNSPEC) {
    // __udp_disconnect: forget the peer; an address or port bind() did not set goes back too.
    sk.state = TCP_CLOSE;
    sk.daddr = sk.family === AF_INET ? ipv6_addr_set_v4mapped(0) : new Uint8Array(16);
    sk.dport = 0;
    sock.state = SS_UNCONNECTED;
    if (!sk.userBoundAddr) sk.saddr = sk.family === AF_INET ? ipv6_addr_set_v4mapped(0) : new Uint8Array(16);
    if (!sk.userBoundPort) inet_put_port(sk.inet, sk);
    return 0;
  }
  const a = parse(addr);
  if (typeof a === 'number') return a;
  const rt = ip_route_output(sk.inet.net, a.addr);
  if (typeof rt === 'number') return rt;
  const r = inet_autobind(t, sk);
  if (r < 0) return r;
  if (inet_addr_is_any(sk.saddr)) sk.saddr = rt.saddr;
  sk.daddr = rt.daddr;
  sk.dport = a.port;
  sk.state = TCP_ESTABLISHED;
  sock.state = SS_CONNECTED;
  sk.inet.all.add(sk);
  return 0;
}

/** The largest datagram: what fits in 64 KiB of IPv4 (65507), or in an IPv6 payload (65527). */
const udp_max = (v4: boolean) => (v4 ? 65535 - 20 - 8 : 65535 - 8);

export function udp_sendmsg(sock: Socket, t: Task, msg: SendMsg, flags: number, parse: AddrParser): number {
  const sk = skOf(sock);
  const inet = sk.inet;
  inet.current = t;
  let daddr: Uint8Array, dport: number;
  let name = msg.name;
  if (name && sk.family === AF_INET6) {
    // udpv6_sendmsg: AF_UNSPEC is as no address at all; a family that is not IP is EINVAL.
    if (name.length < 2) return -EINVAL;
    const fam = name[0]! | (name[1]! << 8);
    if (fam === AF_UNSPEC) name = null;
    else if (fam !== AF_INET6 && fam !== AF_INET) return -EINVAL;
  }
  if (name) {
    // inet_parse_sockaddr: a short address is EINVAL before its family is looked at.
    const a = parse(name);
    if (typeof a === 'number') return a;
    if (a.port === 0) return -EINVAL;
    daddr = a.addr;
    dport = a.port;
  } else {
    if (sk.state !== TCP_ESTABLISHED) return -EDESTADDRREQ;
    daddr = sk.daddr;
    dport = sk.dport;
  }
  if (sk.shutdown & SEND_SHUTDOWN) {
    if (!(flags & MSG_NOSIGNAL)) send_sig(SIGPIPE, t, false);
    return -EPIPE;
  }
  // sock_alloc_send_skb reports a pending error (an ICMP error for a connected socket) first.
  if (sk.err) return sk.sock_error();
  const rt = ip_route_output(inet.net, daddr);
  if (typeof rt === 'number') {
    inet.mib.ip.OutNoRoutes++;
    return rt;
  }
  const len = msg.data.length;
  if (len > udp_max(ipv6_addr_v4mapped(rt.daddr))) return -EMSGSIZE;
  const r = inet_autobind(t, sk);
  if (r < 0) return r;
  inet.all.add(sk);
  const saddr = inet_addr_is_any(sk.saddr) ? rt.saddr : sk.saddr;
  const hlen = inet_headroom(rt.daddr);
  const buf = new Uint8Array(hlen + 8 + len);
  buf[hlen] = sk.sport >>> 8;
  buf[hlen + 1] = sk.sport & 0xff;
  buf[hlen + 2] = dport >>> 8;
  buf[hlen + 3] = dport & 0xff;
  buf[hlen + 4] = (len + 8) >>> 8;
  buf[hlen + 5] = (len + 8) & 0xff;
  buf.set(msg.data, hlen + 8);
  (ipv6_addr_v4mapped(rt.daddr) ? inet.mib.udp : inet.mib.udp6).OutDatagrams++;
  inet_xmit(inet, rt.dev, buf, hlen, { saddr, daddr: rt.daddr, protocol: IPPROTO_UDP, ttl: sk.ttl, tos: sk.tos, csum_offset: 6, pseudo: true });
  return len;
}

/** __udp4_lib_lookup: the best socket for a datagram — a connected one must be connected to its sender. */
function udp_lib_lookup(inet: InetNet, skb: InetSkb, sport: number, dport: number): InetSock | null {
  let best: InetSock | null = null, bestScore = -1;
  for (const sk of inet.udp.bhash.get(dport) ?? []) {
    let s = inet_match_score(sk, skb.daddr);
    if (s < 0) continue;
    if (sk.state === TCP_ESTABLISHED) {
      if (sk.dport !== sport || !addr_equal(sk.daddr, skb.saddr)) continue;
      s += 4;
    }
    if (s > bestScore) {
      best = sk;
      bestScore = s;
    }
  }
  return best;
}

export function udp_rcv(inet: InetNet, skb: InetSkb): void {
  const d = skb.data;
  const mib = skb.v6 ? inet.mib.udp6 : inet.mib.udp;
  if (d.length < 8) return void mib.InErrors++;
  const sport = (d[0]! << 8) | d[1]!, dport = (d[2]! << 8) | d[3]!;
  const ulen = (d[4]! << 8) | d[5]!;
  if (ulen < 8 || ulen > d.length) return void mib.InErrors++;
  const sk = udp_lib_lookup(inet, skb, sport, dport);
  if (!sk) {
    mib.NoPorts++;
    icmp_send_port_unreach(inet, skb);
    return;
  }
  const data = d.subarray(8, ulen);
  // __udp_enqueue_schedule_skb: a full receive buffer drops the datagram.
  if (sk.rmem + data.length > sk.rcvbuf && sk.dgrams.length) {
    mib.RcvbufErrors++;
    mib.InErrors++;
    sk.drops++;
    return;
  }
  sk.dgrams.push({ data, saddr: skb.saddr, sport });
  sk.rmem += data.length;
  mib.InDatagrams++;
  sk.wq.wakeAll();
}

/** udp_err: an ICMP error about a datagram we sent; only a connected socket (or IP_RECVERR) hears it. */
export function udp_err(inet: InetNet, saddr: Uint8Array, sport: number, daddr: Uint8Array, dport: number, err: number): void {
  for (const sk of inet.udp.bhash.get(sport) ?? []) {
    if (inet_match_score(sk, saddr) < 0) continue;
    const connected = sk.state === TCP_ESTABLISHED;
    if (connected && (sk.dport !== dport || !addr_equal(sk.daddr, daddr))) continue;
    if (!connected && !sk.recverr) return;
    sk.err = err;
    sk.wq.wakeAll();
    return;
  }
}

export function udp_recvmsg(sock: Socket, t: Task, size: number, flags: number, mkaddr: AddrMaker): RecvMsg | number {
  const sk = skOf(sock);
  const nonblock = (flags & MSG_DONTWAIT) !== 0 || (sock.file !== null && (sock.file.f_flags & O_NONBLOCK) !== 0);
  if (sk.err) return sk.sock_error();
  const dg = sk.dgrams[0];
  if (!dg) {
    if (sk.shutdown & RCV_SHUTDOWN) return { data: new Uint8Array(0), name: null, rights: null, creds: null, flags: 0, length: 0 };
    if (nonblock) return -EAGAIN;
    return sk_wait(t, sk, sock.rcvtimeo);
  }
  if (!(flags & MSG_PEEK)) {
    sk.dgrams.shift();
    sk.rmem -= dg.data.length;
  }
  const n = Math.min(size, dg.data.length);
  return {
    data: dg.data.slice(0, n),
    name: mkaddr(sk, dg.saddr, dg.sport),
    rights: null,
    creds: null,
    flags: dg.data.length > size ? MSG_TRUNC : 0,
    length: dg.data.length,
  };
}

export function udp_poll(sock: Socket, _t: Task, pt: PollTable | null): number {
  const sk = skOf(sock);
  poll_wait(pt, sk.wq);
  let mask = 0;
  if (sk.err) mask |= POLLERR;
  if (sk.shutdown & RCV_SHUTDOWN) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
  if (sk.shutdown === 3) mask |= POLLHUP;
  if (sk.dgrams.length) mask |= POLLIN | POLLRDNORM;
  mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
  return mask;
}

export function udp_shutdown(sock: Socket, how: number): number {
  const sk = skOf(sock);
  if (how < 0 || how > 2) return -EINVAL;
  sk.shutdown |= how + 1;
  sk.wq.wakeAll();
  // An unconnected socket still takes the bits (so poll reports them), but says ENOTCONN.
  return sk.state === TCP_ESTABLISHED ? 0 : -ENOTCONN;
}

export function udp_inq(sock: Socket): number {
  return skOf(sock).dgrams[0]?.data.length ?? 0;
}

export function udp_close(sock: Socket): void {
  const sk = skOf(sock);
  inet_put_port(sk.inet, sk);
  sk.dgrams.length = 0;
  sk.rmem = 0;
  sk.sock = null;
  sk.inet.all.delete(sk);
}
