// IPv4 addresses over rtnetlink (net/ipv4/devinet.c: inet_rtm_newaddr, inet_rtm_deladdr,
// inet_dump_ifaddr, inet_fill_ifaddr, rtmsg_ifa): what `ip -4 addr` reads and `ip addr add/del`
// asks, and the RTM_NEWADDR/RTM_DELADDR notifications RTNLGRP_IPV4_IFADDR listeners get. In
// Linux these live in devinet.c itself; here beside it, so the address lists stay in one file.
//
// Lifetimes: every address is permanent (valid and preferred "forever"); the cache info's time
// stamps are hundredths of a second since boot, taken when the address was added.

import { EADDRNOTAVAIL, EEXIST, EINVAL, ENODEV } from '../../../uapi/errno';
import { IFA_F_PERMANENT, IFA_F_SECONDARY } from '../../../uapi/if';
import { NLM_F_MULTI, NlBuilder, nla_get_string, nla_get_u32, nla_parse, type NlMsg } from '../../../uapi/netlink';
import {
  IFADDRMSG, IFADDRMSG_SIZE, IFA_ADDRESS, IFA_BROADCAST, IFA_CACHEINFO, IFA_CACHEINFO_SIZE, IFA_FLAGS, IFA_LABEL, IFA_LOCAL,
  INFINITY_LIFE_TIME, RTM_DELADDR, RTM_GETADDR, RTM_NEWADDR, RTNLGRP_IPV4_IFADDR,
} from '../../../uapi/rtnetlink';
import { AF_INET } from '../../../uapi/socket';
import type { Kernel } from '../../kernel';
import { dev_get_by_index, type NetDevice } from '../core/dev';
import type { Net } from '../core/net_namespace';
import { rtnl_notify, rtnl_register, rtnl_register_init } from '../core/rtnetlink';
import { nl_dump_fits, type ExtAck, type NetlinkCallback, type NlSkb } from '../netlink/af_netlink';
import { in_dev_addrs, inet_del_ifa, inet_insert_ifa, inet_make_mask, register_inetaddr_notifier, type InIfaddr } from './devinet';

/** When each address was added (ifa_cstamp), in hundredths of a second since boot. */
const cstamps = new WeakMap<InIfaddr, number>();

const cstamp_now = (kernel: Kernel): number => Math.floor(kernel.clock.now() / 10_000_000);

const in_addr = (a: number): Uint8Array => Uint8Array.of(a >>> 24, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff);
const get_in_addr = (b: Uint8Array): number => ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;

/** struct ifaddrmsg. */
export function ifaddrmsg(b: NlBuilder, family: number, prefixlen: number, flags: number, scope: number, index: number): void {
  const h = new Uint8Array(IFADDRMSG_SIZE);
  h[IFADDRMSG.family] = family;
  h[IFADDRMSG.prefixlen] = prefixlen;
  h[IFADDRMSG.flags] = flags & 0xff;
  h[IFADDRMSG.scope] = scope;
  new DataView(h.buffer).setUint32(IFADDRMSG.index, index, true);
  b.put(h);
}

/** put_cacheinfo: lifetimes forever, creation and update stamps. */
export function put_cacheinfo(b: NlBuilder, cstamp: number, tstamp: number): void {
  const c = new Uint8Array(IFA_CACHEINFO_SIZE);
  const v = new DataView(c.buffer);
  v.setUint32(0, INFINITY_LIFE_TIME, true);
  v.setUint32(4, INFINITY_LIFE_TIME, true);
  v.setUint32(8, cstamp, true);
  v.setUint32(12, tstamp, true);
  b.nla_put(IFA_CACHEINFO, c);
}

/** inet_fill_ifaddr. */
function inet_fill_ifaddr(b: NlBuilder, ifa: InIfaddr, type: number, portid: number, seq: number, flags: number): void {
  b.nlmsg_put(type, flags, seq, portid);
  ifaddrmsg(b, AF_INET, ifa.prefixlen, ifa.flags, ifa.scope, ifa.dev.ifindex);
  if (ifa.address) b.nla_put(IFA_ADDRESS, in_addr(ifa.address));
  if (ifa.local) b.nla_put(IFA_LOCAL, in_addr(ifa.local));
  if (ifa.broadcast) b.nla_put(IFA_BROADCAST, in_addr(ifa.broadcast));
  if (ifa.label) b.nla_put_string(IFA_LABEL, ifa.label);
  b.nla_put_u32(IFA_FLAGS, ifa.flags);
  const c = cstamps.get(ifa) ?? 0;
  put_cacheinfo(b, c, c);
  b.nlmsg_end();
}

/** inet_dump_ifaddr: device by device (cb.args[0]), address by address (cb.args[1]). */
function inet_dump_ifaddr(net: Net, cb: NetlinkCallback, b: NlBuilder, budget: number): number {
  const start = b.len;
  for (let d = cb.args[0]!; d < net.devices.length; d++, cb.args[1] = 0) {
    const list = in_dev_addrs(net.devices[d]!);
    for (let i = cb.args[1]!; i < list.length; i++) {
      if (!nl_dump_fits(b, budget, (bb) => inet_fill_ifaddr(bb, list[i]!, RTM_NEWADDR, cb.portid, cb.nlh.seq, NLM_F_MULTI))) {
        cb.args[0] = d;
        cb.args[1] = i;
        return b.len - start;
      }
    }
    cb.args[0] = d + 1;
  }
  return b.len - start;
}

interface AddrReq {
  dev: NetDevice;
  prefixlen: number;
  flags: number;
  scope: number;
  tb: Map<number, Uint8Array>;
}

function parse_ifaddrmsg(net: Net, nlh: NlMsg): AddrReq | number {
  if (nlh.payload.length < IFADDRMSG_SIZE) return -EINVAL;
  const p = nlh.payload;
  const index = new DataView(p.buffer, p.byteOffset, p.byteLength).getUint32(IFADDRMSG.index, true);
  const prefixlen = p[IFADDRMSG.prefixlen]!;
  if (prefixlen > 32) return -EINVAL;
  const dev = dev_get_by_index(net, index);
  if (!dev) return -ENODEV;
  return { dev, prefixlen, flags: p[IFADDRMSG.flags]!, scope: p[IFADDRMSG.scope]!, tb: nla_parse(p.subarray(IFADDRMSG_SIZE)) };
}

/** inet_rtm_newaddr (rtm_to_ifaddr + __inet_insert_ifa). */
function inet_rtm_newaddr(net: Net, _skb: NlSkb, nlh: NlMsg, extack: ExtAck): number {
  const r = parse_ifaddrmsg(net, nlh);
  if (typeof r === 'number') return r;
  const local = r.tb.get(IFA_LOCAL) ?? r.tb.get(IFA_ADDRESS);
  if (!local || local.length < 4) return -EINVAL;
  const addr = get_in_addr(local);
  const peer = r.tb.get(IFA_ADDRESS);
  const brd = r.tb.get(IFA_BROADCAST);
  const lbl = r.tb.get(IFA_LABEL);
  const fl = r.tb.get(IFA_FLAGS);
  let flags = (fl ? nla_get_u32(fl) : r.flags) | IFA_F_PERMANENT;
  const mask = inet_make_mask(r.prefixlen);
  const list = in_dev_addrs(r.dev);
  if (list.some((a) => a.local === addr && a.prefixlen === r.prefixlen)) {
    extack.msg = 'ipv4: Address already assigned';
    return -EEXIST;
  }
  // Another address in the same subnet makes this one a secondary.
  if (list.some((a) => !(a.flags & IFA_F_SECONDARY) && a.prefixlen === r.prefixlen && ((a.local ^ addr) & mask) === 0)) flags |= IFA_F_SECONDARY;
  const ifa: InIfaddr = {
    dev: r.dev,
    local: addr,
    address: peer && peer.length >= 4 ? get_in_addr(peer) : addr,
    prefixlen: r.prefixlen,
    broadcast: brd && brd.length >= 4 ? get_in_addr(brd) : 0,
    scope: r.scope,
    flags,
    label: lbl ? nla_get_string(lbl) : r.dev.name,
  };
  cstamps.set(ifa, cstamp_now(net.kernel));
  return inet_insert_ifa(ifa);
}

/** inet_rtm_deladdr: by local address and prefix (or the first address with that label). */
function inet_rtm_deladdr(net: Net, _skb: NlSkb, nlh: NlMsg, extack: ExtAck): number {
  const r = parse_ifaddrmsg(net, nlh);
  if (typeof r === 'number') return r;
  const local = r.tb.get(IFA_LOCAL) ?? r.tb.get(IFA_ADDRESS);
  const list = in_dev_addrs(r.dev);
  const ifa = list.find((a) => (!local || a.local === get_in_addr(local)) && (!local || a.prefixlen === r.prefixlen));
  if (!ifa) {
    extack.msg = 'ipv4: Address not found';
    return -EADDRNOTAVAIL;
  }
  // __inet_del_ifa: a primary takes its secondaries with it (no promote_secondaries).
  if (!(ifa.flags & IFA_F_SECONDARY)) {
    const mask = inet_make_mask(ifa.prefixlen);
    for (const sec of list.filter((a) => a.flags & IFA_F_SECONDARY && a.prefixlen === ifa.prefixlen && ((a.local ^ ifa.local) & mask) === 0)) {
      inet_del_ifa(r.dev, sec.local, sec.prefixlen);
    }
  }
  return inet_del_ifa(r.dev, ifa.local, ifa.prefixlen);
}

rtnl_register_init((_kernel, net) => {
  rtnl_register(AF_INET, RTM_NEWADDR, inet_rtm_newaddr, undefined);
  rtnl_register(AF_INET, RTM_DELADDR, inet_rtm_deladdr, undefined);
  rtnl_register(AF_INET, RTM_GETADDR, undefined, inet_dump_ifaddr);
  // rtmsg_ifa: every address added or removed, to RTNLGRP_IPV4_IFADDR.
  register_inetaddr_notifier(net, (event, ifa) => {
    if (!cstamps.has(ifa)) cstamps.set(ifa, cstamp_now(net.kernel));
    rtnl_notify(net, RTNLGRP_IPV4_IFADDR, (b) => inet_fill_ifaddr(b, ifa, event === 'add' ? RTM_NEWADDR : RTM_DELADDR, 0, 0, 0));
  });
  // Addresses made before rtnetlink started (lo's, at boot) were added at boot.
  for (const dev of net.devices) for (const ifa of in_dev_addrs(dev)) if (!cstamps.has(ifa)) cstamps.set(ifa, 0);
});
