// ICMP, the part a loopback-only machine meets (net/ipv4/icmp.c, net/ipv6/icmp.c): "port
// unreachable" sent back for a UDP datagram nobody receives, and on receipt handed to the UDP
// socket that sent it (icmp_unreach → udp_err) as ECONNREFUSED.
//
// Simplified: no echo (ping has no raw sockets here), no rate limiting, no other error types.

import { ECONNREFUSED } from '../../../uapi/errno';
import { IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_UDP } from '../../../uapi/in';
import { ICMPV6_DEST_UNREACH, ICMPV6_PORT_UNREACH, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, IPHDR_SIZE, IPV6HDR_SIZE } from '../../../uapi/ip';
import { icmpmsg_inc } from './mib';
import { inet_xmit } from './ip_output';
import { ipv6_addr_set_v4mapped, type InetNet } from './inet_sock';
import type { InetSkb } from './protocol';
import { ip_route_output } from './route';
import { udp_err } from './udp';

/** icmp_send(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH) / icmpv6_send: quote the offending packet back to its sender. */
export function icmp_send_port_unreach(inet: InetNet, skb: InetSkb): void {
  const rt = ip_route_output(inet.net, skb.saddr);
  if (typeof rt === 'number') return;
  // As much of the original as fits in a minimal-MTU reply (576 bytes for IPv4, 1280 for IPv6).
  const hlen = skb.v6 ? IPV6HDR_SIZE : IPHDR_SIZE;
  const quote = skb.packet.subarray(0, Math.min(skb.packet.length, (skb.v6 ? 1280 : 576) - hlen - 8));
  const buf = new Uint8Array(hlen + 8 + quote.length);
  buf[hlen] = skb.v6 ? ICMPV6_DEST_UNREACH : ICMP_DEST_UNREACH;
  buf[hlen + 1] = skb.v6 ? ICMPV6_PORT_UNREACH : ICMP_PORT_UNREACH;
  buf.set(quote, hlen + 8);
  if (skb.v6) {
    inet.mib.icmp6.OutMsgs++;
    inet.mib.icmp6.OutDestUnreachs++;
  } else {
    inet.mib.icmp.OutMsgs++;
    inet.mib.icmp.OutDestUnreachs++;
    icmpmsg_inc(inet.mib, 'Out', ICMP_DEST_UNREACH);
  }
  inet_xmit(inet, rt.dev, buf, hlen, {
    saddr: skb.daddr, daddr: skb.saddr, protocol: skb.v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP, ttl: -1, tos: 0, csum_offset: 2, pseudo: skb.v6,
  });
}

/** icmp_rcv / icmpv6_rcv: a destination-unreachable about UDP goes to the socket that sent the datagram. */
export function icmp_rcv(inet: InetNet, skb: InetSkb): void {
  const d = skb.data;
  if (skb.v6) inet.mib.icmp6.InMsgs++;
  else inet.mib.icmp.InMsgs++;
  if (d.length < 8) return void (skb.v6 ? 0 : inet.mib.icmp.InErrors++);
  const type = d[0]!, code = d[1]!;
  if (!skb.v6) icmpmsg_inc(inet.mib, 'In', type);
  const unreach = skb.v6 ? type === ICMPV6_DEST_UNREACH : type === ICMP_DEST_UNREACH;
  if (!unreach) return;
  if (skb.v6) inet.mib.icmp6.InDestUnreachs++;
  else inet.mib.icmp.InDestUnreachs++;
  const portUnreach = skb.v6 ? code === ICMPV6_PORT_UNREACH : code === ICMP_PORT_UNREACH;
  // The quoted packet: its header tells which of our datagrams this was.
  const q = d.subarray(8);
  let saddr: Uint8Array, daddr: Uint8Array, proto: number, l4: Uint8Array;
  if (skb.v6) {
    if (q.length < IPV6HDR_SIZE + 8) return;
    saddr = q.slice(8, 24);
    daddr = q.slice(24, 40);
    proto = q[6]!;
    l4 = q.subarray(IPV6HDR_SIZE);
  } else {
    if (q.length < IPHDR_SIZE + 8) return;
    const ihl = (q[0]! & 0xf) * 4;
    const v4 = (o: number) => ((q[o]! << 24) | (q[o + 1]! << 16) | (q[o + 2]! << 8) | q[o + 3]!) >>> 0;
    saddr = ipv6_addr_set_v4mapped(v4(12));
    daddr = ipv6_addr_set_v4mapped(v4(16));
    proto = q[9]!;
    l4 = q.subarray(ihl);
  }
  if (proto !== IPPROTO_UDP || l4.length < 4 || !portUnreach) return;
  udp_err(inet, saddr, (l4[0]! << 8) | l4[1]!, daddr, (l4[2]! << 8) | l4[3]!, ECONNREFUSED);
}
