// The loopback device (drivers/net/loopback.c): `lo`, whose transmit is a receive. Every packet
// sent to 127.0.0.1 or ::1 goes out through lo's ndo_start_xmit and comes straight back in through
// netif_rx, counted once as sent and once as received.

import { ARPHRD_LOOPBACK, IFF_LOOPBACK } from '../../../uapi/if';
import type { Kernel } from '../../kernel';
import { dev_open, netif_rx, NetDevice, register_netdevice, type SkBuff } from '../../net/core/dev';
import { init_net } from '../../net/core/net_namespace';

function loopback_xmit(skb: SkBuff): void {
  const stats = skb.dev.stats;
  stats.tx_packets++;
  stats.tx_bytes += skb.data.length;
  stats.rx_packets++;
  stats.rx_bytes += skb.data.length;
  netif_rx(skb);
}

/**
 * loopback_net_init: register lo (ifindex 1, mtu 64 KiB, no hardware address) and bring it up.
 * Simplified: on Linux lo starts down and the init system brings it up; here the kernel does,
 * so sockets on 127.0.0.1 work from the first process.
 */
export function loopback_net_init(kernel: Kernel): NetDevice {
  const dev = new NetDevice(init_net(kernel), 'lo', ARPHRD_LOOPBACK, { start_xmit: loopback_xmit });
  dev.flags = IFF_LOOPBACK;
  dev.mtu = 65536;
  dev.min_mtu = 0;
  dev.max_mtu = 0;
  register_netdevice(dev);
  dev_open(dev);
  return dev;
}
