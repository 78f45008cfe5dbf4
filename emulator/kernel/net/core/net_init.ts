// Bringing up the network stack at boot (net_dev_init and the protocols' initcalls): the address
// layers listen for interfaces first, then the loopback registers and comes up with 127.0.0.1/8
// and ::1.

import type { Kernel } from '../../kernel';
import { loopback_net_init } from '../../drivers/net/loopback';
import { devinet_init } from '../ipv4/devinet';
import { addrconf_init } from '../ipv6/addrconf';
import { inet_init } from '../ipv4/af_inet';
import { init_net } from './net_namespace';
import { netdev_sysfs_init } from './net-sysfs';

export function net_dev_init(kernel: Kernel): void {
  const net = init_net(kernel);
  netdev_sysfs_init(net);
  devinet_init(net);
  addrconf_init(net);
  loopback_net_init(kernel);
  inet_init(kernel);
}
