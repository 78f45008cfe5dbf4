// What the `ip` subcommands share (iproute2's ip/ip_common.h, lib/ll_map.c, lib/utils.c,
// ip/ipaddress.c's print_linkinfo): the interface table read from an RTM_GETLINK dump, address
// formatting, and the way a link is printed — the same for `ip link`, `ip addr` and `ip monitor`.

import { IFF_ALLMULTI, IFF_AUTOMEDIA, IFF_BROADCAST, IFF_DEBUG, IFF_DORMANT, IFF_DYNAMIC, IFF_ECHO, IFF_LOOPBACK, IFF_LOWER_UP, IFF_MASTER, IFF_MULTICAST, IFF_NOARP, IFF_NOTRAILERS, IFF_POINTOPOINT, IFF_PORTSEL, IFF_PROMISC, IFF_RUNNING, IFF_SLAVE, IFF_UP, ARPHRD_ETHER, ARPHRD_LOOPBACK, ARPHRD_NONE } from '../../../uapi/if';
import { nla_get_string, nla_get_u32, nla_get_u8, nla_parse, type NlAttrs, type NlMsg } from '../../../uapi/netlink';
import { in6_ntop } from '../../../uapi/in';
import {
  IFINFOMSG, IFINFOMSG_SIZE, IFLA_ADDRESS, IFLA_BROADCAST, IFLA_GRO_MAX_SIZE, IFLA_GROUP, IFLA_GSO_MAX_SEGS, IFLA_GSO_MAX_SIZE, IFLA_IFNAME,
  IFLA_INFO_KIND, IFLA_LINK, IFLA_LINKINFO, IFLA_LINKMODE, IFLA_MAX_MTU, IFLA_MIN_MTU, IFLA_MTU, IFLA_NUM_RX_QUEUES, IFLA_NUM_TX_QUEUES,
  IFLA_OPERSTATE, IFLA_PROMISCUITY, IFLA_QDISC, IFLA_TSO_MAX_SEGS, IFLA_TSO_MAX_SIZE, IFLA_TXQLEN,
} from '../../../uapi/rtnetlink';

/** The options every subcommand sees (ip's globals). */
export interface IpOptions {
  family: number;
  stats: number;
  details: boolean;
  brief: boolean;
  oneline: boolean;
}

/** One interface as an RTM_NEWLINK message describes it. */
export interface LinkInfo {
  index: number;
  type: number;
  flags: number;
  tb: NlAttrs;
  name: string;
}

export function parse_link(m: NlMsg): LinkInfo | null {
  if (m.payload.length < IFINFOMSG_SIZE) return null;
  const v = new DataView(m.payload.buffer, m.payload.byteOffset, m.payload.byteLength);
  const tb = nla_parse(m.payload.subarray(IFINFOMSG_SIZE));
  const name = tb.get(IFLA_IFNAME);
  return { index: v.getInt32(IFINFOMSG.index, true), type: v.getUint16(IFINFOMSG.type, true), flags: v.getUint32(IFINFOMSG.flags, true), tb, name: name ? nla_get_string(name) : '' };
}

/** ll_map: index → interface, from a link dump (and kept current by a monitor). */
export type LinkMap = Map<number, LinkInfo>;

export const ll_index_to_name = (map: LinkMap, index: number): string => map.get(index)?.name ?? `if${index}`;

export function ll_name_to_index(map: LinkMap, name: string): number {
  for (const l of map.values()) if (l.name === name) return l.index;
  return 0;
}

const OPERSTATES = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'];
export const oper_state_name = (s: number): string => OPERSTATES[s] ?? String(s);

/** ll_addr_n2a: a hardware address as colon-separated hex. */
export const ll_addr = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');

/** ll_type_n2a: the link/… word. */
export function ll_type_name(type: number): string {
  if (type === ARPHRD_ETHER) return 'ether';
  if (type === ARPHRD_LOOPBACK) return 'loopback';
  if (type === ARPHRD_NONE) return 'none';
  return `[${type}]`;
}

const FLAG_NAMES: [number, string][] = [
  [IFF_LOOPBACK, 'LOOPBACK'], [IFF_BROADCAST, 'BROADCAST'], [IFF_POINTOPOINT, 'POINTOPOINT'], [IFF_MULTICAST, 'MULTICAST'],
  [IFF_NOARP, 'NOARP'], [IFF_ALLMULTI, 'ALLMULTI'], [IFF_PROMISC, 'PROMISC'], [IFF_NOTRAILERS, 'NOTRAILERS'], [IFF_DEBUG, 'DEBUG'],
  [IFF_DYNAMIC, 'DYNAMIC'], [IFF_AUTOMEDIA, 'AUTOMEDIA'], [IFF_PORTSEL, 'PORTSEL'], [IFF_MASTER, 'MASTER'], [IFF_SLAVE, 'SLAVE'],
  [IFF_UP, 'UP'], [IFF_LOWER_UP, 'LOWER_UP'], [IFF_DORMANT, 'DORMANT'], [IFF_ECHO, 'ECHO'],
];

/** print_link_flags: "<NO-CARRIER,BROADCAST,…,UP,M-DOWN>". */
export function link_flags(flags: number, mdown: boolean): string {
  const out: string[] = [];
  if (flags & IFF_UP && !(flags & IFF_RUNNING)) out.push('NO-CARRIER');
  flags &= ~IFF_RUNNING;
  for (const [bit, name] of FLAG_NAMES) {
    if (flags & bit) {
      flags &= ~bit;
      out.push(name);
    }
  }
  if (flags) out.push((flags >>> 0).toString(16));
  let s = out.join(',');
  if (mdown) s += ',M-DOWN';
  return `<${s}>`;
}

/** The name `ip` shows: "v0@v1" for a link with a lower/peer device, "v1@NONE" while it has none. */
export function link_display_name(map: LinkMap, l: LinkInfo): { name: string; mdown: boolean } {
  const lk = l.tb.get(IFLA_LINK);
  if (!lk) return { name: l.name, mdown: false };
  const iflink = nla_get_u32(lk);
  if (iflink === 0) return { name: `${l.name}@NONE`, mdown: false };
  if (iflink === l.index) return { name: l.name, mdown: false };
  const peer = map.get(iflink);
  return { name: `${l.name}@${ll_index_to_name(map, iflink)}`, mdown: !((peer?.flags ?? 0) & IFF_UP) };
}

export type LinkContext = 'link' | 'addr' | 'addr6dump' | 'monitor';

/** -o: a record's lines joined by a backslash, one record per line (_SL_ is "\\"). */
export const oneline = (record: string): string => record.replace(/\n(?=.)/g, '\\');

/** print_linkinfo: the interface's line(s), as `ip link`, `ip addr` or `ip monitor` print them. */
export function print_linkinfo(map: LinkMap, l: LinkInfo, ctx: LinkContext, opts: IpOptions, deleted = false): string {
  const { name, mdown } = link_display_name(map, l);
  const tb = l.tb;
  let s = deleted ? 'Deleted ' : '';
  s += `${l.index}: ${name}: ${link_flags(l.flags, mdown)} `;
  const mtu = tb.get(IFLA_MTU);
  if (mtu) s += `mtu ${nla_get_u32(mtu)} `;
  // `ip -6 addr` lists links with an AF_INET6 dump, whose messages (inet6_fill_ifinfo) carry no
  // qdisc or group; with a device named it asks for that link alone, and they are there.
  const v6 = ctx === 'addr6dump';
  const qdisc = tb.get(IFLA_QDISC);
  if (qdisc && !v6) s += `qdisc ${nla_get_string(qdisc)} `;
  const op = tb.get(IFLA_OPERSTATE);
  if (op) s += `state ${oper_state_name(nla_get_u8(op))} `;
  if (ctx === 'link') {
    const mode = tb.get(IFLA_LINKMODE);
    if (mode) s += `mode ${nla_get_u8(mode) === 0 ? 'DEFAULT' : 'DORMANT'} `;
  }
  const group = tb.get(IFLA_GROUP);
  if (group && !v6) s += `group ${nla_get_u32(group) === 0 ? 'default' : nla_get_u32(group)} `;
  const qlen = tb.get(IFLA_TXQLEN);
  if (qlen && ctx !== 'monitor') s += `qlen ${nla_get_u32(qlen)}`;
  if (ctx === 'monitor') s = s.replace(/ $/, ' ');
  else s = s.replace(/ $/, '');
  s += '\n';
  if (opts.family === 0) {
    const addr = tb.get(IFLA_ADDRESS);
    if (addr) {
      s += `    link/${ll_type_name(l.type)} ${ll_addr(addr)}`;
      const brd = tb.get(IFLA_BROADCAST);
      if (brd) s += ` brd ${ll_addr(brd)}`;
      if (opts.details) s += link_details(tb);
      s += '\n';
    }
  }
  return s;
}

/**
 * -d (show_details): promiscuity, the MTU range, the kind on a line of its own, then the queue
 * and offload sizes — each attribute printed only if the kernel sent it.
 */
function link_details(tb: NlAttrs): string {
  let s = '';
  const u32 = (t: number, label: string) => {
    const a = tb.get(t);
    if (a) s += `${label} ${nla_get_u32(a)} `;
  };
  const promisc = tb.get(IFLA_PROMISCUITY);
  s += ` promiscuity ${promisc ? nla_get_u32(promisc) : 0} `;
  u32(IFLA_MIN_MTU, 'minmtu');
  u32(IFLA_MAX_MTU, 'maxmtu');
  const li = tb.get(IFLA_LINKINFO);
  if (li) {
    const kind = nla_parse(li).get(IFLA_INFO_KIND);
    if (kind) s += `\n    ${nla_get_string(kind)} `;
  }
  u32(IFLA_NUM_TX_QUEUES, 'numtxqueues');
  u32(IFLA_NUM_RX_QUEUES, 'numrxqueues');
  u32(IFLA_GSO_MAX_SIZE, 'gso_max_size');
  u32(IFLA_GSO_MAX_SEGS, 'gso_max_segs');
  u32(IFLA_TSO_MAX_SIZE, 'tso_max_size');
  u32(IFLA_TSO_MAX_SEGS, 'tso_max_segs');
  u32(IFLA_GRO_MAX_SIZE, 'gro_max_size');
  return s;
}

// ---- addresses -----------------------------------------------------------------------------------

export const ipv4_ntoa = (b: Uint8Array): string => `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;

/** inet_ntop(AF_INET6). */
export const ipv6_ntoa = (b: Uint8Array): string => in6_ntop(b);

export const format_addr = (family: number, b: Uint8Array): string => (family === 10 ? ipv6_ntoa(b) : ipv4_ntoa(b));

/** get_addr_1: parse an IPv4 or IPv6 address; null if it is neither. */
export function parse_addr(s: string): { family: number; bytes: Uint8Array } | null {
  const m4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (m4) {
    const parts = m4.slice(1).map(Number);
    if (parts.some((x) => x > 255)) return null;
    return { family: 2, bytes: Uint8Array.from(parts) };
  }
  if (!s.includes(':')) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parseHalf = (h: string) => (h === '' ? [] : h.split(':').map((x) => (/^[0-9a-fA-F]{1,4}$/.test(x) ? parseInt(x, 16) : NaN)));
  const head = parseHalf(halves[0]!);
  const tail = halves.length === 2 ? parseHalf(halves[1]!) : [];
  if ([...head, ...tail].some(Number.isNaN)) return null;
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return null;
  const groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((x, i) => {
    bytes[2 * i] = x >> 8;
    bytes[2 * i + 1] = x & 0xff;
  });
  return { family: 10, bytes };
}

/** get_prefix: "A/P" (or "A", a host prefix). */
export function parse_prefix(s: string): { family: number; bytes: Uint8Array; len: number; hasLen: boolean } | null {
  const [a, p] = s.split('/');
  const addr = parse_addr(a!);
  if (!addr) return null;
  const max = addr.family === 10 ? 128 : 32;
  if (p === undefined) return { ...addr, len: max, hasLen: false };
  if (!/^\d+$/.test(p) || Number(p) > max) return null;
  return { ...addr, len: Number(p), hasLen: true };
}

const SCOPES: Record<number, string> = { 0: 'global', 200: 'site', 253: 'link', 254: 'host', 255: 'nowhere' };
export const rtnl_rtscope_n2a = (s: number): string => SCOPES[s] ?? String(s);
export function rtnl_rtscope_a2n(s: string): number | null {
  for (const [k, v] of Object.entries(SCOPES)) if (v === s) return Number(k);
  return /^\d+$/.test(s) && Number(s) < 256 ? Number(s) : null;
}
