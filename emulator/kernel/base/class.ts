// Device classes (drivers/base/class.c): what a device *is* from user space's point of view —
// a tty, a block device, a memory device — whatever bus it hangs off. /sys/class/<class>/ holds
// a symlink to each member's directory, and the class may say how the member's /dev node is
// named and what mode it gets (devnode: DEVNAME and DEVMODE in the uevent).

import type { Kernel } from '../kernel';
import { driver_model } from './base';
import type { Device } from './core';
import { kset_create_and_add, type Kset } from './kobject';

export interface DeviceClass {
  name: string;
  /** /sys/class/<name> (class->p->subsys). */
  subsys: Kset;
  /** class->devnode: a node name other than the device's, and a mode (then DEVMODE is sent). */
  devnode?(dev: Device): { name?: string; mode?: number };
}

/** class_register: make /sys/class/<name>; registering a name twice gives the existing class. */
export function class_register(kernel: Kernel, name: string, devnode?: DeviceClass['devnode']): DeviceClass {
  const dm = driver_model(kernel);
  const existing = dm.classes.get(name);
  if (existing) return existing;
  const subsys = kset_create_and_add(kernel, name, null, null, dm.class_kset);
  const cls: DeviceClass = { name, subsys, ...(devnode ? { devnode } : {}) };
  dm.classes.set(name, cls);
  return cls;
}

/** class_find: a registered class, or null. */
export function class_find(kernel: Kernel, name: string): DeviceClass | null {
  return driver_model(kernel).classes.get(name) ?? null;
}

/** The members of a class, in the order added (class_dev_iter). */
export function class_devices(kernel: Kernel, cls: DeviceClass): Device[] {
  return driver_model(kernel).devices.filter((d) => d.class === cls);
}
