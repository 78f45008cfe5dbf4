// The uevent socket (lib/kobject_uevent.c: uevent_net_init, uevent_net_broadcast): the kernel's
// NETLINK_KOBJECT_UEVENT socket, one multicast group, on which every uevent of the device model
// goes out as one datagram — the header "ACTION@DEVPATH", then each KEY=value, each ending in NUL:
//
//   add@/devices/virtual/block/loop0\0ACTION=add\0DEVPATH=/devices/virtual/block/loop0\0SUBSYSTEM=block\0…SEQNUM=812\0
//
// which is what `udevadm monitor --kernel` (and udevd) read. Anyone may listen
// (NL_CFG_F_NONROOT_RECV); only the kernel sends.

import { NETLINK_KOBJECT_UEVENT } from '../../../uapi/netlink';
import type { Kernel } from '../../kernel';
import { uevent_subscribe, type Uevent } from '../../base/kobject_uevent';
import { NL_CFG_F_NONROOT_RECV, netlink_broadcast, netlink_has_listeners, netlink_kernel_create } from './af_netlink';

const te = new TextEncoder();

/** alloc_uevent_skb: the datagram for one event. */
export function uevent_skb_data(ev: Uevent): Uint8Array {
  return te.encode(`${ev.action}@${ev.devpath}\0` + ev.env.map((l) => l + '\0').join(''));
}

export function uevent_net_init(kernel: Kernel): void {
  const ksk = netlink_kernel_create(kernel, NETLINK_KOBJECT_UEVENT, { groups: 1, flags: NL_CFG_F_NONROOT_RECV });
  uevent_subscribe(kernel, (ev) => {
    if (netlink_has_listeners(ksk, 1)) netlink_broadcast(ksk, uevent_skb_data(ev), 0, 1);
  });
}
