// ip monitor (iproute2 ip/ipmonitor.c): join rtnetlink's multicast groups and print every
// notification as it arrives — links as `ip link` prints them, addresses with their interface
// in front, routes as `ip route` does (with "table local" for the local table), deletions
// prefixed by "Deleted ". The interface map is kept current from the link messages themselves.
//
//   ip monitor [all | link | address | route]...

import { NETLINK_ROUTE, type NlMsg } from '../../../uapi/netlink';
import {
  RTM_DELADDR, RTM_DELLINK, RTM_DELROUTE, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE, RTMGRP_IPV4_IFADDR, RTMGRP_IPV4_ROUTE,
  RTMGRP_IPV6_IFADDR, RTMGRP_IPV6_ROUTE, RTMGRP_LINK,
} from '../../../uapi/rtnetlink';
import type { Sys } from '../../runtime/context';
import { fflush, fputs, stderr, stdout } from '../../libc/stdio';
import { parse_addrmsg, print_addrinfo } from './ipaddress';
import { parse_link, print_linkinfo, type IpOptions } from './ip_common';
import { ll_init_map } from './iplink';
import { parse_rtmsg, print_route } from './iproute';
import { rtnl_close, rtnl_listen, rtnl_open } from './libnetlink';
import { MONITOR_USAGE } from './ip_usage';

export function* do_ipmonitor(args: string[], opts: IpOptions): Sys<number> {
  let groups = 0;
  for (const a of args.length ? args : ['all']) {
    if (a === 'all') groups |= RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE;
    else if (a === 'help') {
      yield* fputs(MONITOR_USAGE, stderr());
      return 255;
    } else if ('link'.startsWith(a)) groups |= RTMGRP_LINK;
    else if ('address'.startsWith(a)) groups |= RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR;
    else if ('route'.startsWith(a)) groups |= RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE;
    else {
      yield* fputs(`Argument "${a}" is unknown, try "ip monitor help".\n`, stderr());
      return 255;
    }
  }
  const rth = yield* rtnl_open(NETLINK_ROUTE, groups);
  if (!rth) return 1;
  const map = yield* ll_init_map(rth);
  if (!map) return 1;
  const out = stdout();
  const r = yield* rtnl_listen(rth, function* (m: NlMsg) {
    let text: string;
    if (m.type === RTM_NEWLINK || m.type === RTM_DELLINK) {
      const l = parse_link(m);
      if (!l) return true;
      if (m.type === RTM_NEWLINK) map.set(l.index, l);
      text = print_linkinfo(map, l, 'monitor', { ...opts, family: 0 }, m.type === RTM_DELLINK);
      if (m.type === RTM_DELLINK) map.delete(l.index);
    } else if (m.type === RTM_NEWADDR || m.type === RTM_DELADDR) {
      const a = parse_addrmsg(m);
      if (!a || (opts.family && a.family !== opts.family)) return true;
      text = print_addrinfo(map, a, true, m.type === RTM_DELADDR);
    } else if (m.type === RTM_NEWROUTE || m.type === RTM_DELROUTE) {
      const ri = parse_rtmsg(m);
      if (!ri || (opts.family && ri.family !== opts.family)) return true;
      text = print_route(map, ri, 0, m.type === RTM_DELROUTE);
    } else return true;
    yield* fputs(text, out);
    yield* fflush(out);
    return true;
  });
  yield* rtnl_close(rth);
  return r < 0 ? 1 : 0;
}
