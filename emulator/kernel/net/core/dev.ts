// Network devices (net/core/dev.c): struct net_device, registering and unregistering interfaces,
// bringing them up and down, and the two directions a packet moves through a device.
//
//   transmit: a protocol hands a packet to dev_queue_xmit → the driver's ndo_start_xmit
//   receive:  a driver hands a packet to netif_rx → the backlog → every tap (ptype_all: captures)
//             and the protocol registered for its ethertype (ptype_base: ip_rcv, ipv6_rcv)
//
// Packets are real bytes: an IPv4 or IPv6 packet from its network header on (loopback has no
// link-layer header), so what a capture writes is what a real lo carries.

import { EBUSY, EEXIST, EINVAL, ENODEV } from '../../../uapi/errno';
import { IFF_LOWER_UP, IFF_RUNNING, IFF_UP, IFNAMSIZ, IF_OPER_DOWN, IF_OPER_LOWERLAYERDOWN, IF_OPER_UNKNOWN, IF_OPER_UP } from '../../../uapi/if';
import { call_netdevice_notifiers, type Net } from './net_namespace';

/** struct rtnl_link_stats64, the counters /proc/net/dev and `ip -s link` print. */
export interface LinkStats {
  rx_packets: number; tx_packets: number; rx_bytes: number; tx_bytes: number;
  rx_errors: number; tx_errors: number; rx_dropped: number; tx_dropped: number;
  multicast: number; collisions: number;
  rx_fifo_errors: number; rx_frame_errors: number; rx_compressed: number;
  tx_fifo_errors: number; tx_carrier_errors: number; tx_compressed: number;
}

export function new_link_stats(): LinkStats {
  return {
    rx_packets: 0, tx_packets: 0, rx_bytes: 0, tx_bytes: 0, rx_errors: 0, tx_errors: 0, rx_dropped: 0, tx_dropped: 0,
    multicast: 0, collisions: 0, rx_fifo_errors: 0, rx_frame_errors: 0, rx_compressed: 0,
    tx_fifo_errors: 0, tx_carrier_errors: 0, tx_compressed: 0,
  };
}

/** A packet on its way through a device (a much reduced sk_buff). */
export interface SkBuff {
  /** The bytes from the network header on. */
  data: Uint8Array;
  /** The ethertype (ETH_P_IP, ETH_P_IPV6), host order. */
  protocol: number;
  dev: NetDevice;
}

/** struct net_device_ops: what a driver does. */
export interface NetDeviceOps {
  /** ndo_open / ndo_stop: the interface goes up / down. */
  open?(dev: NetDevice): number;
  stop?(dev: NetDevice): void;
  /** ndo_start_xmit: send one packet (the driver counts it). */
  start_xmit(skb: SkBuff): void;
}

/** struct net_device. */
export class NetDevice {
  ifindex = 0;
  flags = 0;
  /** IF_OPER_* as /sys/class/net/X/operstate shows it. */
  operstate = IF_OPER_DOWN;
  mtu = 1500;
  min_mtu = 68;
  max_mtu = 65535;
  tx_queue_len = 1000;
  /** The hardware address and its broadcast (6 zero bytes on lo). */
  dev_addr = new Uint8Array(6);
  broadcast = new Uint8Array(6);
  readonly stats = new_link_stats();
  /** rtnl_link_ops->kind: 'dummy', 'veth' … ('' for lo, which is not made through rtnetlink). */
  kind = '';
  /** The other end of a veth pair, or null. */
  peer: NetDevice | null = null;
  /** __LINK_STATE_NOCARRIER: no carrier (a veth whose peer is down); and how often it changed. */
  nocarrier = false;
  carrier_changes = 0;
  /** Driver and protocol state keyed by owner (e.g. the in_device, the inet6_dev). */
  readonly priv = new Map<string, unknown>();

  constructor(
    readonly net: Net,
    public name: string,
    /** ARPHRD_* */
    readonly type: number,
    readonly ops: NetDeviceOps,
  ) {}

  get isUp(): boolean {
    return (this.flags & IFF_UP) !== 0;
  }
}

/** dev_valid_name: 1–15 bytes, not "." or "..", no '/', ':' or whitespace. */
export function dev_valid_name(name: string): boolean {
  if (name.length === 0 || name.length >= IFNAMSIZ || name === '.' || name === '..') return false;
  return !/[/:\s]/.test(name);
}

export function dev_get_by_name(net: Net, name: string): NetDevice | undefined {
  return net.devices.find((d) => d.name === name);
}

export function dev_get_by_index(net: Net, ifindex: number): NetDevice | undefined {
  return net.devices.find((d) => d.ifindex === ifindex);
}

/** register_netdevice: give the device an ifindex (or check the one asked for) and tell the chain. */
export function register_netdevice(dev: NetDevice, ifindex = 0): number {
  const net = dev.net;
  if (!dev_valid_name(dev.name)) return -EINVAL;
  if (dev_get_by_name(net, dev.name)) return -EEXIST;
  if (ifindex) {
    if (dev_get_by_index(net, ifindex)) return -EBUSY;
    dev.ifindex = ifindex;
  } else {
    do dev.ifindex = ++net.ifindex;
    while (dev_get_by_index(net, dev.ifindex));
  }
  net.devices.push(dev);
  call_netdevice_notifiers('register', dev);
  return 0;
}

/** unregister_netdevice: down, then gone. */
export function unregister_netdevice(dev: NetDevice): number {
  const net = dev.net;
  const i = net.devices.indexOf(dev);
  if (i < 0) return -ENODEV;
  if (dev.isUp) dev_close(dev);
  net.devices.splice(i, 1);
  call_netdevice_notifiers('unregister', dev);
  return 0;
}

/** dev_open: IFF_UP, then (for a device with a carrier) RUNNING and LOWER_UP. */
export function dev_open(dev: NetDevice): number {
  if (dev.isUp) return 0;
  const r = dev.ops.open?.(dev) ?? 0;
  if (r < 0) return r;
  dev.flags |= IFF_UP | (dev.nocarrier ? 0 : IFF_RUNNING | IFF_LOWER_UP);
  // Virtual devices without a link-state notion report "unknown", as lo and dummy do on Linux; a
  // device whose carrier ever changed (veth) is "up", or "lowerlayerdown" without one.
  dev.operstate = dev.nocarrier ? IF_OPER_LOWERLAYERDOWN : dev.carrier_changes ? IF_OPER_UP : IF_OPER_UNKNOWN;
  call_netdevice_notifiers('up', dev);
  return 0;
}

export function dev_close(dev: NetDevice): void {
  if (!dev.isUp) return;
  dev.ops.stop?.(dev);
  dev.flags &= ~(IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
  dev.operstate = IF_OPER_DOWN;
  call_netdevice_notifiers('down', dev);
}

/** netif_carrier_on: the link has a carrier again (running, lower layer up). */
export function netif_carrier_on(dev: NetDevice): void {
  if (!dev.nocarrier) return;
  dev.nocarrier = false;
  dev.carrier_changes++;
  if (!dev.isUp) return;
  dev.flags |= IFF_RUNNING | IFF_LOWER_UP;
  dev.operstate = IF_OPER_UP;
  call_netdevice_notifiers('change', dev);
}

/** netif_carrier_off: the link lost its carrier. */
export function netif_carrier_off(dev: NetDevice): void {
  if (dev.nocarrier) return;
  dev.nocarrier = true;
  dev.carrier_changes++;
  if (!dev.isUp) return;
  dev.flags &= ~(IFF_RUNNING | IFF_LOWER_UP);
  dev.operstate = IF_OPER_LOWERLAYERDOWN;
  call_netdevice_notifiers('change', dev);
}

// ---- moving packets ---------------------------------------------------------------------------

/** A protocol's receive handler (struct packet_type's func). */
export type PacketHandler = (skb: SkBuff) => void;

interface PacketTypes {
  /** ptype_base: by ethertype. */
  readonly base: Map<number, PacketHandler>;
  /** ptype_all: taps that see every packet in both directions (captures). */
  readonly all: Set<(skb: SkBuff, outgoing: boolean) => void>;
  /** The receive backlog (softnet_data.input_pkt_queue) and whether it is being drained. */
  readonly backlog: SkBuff[];
  draining: boolean;
}

const ptypes = new WeakMap<Net, PacketTypes>();

function packet_types(net: Net): PacketTypes {
  let p = ptypes.get(net);
  if (!p) ptypes.set(net, (p = { base: new Map(), all: new Set(), backlog: [], draining: false }));
  return p;
}

/** dev_add_pack: receive packets of one ethertype. */
export function dev_add_pack(net: Net, ethertype: number, fn: PacketHandler): void {
  packet_types(net).base.set(ethertype, fn);
}

/**
 * A tap on every packet (ETH_P_ALL), told whether it is being sent or received; returns its
 * removal. On lo every packet passes twice, out and back in: a capture of lo keeps one of the two,
 * as tcpdump -i lo shows each packet once.
 */
export function dev_add_tap(net: Net, fn: (skb: SkBuff, outgoing: boolean) => void): () => void {
  const all = packet_types(net).all;
  all.add(fn);
  return () => all.delete(fn);
}

/** dev_queue_xmit: show the packet to the taps, then to the driver. A down device drops it. */
export function dev_queue_xmit(skb: SkBuff): void {
  const dev = skb.dev;
  if (!dev.isUp) {
    dev.stats.tx_dropped++;
    return;
  }
  for (const tap of packet_types(dev.net).all) tap(skb, true);
  dev.ops.start_xmit(skb);
}

/**
 * netif_rx: queue a received packet. The queue is drained at once unless it is being drained
 * already — a packet sent while handling a received one (an ACK, a reply) waits its turn instead
 * of nesting, as Linux's NET_RX softirq runs the backlog after the interrupt that filled it.
 */
export function netif_rx(skb: SkBuff): void {
  const p = packet_types(skb.dev.net);
  p.backlog.push(skb);
  if (p.draining) return;
  p.draining = true;
  try {
    for (let next = p.backlog.shift(); next; next = p.backlog.shift()) __netif_receive_skb(p, next);
  } finally {
    p.draining = false;
  }
}

function __netif_receive_skb(p: PacketTypes, skb: SkBuff): void {
  for (const tap of p.all) tap(skb, false);
  const handler = p.base.get(skb.protocol);
  if (handler) handler(skb);
  else skb.dev.stats.rx_dropped++;
}
