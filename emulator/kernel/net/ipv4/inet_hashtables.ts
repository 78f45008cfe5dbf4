// Who owns which port (net/ipv4/inet_hashtables.c, inet_connection_sock.c): the bind table that
// bind(2) and connect(2) take local ports from, the established table that finds a connection by
// its four addresses, and the listeners a SYN goes to. UDP keeps the same bind table and finds its
// receiver in it (udp.c's __udp4_lib_lookup).

import { EACCES, EADDRINUSE, EADDRNOTAVAIL } from '../../../uapi/errno';
import { AF_INET } from '../../../uapi/socket';
import { TCP_LISTEN } from '../../../uapi/tcp';
import type { Task } from '../../sched/task';
import { sysctl_vars } from '../../sysctl_tables';
import {
  addr_equal, akey, inet_addr_is_any, ipv6_addr_any, ipv6_addr_v4mapped, type InetNet, type InetSock, type ProtoTable,
} from './inet_sock';

/** net.ipv4.ip_unprivileged_port_start: below it, bind needs CAP_NET_BIND_SERVICE. */
const PROT_SOCK = 1024;

/**
 * inet_rcv_saddr_equal (with ipv6_rcv_saddr_equal's wildcard rules): would two sockets bound to the
 * same port receive the same packets? A wildcard overlaps everything of its family; a dual-stack
 * IPv6 wildcard (:: without IPV6_V6ONLY) overlaps IPv4 too; a v6-only socket never meets IPv4.
 */
export function inet_rcv_saddr_equal(a: InetSock, b: InetSock): boolean {
  const a4 = ipv6_addr_v4mapped(a.saddr), b4 = ipv6_addr_v4mapped(b.saddr);
  const aAny = ipv6_addr_any(a.saddr), bAny = ipv6_addr_any(b.saddr);
  // What each receives: IPv4 (a v4 or mapped address, or the dual-stack ::), IPv6 (v6 addresses and ::).
  const a4ok = a4 || (aAny && !a.v6only), b4ok = b4 || (bAny && !b.v6only);
  const a6ok = !a4, b6ok = !b4;
  if (a4ok && b4ok) {
    const aw = aAny || (a4 && inet_addr_is_any(a.saddr)), bw = bAny || (b4 && inet_addr_is_any(b.saddr));
    if (aw || bw || addr_equal(a.saddr, b.saddr)) return true;
  }
  if (a6ok && b6ok) return aAny || bAny || addr_equal(a.saddr, b.saddr);
  return false;
}

/** inet_csk_bind_conflict: another socket on `port` would share our packets, and SO_REUSEADDR does not allow it. */
function bind_conflict(tbl: ProtoTable, sk: InetSock, port: number, udp: boolean): boolean {
  const set = tbl.bhash.get(port);
  if (!set) return false;
  for (const o of set) {
    if (o === sk) continue;
    // SO_REUSEADDR on both: TCP allows it unless the other listens; UDP always.
    if (sk.reuse && o.reuse && (udp || o.state !== TCP_LISTEN)) continue;
    if (inet_rcv_saddr_equal(sk, o)) return true;
  }
  return false;
}

function hash_port(tbl: ProtoTable, sk: InetSock, port: number): void {
  let set = tbl.bhash.get(port);
  if (!set) tbl.bhash.set(port, (set = new Set()));
  set.add(sk);
  sk.sport = port;
  sk.bound = true;
}

/**
 * inet_csk_get_port / udp_lib_get_port: take `port` for `sk`, or with port 0 an ephemeral one from
 * net.ipv4.ip_local_port_range. Linux starts at a random place and, since 4.6, bind() prefers odd
 * ports, leaving the even ones to connect() (inet_csk_find_open_port).
 */
export function inet_csk_get_port(inet: InetNet, t: Task | null, sk: InetSock, port: number): number {
  const tbl = inet.table(sk.protocol);
  const udp = sk.protocol === 17;
  if (port !== 0) {
    if (port < PROT_SOCK && t && !t.cred.capable()) return -EACCES;
    if (bind_conflict(tbl, sk, port, udp)) return -EADDRINUSE;
    hash_port(tbl, sk, port);
    return 0;
  }
  const p = pick_port(inet, 1, (cand) => !bind_conflict(tbl, sk, cand, udp) && !(tbl.bhash.get(cand)?.size));
  if (p < 0) return p;
  hash_port(tbl, sk, p);
  return 0;
}

/** A port in the local range of the given parity (then the other), accepted by `ok`, from a random start. */
function pick_port(inet: InetNet, parity: number, ok: (port: number) => boolean): number {
  const [low, high] = sysctl_vars(inet.kernel).ip_local_port_range as [number, number];
  const remaining = high - low + 1;
  const offset = inet.kernel.random.nextU32() % remaining;
  for (const want of [parity, parity ^ 1]) {
    for (let i = 0; i < remaining; i++) {
      const port = low + ((offset + i) % remaining);
      if ((port & 1) !== want) continue;
      if (ok(port)) return port;
    }
  }
  return -EADDRNOTAVAIL;
}

/** The established-table key of a connection seen from its local end. */
export const ehash_key = (laddr: Uint8Array, lport: number, raddr: Uint8Array, rport: number): string =>
  `${akey(laddr)}${lport}|${akey(raddr)}${rport}`;

/**
 * inet_hash_connect: a local port for a connecting socket that has none (even ports first).
 * Simplified: a port is used only if no socket holds it at all (Linux also shares a connect()
 * port between connections to different destinations).
 */
export function inet_hash_connect(inet: InetNet, sk: InetSock): number {
  const tbl = inet.table(sk.protocol);
  if (!sk.bound) {
    const p = pick_port(inet, 0, (cand) => !tbl.bhash.get(cand)?.size);
    if (p < 0) return p;
    hash_port(tbl, sk, p);
  }
  return 0;
}

/** __inet_hash_nolisten: enter a connection in the established table (false: the four-tuple is taken). */
export function inet_ehash_insert(inet: InetNet, sk: InetSock): boolean {
  const tbl = inet.table(sk.protocol);
  const key = ehash_key(sk.saddr, sk.sport, sk.daddr, sk.dport);
  if (tbl.ehash.has(key)) return false;
  tbl.ehash.set(key, sk);
  sk.hashed = true;
  return true;
}

export function inet_unhash(inet: InetNet, sk: InetSock): void {
  const tbl = inet.table(sk.protocol);
  if (sk.hashed) {
    const key = ehash_key(sk.saddr, sk.sport, sk.daddr, sk.dport);
    if (tbl.ehash.get(key) === sk) tbl.ehash.delete(key);
    sk.hashed = false;
  }
  const l = tbl.lhash.get(sk.sport);
  if (l?.delete(sk) && !l.size) tbl.lhash.delete(sk.sport);
}

/** inet_put_port: give the local port back. */
export function inet_put_port(inet: InetNet, sk: InetSock): void {
  if (!sk.bound) return;
  const tbl = inet.table(sk.protocol);
  const set = tbl.bhash.get(sk.sport);
  if (set?.delete(sk) && !set.size) tbl.bhash.delete(sk.sport);
  sk.bound = false;
  sk.sport = 0;
}

export function inet_hash_listen(inet: InetNet, sk: InetSock): void {
  const tbl = inet.table(sk.protocol);
  let set = tbl.lhash.get(sk.sport);
  if (!set) tbl.lhash.set(sk.sport, (set = new Set()));
  set.add(sk);
}

/**
 * How well a socket bound to a port matches a packet's destination (compute_score): -1 for not at
 * all; an exact address beats a wildcard, and for IPv4 an AF_INET socket beats a dual-stack one.
 */
export function inet_match_score(sk: InetSock, daddr: Uint8Array): number {
  const v4 = ipv6_addr_v4mapped(daddr);
  if (v4) {
    if (sk.family === AF_INET || ipv6_addr_v4mapped(sk.saddr)) {
      if (inet_addr_is_any(sk.saddr)) return sk.family === AF_INET ? 2 : 1;
      return addr_equal(sk.saddr, daddr) ? 4 : -1;
    }
    return ipv6_addr_any(sk.saddr) && !sk.v6only ? 1 : -1;
  }
  if (sk.family === AF_INET || ipv6_addr_v4mapped(sk.saddr)) return -1;
  if (ipv6_addr_any(sk.saddr)) return 2;
  return addr_equal(sk.saddr, daddr) ? 4 : -1;
}

/** __inet_lookup: the connection for a segment, else the best listener on its port. */
export function inet_lookup(inet: InetNet, saddr: Uint8Array, sport: number, daddr: Uint8Array, dport: number): InetSock | null {
  const tbl = inet.tcp;
  const est = tbl.ehash.get(ehash_key(daddr, dport, saddr, sport));
  if (est) return est;
  let best: InetSock | null = null, bestScore = -1;
  for (const sk of tbl.lhash.get(dport) ?? []) {
    const s = inet_match_score(sk, daddr);
    if (s > bestScore) {
      best = sk;
      bestScore = s;
    }
  }
  return best;
}
