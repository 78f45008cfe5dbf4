// start_kernel and the first process (init/main.c): register the syscalls, bring up the VFS with
// the root filesystem unpacked from the initramfs, the character devices and the console, then
// create pid 1 and exec /sbin/init in it.

import { ENOENT } from '../../uapi/errno';
import { SigHand } from '../signal_types';
import { Cred } from '../security/cred';
import { MM } from '../mm/mm';
import { Task, ThreadGroup } from '../sched/task';
import { defaultRlimits } from '../resource';
import { kernel_execve } from '../exec';
import type { Kernel } from '../kernel';
import { registerAllSyscalls } from '../syscalls/all';
import { vfs_init, init_fs_context } from '../fs/vfs_init';
import { populate_rootfs } from '../fs/initramfs';
import { proc_init } from '../fs/proc/root';
import { driver_init } from '../base/init';
import { FilesStruct } from '../fs/fdtable';
import { chr_dev_init } from '../drivers/char/mem';
import { console_init, type Console } from '../drivers/tty/console';
import { unix98_pty_init } from '../drivers/tty/pty';
import { genhd_device_init } from '../block/genhd';
import { loop_init } from '../drivers/block/loop';
import { loop_sysfs_register } from '../drivers/block/loop_sysfs';
import { blk_register_sysfs } from '../block/sysfs';
import { cgroup_init } from '../cgroup/cgroup';
import { sd_ram_init } from '../drivers/block/sd_ram';
import { kmsg_init } from '../printk/devkmsg';
import { register_vt_console } from '../printk/console';
import { boot_log_banner, boot_log_initramfs, boot_log_mm_smp, boot_log_run_init, saved_command_line } from './boot_log';
import { set_saved_command_line } from '../fs/proc/cmdline';
import { debugfs_init } from '../fs/debugfs/inode';
import { tracefs_init } from '../fs/tracefs/inode';
import { tracer_init_tracefs } from '../trace/ftrace_files';
import { configfs_init } from '../fs/configfs/dir';
import { init_netconsole } from '../drivers/net/netconsole';
import { net_dev_init } from '../net/core/net_init';
import { futex_init } from '../futex';
import { ipc_init } from '../ipc/ipc';
import { init_mqueue_fs } from '../ipc/mqueue';

export interface BootResult {
  console: Console;
  init: Task;
}

/** Boot: everything up to a running pid 1. Returns -errno if /sbin/init cannot be started. */
export function start_kernel(kernel: Kernel, initramfs: Uint8Array, initArgv: string[], initEnv: string[]): BootResult | number {
  boot_log_banner(kernel, initArgv);
  set_saved_command_line(kernel, saved_command_line(initArgv));
  registerAllSyscalls(kernel.syscalls);
  futex_init(kernel);
  ipc_init(kernel);
  vfs_init(kernel);
  proc_init(kernel);
  init_mqueue_fs(kernel);
  cgroup_init(kernel);
  boot_log_mm_smp(kernel);
  driver_init(kernel);
  debugfs_init(kernel);
  tracefs_init(kernel);
  tracer_init_tracefs(kernel);
  boot_log_initramfs(kernel, initramfs.length, true);
  const r = populate_rootfs(kernel, initramfs);
  if (r < 0) return r;
  boot_log_initramfs(kernel, initramfs.length, false);
  chr_dev_init(kernel);
  kmsg_init(kernel);
  genhd_device_init(kernel);
  blk_register_sysfs(kernel);
  loop_init(kernel);
  loop_sysfs_register(kernel);
  sd_ram_init(kernel);
  const console = console_init(kernel);
  register_vt_console(kernel, console);
  unix98_pty_init(kernel);
  configfs_init(kernel);
  net_dev_init(kernel);
  init_netconsole(kernel);

  const pid = kernel.allocPid();
  const group = new ThreadGroup(pid, 0, 0, defaultRlimits());
  const init = new Task(kernel, pid, group);
  group.threads.push(init);
  init.comm = 'swapper';
  init.cred = new Cred();
  init.sighand = new SigHand();
  init.files = new FilesStruct();
  init.fs = init_fs_context(kernel);
  init.mm = new MM(kernel.phys);
  init.mm.observer = kernel.faultObserver;
  init.exitSignal = 0;
  init.startTime = kernel.clock.now();
  kernel.tasks.set(pid, init);
  boot_log_run_init(kernel, initArgv[0] ?? '/sbin/init');
  const err = kernel_execve(init, initArgv[0] ?? '/sbin/init', initArgv, initEnv);
  if (err < 0) {
    kernel.printk(0, `Kernel panic - not syncing: No working init found (error ${-err === ENOENT ? 'ENOENT' : -err}).`);
    return err;
  }
  kernel.sched.enqueue(init);
  return { console, init };
}
