// ip addr (iproute2 ip/ipaddress.c): each interface as `ip link` shows it, followed by its
// addresses from an RTM_GETADDR dump; `ip addr add/del` with RTM_NEWADDR/RTM_DELADDR.
//
//   ip [-4|-6] [-br] addr [show [dev NAME]]
//   ip addr add|del ADDR[/PLEN] [brd ADDR|+] [scope S] [label L] [nodad] dev NAME

import {
  IFA_F_DADFAILED, IFA_F_DEPRECATED, IFA_F_HOMEADDRESS, IFA_F_NODAD, IFA_F_NOPREFIXROUTE, IFA_F_OPTIMISTIC, IFA_F_PERMANENT,
  IFA_F_SECONDARY, IFA_F_TENTATIVE, RT_SCOPE_HOST, RT_SCOPE_LINK,
} from '../../../uapi/if';
import { nla_get_string, nla_get_u32, nla_get_u8, nla_parse, type NlAttrs, type NlMsg, type NlBuilder } from '../../../uapi/netlink';
import { IFADDRMSG_SIZE, IFA_ADDRESS, IFA_BROADCAST, IFA_CACHEINFO, IFA_FLAGS, IFA_LABEL, IFA_LOCAL, IFLA_OPERSTATE, RTM_DELADDR, RTM_GETADDR, RTM_NEWADDR } from '../../../uapi/rtnetlink';
import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { format_addr, link_display_name, oneline, oper_state_name, parse_prefix, print_linkinfo, rtnl_rtscope_a2n, rtnl_rtscope_n2a, type IpOptions, type LinkMap } from './ip_common';
import { EXIT_FAIL, EXIT_RTNL, ifinfomsg, incomplete, ll_init_map } from './iplink';
import { rtnl_dump, rtnl_error_text, rtnl_talk, type RtnlHandle } from './libnetlink';
import { ADDR_USAGE } from './ip_usage';

/** One address from an RTM_NEWADDR message. */
export interface AddrInfo {
  family: number;
  prefixlen: number;
  flags: number;
  scope: number;
  index: number;
  tb: NlAttrs;
}

export function parse_addrmsg(m: NlMsg): AddrInfo | null {
  const p = m.payload;
  if (p.length < IFADDRMSG_SIZE) return null;
  const tb = nla_parse(p.subarray(IFADDRMSG_SIZE));
  const fl = tb.get(IFA_FLAGS);
  return { family: p[0]!, prefixlen: p[1]!, flags: fl ? nla_get_u32(fl) : p[2]!, scope: p[3]!, index: new DataView(p.buffer, p.byteOffset + 4, 4).getUint32(0, true), tb };
}

/** ifa_flag_data, in iproute2's order. */
const IFA_FLAG_NAMES: [number, string][] = [
  [IFA_F_SECONDARY, 'secondary'], [IFA_F_NODAD, 'nodad'], [IFA_F_OPTIMISTIC, 'optimistic'], [IFA_F_DADFAILED, 'dadfailed'],
  [IFA_F_HOMEADDRESS, 'home'], [IFA_F_DEPRECATED, 'deprecated'], [IFA_F_TENTATIVE, 'tentative'], [IFA_F_PERMANENT, 'permanent'],
  [0x100, 'mngtmpaddr'], [IFA_F_NOPREFIXROUTE, 'noprefixroute'], [0x400, 'autojoin'], [0x800, 'stable-privacy'],
];

function ifa_flags(a: AddrInfo): string {
  let s = '';
  let flags = a.flags;
  for (const [bit, name] of IFA_FLAG_NAMES) {
    if (bit === IFA_F_PERMANENT) {
      if (!(flags & bit)) s += 'dynamic ';
    } else if (flags & bit) s += bit === IFA_F_SECONDARY && a.family === 10 ? 'temporary ' : `${name} `;
    flags &= ~bit;
  }
  if (flags) s += `flags ${flags.toString(16).padStart(2, '0')} `;
  return s;
}

function lft(v: number): string {
  return v === 0xffffffff ? 'forever' : `${v}sec`;
}

/** print_addrinfo: "    inet A/P [brd B] scope S [flags] [label]" and the lifetimes line. */
export function print_addrinfo(map: LinkMap, a: AddrInfo, oneline: boolean, deleted = false): string {
  const fam = a.family === 10 ? 'inet6' : a.family === 2 ? 'inet' : `family ${a.family}`;
  const local = a.tb.get(IFA_LOCAL) ?? a.tb.get(IFA_ADDRESS);
  let s = deleted ? 'Deleted ' : '';
  if (oneline) s += `${a.index}: ${map.get(a.index)?.name ?? `if${a.index}`}`;
  s += `    ${fam} `;
  if (local) s += `${format_addr(a.family, local)}`;
  const peer = a.tb.get(IFA_ADDRESS);
  if (local && peer && a.tb.has(IFA_LOCAL) && format_addr(a.family, peer) !== format_addr(a.family, local)) s += ` peer ${format_addr(a.family, peer)}`;
  s += `/${a.prefixlen} `;
  const brd = a.tb.get(IFA_BROADCAST);
  if (brd) s += `brd ${format_addr(a.family, brd)} `;
  s += `scope ${rtnl_rtscope_n2a(a.scope)} `;
  s += ifa_flags(a);
  const label = a.tb.get(IFA_LABEL);
  if (label) s += nla_get_string(label);
  s += '\n';
  const ci = a.tb.get(IFA_CACHEINFO);
  if (ci && ci.length >= 8) {
    const v = new DataView(ci.buffer, ci.byteOffset, ci.byteLength);
    s += `       valid_lft ${lft(v.getUint32(4, true))} preferred_lft ${lft(v.getUint32(0, true))}\n`;
  }
  return s;
}

function* addr_show(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  let dev: string | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev') {
      if (i + 1 >= args.length) return yield* incomplete();
      dev = args[++i]!;
    } else dev = args[i]!;
  }
  const map = yield* ll_init_map(rth);
  if (!map) return EXIT_FAIL;
  let links = [...map.values()];
  if (dev !== null) {
    links = links.filter((l) => l.name === dev);
    if (!links.length) {
      yield* fputs(`Device "${dev}" does not exist.\n`, stderr());
      return EXIT_FAIL;
    }
  }
  const r = yield* rtnl_dump(rth, RTM_GETADDR, (b) => ifinfomsg(b, 0, 0, 0, opts.family));
  if (!Array.isArray(r)) {
    yield* fputs(rtnl_error_text(r), stderr());
    return EXIT_FAIL;
  }
  const addrs = r.map(parse_addrmsg).filter((a): a is AddrInfo => a !== null && (opts.family === 0 || a.family === opts.family));
  let out = '';
  for (const l of links) {
    const mine = addrs.filter((a) => a.index === l.index);
    // With -4 or -6, interfaces without an address of that family are left out.
    if (opts.family !== 0 && !mine.length) continue;
    if (opts.brief) {
      const { name } = link_display_name(map, l);
      const op = l.tb.get(IFLA_OPERSTATE);
      out += `${name.padEnd(16)} ${oper_state_name(op ? nla_get_u8(op) : 0).padEnd(14)} `;
      for (const a of mine) {
        const local = a.tb.get(IFA_LOCAL) ?? a.tb.get(IFA_ADDRESS);
        if (local) out += `${format_addr(a.family, local)}/${a.prefixlen} `;
      }
      out += '\n';
      continue;
    }
    // -o: no interface header; each address on its own line, prefixed with its interface.
    if (opts.oneline) {
      for (const a of mine) out += oneline(print_addrinfo(map, a, true));
      continue;
    }
    out += print_linkinfo(map, l, opts.family === 10 && dev === null ? 'addr6dump' : 'addr', opts);
    for (const a of mine) out += print_addrinfo(map, a, false);
  }
  yield* fputs(out, stdout());
  return 0;
}

function* addr_modify(rth: RtnlHandle, args: string[], cmd: number, opts: IpOptions): Sys<number> {
  let local: ReturnType<typeof parse_prefix> = null;
  let dev: string | null = null, label: string | null = null;
  let brd: string | null = null;
  let scope: number | null = null;
  let flags = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string | null => (i + 1 < args.length ? args[++i]! : null);
    if (a === 'dev' || a === 'label' || a === 'brd' || a === 'broadcast' || a === 'scope' || a === 'local') {
      const v = next();
      if (v === null) return yield* incomplete();
      if (a === 'dev') dev = v;
      else if (a === 'label') label = v;
      else if (a === 'scope') {
        scope = rtnl_rtscope_a2n(v);
        if (scope === null) {
          yield* fputs(`Error: argument "${v}" is wrong: invalid scope value.\n`, stderr());
          return EXIT_FAIL;
        }
      } else if (a === 'local') local = parse_prefix(v);
      else brd = v;
    } else if (a === 'nodad') flags |= IFA_F_NODAD;
    else if (a === 'noprefixroute') flags |= IFA_F_NOPREFIXROUTE;
    else {
      local = parse_prefix(a);
      if (!local) {
        yield* fputs(`Error: any valid prefix is expected rather than "${a}".\n`, stderr());
        return EXIT_FAIL;
      }
    }
  }
  if (dev === null) {
    yield* fputs('Not enough information: "dev" argument is required.\n', stderr());
    return EXIT_FAIL;
  }
  if (!local) {
    yield* fputs('Not enough information: "local" argument is required.\n', stderr());
    return EXIT_FAIL;
  }
  if (opts.family && opts.family !== local.family) {
    yield* fputs(`Error: an inet${opts.family === 10 ? '6' : ''} prefix is expected rather than "${args.find((x) => parse_prefix(x))}".\n`, stderr());
    return EXIT_FAIL;
  }
  const map = yield* ll_init_map(rth);
  if (!map) return EXIT_FAIL;
  const l = [...map.values()].find((x) => x.name === dev);
  if (!l) {
    yield* fputs(`Cannot find device "${dev}"\n`, stderr());
    return EXIT_FAIL;
  }
  const lc = local;
  // default_scope: host for 127/8 and ::1, link for fe80::/10, global otherwise.
  if (scope === null && cmd === RTM_NEWADDR) {
    if (lc.family === 2 && lc.bytes[0] === 127) scope = RT_SCOPE_HOST;
    else if (lc.family === 10 && lc.bytes[0] === 0xfe && (lc.bytes[1]! & 0xc0) === 0x80) scope = RT_SCOPE_LINK;
    else if (lc.family === 10 && lc.bytes.every((x, i) => x === (i === 15 ? 1 : 0))) scope = RT_SCOPE_HOST;
    else scope = 0;
  }
  let brdBytes: Uint8Array | null = null;
  if (brd !== null && lc.family === 2) {
    if (brd === '+' || brd === '-') {
      const host = lc.len >= 31 ? 0 : 0xffffffff >>> lc.len;
      const a = ((lc.bytes[0]! << 24) | (lc.bytes[1]! << 16) | (lc.bytes[2]! << 8) | lc.bytes[3]!) >>> 0;
      const b = brd === '+' ? (a | host) >>> 0 : (a & ~host) >>> 0;
      brdBytes = Uint8Array.of(b >>> 24, (b >>> 16) & 0xff, (b >>> 8) & 0xff, b & 0xff);
    } else {
      const p = parse_prefix(brd);
      if (!p || p.family !== 2) {
        yield* fputs(`Error: inet address is expected rather than "${brd}".\n`, stderr());
        return EXIT_FAIL;
      }
      brdBytes = p.bytes;
    }
  }
  const r = yield* rtnl_talk(rth, cmd, cmd === RTM_NEWADDR ? 0x400 | 0x200 : 0, (b: NlBuilder) => {
    const h = new Uint8Array(IFADDRMSG_SIZE);
    h[0] = lc.family;
    h[1] = lc.len;
    h[2] = flags & 0xff;
    h[3] = scope ?? 0;
    new DataView(h.buffer).setUint32(4, l.index, true);
    b.put(h);
    b.nla_put(IFA_LOCAL, lc.bytes);
    b.nla_put(IFA_ADDRESS, lc.bytes);
    if (brdBytes) b.nla_put(IFA_BROADCAST, brdBytes);
    if (label !== null) b.nla_put_string(IFA_LABEL, label);
    if (flags & ~0xff) b.nla_put_u32(IFA_FLAGS, flags);
  });
  if (r && 'error' in r) {
    yield* fputs(rtnl_error_text(r), stderr());
    return EXIT_RTNL;
  }
  return 0;
}

/**
 * ipaddr_flush: delete every address of a device (of the -4/-6 family), in rounds until none is
 * left; with -s the rounds are counted, with -s -s each address deleted is printed too. A primary
 * takes its secondaries with it, so their own deletion finding nothing is not an error.
 */
function* addr_flush(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  if (!args.length) {
    yield* fputs('Flush requires arguments.\n', stderr());
    return EXIT_FAIL;
  }
  const dev = args[0] === 'dev' ? args[1] : args[0];
  if (dev === undefined) return yield* incomplete();
  const map = yield* ll_init_map(rth);
  if (!map) return EXIT_FAIL;
  const l = [...map.values()].find((x) => x.name === dev);
  if (!l) {
    yield* fputs(`Device "${dev}" does not exist.\n`, stderr());
    return EXIT_FAIL;
  }
  const out = stdout();
  let round = 0;
  for (; round < 10; round++) {
    const r = yield* rtnl_dump(rth, RTM_GETADDR, (b) => ifinfomsg(b, 0, 0, 0, opts.family));
    if (!Array.isArray(r)) {
      yield* fputs(rtnl_error_text(r), stderr());
      return EXIT_FAIL;
    }
    const mine = r.map(parse_addrmsg).filter((a): a is AddrInfo => a !== null && a.index === l.index && (!opts.family || a.family === opts.family));
    if (!mine.length) break;
    for (const a of mine) {
      const local = a.tb.get(IFA_LOCAL) ?? a.tb.get(IFA_ADDRESS)!;
      if (opts.stats > 1) yield* fputs(print_addrinfo(map, a, true), out);
      yield* rtnl_talk(rth, RTM_DELADDR, 0, (b) => {
        const h = new Uint8Array(IFADDRMSG_SIZE);
        h[0] = a.family;
        h[1] = a.prefixlen;
        h[3] = a.scope;
        new DataView(h.buffer).setUint32(4, a.index, true);
        b.put(h);
        b.nla_put(IFA_LOCAL, local);
      });
    }
    if (opts.stats) yield* fputs(`\n*** Round ${round + 1}, deleting ${mine.length} addresses ***\n`, out);
  }
  if (opts.stats) yield* fputs(round === 0 ? 'Nothing to flush.\n' : `*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`, out);
  return 0;
}

const matches = (word: string, full: string) => word.length > 0 && full.startsWith(word);

export function* do_ipaddr(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  const cmd = args[0];
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) return yield* addr_show(rth, args.slice(1), opts);
  if (matches(cmd, 'add')) return yield* addr_modify(rth, args.slice(1), RTM_NEWADDR, opts);
  if (matches(cmd, 'delete')) return yield* addr_modify(rth, args.slice(1), RTM_DELADDR, opts);
  if (matches(cmd, 'flush')) return yield* addr_flush(rth, args.slice(1), opts);
  if (matches(cmd, 'help')) {
    yield* fputs(ADDR_USAGE, stderr());
    return 255;
  }
  yield* fputs(`Command "${cmd}" is unknown, try "ip address help".\n`, stderr());
  return 255;
}
