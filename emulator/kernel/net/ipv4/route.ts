// Output routing (net/ipv4/route.c ip_route_output_key, net/ipv6/route.c ip6_route_output),
// reduced to what a machine whose only link is the loopback needs: a destination is reachable if
// it is one of our own addresses — the local table, where 127.0.0.0/8 is lo's whole block — and
// then the packet goes out through lo, with the source address the route prefers.
//
// Simplified: no route table (no `ip route add`), no gateways, no other devices' subnets.

import { ENETUNREACH } from '../../../uapi/errno';
import { IFF_LOOPBACK } from '../../../uapi/if';
import type { NetDevice } from '../core/dev';
import type { Net } from '../core/net_namespace';
import { in_dev_addrs, inet_addr_local } from './devinet';
import { in6_dev_addrs, ipv6_chk_addr } from '../ipv6/addrconf';
import { inet_addr_is_any, ipv6_addr_set_v4mapped, ipv6_addr_v4mapped, v4_of } from './inet_sock';

export interface Rtable {
  dev: NetDevice;
  /** The destination after INADDR_ANY / :: became the loopback address. */
  daddr: Uint8Array;
  /** The preferred source address (the route's prefsrc). */
  saddr: Uint8Array;
}

export function loopback_dev(net: Net): NetDevice | undefined {
  return net.devices.find((d) => (d.flags & IFF_LOOPBACK) !== 0);
}

/**
 * ip_route_connect: route to `daddr` (16 bytes; v4-mapped for IPv4). Sending to the wildcard
 * means sending to ourselves: 0.0.0.0 becomes 127.0.0.1 and :: becomes ::1, as Linux does.
 */
export function ip_route_output(net: Net, daddr: Uint8Array): Rtable | number {
  const lo = loopback_dev(net);
  if (!lo || !lo.isUp) return -ENETUNREACH;
  if (ipv6_addr_v4mapped(daddr)) {
    let d = v4_of(daddr);
    if (d === 0) d = 0x7f000001;
    if (!inet_addr_local(net, d)) return -ENETUNREACH;
    // An address some interface holds is its own source; the rest of 127/8 answers from lo's first address.
    const own = net.devices.some((dev) => dev.isUp && in_dev_addrs(dev).some((a) => a.local === d));
    const src = own ? d : (in_dev_addrs(lo)[0]?.local ?? 0x7f000001);
    return { dev: lo, daddr: ipv6_addr_set_v4mapped(d), saddr: ipv6_addr_set_v4mapped(src) };
  }
  let d = daddr;
  if (inet_addr_is_any(d)) d = in6_dev_addrs(lo)[0]?.addr ?? d;
  if (!ipv6_chk_addr(net, d)) return -ENETUNREACH;
  return { dev: lo, daddr: d.slice(), saddr: d.slice() };
}
