// CPU devices (drivers/base/cpu.c): the "cpu" subsystem's root device /sys/devices/system/cpu,
// with a cpuN device per processor (on the cpu bus: /sys/bus/cpu/devices/cpuN) and the masks of
// possible, present, online and offline CPUs in the kernel's cpulist format ("0-1").
//
// Each CPU's topology/ says what /proc/cpuinfo says: one package (physical id 0) whose cores
// are the CPUs, one thread each.
//
// Simplified: our CPUs cannot be taken offline, so cpuN has no `online` file (as cpu0 on most
// x86 machines), and there is no cache/, cpuidle/ or cpufreq/.

import type { Kernel } from '../kernel';
import { driver_model } from './base';
import { bus_register } from './bus';
import { sysfs_create_group, type SysfsAttribute } from '../fs/sysfs/sysfs';
import { Device, device_add, device_create, type DeviceAttribute } from './core';

/** cpumap_print_list_to_buf: "0", "0-3", "0,2-3". */
export function cpulist(cpus: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < cpus.length; ) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j]! + 1) j++;
    out.push(i === j ? `${cpus[i]}` : `${cpus[i]}-${cpus[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

/**
 * bitmap_print_to_pagebuf ("%*pb"): the mask in hex, 32 bits per comma-separated group, the
 * first group only as wide as the bits that remain ("3" for CPUs 0-1 of 2).
 */
export function cpumask_hex(cpus: number[], nbits: number): string {
  const groups: string[] = [];
  for (let base = 0; base < nbits; base += 32) {
    let word = 0;
    for (const c of cpus) if (c >= base && c < base + 32) word |= 1 << (c - base);
    const bits = Math.min(32, nbits - base);
    groups.unshift((word >>> 0).toString(16).padStart(Math.ceil(bits / 4), '0'));
  }
  return groups.join(',');
}

/** topology_sysfs_init's group for one CPU. */
function topology_attrs(cpu: number, all: number[]): SysfsAttribute[] {
  const n = all.length;
  const mask = (name: string, cpus: number[]): SysfsAttribute[] => [
    { name, show: () => `${cpumask_hex(cpus, n)}\n` },
    { name: `${name}_list`, show: () => `${cpulist(cpus)}\n` },
  ];
  return [
    ...mask('cluster_cpus', [cpu]),
    // No cluster level on x86: the id is BAD_APICID as an unsigned short.
    { name: 'cluster_id', show: () => '65535\n' },
    ...mask('core_cpus', [cpu]),
    { name: 'core_id', show: () => `${cpu}\n` },
    ...mask('core_siblings', all),
    ...mask('die_cpus', all),
    { name: 'die_id', show: () => '0\n' },
    ...mask('package_cpus', all),
    { name: 'physical_package_id', show: () => '0\n' },
    ...mask('thread_siblings', [cpu]),
  ];
}

/** NR_CPUS of the kernel build: kernel_max shows NR_CPUS - 1. */
const NR_CPUS = 64;

/** cpu_dev_init: the cpu subsystem and a device per CPU of the machine. */
export function cpu_dev_init(kernel: Kernel): void {
  const dm = driver_model(kernel);
  bus_register(kernel, 'cpu');
  const n = kernel.sched.nrCpus;
  const all = Array.from({ length: n }, (_, i) => i);
  // subsys_system_register: the root device lives in /sys/devices/system, outside the bus.
  const root = new Device(kernel, 'cpu');
  const rootAttrs: DeviceAttribute[] = [
    // No CPU is kept from the scheduler (isolcpus=), so the list is empty.
    { name: 'isolated', show: () => '\n' },
    { name: 'kernel_max', show: () => `${NR_CPUS - 1}\n` },
    { name: 'offline', show: () => '\n' },
    { name: 'online', show: () => `${cpulist(all)}\n` },
    { name: 'possible', show: () => `${cpulist(all)}\n` },
    { name: 'present', show: () => `${cpulist(all)}\n` },
  ];
  root.attrs = rootAttrs;
  // subsys_register presets the root's kobject parent; device_add keeps it (get_device_parent).
  root.parent = dm.system_kset;
  device_add(kernel, root);
  for (const i of all) {
    const dev = device_create(kernel, { name: `cpu${i}`, busName: 'cpu', parent: root });
    sysfs_create_group(dev, 'topology', topology_attrs(i, all));
  }
}
