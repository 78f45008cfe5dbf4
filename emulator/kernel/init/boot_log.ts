// The story of boot in the kernel log: the lines start_kernel and its callees print on Linux,
// made from this machine's real state (init/version.c's banner, arch/x86/kernel/setup.c's
// command line, mm/mm_init.c's memory line, kernel/smp.c's CPUs, init/initramfs.c, init/main.c).
//
// Simplified: Linux prints a few hundred lines about firmware, ACPI, PCI and drivers we do not
// have; only the lines that describe something this machine really does are here. Linux's
// "Freeing unused kernel image memory" is left out: no kernel image is loaded, so nothing is freed.

import { PAGE_SIZE } from '../../uapi/mman';
import type { Kernel } from '../kernel';
import { version_proc_show } from '../fs/proc/version';
import { LOGLEVEL_INFO, LOGLEVEL_NOTICE, printk } from '../printk/printk';

/** The command line the bootloader would have passed to run init with `initArgv`. */
export function saved_command_line(initArgv: readonly string[]): string {
  let line = 'BOOT_IMAGE=/boot/vmlinuz root=/dev/ram0 rootfstype=rootfs console=tty1 quiet';
  if (initArgv[0] && initArgv[0] !== '/sbin/init') line += ` init=${initArgv[0]}`;
  const rest = initArgv.slice(1).map((a) => (/[\s"]/.test(a) ? `"${a.replace(/"/g, '')}"` : a));
  // Anything after "--" goes to init untouched.
  if (rest.length) line += ` -- ${rest.join(' ')}`;
  return line;
}

/** start_kernel's first lines: the banner and the command line. */
export function boot_log_banner(kernel: Kernel, initArgv: readonly string[]): void {
  printk(kernel, LOGLEVEL_NOTICE, version_proc_show(kernel).trimEnd());
  printk(kernel, LOGLEVEL_INFO, `Command line: ${saved_command_line(initArgv)}`);
}

/** mem_init's "Memory:" line (free/total of the machine's RAM) and smp_init's CPU count. */
export function boot_log_mm_smp(kernel: Kernel): void {
  const totalK = (kernel.phys.limitPages * PAGE_SIZE) / 1024;
  const usedK = (kernel.phys.used * PAGE_SIZE) / 1024;
  printk(kernel, LOGLEVEL_INFO, `Memory: ${totalK - usedK}K/${totalK}K available (${usedK}K reserved)`);
  const n = kernel.sched.nrCpus;
  printk(kernel, LOGLEVEL_INFO, `smpboot: Allowing ${n} CPUs, 0 hotplug CPUs`);
  printk(kernel, LOGLEVEL_INFO, 'smp: Bringing up secondary CPUs ...');
  printk(kernel, LOGLEVEL_INFO, `smp: Brought up 1 node, ${n} CPU${n === 1 ? '' : 's'}`);
}

/** populate_rootfs: the initramfs is unpacked, then its memory given back. */
export function boot_log_initramfs(kernel: Kernel, imageBytes: number, before: boolean): void {
  if (before) printk(kernel, LOGLEVEL_INFO, 'Trying to unpack rootfs image as initramfs...');
  else printk(kernel, LOGLEVEL_INFO, `Freeing initrd memory: ${Math.ceil(imageBytes / 1024)}K`);
}

/** kernel_init: which program becomes pid 1. */
export function boot_log_run_init(kernel: Kernel, path: string): void {
  printk(kernel, LOGLEVEL_INFO, `Run ${path} as init process`);
}
