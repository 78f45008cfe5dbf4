// IPv6 addresses over rtnetlink (net/ipv6/addrconf.c: inet6_rtm_newaddr, inet6_rtm_deladdr,
// inet6_dump_ifaddr, inet6_fill_ifaddr): what `ip -6 addr` reads and `ip -6 addr add/del` asks, and
// the notifications RTNLGRP_IPV6_IFADDR listeners get. In Linux these are in addrconf.c itself.
//
// Simplified: every address is permanent; no prefix route is added to an IPv6 routing table (this
// machine has none), and no duplicate address detection runs.

import { EADDRNOTAVAIL, EEXIST, EINVAL, ENODEV } from '../../../uapi/errno';
import { IFA_F_PERMANENT, RT_SCOPE_HOST, RT_SCOPE_LINK, RT_SCOPE_UNIVERSE } from '../../../uapi/if';
import { NLM_F_MULTI, NlBuilder, nla_get_u32, nla_parse, type NlMsg } from '../../../uapi/netlink';
import { IFADDRMSG, IFADDRMSG_SIZE, IFA_ADDRESS, IFA_FLAGS, IFA_LOCAL, RTM_DELADDR, RTM_GETADDR, RTM_NEWADDR, RTNLGRP_IPV6_IFADDR } from '../../../uapi/rtnetlink';
import { AF_INET6 } from '../../../uapi/socket';
import { dev_get_by_index } from '../core/dev';
import type { Net } from '../core/net_namespace';
import { rtnl_notify, rtnl_register, rtnl_register_init } from '../core/rtnetlink';
import { ifaddrmsg, put_cacheinfo } from '../ipv4/devinet_rtnl';
import { nl_dump_fits, type ExtAck, type NetlinkCallback, type NlSkb } from '../netlink/af_netlink';
import { in6_dev_addrs, ipv6_add_addr, ipv6_addr_equal, ipv6_del_addr, register_inet6addr_notifier, type Inet6Ifaddr } from './addrconf';

const cstamps = new WeakMap<Inet6Ifaddr, number>();

/** ipv6_addr_scope, as rt_scope reports it: ::1 host, fe80::/10 link, the rest global. */
function ipv6_addr_scope(a: Uint8Array): number {
  if (a.every((x, i) => x === (i === 15 ? 1 : 0))) return RT_SCOPE_HOST;
  if (a[0] === 0xfe && (a[1]! & 0xc0) === 0x80) return RT_SCOPE_LINK;
  return RT_SCOPE_UNIVERSE;
}

/** inet6_fill_ifaddr. */
function inet6_fill_ifaddr(b: NlBuilder, ifa: Inet6Ifaddr, type: number, portid: number, seq: number, flags: number): void {
  b.nlmsg_put(type, flags, seq, portid);
  ifaddrmsg(b, AF_INET6, ifa.prefixlen, ifa.flags, ifa.scope, ifa.dev.ifindex);
  b.nla_put(IFA_ADDRESS, ifa.addr);
  const c = cstamps.get(ifa) ?? 0;
  put_cacheinfo(b, c, c);
  b.nla_put_u32(IFA_FLAGS, ifa.flags);
  b.nlmsg_end();
}

function inet6_dump_ifaddr(net: Net, cb: NetlinkCallback, b: NlBuilder, budget: number): number {
  const start = b.len;
  for (let d = cb.args[0]!; d < net.devices.length; d++, cb.args[1] = 0) {
    const list = in6_dev_addrs(net.devices[d]!);
    for (let i = cb.args[1]!; i < list.length; i++) {
      if (!nl_dump_fits(b, budget, (bb) => inet6_fill_ifaddr(bb, list[i]!, RTM_NEWADDR, cb.portid, cb.nlh.seq, NLM_F_MULTI))) {
        cb.args[0] = d;
        cb.args[1] = i;
        return b.len - start;
      }
    }
    cb.args[0] = d + 1;
  }
  return b.len - start;
}

function parse_req(net: Net, nlh: NlMsg) {
  if (nlh.payload.length < IFADDRMSG_SIZE) return -EINVAL;
  const p = nlh.payload;
  const index = new DataView(p.buffer, p.byteOffset, p.byteLength).getUint32(IFADDRMSG.index, true);
  const prefixlen = p[IFADDRMSG.prefixlen]!;
  const tb = nla_parse(p.subarray(IFADDRMSG_SIZE));
  const addr = tb.get(IFA_LOCAL) ?? tb.get(IFA_ADDRESS);
  if (!addr || addr.length < 16 || prefixlen > 128) return -EINVAL;
  const dev = dev_get_by_index(net, index);
  if (!dev) return -ENODEV;
  const fl = tb.get(IFA_FLAGS);
  return { dev, prefixlen, addr: addr.slice(0, 16), flags: fl ? nla_get_u32(fl) : p[IFADDRMSG.flags]! };
}

function inet6_rtm_newaddr(net: Net, _skb: NlSkb, nlh: NlMsg, extack: ExtAck): number {
  const r = parse_req(net, nlh);
  if (typeof r === 'number') return r;
  if (in6_dev_addrs(r.dev).some((a) => ipv6_addr_equal(a.addr, r.addr))) {
    extack.msg = 'ipv6: address already assigned';
    return -EEXIST;
  }
  const ifa: Inet6Ifaddr = { dev: r.dev, addr: r.addr, prefixlen: r.prefixlen, scope: ipv6_addr_scope(r.addr), flags: r.flags | IFA_F_PERMANENT };
  cstamps.set(ifa, Math.floor(net.kernel.clock.now() / 10_000_000));
  return ipv6_add_addr(ifa);
}

function inet6_rtm_deladdr(net: Net, _skb: NlSkb, nlh: NlMsg, extack: ExtAck): number {
  const r = parse_req(net, nlh);
  if (typeof r === 'number') return r;
  const ifa = in6_dev_addrs(r.dev).find((a) => ipv6_addr_equal(a.addr, r.addr));
  if (!ifa) {
    extack.msg = 'ipv6: address not found';
    return -EADDRNOTAVAIL;
  }
  return ipv6_del_addr(r.dev, ifa.addr, ifa.prefixlen);
}

rtnl_register_init((_kernel, net) => {
  rtnl_register(AF_INET6, RTM_NEWADDR, inet6_rtm_newaddr, undefined);
  rtnl_register(AF_INET6, RTM_DELADDR, inet6_rtm_deladdr, undefined);
  rtnl_register(AF_INET6, RTM_GETADDR, undefined, inet6_dump_ifaddr);
  register_inet6addr_notifier(net, (event, ifa) => {
    rtnl_notify(net, RTNLGRP_IPV6_IFADDR, (b) => inet6_fill_ifaddr(b, ifa, event === 'add' ? RTM_NEWADDR : RTM_DELADDR, 0, 0, 0));
  });
});
