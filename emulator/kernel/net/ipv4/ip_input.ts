// Receiving an IPv4 packet (net/ipv4/ip_input.c): ip_rcv checks the header — version, length,
// checksum — then ip_local_deliver hands the payload to the transport registered for its
// protocol number (tcp_v4_rcv, udp_rcv, icmp_rcv).
//
// Simplified: no reassembly (we never fragment), no options, no forwarding: a packet for an
// address that is not ours is dropped (counted as InAddrErrors).

import { IPHDR_SIZE, IP_MF, IP_OFFSET } from '../../../uapi/ip';
import type { SkBuff } from '../core/dev';
import { ip_fast_csum } from './checksum';
import { inet_addr_local } from './devinet';
import { ipv6_addr_set_v4mapped, type InetNet } from './inet_sock';
import { inet_protos } from './protocol';

const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

export function ip_rcv(inet: InetNet, skb: SkBuff): void {
  const b = skb.data;
  const mib = inet.mib.ip;
  mib.InReceives++;
  if (b.length < IPHDR_SIZE || b[0]! >>> 4 !== 4) return void mib.InHdrErrors++;
  const ihl = (b[0]! & 0xf) * 4;
  const tot = u16(b, 2);
  if (ihl < IPHDR_SIZE || tot < ihl || tot > b.length || ip_fast_csum(b, 0, ihl) !== 0) return void mib.InHdrErrors++;
  if (u16(b, 6) & (IP_MF | IP_OFFSET)) return void mib.ReasmFails++;
  const daddr = u32(b, 16);
  if (!inet_addr_local(inet.net, daddr)) return void mib.InAddrErrors++;
  ip_local_deliver(inet, skb, b.subarray(0, tot), ihl);
}

function ip_local_deliver(inet: InetNet, skb: SkBuff, pkt: Uint8Array, ihl: number): void {
  const handler = inet_protos.get(pkt[9]!);
  if (!handler) return void inet.mib.ip.InUnknownProtos++;
  inet.mib.ip.InDelivers++;
  handler(inet, {
    saddr: ipv6_addr_set_v4mapped(u32(pkt, 12)),
    daddr: ipv6_addr_set_v4mapped(u32(pkt, 16)),
    v6: false,
    data: pkt.subarray(ihl),
    packet: pkt,
    dev: skb.dev,
  });
}
