// The platform bus (drivers/base/platform.c): devices that sit on no discoverable bus — the
// legacy PC parts, SoC blocks. Its root device is /sys/devices/platform; platform devices go
// under it and are listed in /sys/bus/platform/devices.

import type { Kernel } from '../kernel';
import { bus_register } from './bus';
import { Device, device_add, device_create, type DeviceSpec } from './core';

const roots = new WeakMap<Kernel, Device>();

/** platform_bus_init: /sys/devices/platform and /sys/bus/platform. */
export function platform_bus_init(kernel: Kernel): void {
  const root = new Device(kernel, 'platform');
  device_add(kernel, root);
  roots.set(kernel, root);
  bus_register(kernel, 'platform');
}

/** platform_device_register: a device on the platform bus, under /sys/devices/platform. */
export function platform_device_register(kernel: Kernel, spec: Omit<DeviceSpec, 'busName'>): Device {
  return device_create(kernel, { ...spec, busName: 'platform', parent: spec.parent ?? roots.get(kernel) ?? null });
}
