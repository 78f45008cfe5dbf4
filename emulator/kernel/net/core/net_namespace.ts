// struct net (net/core/net_namespace.c): everything one network stack owns — its interfaces, the
// counter that numbers them, and the notifier chains other layers listen on. Protocols keep their
// own per-net state beside it (in WeakMaps keyed by the Net, as ipc_ns does for SysV IPC).
//
// Simplified: one network namespace per machine (init_net); CLONE_NEWNET is not supported.

import type { Kernel } from '../../kernel';
import type { NetDevice } from './dev';

/** What a netdevice notifier hears (include/linux/netdevice.h NETDEV_*). */
export type NetdevEvent = 'register' | 'up' | 'down' | 'change' | 'changename' | 'changeaddr' | 'unregister';

/** What an address notifier hears (inetaddr_chain / inet6addr_chain): NETDEV_UP or NETDEV_DOWN for an address. */
export type AddrEvent = 'add' | 'del';

export type NetdevNotifier = (event: NetdevEvent, dev: NetDevice) => void;

export class Net {
  /** Interfaces in registration order (dev_base_head): `ip link` lists them in this order. */
  readonly devices: NetDevice[] = [];
  /** The last ifindex handed out (dev_new_index counts up from 1; lo, registered first, is 1). */
  ifindex = 0;
  /** register_netdevice_notifier's chain: rtnetlink, inet and ipv6 address setup, sysfs … */
  readonly netdevChain: NetdevNotifier[] = [];

  constructor(readonly kernel: Kernel) {}
}

const nets = new WeakMap<Kernel, Net>();

/** init_net: the machine's one network namespace. */
export function init_net(k: Kernel): Net {
  let net = nets.get(k);
  if (!net) nets.set(k, (net = new Net(k)));
  return net;
}

/** register_netdevice_notifier: hear about every interface change from now on. */
export function register_netdevice_notifier(net: Net, fn: NetdevNotifier): void {
  net.netdevChain.push(fn);
}

/** call_netdevice_notifiers. */
export function call_netdevice_notifiers(event: NetdevEvent, dev: NetDevice): void {
  for (const fn of dev.net.netdevChain) fn(event, dev);
}
