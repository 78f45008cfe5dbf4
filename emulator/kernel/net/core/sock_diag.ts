// NETLINK_SOCK_DIAG (net/core/sock_diag.c): the kernel socket `ss` talks to. A request names a
// family in its first byte (struct sock_diag_req); the family's handler — registered with
// sock_diag_register, as unix_diag and inet_diag do — answers it, usually with a dump of one
// message per socket. Also the cookie every answer carries: a number that names a socket for its
// whole life (sock_gen_cookie), so a later request can ask for exactly that socket.

import { EINVAL, ENOENT, EOPNOTSUPP } from '../../../uapi/errno';
import { NETLINK_SOCK_DIAG } from '../../../uapi/netlink';
import { DCCPDIAG_GETSOCK, SOCK_DESTROY, SOCK_DIAG_BY_FAMILY, SOCK_DIAG_REQ, SOCK_DIAG_REQ_SIZE, TCPDIAG_GETSOCK } from '../../../uapi/sock_diag';
import type { NlMsg } from '../../../uapi/netlink';
import type { Kernel } from '../../kernel';
import { netlink_kernel_create, netlink_rcv_skb, type NetlinkSock, type NlSkb } from '../netlink/af_netlink';

/** AF_MAX in Linux 6.1: families at or past it are invalid. */
const AF_MAX = 46;

/** struct sock_diag_handler: a family's dump (and destroy). Returns 0, -errno, or -EINTR for a started dump. */
export interface SockDiagHandler {
  family: number;
  dump(ksk: NetlinkSock, skb: NlSkb, nlh: NlMsg): number;
  destroy?(ksk: NetlinkSock, skb: NlSkb, nlh: NlMsg): number;
}

const handlers = new Map<number, SockDiagHandler>();

/** sock_diag_register: the handler of one family (one per family, as Linux refuses a second). */
export function sock_diag_register(h: SockDiagHandler): void {
  if (!handlers.has(h.family)) handlers.set(h.family, h);
}

// ---- cookies ------------------------------------------------------------------------------------

/** Each machine's cookies (Linux counts them per network namespace: net->cookie_gen). */
interface CookieGen {
  next: bigint;
  readonly of: WeakMap<object, bigint>;
}
const cookieGens = new WeakMap<Kernel, CookieGen>();

/** sock_gen_cookie: the socket's cookie, given on first use and kept for its life. */
export function sock_gen_cookie(kernel: Kernel, sk: object): bigint {
  let g = cookieGens.get(kernel);
  if (!g) cookieGens.set(kernel, (g = { next: 1n, of: new WeakMap() }));
  let c = g.of.get(sk);
  if (c === undefined) g.of.set(sk, (c = g.next++));
  return c;
}

/** sock_diag_save_cookie: the cookie as the two u32 of a diag message. */
export function sock_diag_save_cookie(kernel: Kernel, sk: object, view: DataView, off: number): void {
  const c = sock_gen_cookie(kernel, sk);
  view.setUint32(off, Number(c & 0xffffffffn), true);
  view.setUint32(off + 4, Number(c >> 32n), true);
}

/** sock_diag_check_cookie: a request's cookie matches the socket, or is "any" (~0 ~0). */
export function sock_diag_check_cookie(kernel: Kernel, sk: object, lo: number, hi: number): boolean {
  if (lo === 0xffffffff && hi === 0xffffffff) return true;
  return BigInt(lo) + (BigInt(hi) << 32n) === sock_gen_cookie(kernel, sk);
}

// ---- the kernel socket ------------------------------------------------------------------------

function __sock_diag_cmd(ksk: NetlinkSock, skb: NlSkb, nlh: NlMsg): number {
  if (nlh.payload.length < SOCK_DIAG_REQ_SIZE) return -EINVAL;
  const family = nlh.payload[SOCK_DIAG_REQ.family]!;
  if (family >= AF_MAX) return -EINVAL;
  const h = handlers.get(family);
  if (!h) return -ENOENT;
  if (nlh.type === SOCK_DIAG_BY_FAMILY) return h.dump(ksk, skb, nlh);
  if (nlh.type === SOCK_DESTROY && h.destroy) return h.destroy(ksk, skb, nlh);
  return -EOPNOTSUPP;
}

/** sock_diag_rcv_msg. Simplified: the old TCPDIAG_GETSOCK requests (inet_diag_req v1) are not answered. */
function sock_diag_rcv_msg(ksk: NetlinkSock, skb: NlSkb, nlh: NlMsg): number {
  switch (nlh.type) {
    case TCPDIAG_GETSOCK:
    case DCCPDIAG_GETSOCK:
      return -EOPNOTSUPP;
    case SOCK_DIAG_BY_FAMILY:
    case SOCK_DESTROY:
      return __sock_diag_cmd(ksk, skb, nlh);
    default:
      return -EINVAL;
  }
}

/** diag_net_init: the NETLINK_SOCK_DIAG kernel socket of a machine. */
export function sock_diag_net_init(kernel: Kernel): void {
  const ksk: NetlinkSock = netlink_kernel_create(kernel, NETLINK_SOCK_DIAG, {
    groups: 0,
    input: (skb) => netlink_rcv_skb(skb, (s, nlh) => sock_diag_rcv_msg(ksk, s, nlh)),
  });
}
