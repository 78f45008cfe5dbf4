// /proc/cmdline (fs/proc/cmdline.c): the command line the kernel was booted with
// (saved_command_line), kept by start_kernel.

import type { Kernel } from '../../kernel';

const saved = new WeakMap<Kernel, string>();

/** What setup_arch records from the boot loader. */
export function set_saved_command_line(k: Kernel, line: string): void {
  saved.set(k, line);
}

export function cmdline_proc_show(k: Kernel): string {
  return `${saved.get(k) ?? ''}\n`;
}
