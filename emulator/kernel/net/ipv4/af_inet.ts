// The internet address families (net/ipv4/af_inet.c, net/ipv6/af_inet6.c): socket(AF_INET or
// AF_INET6, …) makes a TCP (SOCK_STREAM) or UDP (SOCK_DGRAM) socket whose proto_ops are the
// inet_stream_ops / inet_dgram_ops below; bind, getsockname and the IP-level options are shared,
// the rest goes to tcp.ts or udp.ts. The two families differ only in their sockaddr (sockaddr_in,
// 16 bytes; sockaddr_in6, 28 bytes), in which addresses they accept, and in IPV6_V6ONLY.
//
// inet_init (below) registers IPv4 and IPv6 with the device layer and the transports with IP.

import {
  EADDRNOTAVAIL, EAFNOSUPPORT, EFAULT, EINVAL, ENETUNREACH, ENOPROTOOPT, ENOTCONN, EOPNOTSUPP, EPROTONOSUPPORT,
  ESOCKTNOSUPPORT,
} from '../../../uapi/errno';
import {
  IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_TCP, IPPROTO_UDP, IPV6_RECVERR, IPV6_TCLASS, IPV6_UNICAST_HOPS,
  IPV6_V6ONLY, IP_MTU, IP_MTU_DISCOVER, IP_RECVERR, IP_TOS, IP_TTL, SOL_IP, SOL_IPV6, SOL_TCP, SOL_UDP,
} from '../../../uapi/in';
import { ETH_P_IP, ETH_P_IPV6, IPDEFTTL } from '../../../uapi/ip';
import { AF_INET, AF_INET6, AF_UNSPEC, SOCK_DGRAM, SOCK_STREAM } from '../../../uapi/socket';
import { TCP_CLOSE, TCP_ESTABLISHED, TCP_INFO, TCP_LISTEN, TCP_MAXSEG, TCP_NODELAY, TCP_SYN_SENT } from '../../../uapi/tcp';
import type { Kernel } from '../../kernel';
import { copy_from_user, copy_to_user, get_user_i32, put_user_i32 } from '../../mm/uaccess';
import type { Task } from '../../sched/task';
import { dev_add_pack } from '../core/dev';
import { sock_alloc, type NetProtoFamily, type ProtoOps, type Socket } from '../socket';
import { ipv6_chk_addr } from '../ipv6/addrconf';
import { ipv6_rcv } from '../ipv6/ip6_input';
import { inet_addr_local } from './devinet';
import { icmp_rcv } from './icmp';
import { inet_csk_get_port } from './inet_hashtables';
import {
  inet_addr_is_any, inet_net, InetSock, ipv6_addr_set_v4mapped, ipv6_addr_v4mapped, v4_of,
} from './inet_sock';
import { ip_rcv } from './ip_input';
import { inet6_add_protocol, inet_add_protocol } from './protocol';
import { inet_accept, inet_listen, inet_shutdown, inet_stream_connect, tcp_close, tcp_inq, tcp_poll, tcp_recvmsg, tcp_sendmsg } from './tcp';
import { tcp_v4_rcv } from './tcp_input';
import { tcp_info } from './tcp_info';
import { udp_close, udp_connect, udp_inq, udp_poll, udp_rcv, udp_recvmsg, udp_sendmsg, udp_shutdown } from './udp';

const skOf = (sock: Socket): InetSock => sock.sk as InetSock;

// ---- socket addresses --------------------------------------------------------------------------

/** A sockaddr_in or sockaddr_in6 as the socket's family writes it. */
export function inet_make_sockaddr(family: number, addr: Uint8Array, port: number): Uint8Array {
  if (family === AF_INET) {
    const b = new Uint8Array(16);
    b[0] = AF_INET;
    b[2] = port >>> 8;
    b[3] = port & 0xff;
    b.set(addr.subarray(12), 4);
    return b;
  }
  const b = new Uint8Array(28);
  b[0] = AF_INET6;
  b[2] = port >>> 8;
  b[3] = port & 0xff;
  b.set(addr, 8);
  return b;
}

/**
 * The address and port in a user's sockaddr for a socket of `family` (16-byte address form), or
 * -errno: too short (EINVAL), the wrong family (EAFNOSUPPORT; IPv4 lets AF_UNSPEC through as
 * Linux's compatibility rule does).
 */
export function inet_parse_sockaddr(family: number, a: Uint8Array): { addr: Uint8Array; port: number } | number {
  const fam = a.length >= 2 ? a[0]! | (a[1]! << 8) : -1;
  const port = a.length >= 4 ? (a[2]! << 8) | a[3]! : 0;
  if (family === AF_INET) {
    if (a.length < 16) return -EINVAL;
    if (fam !== AF_INET && fam !== AF_UNSPEC) return -EAFNOSUPPORT;
    const v4 = ((a[4]! << 24) | (a[5]! << 16) | (a[6]! << 8) | a[7]!) >>> 0;
    return { addr: ipv6_addr_set_v4mapped(v4), port };
  }
  // SIN6_LEN_RFC2133: the 24-byte sockaddr_in6 without the scope id is accepted.
  if (a.length < 24) return -EINVAL;
  if (fam !== AF_INET6) return -EAFNOSUPPORT;
  return { addr: a.slice(8, 24), port };
}

const parser = (sk: InetSock) => (a: Uint8Array) => {
  const r = inet_parse_sockaddr(sk.family, a);
  // A v6-only socket cannot reach IPv4 (ENETUNREACH from the route lookup in Linux).
  if (typeof r !== 'number' && sk.v6only && ipv6_addr_v4mapped(r.addr)) return -ENETUNREACH;
  return r;
};

// ---- bind and getname --------------------------------------------------------------------------

/** inet_bind / inet6_bind. */
export function inet_bind(sock: Socket, t: Task, uaddr: Uint8Array): number {
  const sk = skOf(sock);
  const inet = sk.inet;
  if (sk.family === AF_INET) {
    if (uaddr.length < 16) return -EINVAL;
    const fam = uaddr[0]! | (uaddr[1]! << 8);
    const v4 = ((uaddr[4]! << 24) | (uaddr[5]! << 16) | (uaddr[6]! << 8) | uaddr[7]!) >>> 0;
    // Compatibility: AF_UNSPEC is taken for AF_INET only with INADDR_ANY.
    if (fam !== AF_INET && !(fam === AF_UNSPEC && v4 === 0)) return -EAFNOSUPPORT;
  } else {
    if (uaddr.length < 24) return -EINVAL;
    if ((uaddr[0]! | (uaddr[1]! << 8)) !== AF_INET6) return -EAFNOSUPPORT;
  }
  const a = inet_parse_sockaddr(sk.family, uaddr) as { addr: Uint8Array; port: number };
  const mapped = ipv6_addr_v4mapped(a.addr);
  if (sk.family === AF_INET6 && mapped && sk.v6only) return -EINVAL;
  if (!inet_addr_is_any(a.addr) || (sk.family === AF_INET6 && mapped)) {
    const local = mapped ? v4_of(a.addr) === 0 || inet_addr_local(inet.net, v4_of(a.addr)) : ipv6_chk_addr(inet.net, a.addr);
    if (!local) return -EADDRNOTAVAIL;
  }
  if (sk.bound || sk.state !== TCP_CLOSE) return -EINVAL;
  const saved = sk.saddr;
  sk.saddr = a.addr;
  sk.reuse = sock.reuseaddr;
  const r = inet_csk_get_port(inet, t, sk, a.port);
  if (r < 0) {
    sk.saddr = saved;
    return r;
  }
  sk.userBoundAddr = !inet_addr_is_any(a.addr);
  sk.userBoundPort = a.port !== 0;
  inet.all.add(sk);
  return 0;
}

/** inet_getname / inet6_getname. */
export function inet_getname(sock: Socket, peer: boolean): Uint8Array | number {
  const sk = skOf(sock);
  if (peer) {
    if (!sk.dport || ((sk.state === TCP_CLOSE || sk.state === TCP_SYN_SENT) && sock.type === SOCK_STREAM) || sk.state === TCP_CLOSE) {
      return -ENOTCONN;
    }
    return inet_make_sockaddr(sk.family, sk.daddr, sk.dport);
  }
  return inet_make_sockaddr(sk.family, sk.saddr, sk.sport);
}

// ---- options -----------------------------------------------------------------------------------

function put_int(t: Task, optval: number, optlen: number, v: number): number {
  const len = get_user_i32(t, optlen);
  if (Number.isNaN(len)) return -EFAULT;
  if (len < 0) return -EINVAL;
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, v, true);
  const n = Math.min(len, 4);
  if (n && copy_to_user(t, optval, b.subarray(0, n)) < 0) return -EFAULT;
  return put_user_i32(t, optlen, n) < 0 ? -EFAULT : 0;
}

function inet_setsockopt(sock: Socket, t: Task, level: number, optname: number, optval: number, optlen: number): number {
  const sk = skOf(sock);
  if (level === SOL_IP) {
    // do_ip_setsockopt: an int, or the one byte there is; no bytes read as 0.
    let v = 0;
    if (optlen >= 4) v = get_user_i32(t, optval);
    else if (optlen >= 1) {
      const b = copy_from_user(t, optval, 1);
      v = typeof b === 'number' ? Number.NaN : b[0]!;
    }
    if (Number.isNaN(v)) return -EFAULT;
    switch (optname) {
      case IP_TTL:
        if (optlen < 1) return -EINVAL;
        if (v !== -1 && (v < 1 || v > 255)) return -EINVAL;
        sk.ttl = v;
        return 0;
      case IP_TOS: sk.tos = v & 0xff; return 0;
      case IP_RECVERR: sk.recverr = v !== 0; return 0;
      case IP_MTU_DISCOVER: return v < 0 || v > 5 ? -EINVAL : 0;
      default: return -ENOPROTOOPT;
    }
  }
  if (!(level === SOL_IPV6 && sk.family === AF_INET6) && !(level === SOL_TCP && sock.type === SOCK_STREAM)) return -ENOPROTOOPT;
  if (optlen < 4) return -EINVAL;
  const v = get_user_i32(t, optval);
  if (Number.isNaN(v)) return -EFAULT;
  if (level === SOL_IPV6) {
    switch (optname) {
      case IPV6_V6ONLY:
        // Only before the socket has an address.
        if (sk.bound) return -EINVAL;
        sk.v6only = v !== 0;
        return 0;
      case IPV6_UNICAST_HOPS:
        if (v < -1 || v > 255) return -EINVAL;
        sk.ttl = v;
        return 0;
      case IPV6_RECVERR: sk.recverr = v !== 0; return 0;
      case IPV6_TCLASS: sk.tos = v & 0xff; return 0;
      default: return -ENOPROTOOPT;
    }
  }
  if (level === SOL_TCP && sock.type === SOCK_STREAM) {
    switch (optname) {
      case TCP_NODELAY: sk.nodelay = v !== 0; return 0;
      case TCP_MAXSEG:
        if (v && (v < 88 || v > 32767)) return -EINVAL;
        sk.user_mss = v;
        return 0;
      default: return -ENOPROTOOPT;
    }
  }
  return -ENOPROTOOPT;
}

function inet_getsockopt(sock: Socket, t: Task, level: number, optname: number, optval: number, optlen: number): number {
  const sk = skOf(sock);
  const stream = sock.type === SOCK_STREAM;
  // A level the socket has (do_ip_getsockopt, ipv6_getsockopt, do_tcp_getsockopt,
  // udp_lib_getsockopt) reads the length before it looks at the option: a fault is EFAULT and a
  // negative length EINVAL, whatever the option.
  if (level === SOL_IP || (level === SOL_IPV6 && sk.family === AF_INET6) || (level === SOL_TCP && stream) || (level === SOL_UDP && !stream)) {
    const len = get_user_i32(t, optlen);
    if (Number.isNaN(len)) return -EFAULT;
    if (len < 0) return -EINVAL;
  }
  if (level === SOL_IP) {
    switch (optname) {
      case IP_TTL: return put_int(t, optval, optlen, sk.ttl >= 0 ? sk.ttl : IPDEFTTL);
      case IP_TOS: return put_int(t, optval, optlen, sk.tos);
      case IP_RECVERR: return put_int(t, optval, optlen, sk.recverr ? 1 : 0);
      case IP_MTU_DISCOVER: return put_int(t, optval, optlen, 1);
      case IP_MTU:
        if (sk.state !== TCP_ESTABLISHED && !(sock.type === SOCK_STREAM && sk.state !== TCP_CLOSE && sk.state !== TCP_LISTEN)) return -ENOTCONN;
        return put_int(t, optval, optlen, 65536);
      default: return -ENOPROTOOPT;
    }
  }
  if (level === SOL_IPV6) {
    if (sk.family !== AF_INET6) return -EOPNOTSUPP;
    switch (optname) {
      case IPV6_V6ONLY: return put_int(t, optval, optlen, sk.v6only ? 1 : 0);
      case IPV6_UNICAST_HOPS: return put_int(t, optval, optlen, sk.ttl >= 0 ? sk.ttl : IPDEFTTL);
      case IPV6_RECVERR: return put_int(t, optval, optlen, sk.recverr ? 1 : 0);
      case IPV6_TCLASS: return put_int(t, optval, optlen, sk.tos);
      default: return -ENOPROTOOPT;
    }
  }
  if (level === SOL_TCP && sock.type === SOCK_STREAM) {
    switch (optname) {
      case TCP_NODELAY: return put_int(t, optval, optlen, sk.nodelay ? 1 : 0);
      // Before the connection: the MSS the user asked for, or the default 536.
      case TCP_MAXSEG:
        return put_int(t, optval, optlen, sk.state === TCP_ESTABLISHED || sk.state === TCP_LISTEN ? sk.mss_cache : sk.user_mss || 536);
      case TCP_INFO: {
        const len = get_user_i32(t, optlen);
        if (Number.isNaN(len)) return -EFAULT;
        if (len < 0) return -EINVAL;
        const info = tcp_info(sk);
        const n = Math.min(len, info.length);
        if (n && copy_to_user(t, optval, info.subarray(0, n)) < 0) return -EFAULT;
        return put_user_i32(t, optlen, n) < 0 ? -EFAULT : 0;
      }
      default: return -ENOPROTOOPT;
    }
  }
  // UDP_CORK, UDP_SEGMENT … are not kept.
  if (level === SOL_UDP && !stream) return -ENOPROTOOPT;
  // Another level: ip_getsockopt says EOPNOTSUPP; ipv6_getsockopt, for an AF_INET6 socket, ENOPROTOOPT.
  return sk.family === AF_INET6 ? -ENOPROTOOPT : -EOPNOTSUPP;
}

// ---- the operations ----------------------------------------------------------------------------

function inet_release(sock: Socket, t: Task): void {
  if (sock.type === SOCK_STREAM) tcp_close(sock, t);
  else udp_close(sock);
}

function make_ops(family: number, type: number): ProtoOps {
  const stream = type === SOCK_STREAM;
  return {
    family,
    release: inet_release,
    bind: inet_bind,
    connect: (sock, t, addr, nonblock) => {
      skOf(sock).inet.current = t;
      return stream ? inet_stream_connect(sock, t, addr, nonblock, parser(skOf(sock))) : udp_connect(sock, t, addr, parser(skOf(sock)));
    },
    listen: (sock, t, backlog) => (stream ? inet_listen(sock, t, backlog) : -EOPNOTSUPP),
    accept: (sock, t, newsock, nonblock) => (stream ? inet_accept(sock, t, newsock, nonblock) : -EOPNOTSUPP),
    getname: inet_getname,
    poll: stream ? tcp_poll : udp_poll,
    sendmsg: stream ? tcp_sendmsg : (sock, t, msg, flags) => udp_sendmsg(sock, t, msg, flags, parser(skOf(sock))),
    recvmsg: stream
      ? tcp_recvmsg
      : (sock, t, size, flags) => udp_recvmsg(sock, t, size, flags, (sk, a, p) => inet_make_sockaddr(sk.family, a, p)),
    shutdown: stream ? inet_shutdown : (sock, _t, how) => udp_shutdown(sock, how),
    inq: stream ? tcp_inq : udp_inq,
    peercred: () => null,
    setsockopt: inet_setsockopt,
    getsockopt: inet_getsockopt,
  };
}

const OPS = new Map<string, ProtoOps>();
function ops_for(family: number, type: number): ProtoOps {
  const key = `${family}/${type}`;
  let o = OPS.get(key);
  if (!o) OPS.set(key, (o = make_ops(family, type)));
  return o;
}

/** inet_create / inet6_create: SOCK_STREAM is TCP, SOCK_DGRAM is UDP; nothing else here (no raw sockets). */
export function inet_create(family: number, t: Task, type: number, protocol: number): Socket | number {
  let proto: number;
  if (type === SOCK_STREAM) {
    if (protocol !== 0 && protocol !== IPPROTO_TCP) return -EPROTONOSUPPORT;
    proto = IPPROTO_TCP;
  } else if (type === SOCK_DGRAM) {
    if (protocol !== 0 && protocol !== IPPROTO_UDP) return -EPROTONOSUPPORT;
    proto = IPPROTO_UDP;
  } else return -ESOCKTNOSUPPORT;
  const sock = sock_alloc(t, family, type, proto, ops_for(family, type));
  // tcp_rmem / tcp_wmem defaults (131072 and 16384); UDP gets the core defaults.
  if (proto === IPPROTO_TCP) {
    sock.rcvbuf = 131072;
    sock.sndbuf = 16384;
  }
  const sk = new InetSock(inet_net(t.kernel), family, proto, sock, t.cred.euid);
  sock.sk = sk;
  return sock;
}

export const inet_family_ops: NetProtoFamily = {
  family: AF_INET,
  create: (t, type, protocol) => inet_create(AF_INET, t, type, protocol),
};

/** inet_init / inet6_init: IP and IPv6 receive from the devices; TCP, UDP, ICMP receive from IP. */
export function inet_init(kernel: Kernel): void {
  const inet = inet_net(kernel);
  inet_add_protocol(IPPROTO_TCP, tcp_v4_rcv);
  inet_add_protocol(IPPROTO_UDP, udp_rcv);
  inet_add_protocol(IPPROTO_ICMP, icmp_rcv);
  inet6_add_protocol(IPPROTO_TCP, tcp_v4_rcv);
  inet6_add_protocol(IPPROTO_UDP, udp_rcv);
  inet6_add_protocol(IPPROTO_ICMPV6, icmp_rcv);
  dev_add_pack(inet.net, ETH_P_IP, (skb) => ip_rcv(inet, skb));
  dev_add_pack(inet.net, ETH_P_IPV6, (skb) => ipv6_rcv(inet, skb));
}
