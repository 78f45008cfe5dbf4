// Routing Netlink (net/core/rtnetlink.c): NETLINK_ROUTE, the protocol `ip` speaks. The kernel's
// socket dispatches each request by message type to a handler registered with rtnl_register —
// a "doit" for a single request, a "dumpit" for NLM_F_DUMP — and multicasts a notification to the
// RTNLGRP_* groups every time an interface, an address or a route changes, which `ip monitor` reads.
//
// The link messages live here as in Linux: RTM_GETLINK (one interface, by index or name, or a dump
// of all), RTM_NEWLINK (create one of a kind registered with rtnl_link_register — dummy, veth — or
// change an existing one: name, mtu, up/down), RTM_DELLINK. Addresses are in ipv4/devinet_rtnl.ts
// and ipv6/addrconf_rtnl.ts, routes in ipv4/fib_rtnl.ts.
//
// Simplified: no RTM_SETLINK-only attributes (alias, txqlen changes, master/slave), no
// IFLA_AF_SPEC, IFLA_EXT_MASK filters or VF info; every request runs under one implicit RTNL lock.

import { EADDRNOTAVAIL, EBUSY, EEXIST, EINVAL, ENODEV, EOPNOTSUPP, EPERM } from '../../../uapi/errno';
import { IFF_PROMISC, IFF_UP } from '../../../uapi/if';
import { NETLINK_ROUTE, NLM_F_CREATE, NLM_F_DUMP, NLM_F_EXCL, NLM_F_MULTI, NlBuilder, nla_get_string, nla_get_u32, nla_parse, type NlAttrs, type NlMsg } from '../../../uapi/netlink';
import {
  IFINFOMSG, IFINFOMSG_SIZE, IFLA_ADDRESS, IFLA_BROADCAST, IFLA_CARRIER, IFLA_CARRIER_CHANGES, IFLA_CARRIER_DOWN_COUNT,
  IFLA_CARRIER_UP_COUNT, IFLA_GROUP, IFLA_GSO_MAX_SEGS, IFLA_GSO_MAX_SIZE, IFLA_GRO_MAX_SIZE, IFLA_IFNAME, IFLA_INFO_DATA, IFLA_INFO_KIND,
  IFLA_LINK, IFLA_LINKINFO, IFLA_LINKMODE, IFLA_MAP, IFLA_MAX_MTU, IFLA_MIN_MTU, IFLA_MTU, IFLA_NUM_RX_QUEUES, IFLA_NUM_TX_QUEUES,
  IFLA_OPERSTATE, IFLA_PROMISCUITY, IFLA_PROTO_DOWN, IFLA_QDISC, IFLA_STATS, IFLA_STATS64, IFLA_TSO_MAX_SEGS, IFLA_TSO_MAX_SIZE,
  IFLA_TXQLEN, RTM_DELLINK, RTM_GETLINK, RTM_MAX, RTM_NEWLINK, RTM_SETLINK, RTNLGRP_LINK, RTNLGRP_MAX, RTNL_LINK_IFMAP_SIZE,
  RTNL_LINK_STATS64_FIELDS, RTNL_LINK_STATS_SIZE,
} from '../../../uapi/rtnetlink';
import type { Kernel } from '../../kernel';
import {
  NL_CFG_F_NONROOT_RECV, netlink_broadcast, netlink_dump_start, netlink_has_listeners, netlink_kernel_create, netlink_rcv_skb,
  netlink_state, nl_dump_fits, nlmsg_unicast, type ExtAck, type NetlinkCallback, type NetlinkSock, type NlSkb,
} from '../netlink/af_netlink';
import { dev_close, dev_get_by_index, dev_get_by_name, dev_open, dev_valid_name, type NetDevice } from './dev';
import { call_netdevice_notifiers, init_net, register_netdevice_notifier, type Net } from './net_namespace';

/** A request handler: 0 or -errno (extack.msg says why, for `Error: …`). */
export type RtnlDoit = (net: Net, skb: NlSkb, nlh: NlMsg, extack: ExtAck) => number;
export type RtnlDumpit = (net: Net, cb: NetlinkCallback, b: NlBuilder, budget: number) => number;

interface RtnlLink {
  doit?: RtnlDoit;
  dumpit?: RtnlDumpit;
}
/** rtnl_msg_handlers[family][msgtype]. */
const handlers = new Map<number, Map<number, RtnlLink>>();

/** rtnl_register: the handlers of one message type for one address family (PF_UNSPEC: any). */
export function rtnl_register(family: number, msgtype: number, doit: RtnlDoit | undefined, dumpit: RtnlDumpit | undefined): void {
  let m = handlers.get(family);
  if (!m) handlers.set(family, (m = new Map()));
  m.set(msgtype, { doit, dumpit });
}

const rtnl_get_link = (family: number, type: number): RtnlLink | undefined => handlers.get(family)?.get(type);

/**
 * rtnl_dump_all: a dump asked of PF_UNSPEC that no handler takes as such goes to every family
 * with a dumpit for the type, in family order (IPv4, then IPv6). cb.args[5] is the family being
 * dumped; each family starts with fresh args.
 */
function rtnl_dump_all(net: Net, type: number, cb: NetlinkCallback, b: NlBuilder, budget: number): number {
  const families = [...handlers.keys()].filter((f) => f !== 0 && handlers.get(f)!.get(type)?.dumpit).sort((x, y) => x - y);
  const start = b.len;
  for (let i = cb.args[5]!; i < families.length; i++) {
    if (i !== cb.args[5]) {
      cb.args.fill(0, 0, 5);
      cb.args[5] = i;
    }
    const before = b.len;
    const r = handlers.get(families[i]!)!.get(type)!.dumpit!(net, cb, b, budget);
    if (r < 0) return r;
    if (b.len !== before) return b.len - start; // more to come from this family
  }
  cb.args[5] = families.length;
  return b.len - start;
}

/** struct rtnl_link_ops: a kind of interface `ip link add … type KIND` can create. */
export interface RtnlLinkOps {
  kind: string;
  /** Make and register the interface(s); the new device, or -errno. */
  newlink(net: Net, name: string | null, tb: NlAttrs, data: NlAttrs | null, extack: ExtAck): NetDevice | number;
  /** Unregister it (and whatever goes with it: a veth's peer). */
  dellink(dev: NetDevice): void;
}

const link_ops = new Map<string, RtnlLinkOps>();

/** rtnl_link_register. */
export function rtnl_link_register(ops: RtnlLinkOps): void {
  link_ops.set(ops.kind, ops);
}

const rtnl_socks = new WeakMap<Kernel, NetlinkSock>();
/** The address and route families' rtnetlink initcalls (devinet_init's rtnl_register calls …). */
const rtnl_inits: ((kernel: Kernel, net: Net) => void)[] = [];

/** Run `fn` when a machine's NETLINK_ROUTE socket is made: it registers handlers and notifiers. */
export function rtnl_register_init(fn: (kernel: Kernel, net: Net) => void): void {
  rtnl_inits.push(fn);
}

/** The kernel's NETLINK_ROUTE socket (net->rtnl), made with the machine's Netlink. */
export function rtnl_sock(kernel: Kernel): NetlinkSock {
  netlink_state(kernel);
  return rtnl_socks.get(kernel)!;
}

/** rtnl_notify: multicast a notification to a group, if anyone listens. */
export function rtnl_notify(net: Net, group: number, build: (b: NlBuilder) => void): void {
  const ksk = rtnl_socks.get(net.kernel);
  if (!ksk || !netlink_has_listeners(ksk, group)) return;
  const b = new NlBuilder();
  build(b);
  netlink_broadcast(ksk, b.bytes(), 0, group);
}

/** rtnl_unicast: a reply to the requester. */
export function rtnl_unicast(net: Net, b: NlBuilder, portid: number): number {
  return nlmsg_unicast(rtnl_sock(net.kernel), b.bytes(), portid);
}

/** rtnetlink_rcv_msg: check the caller's right, then dispatch to the dump or the doit. */
function rtnetlink_rcv_msg(net: Net, skb: NlSkb, nlh: NlMsg, extack: ExtAck): number {
  const type = nlh.type;
  if (type > RTM_MAX) return -EOPNOTSUPP;
  const kind = (type - 16) & 3; // 0 NEW, 1 DEL, 2 GET, 3 SET
  // Anyone may read; changing needs CAP_NET_ADMIN.
  if (kind !== 2 && skb.task && skb.task.cred.euid !== 0) return -EPERM;
  // The family is the first byte of every rtnetlink payload (struct rtgenmsg).
  let family = nlh.payload.length ? nlh.payload[0]! : 0;
  let h = rtnl_get_link(family, type);
  if (!h || (!h.doit && !h.dumpit)) {
    family = 0;
    h = rtnl_get_link(0, type);
  }
  if (kind === 2 && (nlh.flags & NLM_F_DUMP) === NLM_F_DUMP) {
    const dumpit = h?.dumpit;
    if (dumpit) return netlink_dump_start(rtnl_sock(net.kernel), skb, nlh, (cb, b, budget) => dumpit(net, cb, b, budget));
    if (family !== 0) return -EOPNOTSUPP;
    return netlink_dump_start(rtnl_sock(net.kernel), skb, nlh, (cb, b, budget) => rtnl_dump_all(net, type, cb, b, budget));
  }
  if (!h) return -EOPNOTSUPP;
  if (!h.doit) return -EOPNOTSUPP;
  return h.doit(net, skb, nlh, extack);
}

// ---- links --------------------------------------------------------------------------------------

/** The qdisc a device shows: "noop" until it first comes up, then "noqueue" (IFF_NO_QUEUE devices). */
export function dev_qdisc(dev: NetDevice): string {
  return (dev.priv.get('qdisc') as string | undefined) ?? (dev.isUp ? 'noqueue' : 'noop');
}

/** struct ifinfomsg. */
function ifinfomsg(b: NlBuilder, family: number, type: number, index: number, flags: number, change: number): void {
  const h = new Uint8Array(IFINFOMSG_SIZE);
  const v = new DataView(h.buffer);
  v.setUint8(IFINFOMSG.family, family);
  v.setUint16(IFINFOMSG.type, type, true);
  v.setInt32(IFINFOMSG.index, index, true);
  v.setUint32(IFINFOMSG.flags, flags >>> 0, true);
  v.setUint32(IFINFOMSG.change, change >>> 0, true);
  b.put(h);
}

/** The 25 counters of rtnl_link_stats64, in their order. */
function link_stats64(dev: NetDevice): number[] {
  const s = dev.stats;
  return [
    s.rx_packets, s.tx_packets, s.rx_bytes, s.tx_bytes, s.rx_errors, s.tx_errors, s.rx_dropped, s.tx_dropped, s.multicast,
    s.collisions, 0, 0, 0, s.rx_frame_errors, s.rx_fifo_errors, 0, 0, s.tx_carrier_errors, s.tx_fifo_errors, 0, 0,
    s.rx_compressed, s.tx_compressed, 0, 0,
  ];
}

/** rtnl_fill_ifinfo: one RTM_NEWLINK/DELLINK message describing `dev`, attributes in Linux's order. */
export function rtnl_fill_ifinfo(b: NlBuilder, dev: NetDevice, type: number, portid: number, seq: number, flags: number): void {
  b.nlmsg_put(type, flags, seq, portid);
  ifinfomsg(b, 0, dev.type, dev.ifindex, dev.flags, 0);
  b.nla_put_string(IFLA_IFNAME, dev.name);
  b.nla_put_u32(IFLA_TXQLEN, dev.tx_queue_len);
  b.nla_put_u8(IFLA_OPERSTATE, dev.operstate);
  b.nla_put_u8(IFLA_LINKMODE, 0);
  b.nla_put_u32(IFLA_MTU, dev.mtu);
  b.nla_put_u32(IFLA_MIN_MTU, dev.min_mtu);
  b.nla_put_u32(IFLA_MAX_MTU, dev.max_mtu);
  b.nla_put_u32(IFLA_GROUP, 0);
  b.nla_put_u32(IFLA_PROMISCUITY, dev.flags & IFF_PROMISC ? 1 : 0);
  b.nla_put_u32(IFLA_NUM_TX_QUEUES, 1);
  b.nla_put_u32(IFLA_GSO_MAX_SEGS, 65535);
  b.nla_put_u32(IFLA_GSO_MAX_SIZE, 65536);
  b.nla_put_u32(IFLA_GRO_MAX_SIZE, 65536);
  b.nla_put_u32(IFLA_TSO_MAX_SIZE, 524280);
  b.nla_put_u32(IFLA_TSO_MAX_SEGS, 65535);
  b.nla_put_u32(IFLA_NUM_RX_QUEUES, 1);
  b.nla_put_u8(IFLA_CARRIER, dev.nocarrier ? 0 : 1);
  b.nla_put_u8(IFLA_PROTO_DOWN, 0);
  const changes = dev.carrier_changes;
  b.nla_put_u32(IFLA_CARRIER_CHANGES, changes);
  // Devices start with a carrier, so the changes alternate off, on, off …
  b.nla_put_u32(IFLA_CARRIER_UP_COUNT, Math.floor(changes / 2));
  b.nla_put_u32(IFLA_CARRIER_DOWN_COUNT, Math.ceil(changes / 2));
  b.nla_put_string(IFLA_QDISC, dev_qdisc(dev));
  b.nla_put(IFLA_MAP, new Uint8Array(RTNL_LINK_IFMAP_SIZE));
  b.nla_put(IFLA_ADDRESS, dev.dev_addr);
  b.nla_put(IFLA_BROADCAST, dev.broadcast);
  // A veth names its peer (0 while the peer is not registered: `ip` prints "@NONE").
  if (dev.kind === 'veth') b.nla_put_u32(IFLA_LINK, dev.peer?.ifindex ?? 0);
  const st = link_stats64(dev);
  const s64 = new Uint8Array(RTNL_LINK_STATS64_FIELDS * 8);
  const v64 = new DataView(s64.buffer);
  st.forEach((x, i) => v64.setBigUint64(i * 8, BigInt(x), true));
  b.nla_put(IFLA_STATS64, s64);
  const s32 = new Uint8Array(RTNL_LINK_STATS_SIZE);
  const v32 = new DataView(s32.buffer);
  st.slice(0, 24).forEach((x, i) => v32.setUint32(i * 4, x >>> 0, true));
  b.nla_put(IFLA_STATS, s32);
  if (dev.kind) {
    const li = b.nest_start(IFLA_LINKINFO);
    b.nla_put_string(IFLA_INFO_KIND, dev.kind);
    b.nest_end(li);
  }
  b.nlmsg_end();
}

/** The ifinfomsg at the start of a link request, or null if the payload is too short. */
function parse_ifinfomsg(nlh: NlMsg): { index: number; flags: number; change: number; tb: NlAttrs } | null {
  if (nlh.payload.length < IFINFOMSG_SIZE) return null;
  const v = new DataView(nlh.payload.buffer, nlh.payload.byteOffset, nlh.payload.byteLength);
  return {
    index: v.getInt32(IFINFOMSG.index, true),
    flags: v.getUint32(IFINFOMSG.flags, true),
    change: v.getUint32(IFINFOMSG.change, true),
    tb: nla_parse(nlh.payload.subarray(IFINFOMSG_SIZE)),
  };
}

/** The device a request names: by ifi_index, else by IFLA_IFNAME. */
function link_target(net: Net, index: number, tb: NlAttrs): NetDevice | undefined {
  if (index > 0) return dev_get_by_index(net, index);
  const name = tb.get(IFLA_IFNAME);
  return name ? dev_get_by_name(net, nla_get_string(name)) : undefined;
}

/** rtnl_getlink. */
function rtnl_getlink(net: Net, skb: NlSkb, nlh: NlMsg): number {
  const m = parse_ifinfomsg(nlh);
  if (!m) return -EINVAL;
  if (m.index <= 0 && !m.tb.has(IFLA_IFNAME)) return -EINVAL;
  const dev = link_target(net, m.index, m.tb);
  if (!dev) return -ENODEV;
  const b = new NlBuilder();
  rtnl_fill_ifinfo(b, dev, RTM_NEWLINK, skb.portid, nlh.seq, 0);
  return rtnl_unicast(net, b, skb.portid);
}

/** rtnl_dump_ifinfo: every interface, resuming at cb.args[0]. */
function rtnl_dump_ifinfo(net: Net, cb: NetlinkCallback, b: NlBuilder, budget: number): number {
  let i = cb.args[0]!;
  for (; i < net.devices.length; i++) {
    const dev = net.devices[i]!;
    if (!nl_dump_fits(b, budget, (bb) => rtnl_fill_ifinfo(bb, dev, RTM_NEWLINK, cb.portid, cb.nlh.seq, NLM_F_MULTI))) break;
  }
  cb.args[0] = i;
  return b.len;
}

/** dev_change_name. */
function dev_change_name(dev: NetDevice, name: string): number {
  if (name === dev.name) return 0;
  if (!dev_valid_name(name)) return -EINVAL;
  if (dev_get_by_name(dev.net, name)) return -EEXIST;
  // Linux 6.1 refuses to rename an interface that is up (later kernels allow it).
  if (dev.isUp) return -EBUSY;
  dev.name = name;
  call_netdevice_notifiers('changename', dev);
  return 0;
}

/** dev_set_mtu (dev_validate_mtu's messages). */
function dev_set_mtu(dev: NetDevice, mtu: number, extack: ExtAck): number {
  if (mtu < dev.min_mtu) {
    extack.msg = 'mtu less than device minimum';
    return -EINVAL;
  }
  if (dev.max_mtu > 0 && mtu > dev.max_mtu) {
    extack.msg = 'mtu greater than device maximum';
    return -EINVAL;
  }
  if (dev.mtu !== mtu) {
    dev.mtu = mtu;
    call_netdevice_notifiers('change', dev);
  }
  return 0;
}

/** do_setlink: the changes a NEWLINK/SETLINK asks of an existing interface, name first. */
function do_setlink(dev: NetDevice, m: { flags: number; change: number; tb: NlAttrs }, byIndex: boolean, extack: ExtAck): number {
  const name = m.tb.get(IFLA_IFNAME);
  if (name && byIndex) {
    const r = dev_change_name(dev, nla_get_string(name));
    if (r) return r;
  }
  const addr = m.tb.get(IFLA_ADDRESS);
  if (addr) {
    // dev_set_mac_address → eth_mac_addr: the right length, a unicast address that is not zero.
    if (addr.length !== dev.dev_addr.length) return -EINVAL;
    if (addr[0]! & 1 || addr.every((x) => x === 0)) return -EADDRNOTAVAIL;
    dev.dev_addr = addr.slice();
    call_netdevice_notifiers('changeaddr', dev);
  }
  const mtu = m.tb.get(IFLA_MTU);
  if (mtu) {
    const r = dev_set_mtu(dev, nla_get_u32(mtu), extack);
    if (r) return r;
  }
  const txqlen = m.tb.get(IFLA_TXQLEN);
  if (txqlen && nla_get_u32(txqlen) !== dev.tx_queue_len) {
    dev.tx_queue_len = nla_get_u32(txqlen);
    call_netdevice_notifiers('change', dev);
  }
  const change = m.change === 0 ? 0 : m.change === 0xffffffff ? ~0 : m.change;
  // dev_change_flags: PROMISC (a count in Linux, dev_set_promiscuity; here on or off).
  if (change & IFF_PROMISC && (dev.flags ^ m.flags) & IFF_PROMISC) {
    dev.flags ^= IFF_PROMISC;
    call_netdevice_notifiers('change', dev);
  }
  if (change & IFF_UP) {
    if (m.flags & IFF_UP) {
      const r = dev_open(dev);
      if (r) return r;
    } else dev_close(dev);
  }
  return 0;
}

/** rtnl_newlink: change an interface, or create one of a registered kind. */
function rtnl_newlink(net: Net, _skb: NlSkb, nlh: NlMsg, extack: ExtAck): number {
  const m = parse_ifinfomsg(nlh);
  if (!m) return -EINVAL;
  const dev = link_target(net, m.index, m.tb);
  let kind = '';
  let data: NlAttrs | null = null;
  const li = m.tb.get(IFLA_LINKINFO);
  if (li) {
    const linfo = nla_parse(li);
    const k = linfo.get(IFLA_INFO_KIND);
    if (k) kind = nla_get_string(k);
    const d = linfo.get(IFLA_INFO_DATA);
    if (d) data = nla_parse(d);
  }
  if (dev) {
    if (nlh.flags & NLM_F_EXCL) return -EEXIST;
    return do_setlink(dev, m, m.index > 0, extack);
  }
  if (!(nlh.flags & NLM_F_CREATE)) {
    if (m.index > 0 || m.tb.has(IFLA_IFNAME)) return -ENODEV;
    return -EOPNOTSUPP;
  }
  const ops = link_ops.get(kind);
  if (!ops) {
    extack.msg = 'Unknown device type';
    return -EOPNOTSUPP;
  }
  const nameAttr = m.tb.get(IFLA_IFNAME);
  const created = ops.newlink(net, nameAttr ? nla_get_string(nameAttr) : null, m.tb, data, extack);
  if (typeof created === 'number') return created;
  // What was asked beyond the kind: mtu, up.
  return do_setlink(created, { ...m, tb: new Map([...m.tb].filter(([t]) => t === IFLA_MTU)) }, false, extack);
}

/** rtnl_dellink. */
function rtnl_dellink(net: Net, _skb: NlSkb, nlh: NlMsg): number {
  const m = parse_ifinfomsg(nlh);
  if (!m) return -EINVAL;
  if (m.index <= 0 && !m.tb.has(IFLA_IFNAME)) return -EINVAL;
  const dev = link_target(net, m.index, m.tb);
  if (!dev) return -ENODEV;
  const ops = link_ops.get(dev.kind);
  if (!ops) return -EOPNOTSUPP;
  ops.dellink(dev);
  return 0;
}

/** The name a new interface gets from a pattern such as "dummy%d": the first free number. */
export function dev_alloc_name(net: Net, pattern: string): string {
  for (let i = 0; ; i++) {
    const name = pattern.replace('%d', String(i));
    if (!dev_get_by_name(net, name)) return name;
  }
}

/** rtmsg_ifinfo: tell RTNLGRP_LINK about an interface. */
function rtmsg_ifinfo(dev: NetDevice, type: number): void {
  rtnl_notify(dev.net, RTNLGRP_LINK, (b) => rtnl_fill_ifinfo(b, dev, type, 0, 0, 0));
}

/** rtnetlink_net_init and rtnetlink_init: the kernel socket, the link handlers, the notifier. */
export function rtnetlink_init(kernel: Kernel): void {
  const net = init_net(kernel);
  const ksk = netlink_kernel_create(kernel, NETLINK_ROUTE, {
    groups: RTNLGRP_MAX,
    flags: NL_CFG_F_NONROOT_RECV,
    input: (skb) => netlink_rcv_skb(skb, (s, nlh, extack) => rtnetlink_rcv_msg(net, s, nlh, extack)),
  });
  rtnl_socks.set(kernel, ksk);
  rtnl_register(0, RTM_NEWLINK, rtnl_newlink, undefined);
  rtnl_register(0, RTM_SETLINK, rtnl_newlink, undefined);
  rtnl_register(0, RTM_DELLINK, rtnl_dellink, undefined);
  rtnl_register(0, RTM_GETLINK, (n, s, nlh) => rtnl_getlink(n, s, nlh), rtnl_dump_ifinfo);
  // The link notifier first, so a link's own message comes before those about its routes.
  register_netdevice_notifier(net, (event, dev) => {
    if (event === 'up') dev.priv.set('qdisc', 'noqueue');
    if (event === 'unregister') rtmsg_ifinfo(dev, RTM_DELLINK);
    else rtmsg_ifinfo(dev, RTM_NEWLINK);
  });
  for (const fn of rtnl_inits) fn(kernel, net);
}
