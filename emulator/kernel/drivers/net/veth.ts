// Virtual Ethernet pairs (drivers/net/veth.c): `ip link add A type veth peer name B` makes two
// interfaces joined back to back — what one transmits, the other receives. Each has a carrier only
// while both ends are up: bring up one end and it says NO-CARRIER / LOWERLAYERDOWN until the other
// follows. `ip link` shows each as "A@B" (IFLA_LINK names the peer). Deleting either deletes both.

import { EEXIST, EINVAL } from '../../../uapi/errno';
import { ARPHRD_ETHER, IFF_BROADCAST, IFF_MULTICAST } from '../../../uapi/if';
import { IFINFOMSG_SIZE, IFLA_IFNAME, VETH_INFO_PEER } from '../../../uapi/rtnetlink';
import { nla_get_string, nla_parse } from '../../../uapi/netlink';
import { NetDevice, dev_get_by_name, netif_carrier_off, netif_carrier_on, netif_rx, register_netdevice, unregister_netdevice, type SkBuff } from '../../net/core/dev';
import type { Net } from '../../net/core/net_namespace';
import { dev_alloc_name, rtnl_link_register } from '../../net/core/rtnetlink';
import { ETH_BROADCAST, eth_random_addr } from './dummy';

/** veth_xmit: hand the packet to the peer as received (dropped if the peer is down). */
function veth_xmit(skb: SkBuff): void {
  const dev = skb.dev;
  const peer = dev.peer;
  if (!peer || !peer.isUp) {
    dev.stats.tx_dropped++;
    return;
  }
  dev.stats.tx_packets++;
  dev.stats.tx_bytes += skb.data.length;
  peer.stats.rx_packets++;
  peer.stats.rx_bytes += skb.data.length;
  netif_rx({ ...skb, dev: peer });
}

const veth_ops = {
  start_xmit: veth_xmit,
  /** veth_open: with the peer up, both ends get their carrier. */
  open(dev: NetDevice): number {
    if (dev.peer?.isUp) {
      netif_carrier_on(dev);
      netif_carrier_on(dev.peer);
    }
    return 0;
  },
  /** veth_close: both ends lose it. */
  stop(dev: NetDevice): void {
    netif_carrier_off(dev);
    if (dev.peer) netif_carrier_off(dev.peer);
  },
};

function veth_setup(net: Net, name: string): NetDevice {
  const dev = new NetDevice(net, name, ARPHRD_ETHER, veth_ops);
  dev.kind = 'veth';
  dev.flags = IFF_BROADCAST | IFF_MULTICAST;
  dev.dev_addr = eth_random_addr(net.kernel);
  dev.broadcast = ETH_BROADCAST();
  // Both ends start without a carrier (veth_newlink's netif_carrier_off).
  dev.nocarrier = true;
  dev.carrier_changes = 1;
  return dev;
}

/** veth_newlink: the peer is registered first (it gets the lower ifindex, as on Linux), then this end. */
function veth_newlink(net: Net, name: string | null, data: Map<number, Uint8Array> | null): NetDevice | number {
  let peerName: string | null = null;
  const peerInfo = data?.get(VETH_INFO_PEER);
  if (peerInfo) {
    if (peerInfo.length < IFINFOMSG_SIZE) return -EINVAL;
    const ptb = nla_parse(peerInfo.subarray(IFINFOMSG_SIZE));
    const n = ptb.get(IFLA_IFNAME);
    if (n) peerName = nla_get_string(n);
  }
  const thisName = name ?? dev_alloc_name(net, 'veth%d');
  if (dev_get_by_name(net, thisName)) return -EEXIST;
  const peer = veth_setup(net, peerName ?? dev_alloc_name(net, 'veth%d'));
  const dev = veth_setup(net, thisName);
  dev.peer = peer;
  peer.peer = dev;
  let r = register_netdevice(peer);
  if (r < 0) return r;
  r = register_netdevice(dev);
  if (r < 0) {
    unregister_netdevice(peer);
    return r;
  }
  return dev;
}

/** veth_dellink: both ends go. */
function veth_dellink(dev: NetDevice): void {
  const peer = dev.peer;
  unregister_netdevice(dev);
  if (peer) {
    peer.peer = null;
    unregister_netdevice(peer);
  }
  dev.peer = null;
}

rtnl_link_register({
  kind: 'veth',
  newlink: (net, name, _tb, data) => veth_newlink(net, name, data),
  dellink: veth_dellink,
});
