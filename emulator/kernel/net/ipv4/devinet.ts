// IPv4 addresses on interfaces (net/ipv4/devinet.c): each device's in_device holds its list of
// in_ifaddr — address, prefix length, broadcast, scope, label — the list `ip -4 addr` prints and
// RTM_NEWADDR/DELADDR change. inet_addr_type answers "is this address one of mine?", which bind(2)
// and the routing of loopback traffic ask.
//
// Addresses are numbers (host order, unsigned 32-bit): 127.0.0.1 is 0x7f000001.

import { EADDRNOTAVAIL, EEXIST } from '../../../uapi/errno';
import { IFA_F_PERMANENT, IFF_LOOPBACK, RT_SCOPE_HOST, RT_SCOPE_UNIVERSE } from '../../../uapi/if';
import type { NetDevice } from '../core/dev';
import { register_netdevice_notifier, type AddrEvent, type Net } from '../core/net_namespace';

/** struct in_ifaddr. */
export interface InIfaddr {
  dev: NetDevice;
  local: number;
  /** The peer address (equal to local unless point-to-point). */
  address: number;
  prefixlen: number;
  /** The broadcast address, or 0 for none. */
  broadcast: number;
  scope: number;
  /** IFA_F_* */
  flags: number;
  /** The label (`lo`, `eth0:1`). */
  label: string;
}

export type InetaddrNotifier = (event: AddrEvent, ifa: InIfaddr) => void;

interface Inet4State {
  readonly chain: InetaddrNotifier[];
}
const states = new WeakMap<Net, Inet4State>();

function state(net: Net): Inet4State {
  let s = states.get(net);
  if (!s) states.set(net, (s = { chain: [] }));
  return s;
}

/** register_inetaddr_notifier: hear every IPv4 address added or removed. */
export function register_inetaddr_notifier(net: Net, fn: InetaddrNotifier): void {
  state(net).chain.push(fn);
}

/** The device's IPv4 addresses (in_dev->ifa_list), primaries first. */
export function in_dev_addrs(dev: NetDevice): InIfaddr[] {
  let list = dev.priv.get('inet') as InIfaddr[] | undefined;
  if (!list) dev.priv.set('inet', (list = []));
  return list;
}

export function inet_make_mask(prefixlen: number): number {
  return prefixlen === 0 ? 0 : (0xffffffff << (32 - prefixlen)) >>> 0;
}

/** inet_insert_ifa: add an address (EEXIST if the device has it with that prefix already). */
export function inet_insert_ifa(ifa: InIfaddr): number {
  const list = in_dev_addrs(ifa.dev);
  if (list.some((a) => a.local === ifa.local && a.prefixlen === ifa.prefixlen)) return -EEXIST;
  list.push(ifa);
  for (const fn of state(ifa.dev.net).chain) fn('add', ifa);
  return 0;
}

/** inet_del_ifa: remove one address (EADDRNOTAVAIL if it is not there). */
export function inet_del_ifa(dev: NetDevice, local: number, prefixlen: number): number {
  const list = in_dev_addrs(dev);
  const i = list.findIndex((a) => a.local === local && a.prefixlen === prefixlen);
  if (i < 0) return -EADDRNOTAVAIL;
  const [ifa] = list.splice(i, 1);
  for (const fn of state(dev.net).chain) fn('del', ifa!);
  return 0;
}

/**
 * Is `addr` local — an address of an interface that is up, or inside lo's 127.0.0.0/8 (Linux
 * routes the whole block to lo through the local table)? inet_addr_type's RTN_LOCAL answer.
 */
export function inet_addr_local(net: Net, addr: number): boolean {
  for (const dev of net.devices) {
    if (!dev.isUp) continue;
    for (const a of in_dev_addrs(dev)) {
      if (a.local === addr) return true;
      if (dev.flags & IFF_LOOPBACK && ((addr ^ a.local) & inet_make_mask(a.prefixlen)) === 0) return true;
    }
  }
  return false;
}

/**
 * devinet_init: when an interface comes up for the first time with no address and it is the
 * loopback, give it 127.0.0.1/8 scope host (inetdev_event's NETDEV_UP case); when an interface
 * goes away its addresses go with it.
 */
export function devinet_init(net: Net): void {
  register_netdevice_notifier(net, (event, dev) => {
    if (event === 'up' && dev.flags & IFF_LOOPBACK && in_dev_addrs(dev).length === 0) {
      inet_insert_ifa({
        dev, local: 0x7f000001, address: 0x7f000001, prefixlen: 8, broadcast: 0, scope: RT_SCOPE_HOST, flags: IFA_F_PERMANENT, label: dev.name,
      });
    }
    if (event === 'unregister') for (const a of [...in_dev_addrs(dev)]) inet_del_ifa(dev, a.local, a.prefixlen);
  });
}

/** The scope an address gets when `ip addr add` does not say: host for 127/8, else global. */
export function inet_default_scope(local: number): number {
  return local >>> 24 === 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
}
