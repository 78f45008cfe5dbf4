// The driver core's own objects (drivers/base/base.h and the roots made by driver_init): the
// top-level directories of /sys and the registries of classes and buses. Linux keeps these in
// globals; we keep one DriverModel per machine.

import type { Kernel } from '../kernel';
import type { BusType } from './bus';
import type { DeviceClass } from './class';
import type { Device } from './core';
import type { Kobject, Kset } from './kobject';

export interface DriverModel {
  /** /sys/devices (devices_kset): every device is a member, whatever directory it sits in. */
  devices_kset: Kset;
  /** /sys/devices/virtual: devices with a class and no parent go in virtual/<class>/ (made at first use). */
  virtual_dir: Kobject | null;
  /** /sys/devices/system (system_kset): the cpu, memory … subsystems' root devices. */
  system_kset: Kset;
  /** /sys/dev, /sys/dev/char, /sys/dev/block: a link per device number. */
  dev_kobj: Kobject;
  sysfs_dev_char_kobj: Kobject;
  sysfs_dev_block_kobj: Kobject;
  /** /sys/class, /sys/bus. */
  class_kset: Kset;
  bus_kset: Kset;
  /** /sys/fs, /sys/firmware. */
  fs_kobj: Kobject;
  firmware_kobj: Kobject;
  /** Made by later initcalls (null until driver_init has finished): /sys/block (a link per disk), /sys/kernel, /sys/power, /sys/module. */
  block_depr: Kobject | null;
  kernel_kobj: Kobject | null;
  power_kobj: Kobject | null;
  module_kset: Kset | null;
  readonly classes: Map<string, DeviceClass>;
  readonly buses: Map<string, BusType>;
  /** The glue directories devices/virtual/<class> and <parent>/<class> (class->p->glue_dirs). */
  readonly glue_dirs: Map<Kobject, Map<string, Kobject>>;
  /** Every added device, in the order added. */
  readonly devices: Device[];
}

const models = new WeakMap<Kernel, DriverModel>();

export function set_driver_model(kernel: Kernel, dm: DriverModel): void {
  models.set(kernel, dm);
}

/** The machine's driver model; driver_init must have run. */
export function driver_model(kernel: Kernel): DriverModel {
  const dm = models.get(kernel);
  if (!dm) throw new Error('driver core: driver_init has not run on this kernel');
  return dm;
}

/** Has driver_init run (for code that may also run on a bare kernel in unit tests)? */
export function has_driver_model(kernel: Kernel): boolean {
  return models.has(kernel);
}
