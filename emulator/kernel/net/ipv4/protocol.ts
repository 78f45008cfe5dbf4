// The transport protocols the IP layers deliver to (net/ipv4/protocol.c inet_protos[],
// net/ipv6/protocol.c inet6_protos[]): a handler per protocol number, added at init.

import type { NetDevice } from '../core/dev';
import type { InetNet } from './inet_sock';

/** A received packet as the transports see it. */
export interface InetSkb {
  /** Source and destination, 16 bytes each (v4-mapped for IPv4). */
  saddr: Uint8Array;
  daddr: Uint8Array;
  /** Which IP carried it. */
  v6: boolean;
  /** The transport segment (header and payload). */
  data: Uint8Array;
  /** The whole packet from the network header on (what an ICMP error quotes). */
  packet: Uint8Array;
  dev: NetDevice;
}

export type ProtoHandler = (inet: InetNet, skb: InetSkb) => void;

export const inet_protos = new Map<number, ProtoHandler>();
export const inet6_protos = new Map<number, ProtoHandler>();

export function inet_add_protocol(protocol: number, fn: ProtoHandler): void {
  inet_protos.set(protocol, fn);
}

export function inet6_add_protocol(protocol: number, fn: ProtoHandler): void {
  inet6_protos.set(protocol, fn);
}
