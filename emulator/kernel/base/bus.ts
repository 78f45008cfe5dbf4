// Buses (drivers/base/bus.c): how devices are connected — platform, cpu, pci, usb … Each bus has
// /sys/bus/<bus>/devices/ (a link per device on it) and drivers/ (a directory per driver).
// A device on a bus has SUBSYSTEM=<bus> in its uevents and a `subsystem` link to the bus.
//
// Simplified: there is no driver binding (probe/remove) yet, so drivers/ stays empty and
// drivers_probe is absent; drivers_autoprobe keeps its flag.

import { EINVAL } from '../../uapi/errno';
import type { Kernel } from '../kernel';
import { driver_model } from './base';
import { kobject_synth_uevent, kobject_uevent } from './kobject_uevent';
import { kset_create_and_add, type Kset, type KsetUeventOps } from './kobject';
import { sysfs_create_file } from '../fs/sysfs/sysfs';

export interface BusType {
  name: string;
  /** /sys/bus/<name> (bus->p->subsys), and its devices/ and drivers/ directories. */
  subsys: Kset;
  devices_kset: Kset;
  drivers_kset: Kset;
  drivers_autoprobe: boolean;
}

/** The buses' own directories: only they send uevents among /sys/bus's members (bus_uevent_filter). */
const bus_subsystems = new WeakSet<Kset>();

/** The uevent operations of /sys/bus: "add /bus/<name>" with SUBSYSTEM=bus. */
export const bus_uevent_ops: KsetUeventOps = {
  filter: (kobj) => bus_subsystems.has(kobj as Kset),
};

/**
 * bus_register: make /sys/bus/<name> and announce it (ACTION=add, SUBSYSTEM=bus); registering a
 * name twice gives the existing bus.
 */
export function bus_register(kernel: Kernel, name: string): BusType {
  const dm = driver_model(kernel);
  const existing = dm.buses.get(name);
  if (existing) return existing;
  const subsys = kset_create_and_add(kernel, name, null, null, dm.bus_kset);
  const bus: BusType = {
    name,
    subsys,
    devices_kset: null as unknown as Kset,
    drivers_kset: null as unknown as Kset,
    drivers_autoprobe: true,
  };
  // The order Linux creates them in: uevent, devices/, drivers/, drivers_autoprobe, drivers_probe.
  sysfs_create_file(subsys, { name: 'uevent', mode: 0o200, store: (kobj, v) => {
    const r = kobject_synth_uevent(kernel, kobj, v);
    return r < 0 ? r : v.length;
  } });
  bus.devices_kset = kset_create_and_add(kernel, 'devices', null, subsys);
  bus.drivers_kset = kset_create_and_add(kernel, 'drivers', null, subsys);
  sysfs_create_file(subsys, {
    name: 'drivers_autoprobe',
    show: () => `${bus.drivers_autoprobe ? 1 : 0}\n`,
    store: (_k, v) => {
      const t = v.trim();
      if (t === '') return -EINVAL;
      bus.drivers_autoprobe = t[0] !== '0';
      return v.length;
    },
  });
  dm.buses.set(name, bus);
  bus_subsystems.add(subsys);
  kobject_uevent(kernel, subsys, 'add');
  return bus;
}

export function bus_find(kernel: Kernel, name: string): BusType | null {
  return driver_model(kernel).buses.get(name) ?? null;
}
