// Receiving an IPv6 packet (net/ipv6/ip6_input.c ipv6_rcv, ip6_input): check the version and the
// payload length, check the destination is ours, and hand the payload to the transport named by
// the next header.
//
// Simplified: no extension headers (a packet with one is dropped as an unknown protocol).

import { IPV6HDR_SIZE } from '../../../uapi/ip';
import type { SkBuff } from '../core/dev';
import { ipv6_chk_addr } from './addrconf';
import type { InetNet } from '../ipv4/inet_sock';
import { inet6_protos } from '../ipv4/protocol';

export function ipv6_rcv(inet: InetNet, skb: SkBuff): void {
  const b = skb.data;
  const mib = inet.mib.ip6;
  mib.InReceives++;
  if (b.length < IPV6HDR_SIZE || b[0]! >>> 4 !== 6) return;
  const plen = (b[4]! << 8) | b[5]!;
  if (IPV6HDR_SIZE + plen > b.length) return;
  const daddr = b.slice(24, 40);
  if (!ipv6_chk_addr(inet.net, daddr)) return void mib.InNoRoutes++;
  const handler = inet6_protos.get(b[6]!);
  if (!handler) return;
  mib.InDelivers++;
  const pkt = b.subarray(0, IPV6HDR_SIZE + plen);
  handler(inet, { saddr: b.slice(8, 24), daddr, v6: true, data: pkt.subarray(IPV6HDR_SIZE), packet: pkt, dev: skb.dev });
}
