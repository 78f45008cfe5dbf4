// Network devices in the device model (net/core/net-sysfs.c): each interface is a device of class
// "net" — /sys/devices/virtual/net/<name>, linked from /sys/class/net/<name> — with the attribute
// files `ip` and udev read (ifindex, flags, mtu, address, operstate …), and an "add"/"remove"
// uevent carrying INTERFACE= and IFINDEX= (netdev_uevent), which `udevadm monitor` shows when
// `ip link add` makes a dummy.
//
// A rename (`ip link set X name Y`) renames the directory and the class link and sends a "move"
// uevent with DEVPATH_OLD, as device_rename does.
//
// statistics/ holds one file per counter of struct rtnl_link_stats64 (netstat_attrs).
//
// Simplified: no queues/ subdirectories (nor their uevents), no writable attributes.

import { IF_OPER_DOWN, IF_OPER_DORMANT, IF_OPER_LOWERLAYERDOWN, IF_OPER_NOTPRESENT, IF_OPER_TESTING, IF_OPER_UNKNOWN, IF_OPER_UP } from '../../../uapi/if';
import { EINVAL } from '../../../uapi/errno';
import { has_driver_model } from '../../base/base';
import { device_destroy, device_try_create, type Device, type DeviceAttribute } from '../../base/core';
import { kobject_get_path, kobject_rename } from '../../base/kobject';
import { kobject_uevent_env } from '../../base/kobject_uevent';
import { sysfs_create_group, sysfs_create_link, sysfs_remove_link } from '../../fs/sysfs/sysfs';
import type { NetDevice } from './dev';
import { register_netdevice_notifier, type Net } from './net_namespace';

const OPERSTATES: Record<number, string> = {
  [IF_OPER_UNKNOWN]: 'unknown', [IF_OPER_NOTPRESENT]: 'notpresent', [IF_OPER_DOWN]: 'down', [IF_OPER_LOWERLAYERDOWN]: 'lowerlayerdown',
  [IF_OPER_TESTING]: 'testing', [IF_OPER_DORMANT]: 'dormant', [IF_OPER_UP]: 'up',
};

const mac = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');

/** net_class_attrs: each file shows the live value of the interface. */
function net_attrs(nd: NetDevice): DeviceAttribute[] {
  const a = (name: string, show: () => string): DeviceAttribute => ({ name, show: () => show() + '\n' });
  return [
    // NET_ADDR_PERM for lo, NET_ADDR_RANDOM for the random MACs of dummy and veth.
    a('addr_assign_type', () => (nd.kind ? '1' : '0')),
    a('addr_len', () => String(nd.dev_addr.length)),
    a('address', () => mac(nd.dev_addr)),
    a('broadcast', () => mac(nd.broadcast)),
    // carrier_show: only a running interface has a carrier to report.
    { name: 'carrier', show: () => (nd.isUp ? (nd.nocarrier ? '0\n' : '1\n') : -EINVAL) },
    a('carrier_changes', () => String(nd.carrier_changes)),
    a('dev_id', () => '0x0'),
    a('dev_port', () => '0'),
    a('dormant', () => '0'),
    a('flags', () => '0x' + (nd.flags & 0xffff & ~0x10040).toString(16)),
    a('ifalias', () => ''),
    a('ifindex', () => String(nd.ifindex)),
    a('iflink', () => String(nd.peer?.ifindex ?? nd.ifindex)),
    a('link_mode', () => '0'),
    a('mtu', () => String(nd.mtu)),
    a('netdev_group', () => '0'),
    a('operstate', () => OPERSTATES[nd.operstate] ?? 'unknown'),
    a('proto_down', () => '0'),
    a('tx_queue_len', () => String(nd.tx_queue_len)),
    a('type', () => String(nd.type)),
  ];
}

/** netstat_attrs: statistics/<counter>, read from the device's counters. */
const NETSTAT_FILES = [
  'collisions', 'multicast', 'rx_bytes', 'rx_compressed', 'rx_crc_errors', 'rx_dropped', 'rx_errors', 'rx_fifo_errors',
  'rx_frame_errors', 'rx_length_errors', 'rx_missed_errors', 'rx_nohandler', 'rx_over_errors', 'rx_packets', 'tx_aborted_errors',
  'tx_bytes', 'tx_carrier_errors', 'tx_compressed', 'tx_dropped', 'tx_errors', 'tx_fifo_errors', 'tx_heartbeat_errors',
  'tx_packets', 'tx_window_errors',
] as const;

function netstat_attrs(nd: NetDevice) {
  const stats = nd.stats as unknown as Record<string, number | undefined>;
  return NETSTAT_FILES.map((name) => ({ name, show: () => `${stats[name] ?? 0}\n` }));
}

/** netdev_register_kobject. */
function netdev_register_kobject(nd: NetDevice): void {
  // A kernel booted without its driver core (a unit test of the network alone) has no sysfs.
  if (!has_driver_model(nd.net.kernel)) return;
  const r = device_try_create(nd.net.kernel, {
    name: nd.name,
    className: 'net',
    attrs: net_attrs(nd),
    uevent: () => [`INTERFACE=${nd.name}`, `IFINDEX=${nd.ifindex}`],
  });
  if (typeof r === 'number') return;
  sysfs_create_group(r, 'statistics', netstat_attrs(nd));
  nd.priv.set('sysfs', r);
}

function netdev_unregister_kobject(nd: NetDevice): void {
  const d = nd.priv.get('sysfs') as Device | undefined;
  if (!d) return;
  nd.priv.delete('sysfs');
  device_destroy(nd.net.kernel, d);
}

/** device_rename: the directory and /sys/class/net link follow the new name; a "move" uevent. */
function device_rename(nd: NetDevice): void {
  const d = nd.priv.get('sysfs') as Device | undefined;
  if (!d) return;
  const oldName = d.name;
  const oldPath = kobject_get_path(d);
  if (d.class) sysfs_remove_link(d.class.subsys, oldName);
  if (kobject_rename(d, nd.name) < 0) return;
  d.nodeName = nd.name;
  if (d.class) sysfs_create_link(d.class.subsys, d, nd.name);
  kobject_uevent_env(nd.net.kernel, d, 'move', [`DEVPATH_OLD=${oldPath}`]);
}

/** netdev_kobject_init: follow every interface from now on. */
export function netdev_sysfs_init(net: Net): void {
  register_netdevice_notifier(net, (event, nd) => {
    if (event === 'register') netdev_register_kobject(nd);
    else if (event === 'unregister') netdev_unregister_kobject(nd);
    else if (event === 'changename') device_rename(nd);
  });
}
