// ip (iproute2 6.1's ip/ip.c): show and change interfaces, addresses and routes over NETLINK_ROUTE.
// The global options come first, then the object (link, address, route, monitor), abbreviated
// as iproute2 allows ("a", "addr", "r", "l", "mon"), then its command.
//
// Supported: ip [-4|-6] [-s] [-d] [-br] [-o] link|address|route|neigh|monitor …; see iplink.ts,
// ipaddress.ts, iproute.ts and ipmonitor.ts for each object's commands. The other objects of
// iproute2 (neigh, rule, netns …) are reported unknown.

import { NETLINK_ROUTE } from '../../../uapi/netlink';
import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout } from '../../libc/stdio';
import type { IpOptions } from './ip_common';
import { do_ipaddr } from './ipaddress';
import { do_iplink } from './iplink';
import { do_ipmonitor } from './ipmonitor';
import { do_iproute } from './iproute';
import { rtnl_close, rtnl_dump, rtnl_error_text, rtnl_open, type RtnlHandle } from './libnetlink';
import { RTM_GETNEIGH } from '../../../uapi/rtnetlink';
import { NEIGH_USAGE } from './ip_usage';

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

/** ip.c's cmds[], in its order: an abbreviation means the first object it begins. */
const OBJECTS = [
  'address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link', 'l2tp', 'fou', 'ila',
  'macsec', 'tunnel', 'tunl', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns',
  'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'stats', 'help',
];

type Handler = (rth: RtnlHandle, args: string[], opts: IpOptions) => Sys<number>;
/**
 * ip neigh [show]: the neighbour table from an RTM_GETNEIGH dump. This machine's is always empty
 * (see kernel/net/core/neighbour.ts), so there is never anything to print.
 */
function* do_ipneigh(rth: RtnlHandle, args: string[], opts: IpOptions): Sys<number> {
  const cmd = args[0];
  if (cmd === 'help') {
    yield* fputs(NEIGH_USAGE, stderr());
    return 255;
  }
  if (cmd !== undefined && !['show', 'list', 'lst'].some((c) => c.startsWith(cmd))) {
    yield* fputs(`Command "${cmd}" is unknown, try "ip neigh help".\n`, stderr());
    return 255;
  }
  const r = yield* rtnl_dump(rth, RTM_GETNEIGH, (b) => b.put(Uint8Array.of(opts.family, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
  if (!Array.isArray(r)) {
    yield* fputs(rtnl_error_text(r), stderr());
    return 1;
  }
  return 0;
}

const HANDLERS: Record<string, Handler> = { address: do_ipaddr, link: do_iplink, route: do_iproute, neighbor: do_ipneigh, neighbour: do_ipneigh };

/** matches(): `word` is a prefix of `full`. */
const matches = (word: string, full: string) => word.length > 0 && full.startsWith(word);

export function* ip(argv: string[]): Sys<number> {
  const opts: IpOptions = { family: 0, stats: 0, details: false, brief: false, oneline: false };
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    let o = argv[i]!.slice(1);
    if (o.startsWith('-')) o = o.slice(1);
    if (o === '4') opts.family = 2;
    else if (o === '6') opts.family = 10;
    else if (o === '0') opts.family = 17;
    else if (matches(o, 'statistics') || matches(o, 'stats')) opts.stats++;
    else if (matches(o, 'details')) opts.details = true;
    else if (o.length >= 2 && matches(o, 'brief')) opts.brief = true;
    else if (matches(o, 'oneline')) opts.oneline = true;
    else if (matches(o, 'family')) {
      const f = argv[++i];
      if (f === 'inet') opts.family = 2;
      else if (f === 'inet6') opts.family = 10;
      else if (f === 'link') opts.family = 17;
      else {
        yield* fputs(`Error: argument "${f ?? ''}" is wrong: invalid protocol family\n\n`, stderr());
        return 255;
      }
    } else if (matches(o, 'Version')) {
      yield* fputs('ip utility, iproute2-6.1.0, libbpf 1.1.2\n', stdout());
      return 0;
    } else if (matches(o, 'help')) {
      yield* fputs(USAGE, stderr());
      return 255;
    } else {
      yield* fputs(`Option "${argv[i]}" is unknown, try "ip -help".\n`, stderr());
      return 255;
    }
  }
  const word = argv[i];
  if (word === undefined) {
    yield* fputs(USAGE, stderr());
    return 255;
  }
  const object = OBJECTS.find((o) => matches(word, o));
  if (object === 'help') {
    yield* fputs(USAGE, stderr());
    return 255;
  }
  const args = argv.slice(i + 1);
  if (object === 'monitor') return yield* do_ipmonitor(args, opts);
  const handler = object ? HANDLERS[object] : undefined;
  if (!handler) {
    yield* fputs(`Object "${word}" is unknown, try "ip help".\n`, stderr());
    return 1;
  }
  const rth = yield* rtnl_open(NETLINK_ROUTE);
  if (!rth) return 1;
  try {
    return yield* handler(rth, args, opts);
  } finally {
    yield* rtnl_close(rth);
  }
}
