// Sending an IP packet (net/ipv4/ip_output.c ip_queue_xmit, net/ipv6/ip6_output.c ip6_xmit): the
// transport has written its segment behind room for the network header; here the header goes in
// front — IPv4 (20 bytes, with its checksum) or IPv6 (40 bytes) — the transport checksum is filled
// in over its pseudo-header (what a NIC does with CHECKSUM_PARTIAL; lo's "hardware" is us), and
// the packet leaves through dev_queue_xmit.
//
// Simplified: no fragmentation (lo's MTU is bigger than any segment we build), no IP options,
// no netfilter hooks, IPv6 flow label 0.

import { ETH_P_IP, ETH_P_IPV6, IPDEFTTL, IPHDR_SIZE, IPV6HDR_SIZE, IP_DF } from '../../../uapi/ip';
import { IPPROTO_TCP } from '../../../uapi/in';
import { dev_queue_xmit, type NetDevice } from '../core/dev';
import { csum_fold, csum_partial, csum_pseudo, ip_fast_csum } from './checksum';
import { ipv6_addr_v4mapped, type InetNet } from './inet_sock';
import { trace_net_packet } from './net_trace';

/** Room the network header needs in front of a transport segment to `daddr`. */
export const inet_headroom = (daddr: Uint8Array): number => (ipv6_addr_v4mapped(daddr) ? IPHDR_SIZE : IPV6HDR_SIZE);

export interface InetFlow {
  saddr: Uint8Array;
  daddr: Uint8Array;
  protocol: number;
  /** IP_TTL / IPV6_UNICAST_HOPS, -1 for the default. */
  ttl: number;
  tos: number;
  /** Where the transport's checksum field is, from the start of its header (csum_offset); -1 for none. */
  csum_offset: number;
  /** Whether the checksum covers a pseudo-header (TCP, UDP, ICMPv6; not ICMP). */
  pseudo: boolean;
}

/**
 * ip_queue_xmit / ip6_xmit: `buf` holds the transport segment from `hlen` (= inet_headroom) on.
 * Returns 0, or -errno.
 */
export function inet_xmit(inet: InetNet, dev: NetDevice, buf: Uint8Array, hlen: number, fl: InetFlow): number {
  const v6 = hlen === IPV6HDR_SIZE;
  const l4len = buf.length - hlen;
  if (fl.csum_offset >= 0) {
    const sum = csum_partial(buf, hlen, l4len, fl.pseudo ? csum_pseudo(fl.saddr, fl.daddr, fl.protocol, l4len, v6) : 0);
    let c = csum_fold(sum);
    // A UDP checksum of 0 means "none"; a computed 0 is sent as 0xffff.
    if (c === 0 && fl.protocol !== IPPROTO_TCP) c = 0xffff;
    buf[hlen + fl.csum_offset] = c >>> 8;
    buf[hlen + fl.csum_offset + 1] = c & 0xff;
  }
  const ttl = fl.ttl >= 0 ? fl.ttl : IPDEFTTL;
  if (!v6) {
    buf[0] = 0x45;
    buf[1] = fl.tos;
    buf[2] = buf.length >>> 8;
    buf[3] = buf.length & 0xff;
    const id = inet.ip_id;
    inet.ip_id = (id + 1) & 0xffff;
    buf[4] = id >>> 8;
    buf[5] = id & 0xff;
    // Don't Fragment, as path MTU discovery (IP_PMTUDISC_WANT, the default) sets it.
    buf[6] = IP_DF >>> 8;
    buf[7] = 0;
    buf[8] = ttl;
    buf[9] = fl.protocol;
    buf[10] = buf[11] = 0;
    buf.set(fl.saddr.subarray(12), 12);
    buf.set(fl.daddr.subarray(12), 16);
    const c = ip_fast_csum(buf, 0, IPHDR_SIZE);
    buf[10] = c >>> 8;
    buf[11] = c & 0xff;
    inet.mib.ip.OutRequests++;
    inet.mib.ip.OutTransmits++;
  } else {
    buf[0] = 0x60 | (fl.tos >>> 4);
    buf[1] = (fl.tos & 0xf) << 4;
    buf[2] = buf[3] = 0;
    buf[4] = l4len >>> 8;
    buf[5] = l4len & 0xff;
    buf[6] = fl.protocol;
    buf[7] = ttl;
    buf.set(fl.saddr, 8);
    buf.set(fl.daddr, 24);
    inet.mib.ip6.OutRequests++;
  }
  trace_net_packet(inet, dev, buf, hlen, fl.protocol, v6);
  dev_queue_xmit({ data: buf, protocol: v6 ? ETH_P_IPV6 : ETH_P_IP, dev });
  return 0;
}
