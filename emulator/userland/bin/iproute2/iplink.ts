// ip link (iproute2 ip/iplink.c, ip/ipaddress.c's link listing): list interfaces from an
// RTM_GETLINK dump, create (dummy, veth) and delete them, change name, mtu and up/down with
// RTM_NEWLINK.
//
//   ip link [show [dev] NAME]
//   ip link add NAME type dummy | veth [peer name PEER]
//   ip link set [dev] NAME up|down|mtu N|name NEW …
//   ip link del[ete] [dev] NAME

import { IFF_PROMISC, IFF_UP } from '../../../uapi/if';
import { NLM_F_CREATE, NLM_F_EXCL, type NlBuilder } from '../../../uapi/netlink';
import { IFINFOMSG_SIZE, IFLA_IFNAME, IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_LINKINFO, IFLA_MTU, IFLA_STATS64, IFLA_TXQLEN, RTM_DELLINK, RTM_GETLINK, RTM_NEWLINK, VETH_INFO_PEER } from '../../../uapi/rtnetlink';
import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { ll_addr, link_display_name, link_flags, oneline, oper_state_name, parse_link, print_linkinfo, type IpOptions, type LinkInfo, type LinkMap } from './ip_common';
import { rtnl_dump, rtnl_error_text, rtnl_talk, type RtnlHandle } from './libnetlink';
import { LINK_USAGE } from './ip_usage';
import { nla_get_u8 } from '../../../uapi/netlink';
import { IFLA_OPERSTATE, IFLA_ADDRESS } from '../../../uapi/rtnetlink';

/** Exit statuses as iproute2 uses them. */
export const EXIT_FAIL = 1, EXIT_RTNL = 2, EXIT_USAGE = 255;

/** An ifinfomsg with the given index, flags and change mask. */
export function ifinfomsg(b: NlBuilder, index: number, flags = 0, change = 0, family = 0): void {
  const h = new Uint8Array(IFINFOMSG_SIZE);
  const v = new DataView(h.buffer);
  h[0] = family;
  v.setInt32(4, index, true);
  v.setUint32(8, flags >>> 0, true);
  v.setUint32(12, change >>> 0, true);
  b.put(h);
}

/** ll_init_map: every interface, by index. */
export function* ll_init_map(rth: RtnlHandle, family = 0): Sys<LinkMap | null> {
  const r = yield* rtnl_dump(rth, RTM_GETLINK, (b) => ifinfomsg(b, 0, 0, 0, family));
  if (!Array.isArray(r)) {
    yield* fputs(rtnl_error_text(r), stderr());
    return null;
  }
  const map: LinkMap = new Map();
  for (const m of r) {
    const l = parse_link(m);
    if (l) map.set(l.index, l);
  }
  return map;
}

/** get_u32 (utils.c): strtoul with base 0 that must take the whole word and fit in 32 bits, else null. */
export function get_u32(s: string): number | null {
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) n = parseInt(s.slice(2), 16);
  else if (/^0[0-7]*$/.test(s)) n = parseInt(s, 8);
  else if (/^[1-9]\d*$/.test(s)) n = Number(s);
  else return null;
  return n <= 0xffffffff ? n : null;
}

export function* incomplete(): Sys<number> {
  yield* fputs('Command line is not complete. Try option "help"\n', stderr());
  return EXIT_USAGE;
}

/** The stats block of `ip -s link`: RX and TX rows with columns as wide as their widest cell. */
function print_link_stats(l: LinkInfo): string {
  const s = l.tb.get(IFLA_STATS64);
  if (!s || s.length < 8 * 24) return '';
  const v = new DataView(s.buffer, s.byteOffset, s.byteLength);
  const c = (i: number) => v.getBigUint64(i * 8, true).toString();
  // rtnl_link_stats64: 0 rx_packets 1 tx_packets 2 rx_bytes 3 tx_bytes 4 rx_errors 5 tx_errors 6 rx_dropped
  // 7 tx_dropped 8 multicast 9 collisions … 15 rx_missed_errors 17 tx_carrier_errors
  const rx = [c(2), c(0), c(4), c(6), c(15), c(8)];
  const tx = [c(3), c(1), c(5), c(7), c(17), c(9)];
  const rxh = ['bytes', 'packets', 'errors', 'dropped', 'missed', 'mcast'];
  const txh = ['bytes', 'packets', 'errors', 'dropped', 'carrier', 'collsns'];
  // size_columns: at least as wide as iproute2's headers, wider for a longer number.
  const w = [10, 7, 6, 7, 7, 7].map((min, i) => Math.max(min, rx[i]!.length, tx[i]!.length));
  const row = (cells: string[]) => '    ' + cells.map((x, i) => x.padStart(w[i]!) + ' ').join('') + '\n';
  const head = (tag: string, hs: string[]) => `    ${tag}: ` + hs.map((x, i) => x.padStart(i === 0 ? w[0]! - 4 : w[i]!)).join(' ') + ' ' + ' '.repeat(10) + '\n';
  return head('RX', rxh) + row(rx) + head('TX', txh) + row(tx);
}

/** The -br line: name, state, address, flags. */
export function brief_link(map: LinkMap, l: LinkInfo): string {
  const { name, mdown } = link_display_name(map, l);
  const op = l.tb.get(IFLA_OPERSTATE);
  const addr = l.tb.get(IFLA_ADDRESS);
  return `${name.padEnd(16)} ${oper_state_name(op ? nla_get_u8(op) : 0).padEnd(14)} ${addr ? ll_addr(addr) + ' ' : ''}${link_flags(l.flags, mdown)} \n`;
}

function* link_show(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  let dev: string | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev') {
      if (i + 1 >= args.length) return yield* incomplete();
      dev = args[++i]!;
    } else if (args[i] === 'up') continue;
    else dev = args[i]!;
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
  if (args.includes('up')) links = links.filter((l) => l.flags & IFF_UP);
  let out = '';
  for (const l of links) {
    if (opts.brief) out += brief_link(map, l);
    else {
      const rec = print_linkinfo(map, l, 'link', opts) + (opts.stats ? print_link_stats(l) : '');
      out += opts.oneline ? oneline(rec) : rec;
    }
  }
  yield* fputs(out, stdout());
  return 0;
}

function* talk(rth: RtnlHandle, type: number, flags: number, fill: (b: NlBuilder) => void): Sys<number> {
  const r = yield* rtnl_talk(rth, type, flags, fill);
  if (r && 'error' in r) {
    yield* fputs(rtnl_error_text(r), stderr());
    return EXIT_RTNL;
  }
  return 0;
}

function* link_add(rth: RtnlHandle, args: string[]): Sys<number> {
  let name: string | null = null, kind: string | null = null, peer: string | null = null;
  let mtu: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'type') {
      if (i + 1 >= args.length) return yield* incomplete();
      kind = args[++i]!;
      // Whatever follows the kind is the kind's own options.
      const rest = args.slice(i + 1);
      if (kind === 'veth' && rest[0] === 'peer') {
        const j = rest[1] === 'name' ? 2 : 1;
        if (rest[j] === undefined) return yield* incomplete();
        peer = rest[j]!;
      }
      break;
    } else if (a === 'name' || a === 'dev') {
      if (i + 1 >= args.length) return yield* incomplete();
      name = args[++i]!;
    } else if (a === 'mtu') {
      if (i + 1 >= args.length) return yield* incomplete();
      mtu = get_u32(args[++i]!);
      if (mtu === null) return yield* invarg('Invalid "mtu" value', args[i]!);
    } else name = a;
  }
  if (kind === null) {
    yield* fputs('Not enough information: "type" argument is required\n', stderr());
    return EXIT_FAIL;
  }
  return yield* talk(rth, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, (b) => {
    ifinfomsg(b, 0);
    if (name !== null) b.nla_put_string(IFLA_IFNAME, name);
    if (mtu !== null) b.nla_put_u32(IFLA_MTU, mtu);
    const li = b.nest_start(IFLA_LINKINFO);
    b.nla_put_string(IFLA_INFO_KIND, kind!);
    if (peer !== null) {
      const data = b.nest_start(IFLA_INFO_DATA);
      const p = b.nest_start(VETH_INFO_PEER);
      ifinfomsg(b, 0);
      b.nla_put_string(IFLA_IFNAME, peer);
      b.nest_end(p);
      b.nest_end(data);
    }
    b.nest_end(li);
  });
}

/** invarg: a bad value for an argument; ip exits with -1. */
export function* invarg(msg: string, arg: string): Sys<number> {
  yield* fputs(`Error: argument "${arg}" is wrong: ${msg}\n\n`, stderr());
  return EXIT_USAGE;
}

/** ll_addr_a2n: "02:11:22:33:44:55" → bytes, or null. */
function parse_lladdr(s: string): Uint8Array | null {
  const parts = s.split(':');
  if (parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

function* link_set(rth: RtnlHandle, args: string[]): Sys<number> {
  let dev: string | null = null, newName: string | null = null, mtu: number | null = null;
  let flags = 0, change = 0;
  let lladdr: Uint8Array | null = null;
  let txqlen: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'address' || a === 'txqueuelen' || a === 'txqlen' || a === 'promisc') {
      if (i + 1 >= args.length) return yield* incomplete();
      const v = args[++i]!;
      if (a === 'address') {
        lladdr = parse_lladdr(v);
        if (!lladdr) {
          yield* fputs(`"${v}" is invalid lladdr.\n`, stderr());
          return EXIT_FAIL;
        }
      } else if (a === 'promisc') {
        if (v !== 'on' && v !== 'off') return yield* invarg('Invalid "promisc" value', v);
        change |= IFF_PROMISC;
        if (v === 'on') flags |= IFF_PROMISC;
      } else {
        txqlen = get_u32(v);
        if (txqlen === null) return yield* invarg('Invalid "txqueuelen" value', v);
      }
      continue;
    }
    if (a === 'up') {
      flags |= IFF_UP;
      change |= IFF_UP;
    } else if (a === 'down') {
      flags &= ~IFF_UP;
      change |= IFF_UP;
    } else if (a === 'name' || a === 'mtu' || a === 'dev') {
      if (i + 1 >= args.length) return yield* incomplete();
      const v = args[++i]!;
      if (a === 'name') newName = v;
      else if (a === 'dev') dev = v;
      else {
        mtu = get_u32(v);
        if (mtu === null) return yield* invarg('Invalid "mtu" value', v);
      }
    } else if (dev === null) dev = a;
    else {
      yield* fputs(`Error: either "dev" is duplicate, or "${a}" is a garbage.\n`, stderr());
      return EXIT_FAIL;
    }
  }
  if (dev === null) {
    yield* fputs('Not enough information: "dev" argument is required.\n', stderr());
    return EXIT_FAIL;
  }
  const map = yield* ll_init_map(rth);
  if (!map) return EXIT_FAIL;
  const l = [...map.values()].find((x) => x.name === dev);
  if (!l) {
    yield* fputs(`Cannot find device "${dev}"\n`, stderr());
    return EXIT_FAIL;
  }
  const cur = l.tb.get(IFLA_ADDRESS);
  if (lladdr && cur && lladdr.length !== cur.length) {
    yield* fputs(`Invalid address length ${lladdr.length} - must be ${cur.length} bytes\n`, stderr());
    return EXIT_FAIL;
  }
  return yield* talk(rth, RTM_NEWLINK, 0, (b) => {
    ifinfomsg(b, l.index, flags, change);
    if (newName !== null) b.nla_put_string(IFLA_IFNAME, newName);
    if (mtu !== null) b.nla_put_u32(IFLA_MTU, mtu);
    if (lladdr) b.nla_put(IFLA_ADDRESS, lladdr);
    if (txqlen !== null) b.nla_put_u32(IFLA_TXQLEN, txqlen);
  });
}

function* link_del(rth: RtnlHandle, args: string[]): Sys<number> {
  const dev = args[0] === 'dev' ? args[1] : args[0];
  if (dev === undefined) {
    yield* fputs('Not enough information: "dev" argument is required.\n', stderr());
    return EXIT_FAIL;
  }
  const map = yield* ll_init_map(rth);
  if (!map) return EXIT_FAIL;
  const l = [...map.values()].find((x) => x.name === dev);
  if (!l) {
    yield* fputs(`Cannot find device "${dev}"\n`, stderr());
    return EXIT_FAIL;
  }
  return yield* talk(rth, RTM_DELLINK, 0, (b) => ifinfomsg(b, l.index));
}

const matches = (word: string, full: string) => word.length > 0 && full.startsWith(word);

export function* do_iplink(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  const cmd = args[0];
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) return yield* link_show(rth, args.slice(1), opts);
  if (cmd === 'add') return yield* link_add(rth, args.slice(1));
  if (cmd === 'set' || cmd === 'change') return yield* link_set(rth, args.slice(1));
  if (cmd === 'delete' || cmd === 'del') return yield* link_del(rth, args.slice(1));
  if (matches(cmd, 'help')) {
    yield* fputs(LINK_USAGE, stderr());
    return EXIT_USAGE;
  }
  yield* fputs(`Command "${cmd}" is unknown, try "ip link help".\n`, stderr());
  return EXIT_USAGE;
}
