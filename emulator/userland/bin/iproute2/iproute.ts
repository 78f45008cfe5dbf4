// ip route (iproute2 ip/iproute.c): the routing table from an RTM_GETROUTE dump (main unless
// `table local|all|N` is given), and `ip route add/del` with RTM_NEWROUTE/RTM_DELROUTE.
//
//   ip route [show [table T]]
//   ip route add|del PREFIX|default [via GW] [dev NAME] [metric N] [src A] [scope S] [table T] [proto P]

import { RT_SCOPE_LINK, RT_SCOPE_NOWHERE, RT_SCOPE_UNIVERSE } from '../../../uapi/if';
import { NLM_F_CREATE, NLM_F_EXCL, nla_get_u32, nla_parse, type NlAttrs, type NlMsg } from '../../../uapi/netlink';
import {
  RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_PREFSRC, RTA_PRIORITY, RTA_TABLE, RTA_UID, RTCF_BROADCAST, RTCF_DIRECTDST, RTCF_DIRECTSRC,
  RTCF_DNAT, RTCF_DOREDIRECT, RTCF_LOCAL, RTCF_MULTICAST, RTCF_NOTIFY, RTCF_REDIRECTED, RTCF_REJECT, RTMSG, RTMSG_SIZE, RTM_DELROUTE,
  RTM_F_CLONED, RTM_GETROUTE, RTM_NEWROUTE, RTNH_F_DEAD, RTNH_F_LINKDOWN, RTNH_F_ONLINK, RTN_UNICAST, RTPROT_BOOT, RT_TABLE_MAIN,
} from '../../../uapi/rtnetlink';
import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { format_addr, ll_index_to_name, parse_addr, parse_prefix, rtnl_rtscope_a2n, rtnl_rtscope_n2a, type IpOptions, type LinkMap } from './ip_common';
import { EXIT_FAIL, EXIT_RTNL, get_u32, incomplete, invarg, ll_init_map } from './iplink';
import { rtnl_dump, rtnl_error_text, rtnl_talk, type RtnlHandle } from './libnetlink';
import { ROUTE_USAGE } from './ip_usage';

const RTN_NAMES = ['unspec', 'unicast', 'local', 'broadcast', 'anycast', 'multicast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'nat', 'xresolve'];
const PROTO_NAMES: Record<number, string> = { 0: 'unspec', 1: 'redirect', 2: 'kernel', 3: 'boot', 4: 'static', 8: 'gated', 9: 'ra', 10: 'mrt', 11: 'zebra', 12: 'bird', 16: 'dhcp' };
const TABLE_NAMES: Record<number, string> = { 253: 'default', 254: 'main', 255: 'local' };
const CACHE_FLAGS: [number, string][] = [
  [RTCF_LOCAL, 'local'], [RTCF_REJECT, 'reject'], [RTCF_MULTICAST, 'mc'], [RTCF_BROADCAST, 'brd'], [RTCF_DNAT, 'dst-nat'],
  [RTCF_DIRECTDST, 'dst-direct'], [RTCF_DIRECTSRC, 'src-direct'], [RTCF_REDIRECTED, 'redirected'], [RTCF_DOREDIRECT, 'redirect'],
  [RTCF_NOTIFY, 'notify'],
];

export interface RouteInfo {
  family: number;
  dst_len: number;
  table: number;
  protocol: number;
  scope: number;
  type: number;
  flags: number;
  tb: NlAttrs;
}

export function parse_rtmsg(m: NlMsg): RouteInfo | null {
  const p = m.payload;
  if (p.length < RTMSG_SIZE) return null;
  const tb = nla_parse(p.subarray(RTMSG_SIZE));
  const t = tb.get(RTA_TABLE);
  return {
    family: p[RTMSG.family]!, dst_len: p[RTMSG.dst_len]!, table: t ? nla_get_u32(t) : p[RTMSG.table]!, protocol: p[RTMSG.protocol]!,
    scope: p[RTMSG.scope]!, type: p[RTMSG.type]!, flags: new DataView(p.buffer, p.byteOffset + RTMSG.flags, 4).getUint32(0, true), tb,
  };
}

/** print_cache_flags: the RTCF_* bits of a lookup's answer. */
function cache_flags(flags: number): string {
  let f = (flags & ~0xffff) >>> 0;
  let s = '\n    cache ';
  if (!f) return s;
  s += '<';
  for (const [bit, name] of CACHE_FLAGS) {
    if (f & bit) {
      f = (f & ~bit) >>> 0;
      s += name + (f ? ',' : '> ');
    }
  }
  if (f) s += `${f.toString(16)}>`;
  return s;
}

/**
 * print_route: one line, as `ip route` and `ip monitor route` print it. `tableFilter` 0: all
 * tables; `get`: the answer to `ip route get`, with its uid and cache line.
 */
export function print_route(map: LinkMap, r: RouteInfo, tableFilter: number, deleted = false, get = false): string {
  let s = deleted ? 'Deleted ' : '';
  if (r.type !== RTN_UNICAST) s += `${RTN_NAMES[r.type] ?? r.type} `;
  const dst = r.tb.get(RTA_DST);
  if (dst) s += r.dst_len === (r.family === 10 ? 128 : 32) ? `${format_addr(r.family, dst)} ` : `${format_addr(r.family, dst)}/${r.dst_len} `;
  else if (r.dst_len) s += `0/${r.dst_len} `;
  else s += 'default ';
  const gw = r.tb.get(RTA_GATEWAY);
  if (gw) s += `via ${format_addr(r.family, gw)} `;
  const oif = r.tb.get(RTA_OIF);
  if (oif) s += `dev ${ll_index_to_name(map, nla_get_u32(oif))} `;
  if (r.table !== RT_TABLE_MAIN && !tableFilter && !get) s += `table ${TABLE_NAMES[r.table] ?? r.table} `;
  if (r.protocol !== RTPROT_BOOT && !get) s += `proto ${PROTO_NAMES[r.protocol] ?? r.protocol} `;
  if (r.scope !== RT_SCOPE_UNIVERSE) s += `scope ${rtnl_rtscope_n2a(r.scope)} `;
  const src = r.tb.get(RTA_PREFSRC);
  if (src) s += `src ${format_addr(r.family, src)} `;
  const prio = r.tb.get(RTA_PRIORITY);
  if (prio) s += `metric ${nla_get_u32(prio)} `;
  if (r.flags & RTNH_F_DEAD) s += 'dead ';
  if (r.flags & RTNH_F_ONLINK) s += 'onlink ';
  if (r.flags & RTNH_F_LINKDOWN) s += 'linkdown ';
  const uid = r.tb.get(RTA_UID);
  if (uid) s += `uid ${nla_get_u32(uid)} `;
  if (r.flags & RTM_F_CLONED && r.family === 2) s += cache_flags(r.flags);
  return s + '\n';
}

function parse_table(v: string): number | null {
  if (v === 'all') return 0;
  for (const [k, name] of Object.entries(TABLE_NAMES)) if (name === v) return Number(k);
  return get_u32(v);
}

function* route_show(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  let table = RT_TABLE_MAIN;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'table') {
      if (i + 1 >= args.length) return yield* incomplete();
      const t = parse_table(args[++i]!);
      if (t === null) {
        yield* fputs(`Error: argument "${args[i]}" is wrong: table id value is invalid\n\n`, stderr());
        return EXIT_FAIL;
      }
      table = t;
    }
  }
  const family = opts.family || 2;
  const map = yield* ll_init_map(rth);
  if (!map) return EXIT_FAIL;
  const r = yield* rtnl_dump(rth, RTM_GETROUTE, (b) => {
    const h = new Uint8Array(RTMSG_SIZE);
    h[RTMSG.family] = family;
    b.put(h);
  });
  if (!Array.isArray(r)) {
    yield* fputs(rtnl_error_text(r), stderr());
    return EXIT_FAIL;
  }
  let out = '';
  for (const m of r) {
    const ri = parse_rtmsg(m);
    if (!ri || ri.family !== family || (table && ri.table !== table)) continue;
    out += print_route(map, ri, table);
  }
  yield* fputs(out, stdout());
  return 0;
}

function* route_modify(rth: RtnlHandle, args: string[], cmd: number, opts: IpOptions): Sys<number> {
  let dst: ReturnType<typeof parse_prefix> = null;
  let gw: ReturnType<typeof parse_addr> = null;
  let src: ReturnType<typeof parse_addr> = null;
  let dev: string | null = null;
  let metric: number | null = null;
  let table = RT_TABLE_MAIN;
  let scope: number | null = null;
  let proto = cmd === RTM_DELROUTE ? 0 : RTPROT_BOOT;
  let isDefault = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const keyword = ['via', 'dev', 'metric', 'priority', 'src', 'table', 'scope', 'proto', 'oif'].includes(a);
    if (keyword) {
      if (i + 1 >= args.length) return yield* incomplete();
      const v = args[++i]!;
      if (a === 'via') gw = parse_addr(v);
      else if (a === 'dev' || a === 'oif') dev = v;
      else if (a === 'metric' || a === 'priority') {
        metric = get_u32(v);
        if (metric === null) return yield* invarg('"metric" value is invalid', v);
      } else if (a === 'src') src = parse_addr(v);
      else if (a === 'table') {
        const t = parse_table(v);
        if (t === null) return yield* invarg('"table" value is invalid', v);
        table = t;
      } else if (a === 'scope') {
        scope = rtnl_rtscope_a2n(v);
        if (scope === null) return yield* invarg('invalid "scope" value', v);
      } else {
        // rtnl_rtprot_a2n: a name, or a number up to 255.
        const named = Object.entries(PROTO_NAMES).find(([, n]) => n === v)?.[0];
        const p = named !== undefined ? Number(named) : get_u32(v);
        if (p === null || p > 255) return yield* invarg('"protocol" value is invalid', v);
        proto = p;
      }
      if ((a === 'via' && !gw) || (a === 'src' && !src)) {
        yield* fputs(`Error: inet address is expected rather than "${v}".\n`, stderr());
        return EXIT_FAIL;
      }
    } else if (a === 'default') isDefault = true;
    else {
      dst = parse_prefix(a);
      if (!dst) {
        yield* fputs(`Error: inet prefix is expected rather than "${a}".\n`, stderr());
        return EXIT_FAIL;
      }
    }
  }
  if (!dst && !isDefault) {
    yield* fputs('Error: inet prefix is expected rather than "".\n', stderr());
    return EXIT_FAIL;
  }
  const family = dst?.family ?? gw?.family ?? (opts.family || 2);
  const map = yield* ll_init_map(rth);
  if (!map) return EXIT_FAIL;
  let oif = 0;
  if (dev !== null) {
    oif = [...map.values()].find((l) => l.name === dev)?.index ?? 0;
    if (!oif) {
      yield* fputs(`Cannot find device "${dev}"\n`, stderr());
      return EXIT_FAIL;
    }
  }
  if (scope === null) scope = cmd === RTM_DELROUTE ? RT_SCOPE_NOWHERE : gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
  const res = yield* rtnl_talk(rth, cmd, cmd === RTM_NEWROUTE ? NLM_F_CREATE | NLM_F_EXCL : 0, (b) => {
    const h = new Uint8Array(RTMSG_SIZE);
    h[RTMSG.family] = family;
    h[RTMSG.dst_len] = dst?.len ?? 0;
    h[RTMSG.table] = table < 256 ? table : 252;
    h[RTMSG.protocol] = proto;
    h[RTMSG.scope] = scope!;
    h[RTMSG.type] = cmd === RTM_DELROUTE ? 0 : RTN_UNICAST;
    b.put(h);
    if (dst) b.nla_put(RTA_DST, dst.bytes);
    if (gw) b.nla_put(RTA_GATEWAY, gw.bytes);
    if (oif) b.nla_put_u32(RTA_OIF, oif);
    if (metric !== null) b.nla_put_u32(RTA_PRIORITY, metric);
    if (src) b.nla_put(RTA_PREFSRC, src.bytes);
    if (table >= 256) b.nla_put_u32(RTA_TABLE, table);
  });
  if (res && 'error' in res) {
    yield* fputs(rtnl_error_text(res), stderr());
    return EXIT_RTNL;
  }
  return 0;
}

/**
 * iproute_flush: delete every route of a table (main unless `table` says) through a device, in
 * rounds until none is left — each as the dump gave it, sent back as RTM_DELROUTE.
 */
function* route_flush(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  if (!args.length) {
    yield* fputs('"ip route flush" requires arguments.\n', stderr());
    return EXIT_FAIL;
  }
  let dev: string | null = null;
  let table = RT_TABLE_MAIN;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev' || args[i] === 'table') {
      if (i + 1 >= args.length) return yield* incomplete();
      if (args[i] === 'dev') dev = args[++i]!;
      else table = parse_table(args[++i]!) ?? RT_TABLE_MAIN;
    } else dev = args[i]!;
  }
  const map = yield* ll_init_map(rth);
  if (!map) return EXIT_FAIL;
  let oif = 0;
  if (dev !== null) {
    oif = [...map.values()].find((l) => l.name === dev)?.index ?? 0;
    if (!oif) {
      yield* fputs(`Cannot find device "${dev}"\n`, stderr());
      return EXIT_FAIL;
    }
  }
  const family = opts.family || 2;
  const out = stdout();
  let round = 0;
  for (; round < 10; round++) {
    const r = yield* rtnl_dump(rth, RTM_GETROUTE, (b) => b.put(Uint8Array.of(family, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
    if (!Array.isArray(r)) {
      yield* fputs(rtnl_error_text(r), stderr());
      return EXIT_FAIL;
    }
    const victims = r.filter((m) => {
      const ri = parse_rtmsg(m);
      if (!ri || ri.family !== family || (table && ri.table !== table)) return false;
      const o = ri.tb.get(RTA_OIF);
      return !oif || (o !== undefined && nla_get_u32(o) === oif);
    });
    if (!victims.length) break;
    for (const m of victims) yield* rtnl_talk(rth, RTM_DELROUTE, 0, (b) => b.put(m.payload));
    if (opts.stats) yield* fputs(`\n*** Round ${round + 1}, deleting ${victims.length} entries ***\n`, out);
  }
  if (opts.stats) yield* fputs(round === 0 ? 'Nothing to flush.\n' : `*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`, out);
  return 0;
}

/** iproute_get: ask the kernel which route a packet to ADDR would take. */
function* route_get(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  let to: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'to') to = args[++i];
    else to = args[i];
  }
  if (to === undefined) {
    yield* fputs('need at least a destination address\n', stderr());
    return EXIT_FAIL;
  }
  const dst = parse_addr(to);
  if (!dst || (opts.family && dst.family !== opts.family)) {
    yield* fputs(`Error: inet prefix is expected rather than "${to}".\n`, stderr());
    return EXIT_FAIL;
  }
  const map = yield* ll_init_map(rth);
  if (!map) return EXIT_FAIL;
  const res = yield* rtnl_talk(rth, RTM_GETROUTE, 0, (b) => {
    const h = new Uint8Array(RTMSG_SIZE);
    h[RTMSG.family] = dst.family;
    h[RTMSG.dst_len] = dst.family === 10 ? 128 : 32;
    b.put(h);
    b.nla_put(RTA_DST, dst.bytes);
  });
  if (!res || 'error' in res) {
    if (res) yield* fputs(rtnl_error_text(res), stderr());
    return EXIT_RTNL;
  }
  const ri = parse_rtmsg(res);
  if (ri) yield* fputs(print_route(map, ri, 0, false, true), stdout());
  return 0;
}

const matches = (word: string, full: string) => word.length > 0 && full.startsWith(word);

export function* do_iproute(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  const cmd = args[0];
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) return yield* route_show(rth, args.slice(1), opts);
  if (matches(cmd, 'add')) return yield* route_modify(rth, args.slice(1), RTM_NEWROUTE, opts);
  if (matches(cmd, 'delete')) return yield* route_modify(rth, args.slice(1), RTM_DELROUTE, opts);
  if (matches(cmd, 'get')) return yield* route_get(rth, args.slice(1), opts);
  if (matches(cmd, 'flush')) return yield* route_flush(rth, args.slice(1), opts);
  if (matches(cmd, 'help')) {
    yield* fputs(ROUTE_USAGE, stderr());
    return 255;
  }
  yield* fputs(`Command "${cmd}" is unknown, try "ip route help".\n`, stderr());
  return 255;
}
