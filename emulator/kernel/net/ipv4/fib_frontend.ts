// The IPv4 routing tables (net/ipv4/fib_frontend.c, fib_trie.c, fib_semantics.c): the "main" table
// `ip route` shows and the "local" table (`ip route show table local`) where the kernel keeps a
// route for each of its own addresses and broadcast addresses.
//
// The kernel maintains its routes from the addresses (fib_add_ifaddr): adding 10.1.2.3/24 to an up
// interface adds "local 10.1.2.3" and "broadcast 10.1.2.255" to the local table and the connected
// prefix "10.1.2.0/24 … proto kernel scope link src 10.1.2.3" to main; taking the interface down
// removes every route through it (fib_disable_ip), bringing it up again restores its address
// routes. User routes come and go with RTM_NEWROUTE/RTM_DELROUTE (`ip route add/del`). Every change
// is multicast to RTNLGRP_IPV4_ROUTE.
//
// Simplified: the tables are sorted lists, not LC-tries, and nothing forwards by them yet (the
// loopback traffic of this machine is routed by inet_addr_local); no multipath, metrics, rules.

import { EEXIST, EINVAL, ENETDOWN, ENETUNREACH, ENODEV, ESRCH } from '../../../uapi/errno';
import { IFA_F_NOPREFIXROUTE, IFA_F_SECONDARY, IFF_LOOPBACK, RT_SCOPE_HOST, RT_SCOPE_LINK } from '../../../uapi/if';
import { NLM_F_CREATE, NLM_F_EXCL, NLM_F_MULTI, NLM_F_REPLACE, NlBuilder, nla_get_u32, nla_parse, type NlMsg } from '../../../uapi/netlink';
import {
  RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_PREFSRC, RTA_PRIORITY, RTA_TABLE, RTA_UID, RTCF_BROADCAST, RTCF_LOCAL, RTMSG, RTMSG_SIZE,
  RTM_DELROUTE, RTM_F_CLONED, RTM_GETROUTE, RTM_NEWROUTE, RTNH_F_LINKDOWN, RTNLGRP_IPV4_ROUTE, RTN_BROADCAST, RTN_LOCAL, RTN_UNICAST,
  RTPROT_BOOT, RTPROT_KERNEL, RTPROT_UNSPEC, RT_TABLE_LOCAL, RT_TABLE_MAIN,
} from '../../../uapi/rtnetlink';
import { AF_INET } from '../../../uapi/socket';
import { dev_get_by_index, type NetDevice } from '../core/dev';
import { register_netdevice_notifier, type Net } from '../core/net_namespace';
import { rtnl_notify, rtnl_register, rtnl_register_init, rtnl_unicast } from '../core/rtnetlink';
import { nl_dump_fits, type ExtAck, type NetlinkCallback, type NlSkb } from '../netlink/af_netlink';
import { in_dev_addrs, inet_make_mask, register_inetaddr_notifier, type InIfaddr } from './devinet';

/** One route (a fib_alias with its fib_info and single nexthop). Addresses are host-order numbers. */
export interface FibAlias {
  table: number;
  type: number;
  dst: number;
  dst_len: number;
  tos: number;
  protocol: number;
  scope: number;
  priority: number;
  prefsrc: number;
  gw: number;
  dev: NetDevice | null;
}

const tables = new WeakMap<Net, FibAlias[]>();

/** Every route of the machine, sorted as fib_trie walks them: by table, key, then prefix length. */
export function fib_routes(net: Net): FibAlias[] {
  let t = tables.get(net);
  if (!t) tables.set(net, (t = []));
  return t;
}

/** Main (254) is dumped before local (255), as their slots in fib_table_hash come. */
function fib_cmp(a: FibAlias, b: FibAlias): number {
  return a.table - b.table || a.dst - b.dst || a.dst_len - b.dst_len || b.tos - a.tos || a.priority - b.priority;
}

const same_key = (a: FibAlias, b: FibAlias) => a.table === b.table && a.dst === b.dst && a.dst_len === b.dst_len && a.tos === b.tos && a.priority === b.priority;

const in_addr = (a: number): Uint8Array => Uint8Array.of(a >>> 24, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff);
const get_in_addr = (b: Uint8Array): number => ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;

/** fib_dump_info: one RTM_NEWROUTE/DELROUTE message. */
function fib_dump_info(b: NlBuilder, fa: FibAlias, type: number, portid: number, seq: number, flags: number): void {
  b.nlmsg_put(type, flags, seq, portid);
  const h = new Uint8Array(RTMSG_SIZE);
  h[RTMSG.family] = AF_INET;
  h[RTMSG.dst_len] = fa.dst_len;
  h[RTMSG.tos] = fa.tos;
  h[RTMSG.table] = fa.table < 256 ? fa.table : 252;
  h[RTMSG.protocol] = fa.protocol;
  h[RTMSG.scope] = fa.scope;
  h[RTMSG.type] = fa.type;
  // A nexthop whose device is up without a carrier is "linkdown" — except a local route's, whose
  // nexthop has scope "nowhere" (fib_sync_down_dev leaves those alone).
  const linkdown = fa.type !== RTN_LOCAL && fa.dev !== null && fa.dev.isUp && fa.dev.nocarrier;
  new DataView(h.buffer).setUint32(RTMSG.flags, linkdown ? RTNH_F_LINKDOWN : 0, true);
  b.put(h);
  b.nla_put_u32(RTA_TABLE, fa.table);
  if (fa.dst_len) b.nla_put(RTA_DST, in_addr(fa.dst));
  if (fa.priority) b.nla_put_u32(RTA_PRIORITY, fa.priority);
  if (fa.prefsrc) b.nla_put(RTA_PREFSRC, in_addr(fa.prefsrc));
  if (fa.gw) b.nla_put(RTA_GATEWAY, in_addr(fa.gw));
  if (fa.dev) b.nla_put_u32(RTA_OIF, fa.dev.ifindex);
  b.nlmsg_end();
}

function rtmsg_fib(net: Net, event: number, fa: FibAlias): void {
  rtnl_notify(net, RTNLGRP_IPV4_ROUTE, (b) => fib_dump_info(b, fa, event, 0, 0, 0));
}

/** fib_table_insert. */
export function fib_table_insert(net: Net, fa: FibAlias, flags = NLM_F_CREATE): number {
  const routes = fib_routes(net);
  const i = routes.findIndex((r) => same_key(r, fa));
  if (i >= 0) {
    if (flags & NLM_F_EXCL || !(flags & NLM_F_REPLACE)) return -EEXIST;
    routes[i] = fa;
  } else {
    routes.push(fa);
    routes.sort(fib_cmp);
  }
  rtmsg_fib(net, RTM_NEWROUTE, fa);
  return 0;
}

/** fib_table_delete: the first route matching `match` (its key, and any nexthop fields given). */
export function fib_table_delete(net: Net, match: (fa: FibAlias) => boolean): number {
  const routes = fib_routes(net);
  const i = routes.findIndex(match);
  if (i < 0) return -ESRCH;
  const [fa] = routes.splice(i, 1);
  rtmsg_fib(net, RTM_DELROUTE, fa!);
  return 0;
}

/** fib_magic: a route the kernel adds or removes for one of its addresses. */
function fib_magic(net: Net, add: boolean, type: number, dst: number, dst_len: number, ifa: InIfaddr, prim: InIfaddr): void {
  const table = type === RTN_UNICAST ? RT_TABLE_MAIN : RT_TABLE_LOCAL;
  const scope = type !== RTN_LOCAL ? RT_SCOPE_LINK : RT_SCOPE_HOST;
  const fa: FibAlias = { table, type, dst, dst_len, tos: 0, protocol: RTPROT_KERNEL, scope, priority: 0, prefsrc: prim.local, gw: 0, dev: ifa.dev };
  if (add) {
    if (!fib_routes(net).some((r) => same_key(r, fa))) fib_table_insert(net, fa);
  } else fib_table_delete(net, (r) => same_key(r, fa) && r.type === type && r.dev === ifa.dev);
}

/** The primary address a secondary belongs to (inet_ifa_byprefix), or the address itself. */
function fib_primary(ifa: InIfaddr): InIfaddr {
  if (!(ifa.flags & IFA_F_SECONDARY)) return ifa;
  const mask = inet_make_mask(ifa.prefixlen);
  return in_dev_addrs(ifa.dev).find((a) => !(a.flags & IFA_F_SECONDARY) && a.prefixlen === ifa.prefixlen && ((a.local ^ ifa.local) & mask) === 0) ?? ifa;
}

/** The kernel routes an address brings: [type, dst, prefix length] (fib_add_ifaddr). */
function ifaddr_routes(ifa: InIfaddr, up: boolean): [number, number, number][] {
  const dev = ifa.dev;
  const mask = inet_make_mask(ifa.prefixlen);
  const prefix = (ifa.local & mask) >>> 0;
  const ops: [number, number, number][] = [[RTN_LOCAL, ifa.local, 32]];
  if (!up) return ops;
  if (ifa.broadcast && ifa.broadcast !== 0xffffffff) ops.push([RTN_BROADCAST, ifa.broadcast, 32]);
  if (prefix !== 0 && !(ifa.flags & IFA_F_SECONDARY) && (prefix !== ifa.local || ifa.prefixlen < 32)) {
    if (!(ifa.flags & IFA_F_NOPREFIXROUTE)) ops.push([dev.flags & IFF_LOOPBACK ? RTN_LOCAL : RTN_UNICAST, prefix, ifa.prefixlen]);
    if (ifa.prefixlen < 31) ops.push([RTN_BROADCAST, (prefix | ~mask) >>> 0, 32]);
  }
  return ops;
}

/**
 * Add an address's routes (fib_add_ifaddr), or take away those no other address of the device
 * still needs (fib_del_ifaddr: a secondary's broadcast route stays while the primary has it).
 */
function fib_ifaddr(net: Net, ifa: InIfaddr, add: boolean): void {
  let ops = ifaddr_routes(ifa, add ? ifa.dev.isUp : true);
  if (!add) {
    const still = new Set(in_dev_addrs(ifa.dev).filter((a) => a !== ifa).flatMap((a) => ifaddr_routes(a, true)).map((o) => o.join()));
    // fib_del_ifaddr's order: the prefix route, the broadcast routes, then the local one.
    const rank = (o: [number, number, number]) => (o[0] === RTN_BROADCAST ? 1 : o[2] === 32 && o[1] === ifa.local ? 2 : 0);
    ops = ops.filter((o) => !still.has(o.join())).sort((a, b) => rank(a) - rank(b));
  }
  const prim = fib_primary(ifa);
  for (const [type, dst, len] of ops) fib_magic(net, add, type, dst, len, ifa, prim);
}

/** fib_disable_ip: every route through a device that went down or away. */
function fib_flush_dev(net: Net, dev: NetDevice): void {
  for (const fa of fib_routes(net).filter((r) => r.dev === dev)) fib_table_delete(net, (r) => r === fa);
}

/** The route `addr` would take in the main and local tables (fib_lookup, longest prefix first). */
export function fib_lookup(net: Net, addr: number): FibAlias | undefined {
  let best: FibAlias | undefined;
  for (const r of fib_routes(net)) {
    if (((addr ^ r.dst) & inet_make_mask(r.dst_len)) !== 0) continue;
    if (!best || r.dst_len > best.dst_len || (r.dst_len === best.dst_len && r.table === RT_TABLE_LOCAL)) best = r;
  }
  return best;
}

interface RouteReq {
  fa: FibAlias;
  tb: Map<number, Uint8Array>;
}

/** rtm_to_fib_config + the nexthop checks of fib_create_info. */
function rtm_to_fib_config(net: Net, nlh: NlMsg, extack: ExtAck, del: boolean): RouteReq | number {
  const p = nlh.payload;
  if (p.length < RTMSG_SIZE) return -EINVAL;
  const tb = nla_parse(p.subarray(RTMSG_SIZE));
  const dst_len = p[RTMSG.dst_len]!;
  if (dst_len > 32) return -EINVAL;
  const tableAttr = tb.get(RTA_TABLE);
  const table = tableAttr ? nla_get_u32(tableAttr) : p[RTMSG.table]! || RT_TABLE_MAIN;
  const dstAttr = tb.get(RTA_DST);
  const dst = dstAttr && dstAttr.length >= 4 ? get_in_addr(dstAttr) : 0;
  if ((dst & inet_make_mask(dst_len)) >>> 0 !== dst) {
    extack.msg = 'Invalid prefix for given prefix length';
    return -EINVAL;
  }
  const oifAttr = tb.get(RTA_OIF);
  let dev: NetDevice | null = null;
  if (oifAttr) {
    dev = dev_get_by_index(net, nla_get_u32(oifAttr)) ?? null;
    if (!dev) return -ENODEV;
  }
  const gwAttr = tb.get(RTA_GATEWAY);
  const gw = gwAttr && gwAttr.length >= 4 ? get_in_addr(gwAttr) : 0;
  const prio = tb.get(RTA_PRIORITY);
  const src = tb.get(RTA_PREFSRC);
  const fa: FibAlias = {
    table, type: p[RTMSG.type]! || RTN_UNICAST, dst, dst_len, tos: p[RTMSG.tos]!, protocol: p[RTMSG.protocol]! || RTPROT_BOOT,
    scope: p[RTMSG.scope]!, priority: prio ? nla_get_u32(prio) : 0, prefsrc: src && src.length >= 4 ? get_in_addr(src) : 0, gw, dev,
  };
  if (del) return { fa, tb };
  if (gw) {
    // fib_check_nh_v4_gw: the gateway must be reachable directly, through a link-scope route.
    const via = fib_lookup(net, gw);
    if (!via || via.type !== RTN_UNICAST || via.scope < RT_SCOPE_LINK || via.gw || (dev && via.dev !== dev)) {
      extack.msg = 'Nexthop has invalid gateway';
      return -EINVAL;
    }
    fa.dev = via.dev;
  } else if (!dev) {
    extack.msg = 'Nexthop device required';
    return -EINVAL;
  }
  if (fa.dev && !fa.dev.isUp) {
    extack.msg = 'Nexthop device is not up';
    return -ENETDOWN;
  }
  return { fa, tb };
}

function inet_rtm_newroute(net: Net, _skb: NlSkb, nlh: NlMsg, extack: ExtAck): number {
  const r = rtm_to_fib_config(net, nlh, extack, false);
  if (typeof r === 'number') return r;
  return fib_table_insert(net, r.fa, nlh.flags);
}

function inet_rtm_delroute(net: Net, _skb: NlSkb, nlh: NlMsg, extack: ExtAck): number {
  const r = rtm_to_fib_config(net, nlh, extack, true);
  if (typeof r === 'number') return r;
  const want = r.fa;
  return fib_table_delete(net, (fa) =>
    fa.table === want.table && fa.dst === want.dst && fa.dst_len === want.dst_len &&
    (!r.tb.has(RTA_OIF) || fa.dev === want.dev) && (!want.gw || fa.gw === want.gw) &&
    (!r.tb.has(RTA_PRIORITY) || fa.priority === want.priority));
}

/** inet_dump_fib: every route of every table, resuming at cb.args[0]. */
function inet_dump_fib(net: Net, cb: NetlinkCallback, b: NlBuilder, budget: number): number {
  const routes = fib_routes(net);
  const start = b.len;
  let i = cb.args[0]!;
  for (; i < routes.length; i++) {
    const fa = routes[i]!;
    if (!nl_dump_fits(b, budget, (bb) => fib_dump_info(bb, fa, RTM_NEWROUTE, cb.portid, cb.nlh.seq, NLM_F_MULTI))) break;
  }
  cb.args[0] = i;
  return b.len - start;
}

/**
 * inet_rtm_getroute (`ip route get A`): the route a packet to A would take, as the routing cache
 * entry rt_fill_info describes — a local address goes out through lo; the answer is flagged
 * RTM_F_CLONED with the RTCF_* flags of its kind, and names the asking user (RTA_UID).
 */
function inet_rtm_getroute(net: Net, skb: NlSkb, nlh: NlMsg): number {
  const p = nlh.payload;
  if (p.length < RTMSG_SIZE) return -EINVAL;
  const tb = nla_parse(p.subarray(RTMSG_SIZE));
  const dstAttr = tb.get(RTA_DST);
  const dst = dstAttr && dstAttr.length >= 4 ? get_in_addr(dstAttr) : 0;
  const fa = fib_lookup(net, dst);
  if (!fa || (fa.type !== RTN_UNICAST && fa.type !== RTN_LOCAL && fa.type !== RTN_BROADCAST)) return -ENETUNREACH;
  const local = fa.type === RTN_LOCAL;
  const lo = net.devices.find((d) => d.flags & IFF_LOOPBACK);
  const dev = local ? lo ?? fa.dev : fa.dev;
  const src = fa.prefsrc || (local ? dst : 0) || (fa.dev ? (in_dev_addrs(fa.dev).find((a) => !(a.flags & IFA_F_SECONDARY))?.local ?? 0) : 0);
  const b = new NlBuilder();
  b.nlmsg_put(RTM_NEWROUTE, 0, nlh.seq, skb.portid);
  const h = new Uint8Array(RTMSG_SIZE);
  h[RTMSG.family] = AF_INET;
  h[RTMSG.dst_len] = 32;
  h[RTMSG.table] = fa.table;
  h[RTMSG.protocol] = RTPROT_UNSPEC;
  h[RTMSG.type] = fa.type;
  const cacheFlags = local ? RTCF_LOCAL : fa.type === RTN_BROADCAST ? RTCF_BROADCAST | RTCF_LOCAL : 0;
  new DataView(h.buffer).setUint32(RTMSG.flags, (cacheFlags | RTM_F_CLONED) >>> 0, true);
  b.put(h);
  b.nla_put_u32(RTA_TABLE, fa.table);
  b.nla_put(RTA_DST, in_addr(dst));
  if (dev) b.nla_put_u32(RTA_OIF, dev.ifindex);
  if (src) b.nla_put(RTA_PREFSRC, in_addr(src));
  if (fa.gw) b.nla_put(RTA_GATEWAY, in_addr(fa.gw));
  b.nla_put_u32(RTA_UID, skb.task?.cred.uid ?? 0);
  b.nlmsg_end();
  return rtnl_unicast(net, b, skb.portid);
}

rtnl_register_init((_kernel, net) => {
  rtnl_register(AF_INET, RTM_NEWROUTE, inet_rtm_newroute, undefined);
  rtnl_register(AF_INET, RTM_DELROUTE, inet_rtm_delroute, undefined);
  rtnl_register(AF_INET, RTM_GETROUTE, (n, s, nlh) => inet_rtm_getroute(n, s, nlh), inet_dump_fib);
  // The routes of the addresses that exist already (lo's, from boot).
  for (const dev of net.devices) for (const ifa of in_dev_addrs(dev)) fib_ifaddr(net, ifa, true);
  register_inetaddr_notifier(net, (event, ifa) => fib_ifaddr(net, ifa, event === 'add'));
  register_netdevice_notifier(net, (event, dev) => {
    if (event === 'up') for (const ifa of in_dev_addrs(dev)) fib_ifaddr(net, ifa, true);
    else if (event === 'down' || event === 'unregister') fib_flush_dev(net, dev);
  });
});
