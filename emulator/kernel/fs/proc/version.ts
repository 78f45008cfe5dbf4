// /proc/version (fs/proc/version.c, init/version.c's linux_proc_banner): the kernel's name and
// release, who built it with what, and its version string — what `uname -a` summarises:
//
//   Linux version 6.1.0-ringside (builder@ringside) (tsc (TypeScript)) #1 SMP PREEMPT_DYNAMIC Ringside

import type { Kernel } from '../../kernel';

/** LINUX_COMPILE_BY@LINUX_COMPILE_HOST and LINUX_COMPILER: what built this kernel. */
const COMPILE_BY = 'builder@ringside';
const COMPILER = 'tsc (TypeScript)';

export function version_proc_show(k: Kernel): string {
  const u = k.utsname;
  return `${u.sysname} version ${u.release} (${COMPILE_BY}) (${COMPILER}) ${u.version}\n`;
}
