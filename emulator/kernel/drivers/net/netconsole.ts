// netconsole (drivers/net/netconsole.c): send the kernel log over UDP to another machine. Its
// dynamic targets are configfs items:
//
//   mkdir /sys/kernel/config/netconsole/t1        a new target, disabled, with Linux's defaults
//   echo 10.0.0.2 > t1/remote_ip                 set it up (only while disabled: else EINVAL)
//   echo 1 > t1/enabled                          start logging (netpoll_setup on dev_name)
//   rmdir /sys/kernel/config/netconsole/t1        gone
//
// Each store validates as Linux does: booleans by kstrtobool, ports by kstrtou16 (ERANGE past
// 65535), addresses by in4_pton/in6_pton and mac_pton; a bad value is EINVAL.
//
// Simplified: nothing is sent. This machine has no network device for netpoll yet, so enabling a
// target fails as netpoll_setup does for a missing interface (ENODEV, with its log line).

import { EINVAL, ENODEV, ERANGE } from '../../../uapi/errno';
import type { Kernel } from '../../kernel';
import { printk, LOGLEVEL_ERR, LOGLEVEL_INFO } from '../../printk/printk';
import { configfs_register_subsystem, kstrtobool, type ConfigfsAttribute } from '../../fs/configfs/dir';
import { in6_words_text } from '../../../uapi/in';

/** struct netconsole_target (with its netpoll's fields folded in). */
interface NetconsoleTarget {
  kernel: Kernel;
  name: string;
  enabled: boolean;
  extended: boolean;
  release: boolean;
  devName: string;
  localPort: number;
  remotePort: number;
  /** Text forms as shown ("%pI4" / "%pI6c"). */
  localIp: string;
  remoteIp: string;
  remoteMac: string;
}

const IFNAMSIZ = 16;

function alloc_param_target(kernel: Kernel, name: string): NetconsoleTarget {
  return {
    kernel, name, enabled: false, extended: false, release: false, devName: 'eth0', localPort: 6665, remotePort: 6666,
    localIp: '0.0.0.0', remoteIp: '0.0.0.0', remoteMac: 'ff:ff:ff:ff:ff:ff',
  };
}

/** Attributes other than `enabled` may change only while the target is disabled. */
function disabled_or_einval(nt: NetconsoleTarget): number {
  if (!nt.enabled) return 0;
  printk(nt.kernel, LOGLEVEL_ERR, `netconsole: target (${nt.name}) is enabled, disable to update parameters`);
  return -EINVAL;
}

function strip_nl(v: string): string {
  return v.endsWith('\n') ? v.slice(0, -1) : v;
}

/** kstrtou16. */
function kstrtou16(v: string): number {
  const s = strip_nl(v);
  if (!/^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(s)) return -EINVAL;
  const n = Number(s.startsWith('0') && s.length > 1 && !/^0x/i.test(s) ? parseInt(s, 8) : s);
  return n > 0xffff ? -ERANGE : n;
}

/** in4_pton: dotted quad. */
function in4_pton(s: string): string | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m || m.slice(1).some((x) => Number(x) > 255)) return null;
  return m.slice(1).map(Number).join('.');
}

/** in6_pton, shown compressed (%pI6c). */
function in6_pton(s: string): string | null {
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (p: string) => (p ? p.split(':') : []);
  const head = parse(halves[0]!), tail = halves.length === 2 ? parse(halves[1]!) : [];
  if ([...head, ...tail].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0 || (halves.length === 2 && missing < 1)) return null;
  const groups = [...head, ...new Array(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return in6_words_text(groups);
}

function ip_store(nt: NetconsoleTarget, v: string, set: (ip: string) => void): number {
  const err = disabled_or_einval(nt);
  if (err) return err;
  const s = strip_nl(v);
  const ip = s.includes(':') ? in6_pton(s) : in4_pton(s);
  if (ip === null) return -EINVAL;
  set(ip);
  return v.length;
}

function bool_store(nt: NetconsoleTarget, v: string, set: (b: boolean) => void): number {
  const err = disabled_or_einval(nt);
  if (err) return err;
  const b = kstrtobool(v);
  if (typeof b === 'number') return b;
  set(b);
  return v.length;
}

/** enabled_store: starting needs a working netpoll on dev_name; stopping always works. */
function enabled_store(nt: NetconsoleTarget, v: string): number {
  const b = kstrtobool(v);
  if (typeof b === 'number') return b;
  if (b === nt.enabled) {
    printk(nt.kernel, LOGLEVEL_INFO, `netconsole: network logging has already ${b ? 'started' : 'stopped'}`);
    return -EINVAL;
  }
  if (b) {
    if (nt.release && !nt.extended) {
      printk(nt.kernel, LOGLEVEL_ERR, 'netconsole: Not enabling netconsole. Release feature requires extended log message');
      return -EINVAL;
    }
    // netpoll_setup: there are no network devices on this machine yet.
    printk(nt.kernel, LOGLEVEL_ERR, `netpoll: netconsole: ${nt.devName} doesn't exist, aborting`);
    return -ENODEV;
  }
  nt.enabled = false;
  printk(nt.kernel, LOGLEVEL_INFO, 'netconsole: network logging stopped');
  return v.length;
}

const ATTRS: readonly ConfigfsAttribute<NetconsoleTarget>[] = [
  { name: 'enabled', show: (nt) => `${nt.enabled ? 1 : 0}\n`, store: enabled_store },
  { name: 'extended', show: (nt) => `${nt.extended ? 1 : 0}\n`, store: (nt, v) => bool_store(nt, v, (b) => (nt.extended = b)) },
  { name: 'release', show: (nt) => `${nt.release ? 1 : 0}\n`, store: (nt, v) => bool_store(nt, v, (b) => (nt.release = b)) },
  {
    name: 'dev_name',
    show: (nt) => `${nt.devName}\n`,
    store: (nt, v) => disabled_or_einval(nt) || ((nt.devName = strip_nl(v).slice(0, IFNAMSIZ - 1)), v.length),
  },
  {
    name: 'local_port',
    show: (nt) => `${nt.localPort}\n`,
    store: (nt, v) => {
      const err = disabled_or_einval(nt);
      if (err) return err;
      const n = kstrtou16(v);
      if (n < 0) return n;
      nt.localPort = n;
      return v.length;
    },
  },
  {
    name: 'remote_port',
    show: (nt) => `${nt.remotePort}\n`,
    store: (nt, v) => {
      const err = disabled_or_einval(nt);
      if (err) return err;
      const n = kstrtou16(v);
      if (n < 0) return n;
      nt.remotePort = n;
      return v.length;
    },
  },
  { name: 'local_ip', show: (nt) => `${nt.localIp}\n`, store: (nt, v) => ip_store(nt, v, (ip) => (nt.localIp = ip)) },
  { name: 'remote_ip', show: (nt) => `${nt.remoteIp}\n`, store: (nt, v) => ip_store(nt, v, (ip) => (nt.remoteIp = ip)) },
  // The local device's address; broadcast while there is no device.
  { name: 'local_mac', show: () => 'ff:ff:ff:ff:ff:ff\n' },
  {
    name: 'remote_mac',
    show: (nt) => `${nt.remoteMac}\n`,
    store: (nt, v) => {
      const err = disabled_or_einval(nt);
      if (err) return err;
      const s = strip_nl(v);
      if (!/^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i.test(s)) return -EINVAL;
      nt.remoteMac = s.toLowerCase().replace(/-/g, ':');
      return v.length;
    },
  },
];

/** init_netconsole: the configfs subsystem and the "network logging started" line. */
export function init_netconsole(kernel: Kernel): number {
  const r = configfs_register_subsystem<NetconsoleTarget>(kernel, {
    name: 'netconsole',
    make_item: (k, name) => alloc_param_target(k, name),
    drop_item: (_k, nt) => {
      nt.enabled = false;
    },
    attrs: ATTRS,
  });
  if (r < 0) return r;
  printk(kernel, LOGLEVEL_INFO, 'netconsole: network logging started');
  return 0;
}
