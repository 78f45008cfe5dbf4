// Devices (drivers/base/core.c): the driver core's struct device and device_add/device_del.
//
// Adding a device does, in Linux's order:
//   - its directory: /sys/devices/<parent's path>/<name>, or devices/virtual/<class>/<name> for a
//     class device without a parent (a "glue" directory per class);
//   - `uevent`, the `subsystem` link (to its class or bus), `device` (to its parent),
//     /sys/class/<class>/<name>, the driver's attributes, /sys/bus/<bus>/devices/<name>, `power/`;
//   - for a device with a number: `dev` ("1:3"), /sys/dev/char/1:3 (or block/) and, through
//     devtmpfs, the node /dev/<name>;
//   - and then the "add" uevent.
// device_destroy undoes all of it after the "remove" uevent.

import { EEXIST, EINVAL, EIO } from '../../uapi/errno';
import { major, minor } from '../../uapi/stat';
import type { Kernel } from '../kernel';
import {
  sysfs_create_file, sysfs_create_group, sysfs_create_link, sysfs_remove_link, type SysfsAttribute,
} from '../fs/sysfs/sysfs';
import { driver_model } from './base';
import { bus_find, type BusType } from './bus';
import { class_register, type DeviceClass } from './class';
import { devtmpfs_create_node, devtmpfs_delete_node } from './devtmpfs';
import { Kobject, KobjUeventEnv, kobject_add, kobject_del, kobject_get_path, type KsetUeventOps } from './kobject';
import { kobject_synth_uevent, kobject_uevent as kobject_uevent_kobj, type KobjectAction } from './kobject_uevent';

/** A device attribute file (struct device_attribute). */
export interface DeviceAttribute {
  name: string;
  /** Default 0444 (0644 with store). */
  mode?: number;
  /** The file's contents, or -errno (EINVAL: nothing to report now). */
  show?(dev: Device): string | number;
  /** Bytes consumed, or -errno (EINVAL, EIO …). */
  store?(dev: Device, value: string): number;
}

/** What a driver says about a device it creates. */
export interface DeviceSpec {
  /** 'null', 'sda', 'sda1', 'loop0', 'ptmx', 'tty0'; a '/' becomes '!' in sysfs, stays in /dev. */
  name: string;
  /** 'mem' | 'tty' | 'block' | 'misc' | 'net' …: /sys/class/<c>/<name> (registered on first use). */
  className?: string;
  /** A bus ('platform', 'cpu' …) that must already be registered (bus_register). */
  busName?: string;
  /** makedev(major, minor); absent: no /dev node, no `dev` file. */
  devt?: number;
  /** A block device: b node, /sys/dev/block, and (unless a partition) /sys/block/<name>. */
  block?: boolean;
  /** The parent device (sda for sda1); default: devices/virtual/<class>/. */
  parent?: Device | null;
  /** uevent DEVTYPE ('disk', 'partition' …). */
  devtype?: string;
  /** devtmpfs node permissions; when given, uevents also say DEVMODE (as a class devnode does). */
  nodeMode?: number;
  /** Attribute files in the device's directory. */
  attrs?: DeviceAttribute[];
  /** Extra uevent lines after the core's (a class's dev_uevent: "PARTN=1" …). */
  uevent?(dev: Device): string[];
}

/** Runtime power management state (struct dev_pm_info), as much as power/ shows. */
export interface DevPmInfo {
  /** control: "auto" lets the device suspend when idle, "on" keeps it on. */
  runtime_auto: boolean;
}

/** struct device (which embeds its kobject: here it is one). */
export class Device extends Kobject {
  devt = 0;
  block = false;
  class: DeviceClass | null = null;
  bus: BusType | null = null;
  /** dev->parent: the parent *device* (kobj.parent may be a glue directory). */
  parentDevice: Device | null = null;
  devtype: string | null = null;
  nodeMode: number | null = null;
  /** The /dev name (the spec's name, slashes kept). */
  nodeName = '';
  /** The driver bound to it, if any (DRIVER= in uevents). */
  driver: string | null = null;
  power: DevPmInfo = { runtime_auto: true };
  attrs: DeviceAttribute[] = [];
  extraUevent: ((dev: Device) => string[]) | null = null;
  /** Driver-private data (dev_get_drvdata). */
  driver_data: unknown = null;
  /** Added and not yet deleted. */
  registered = false;

  constructor(
    readonly kernel: Kernel,
    name: string,
  ) {
    super(name);
  }
}

/** dev_name: the device's name as sysfs spells it. */
export function dev_name(dev: Device): string {
  return dev.name;
}

/** device_get_devnode: the /dev name and the mode the node gets (0: devtmpfs's default 0600). */
export function device_get_devnode(dev: Device): { name: string; mode: number } {
  const byClass = dev.class?.devnode?.(dev) ?? {};
  return { name: byClass.name ?? dev.nodeName, mode: dev.nodeMode ?? byClass.mode ?? 0 };
}

/** dev_uevent: the lines every device adds (and what its `uevent` file shows). */
function dev_uevent(kobj: Kobject, env: KobjUeventEnv): number {
  if (!(kobj instanceof Device)) return 0;
  const dev = kobj;
  if (dev.devt) {
    env.add(`MAJOR=${major(dev.devt)}`);
    env.add(`MINOR=${minor(dev.devt)}`);
    const node = device_get_devnode(dev);
    env.add(`DEVNAME=${node.name}`);
    if (node.mode) env.add(`DEVMODE=0${(node.mode & 0o7777).toString(8)}`);
  }
  if (dev.devtype) env.add(`DEVTYPE=${dev.devtype}`);
  if (dev.driver) env.add(`DRIVER=${dev.driver}`);
  for (const line of dev.extraUevent?.(dev) ?? []) env.add(line);
  return 0;
}

/** The uevent operations of /sys/devices (device_uevent_ops). */
export const device_uevent_ops: KsetUeventOps = {
  // dev_uevent_filter: only devices on a bus or in a class announce themselves.
  filter: (kobj) => kobj instanceof Device && (kobj.bus !== null || kobj.class !== null),
  name: (kobj) => (kobj instanceof Device ? (kobj.bus?.name ?? kobj.class?.name ?? '') : ''),
  uevent: dev_uevent,
};

/** A device attribute as a sysfs attribute of the device's kobject. */
function dev_attr(a: DeviceAttribute): SysfsAttribute {
  return {
    name: a.name,
    ...(a.mode !== undefined ? { mode: a.mode } : {}),
    ...(a.show ? { show: (k: Kobject) => a.show!(k as Device) } : {}),
    ...(a.store ? { store: (k: Kobject, v: string) => a.store!(k as Device, v) } : {}),
  };
}

/** The `uevent` file: read the device's lines; write "add", "change" … to send that event again. */
const dev_attr_uevent: SysfsAttribute = {
  name: 'uevent',
  show(kobj) {
    const env = new KobjUeventEnv();
    dev_uevent(kobj, env);
    return env.envp.map((l) => `${l}\n`).join('');
  },
  store(kobj, value) {
    const r = kobject_synth_uevent((kobj as Device).kernel, kobj, value);
    return r < 0 ? r : value.length;
  },
};

/** `dev`: "major:minor". */
const dev_attr_dev: SysfsAttribute = {
  name: 'dev',
  show: (kobj) => `${major((kobj as Device).devt)}:${minor((kobj as Device).devt)}\n`,
};

/**
 * The power/ group (drivers/base/power/sysfs.c runtime attributes). Runtime PM is never enabled
 * for our devices, so the status is "unsupported" and no time is accounted; `control` keeps the
 * user's choice as Linux does.
 */
function dpm_attrs(): SysfsAttribute[] {
  const pm = (k: Kobject) => (k as Device).power;
  return [
    { name: 'runtime_status', show: () => 'unsupported\n' },
    {
      name: 'control',
      show: (k) => (pm(k).runtime_auto ? 'auto\n' : 'on\n'),
      store(k, v) {
        const s = v.endsWith('\n') ? v.slice(0, -1) : v;
        if (s === 'auto') pm(k).runtime_auto = true;
        else if (s === 'on') pm(k).runtime_auto = false;
        else return -EINVAL;
        return v.length;
      },
    },
    { name: 'runtime_suspended_time', show: () => '0\n' },
    { name: 'runtime_active_time', show: () => '0\n' },
    // Without use_autosuspend both directions are EIO.
    { name: 'autosuspend_delay_ms', mode: 0o644, show: () => -EIO, store: () => -EIO },
  ];
}

/**
 * get_device_parent: the directory a new device goes in. A class device without a parent goes in
 * devices/virtual/<class>/; under a parent that is itself a class device (sda for sda1) it goes
 * straight in; under a bus device it goes in a <class>/ glue directory of the parent.
 */
function get_device_parent(kernel: Kernel, dev: Device, parent: Device | null): Kobject | null {
  const dm = driver_model(kernel);
  if (dev.class) {
    if (parent && parent.class) return parent;
    const base = parent ?? virtual_device_parent(kernel);
    let dirs = dm.glue_dirs.get(base);
    if (!dirs) dm.glue_dirs.set(base, (dirs = new Map()));
    let glue = dirs.get(dev.class.name);
    if (!glue) {
      glue = new Kobject(dev.class.name);
      if (kobject_add(kernel, glue, base) < 0) return null;
      dirs.set(dev.class.name, glue);
    }
    return glue;
  }
  // No class: under the parent device, or a preset kobject parent (subsys roots), or /sys/devices.
  return parent ?? dev.parent ?? dm.devices_kset;
}

/** virtual_device_parent: /sys/devices/virtual, made when the first virtual device needs it. */
function virtual_device_parent(kernel: Kernel): Kobject {
  const dm = driver_model(kernel);
  if (!dm.virtual_dir) {
    dm.virtual_dir = new Kobject('virtual');
    kobject_add(kernel, dm.virtual_dir, dm.devices_kset);
  }
  return dm.virtual_dir;
}

/** cleanup_glue_dir: a glue directory goes once its last device has. */
function cleanup_glue_dir(kernel: Kernel, glue: Kobject | null): void {
  if (!glue || glue instanceof Device || !glue.sd || glue.sd.children.length) return;
  const dm = driver_model(kernel);
  for (const [base, dirs] of dm.glue_dirs) {
    for (const [name, g] of dirs) {
      if (g !== glue) continue;
      dirs.delete(name);
      if (!dirs.size) dm.glue_dirs.delete(base);
    }
  }
  kobject_del(glue);
}

function sys_dev_kobj(kernel: Kernel, dev: Device): Kobject {
  const dm = driver_model(kernel);
  return dev.block ? dm.sysfs_dev_block_kobj : dm.sysfs_dev_char_kobj;
}

function devt_name(devt: number): string {
  return `${major(devt)}:${minor(devt)}`;
}

/** device_add: everything listed at the top of this file. 0 or -errno. */
export function device_add(kernel: Kernel, dev: Device): number {
  const dm = driver_model(kernel);
  dev.kset = dm.devices_kset;
  const parentKobj = get_device_parent(kernel, dev, dev.parentDevice);
  if (!parentKobj) return -EINVAL;
  const r = kobject_add(kernel, dev, parentKobj);
  if (r < 0) {
    cleanup_glue_dir(kernel, parentKobj);
    return r;
  }
  sysfs_create_file(dev, dev_attr_uevent);
  // device_add_class_symlinks
  if (dev.class) {
    sysfs_create_link(dev, dev.class.subsys, 'subsystem');
    if (dev.parentDevice && dev.devtype !== 'partition') sysfs_create_link(dev, dev.parentDevice, 'device');
    sysfs_create_link(dev.class.subsys, dev, dev.name);
  }
  for (const a of dev.attrs) sysfs_create_file(dev, dev_attr(a));
  // bus_add_device
  if (dev.bus) {
    sysfs_create_link(dev.bus.devices_kset, dev, dev.name);
    sysfs_create_link(dev, dev.bus.subsys, 'subsystem');
  }
  sysfs_create_group(dev, 'power', dpm_attrs());
  if (dev.devt) {
    sysfs_create_file(dev, dev_attr_dev);
    sysfs_create_link(sys_dev_kobj(kernel, dev), dev, devt_name(dev.devt));
    if (dev.block && dev.devtype !== 'partition' && dm.block_depr) sysfs_create_link(dm.block_depr, dev, dev.name);
    const node = device_get_devnode(dev);
    devtmpfs_create_node(kernel, node.name, dev.devt, dev.block, node.mode || 0o600);
  }
  dm.devices.push(dev);
  dev.registered = true;
  kobject_uevent_kobj(kernel, dev, 'add');
  return 0;
}

/** device_del: the "remove" uevent, then everything device_add made, in reverse. */
export function device_del(kernel: Kernel, dev: Device): void {
  if (!dev.registered) return;
  const dm = driver_model(kernel);
  // Children go first (Linux expects drivers to have removed them and warns otherwise).
  for (const child of dm.devices.filter((d) => d.parentDevice === dev)) device_del(kernel, child);
  dev.registered = false;
  if (dev.devt) {
    const node = device_get_devnode(dev);
    devtmpfs_delete_node(kernel, node.name, dev.devt, dev.block);
    sysfs_remove_link(sys_dev_kobj(kernel, dev), devt_name(dev.devt));
    if (dev.block && dev.devtype !== 'partition' && dm.block_depr) sysfs_remove_link(dm.block_depr, dev.name);
  }
  if (dev.bus) sysfs_remove_link(dev.bus.devices_kset, dev.name);
  if (dev.class) sysfs_remove_link(dev.class.subsys, dev.name);
  kobject_uevent_kobj(kernel, dev, 'remove');
  const i = dm.devices.indexOf(dev);
  if (i >= 0) dm.devices.splice(i, 1);
  const glue = dev.parent;
  kobject_del(dev);
  cleanup_glue_dir(kernel, glue);
}

/** device_create, returning -errno instead of throwing (-EEXIST for a name or number in use). */
export function device_try_create(kernel: Kernel, spec: DeviceSpec): Device | number {
  const name = spec.name.replace(/\//g, '!');
  if (!name || spec.name.startsWith('/')) return -EINVAL;
  const dm = driver_model(kernel);
  const dev = new Device(kernel, name);
  dev.nodeName = spec.name;
  if (spec.className) dev.class = class_register(kernel, spec.className);
  if (spec.busName) {
    dev.bus = bus_find(kernel, spec.busName);
    if (!dev.bus) return -EINVAL;
  }
  if (spec.devt) {
    if (dm.devices.some((d) => d.devt === spec.devt && d.block === (spec.block ?? false))) return -EEXIST;
    dev.devt = spec.devt;
  }
  dev.block = spec.block ?? false;
  dev.parentDevice = spec.parent ?? null;
  dev.devtype = spec.devtype ?? null;
  dev.nodeMode = spec.nodeMode ?? null;
  dev.attrs = spec.attrs ?? [];
  dev.extraUevent = spec.uevent ?? null;
  const r = device_add(kernel, dev);
  return r < 0 ? r : dev;
}

/**
 * device_create: make and add a device (sysfs directory, devtmpfs node, "add" uevent). A failure
 * is a driver bug (a duplicate name or number) and throws, as Linux would WARN and fail the probe.
 */
export function device_create(kernel: Kernel, spec: DeviceSpec): Device {
  const dev = device_try_create(kernel, spec);
  if (typeof dev === 'number') throw new Error(`device_create(${spec.name}): error ${dev}`);
  return dev;
}

/** device_destroy (device_unregister): "remove" uevent, node and directory gone. */
export function device_destroy(kernel: Kernel, dev: Device): void {
  device_del(kernel, dev);
}

/** kobject_uevent for a device (or any kobject): send `action` now. */
export function kobject_uevent(kernel: Kernel, dev: Kobject, action: KobjectAction): void {
  kobject_uevent_kobj(kernel, dev, action);
}

/** The device with number `devt` (block or char), or null (the target of /sys/dev/…/M:m). */
export function device_find_devt(kernel: Kernel, devt: number, block: boolean): Device | null {
  return driver_model(kernel).devices.find((d) => d.devt === devt && d.block === block) ?? null;
}

/** All added devices, in the order added. */
export function devices_list(kernel: Kernel): readonly Device[] {
  return driver_model(kernel).devices;
}

/** The DEVPATH of a device ("/devices/virtual/mem/null"). */
export function device_path(dev: Device): string {
  return kobject_get_path(dev);
}

export { type KobjectAction } from './kobject_uevent';
