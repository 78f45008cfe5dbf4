// The dummy device (drivers/net/dummy.c): an interface that drops everything sent to it, made with
// `ip link add NAME type dummy`. Useful to give a machine an address that is not on lo: routes and
// addresses behave as on a real interface. Ethernet-like (a random locally administered MAC), no
// ARP, no multicast, no queue; its link state is "unknown", as on Linux.

import { ARPHRD_ETHER, IFF_BROADCAST, IFF_NOARP } from '../../../uapi/if';
import type { Kernel } from '../../kernel';
import { NetDevice, register_netdevice, unregister_netdevice, type SkBuff } from '../../net/core/dev';
import type { Net } from '../../net/core/net_namespace';
import { dev_alloc_name, rtnl_link_register } from '../../net/core/rtnetlink';

/** eth_random_addr: six random bytes, unicast and locally administered. */
export function eth_random_addr(kernel: Kernel): Uint8Array<ArrayBuffer> {
  const a = new Uint8Array(6);
  for (let i = 0; i < 6; i++) a[i] = kernel.random.nextU32() & 0xff;
  a[0] = (a[0]! & 0xfe) | 0x02;
  return a;
}

/** ether_setup's broadcast address. */
export const ETH_BROADCAST = () => new Uint8Array(6).fill(0xff);

function dummy_xmit(skb: SkBuff): void {
  // dev_lstats_add: counted as sent, then gone.
  skb.dev.stats.tx_packets++;
  skb.dev.stats.tx_bytes += skb.data.length;
}

/** dummy_setup + register_netdevice. */
export function dummy_newlink(net: Net, name: string | null): NetDevice | number {
  const dev = new NetDevice(net, name ?? dev_alloc_name(net, 'dummy%d'), ARPHRD_ETHER, { start_xmit: dummy_xmit });
  dev.kind = 'dummy';
  dev.flags = IFF_BROADCAST | IFF_NOARP;
  dev.min_mtu = 0;
  dev.max_mtu = 0;
  dev.dev_addr = eth_random_addr(net.kernel);
  dev.broadcast = ETH_BROADCAST();
  const r = register_netdevice(dev);
  return r < 0 ? r : dev;
}

rtnl_link_register({
  kind: 'dummy',
  newlink: (net, name) => dummy_newlink(net, name),
  dellink: (dev) => void unregister_netdevice(dev),
});
