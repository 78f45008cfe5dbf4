// struct inet_sock / tcp_sock / udp_sock in one: what an AF_INET or AF_INET6 socket of either
// transport remembers — its addresses and ports, its state, its queues — and the per-network
// state both transports share (the hash tables, the MIB counters).
//
// Addresses are kept as IPv6 addresses (16 bytes, network order) for both families, an IPv4
// address as the v4-mapped ::ffff:a.b.c.d — the way Linux's ipv6 code keeps sk_v6_rcv_saddr
// beside inet_rcv_saddr so that one dual-stack socket can talk both protocols.

import { AF_INET } from '../../../uapi/socket';
import { TCP_CLOSE } from '../../../uapi/tcp';
import type { Kernel } from '../../kernel';
import type { Task } from '../../sched/task';
import type { Timer } from '../../sched/clock';
import { WaitQueue } from '../../sched/waitqueue';
import { sleepOn, sleepUntil } from '../../sched/wait';
import { EAGAIN } from '../../../uapi/errno';
import type { Socket } from '../socket';
import { init_net, type Net } from '../core/net_namespace';
import { new_mib, type Mib } from './mib';

/** sk_shutdown bits. */
export const RCV_SHUTDOWN = 1, SEND_SHUTDOWN = 2, SHUTDOWN_MASK = 3;

// ---- addresses ---------------------------------------------------------------------------------

export const IN6ADDR_ANY = new Uint8Array(16);

/** ::ffff:a.b.c.d for an IPv4 address (host-order number). */
export function ipv6_addr_set_v4mapped(v4: number): Uint8Array {
  const a = new Uint8Array(16);
  a[10] = a[11] = 0xff;
  a[12] = v4 >>> 24;
  a[13] = (v4 >>> 16) & 0xff;
  a[14] = (v4 >>> 8) & 0xff;
  a[15] = v4 & 0xff;
  return a;
}

export function ipv6_addr_v4mapped(a: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (a[i] !== 0) return false;
  return a[10] === 0xff && a[11] === 0xff;
}

/** The IPv4 address inside a v4-mapped address (host order). */
export const v4_of = (a: Uint8Array): number => ((a[12]! << 24) | (a[13]! << 16) | (a[14]! << 8) | a[15]!) >>> 0;

export function ipv6_addr_any(a: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== 0) return false;
  return true;
}

/** The wildcard of either family: :: or ::ffff:0.0.0.0. */
export const inet_addr_is_any = (a: Uint8Array): boolean => ipv6_addr_any(a) || (ipv6_addr_v4mapped(a) && v4_of(a) === 0);

export function addr_equal(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A map key for an address. */
export const akey = (a: Uint8Array): string => String.fromCharCode.apply(null, a as unknown as number[]);

// ---- sockets -----------------------------------------------------------------------------------

/** A byte queue of chunks (the receive queue, or the write queue from snd_una on). */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Bytes of chunks[0] already consumed. */
  private head = 0;
  length = 0;

  push(b: Uint8Array): void {
    if (!b.length) return;
    this.chunks.push(b);
    this.length += b.length;
  }

  /** Copy `n` bytes starting `off` bytes in, without consuming. */
  peek(off: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    let k = 0, skip = off + this.head, o = 0;
    while (skip > 0 && k < this.chunks.length && skip >= this.chunks[k]!.length) skip -= this.chunks[k++]!.length;
    while (o < n && k < this.chunks.length) {
      const c = this.chunks[k++]!;
      const take = Math.min(c.length - skip, n - o);
      out.set(take === c.length ? c : c.subarray(skip, skip + take), o);
      o += take;
      skip = 0;
    }
    return out;
  }

  /** Drop `n` bytes from the front. */
  drop(n: number): void {
    n = Math.min(n, this.length);
    this.length -= n;
    while (n > 0) {
      const c = this.chunks[0]!;
      const left = c.length - this.head;
      if (n < left) {
        this.head += n;
        return;
      }
      n -= left;
      this.chunks.shift();
      this.head = 0;
    }
  }

  /** Take up to `n` bytes from the front. */
  take(n: number): Uint8Array {
    n = Math.min(n, this.length);
    // The common case — one whole chunk read by a big enough buffer — needs no copy.
    const c = this.chunks[0];
    if (c && this.head === 0 && c.length === n) {
      this.chunks.shift();
      this.length -= n;
      return c;
    }
    const out = this.peek(0, n);
    this.drop(n);
    return out;
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.length = 0;
  }
}

/** One received datagram (UDP). */
export interface Datagram {
  data: Uint8Array;
  /** The sender: address (16 bytes) and port. */
  saddr: Uint8Array;
  sport: number;
}

let nextSkId = 1;

export class InetSock {
  /** A number for %pK and for telling sockets apart. */
  readonly id = nextSkId++;
  /** AF_INET or AF_INET6: the family of the socket (an accepted child has its listener's). */
  readonly family: number;
  readonly protocol: number;
  /** inet_rcv_saddr (the bound or chosen local address) and inet_num/sport. */
  saddr: Uint8Array = new Uint8Array(16);
  sport = 0;
  /** The peer (inet_daddr, inet_dport): the remote end of a TCP connection, a UDP default destination. */
  daddr: Uint8Array = new Uint8Array(16);
  dport = 0;
  /** The local port was set by bind(2) (SOCK_BINDPORT_LOCK): it stays after the connection ends. */
  userBoundPort = false;
  /** The local address was set by bind(2) (SOCK_BINDADDR_LOCK). */
  userBoundAddr = false;
  /** SO_REUSEADDR as it was when the port was taken (a child inherits its listener's). */
  reuse = false;
  /** IPV6_V6ONLY. */
  v6only = false;
  /** IP_TTL / IPV6_UNICAST_HOPS (-1: the default), IP_TOS. */
  ttl = -1;
  tos = 0;
  /** IP_RECVERR: report ICMP errors on unconnected sockets too (simplified: no error queue). */
  recverr = false;
  /** TCP state (TCP_CLOSE for a new socket); UDP uses TCP_ESTABLISHED for a connected socket, as Linux does. */
  state = TCP_CLOSE;
  shutdown = 0;
  /** sk_err, for a socket that has no struct socket yet (an embryo); else kept in sock.err. */
  private errNoSock = 0;
  /** The owner: the struct socket, or null for a connection not yet accepted or one the process closed (an orphan). */
  sock: Socket | null;
  /** The uid of the creator, for /proc/net/tcp. */
  uid: number;
  readonly wq = new WaitQueue();

  // ---- TCP ----
  iss = 0;
  snd_una = 0;
  snd_nxt = 0;
  /** The peer's window, in bytes (already scaled). */
  snd_wnd = 0;
  /** The peer's window scale and ours. */
  snd_wscale = 0;
  rcv_wscale = 0;
  /** The most we send in one segment (the peer's MSS, or TCP_MAXSEG). */
  mss_cache = 536;
  /** A TCP_MAXSEG the user set (0: none). */
  user_mss = 0;
  irs = 0;
  rcv_nxt = 0;
  /** The right edge of the window we last advertised (rcv_wup + rcv_wnd). */
  rcv_wnd_edge = 0;
  /** Bytes written and not yet acknowledged: the write queue from snd_una on. */
  readonly writeq = new ByteQueue();
  /** The FIN is queued behind the data (tcp_send_fin ran), and whether it has been sent. */
  fin_queued = false;
  fin_sent = false;
  /** The peer's FIN has arrived (SOCK_DONE). */
  done = false;
  readonly rcvq = new ByteQueue();
  /** TCP_NODELAY (no effect on send timing here: nothing waits for Nagle on lo). */
  nodelay = false;
  /** Listening: the accept queue, the backlog, connections still in the handshake. */
  readonly acceptq: InetSock[] = [];
  backlog = 0;
  synq = 0;
  /** The listener a connection came from (until it is accepted). */
  parent: InetSock | null = null;
  /** The pending timer: SYN/SYN-ACK retransmission, TIME_WAIT, FIN_WAIT2. */
  timer: Timer | null = null;
  /** What the timer is, for /proc/net/tcp's `tr` column (1 retransmit, 3 TIME_WAIT). */
  timerKind = 0;
  retransmits = 0;
  /** Hashed in the established table. */
  hashed = false;
  /** The socket still holds its port in the bind table. */
  bound = false;

  // ---- UDP ----
  readonly dgrams: Datagram[] = [];
  /** Bytes queued in `dgrams` (charged against SO_RCVBUF). */
  rmem = 0;
  drops = 0;

  constructor(
    readonly inet: InetNet,
    family: number,
    protocol: number,
    sock: Socket | null,
    uid: number,
  ) {
    this.family = family;
    this.protocol = protocol;
    this.sock = sock;
    this.uid = uid;
    if (family === AF_INET) {
      this.saddr = ipv6_addr_set_v4mapped(0);
      this.daddr = ipv6_addr_set_v4mapped(0);
    }
  }

  get ino(): number {
    return this.sock?.inode.ino ?? 0;
  }

  get err(): number {
    return this.sock ? this.sock.err : this.errNoSock;
  }

  set err(e: number) {
    if (this.sock) this.sock.err = e;
    else this.errNoSock = e;
  }

  /** sock_error: take the pending error (as a negative errno), or 0. */
  sock_error(): number {
    const e = this.err;
    if (e) this.err = 0;
    return -e;
  }

  /** The receive buffer (SO_RCVBUF) and send buffer; an embryo has its listener's. */
  get rcvbuf(): number {
    return this.sock?.rcvbuf ?? this.parent?.rcvbuf ?? 131072;
  }

  get sndbuf(): number {
    return this.sock?.sndbuf ?? this.parent?.sndbuf ?? 16384;
  }
}

/** One transport's tables (inet_hashinfo / udp_table). */
export class ProtoTable {
  /** The bind table: every socket holding a local port (listeners, connections, TIME_WAIT, bound UDP). */
  readonly bhash = new Map<number, Set<InetSock>>();
  /** Connections by their four-tuple (ehash), SYN_RECV to TIME_WAIT. */
  readonly ehash = new Map<string, InetSock>();
  /** Listening sockets by port (listening_hash). */
  readonly lhash = new Map<number, Set<InetSock>>();
}

/** Per-network state of the internet protocols. */
export class InetNet {
  readonly tcp = new ProtoTable();
  readonly udp = new ProtoTable();
  /** Every inet socket of the machine, for /proc/net/sockstat and the UI. */
  readonly all = new Set<InetSock>();
  readonly mib: Mib = new_mib();
  /** The IPv4 identification counter. */
  ip_id = 0;
  /** The key %pK hashes socket numbers with, chosen at boot. */
  readonly ptr_key: number;
  /** The task on whose behalf the stack is running now (Linux's `current`), or null in a timer. */
  current: Task | null = null;

  constructor(
    readonly kernel: Kernel,
    readonly net: Net,
  ) {
    this.ip_id = kernel.random.nextU32() & 0xffff;
    this.ptr_key = kernel.random.nextU32();
  }

  table(protocol: number): ProtoTable {
    return protocol === 17 ? this.udp : this.tcp;
  }
}

const nets = new WeakMap<Net, InetNet>();

export function inet_net(kernel: Kernel): InetNet {
  const net = init_net(kernel);
  let n = nets.get(net);
  if (!n) nets.set(net, (n = new InetNet(kernel, net)));
  return n;
}

/** Sequence-number comparisons modulo 2^32 (before(), after()). */
export const before = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const after = (a: number, b: number): boolean => ((b - a) | 0) < 0;
export const seq_add = (a: number, n: number): number => (a + n) >>> 0;

/**
 * sk_wait_event with the socket's timeout (SO_RCVTIMEO / SO_SNDTIMEO, 0 for none): sleep on the
 * socket's queue; once the timeout has passed the call fails with EAGAIN.
 */
export function sk_wait(t: Task, sk: InetSock, timeoutNs: number): number {
  if (!timeoutNs) return sleepOn(t, sk.wq);
  t.restart ??= {};
  if (t.restart.sockDeadline === undefined) t.restart.sockDeadline = t.kernel.clock.now() + timeoutNs;
  const r = sleepUntil(t, t.restart.sockDeadline as number, sk.wq);
  return r === 0 ? -EAGAIN : r;
}
