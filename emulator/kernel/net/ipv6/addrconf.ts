// IPv6 addresses on interfaces (net/ipv6/addrconf.c): each device's inet6_dev holds its
// inet6_ifaddr list, which `ip -6 addr` prints. The loopback gets ::1/128 when it comes up.
//
// Simplified: no autoconfiguration — no link-local fe80:: addresses from the hardware address, no
// duplicate address detection (addresses are never tentative), no privacy addresses.

import { EADDRNOTAVAIL, EEXIST } from '../../../uapi/errno';
import { IFA_F_PERMANENT, IFF_LOOPBACK, RT_SCOPE_HOST } from '../../../uapi/if';
import type { NetDevice } from '../core/dev';
import { register_netdevice_notifier, type AddrEvent, type Net } from '../core/net_namespace';

/** struct inet6_ifaddr. */
export interface Inet6Ifaddr {
  dev: NetDevice;
  /** 16 bytes, network order. */
  addr: Uint8Array;
  prefixlen: number;
  scope: number;
  /** IFA_F_* */
  flags: number;
}

export type Inet6addrNotifier = (event: AddrEvent, ifa: Inet6Ifaddr) => void;

const chains = new WeakMap<Net, Inet6addrNotifier[]>();

function chain(net: Net): Inet6addrNotifier[] {
  let c = chains.get(net);
  if (!c) chains.set(net, (c = []));
  return c;
}

export function register_inet6addr_notifier(net: Net, fn: Inet6addrNotifier): void {
  chain(net).push(fn);
}

export const IN6ADDR_LOOPBACK = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

export function ipv6_addr_equal(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The device's IPv6 addresses (idev->addr_list). */
export function in6_dev_addrs(dev: NetDevice): Inet6Ifaddr[] {
  let list = dev.priv.get('inet6') as Inet6Ifaddr[] | undefined;
  if (!list) dev.priv.set('inet6', (list = []));
  return list;
}

/** ipv6_add_addr. */
export function ipv6_add_addr(ifa: Inet6Ifaddr): number {
  const list = in6_dev_addrs(ifa.dev);
  if (list.some((a) => ipv6_addr_equal(a.addr, ifa.addr))) return -EEXIST;
  list.push(ifa);
  for (const fn of chain(ifa.dev.net)) fn('add', ifa);
  return 0;
}

/** ipv6_del_addr (inet6_addr_del). */
export function ipv6_del_addr(dev: NetDevice, addr: Uint8Array, prefixlen: number): number {
  const list = in6_dev_addrs(dev);
  const i = list.findIndex((a) => ipv6_addr_equal(a.addr, addr) && a.prefixlen === prefixlen);
  if (i < 0) return -EADDRNOTAVAIL;
  const [ifa] = list.splice(i, 1);
  for (const fn of chain(dev.net)) fn('del', ifa!);
  return 0;
}

/** ipv6_chk_addr: is `addr` an address of an interface that is up? */
export function ipv6_chk_addr(net: Net, addr: Uint8Array): boolean {
  return net.devices.some((dev) => dev.isUp && in6_dev_addrs(dev).some((a) => ipv6_addr_equal(a.addr, addr)));
}

/** addrconf_init: ::1/128 on the loopback when it comes up; addresses leave with their device. */
export function addrconf_init(net: Net): void {
  register_netdevice_notifier(net, (event, dev) => {
    if (event === 'up' && dev.flags & IFF_LOOPBACK && in6_dev_addrs(dev).length === 0) {
      ipv6_add_addr({ dev, addr: IN6ADDR_LOOPBACK.slice(), prefixlen: 128, scope: RT_SCOPE_HOST, flags: IFA_F_PERMANENT });
    }
    if (event === 'unregister') for (const a of [...in6_dev_addrs(dev)]) ipv6_del_addr(dev, a.addr, a.prefixlen);
  });
}
