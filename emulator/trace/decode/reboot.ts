// reboot(2): two magic numbers, a command, and — for LINUX_REBOOT_CMD_RESTART2 only — a string.

import * as R from '../../uapi/reboot';
import type { SyscallCall } from './types';
import { atEntry, pure, type ArgSpec } from './context';
import { formatEnum } from './flags';
import { stringArg } from './strings';

const MAGICS = new Map([
  [R.LINUX_REBOOT_MAGIC1, 'LINUX_REBOOT_MAGIC1'], [R.LINUX_REBOOT_MAGIC2, 'LINUX_REBOOT_MAGIC2'],
  [R.LINUX_REBOOT_MAGIC2A, 'LINUX_REBOOT_MAGIC2A'], [R.LINUX_REBOOT_MAGIC2B, 'LINUX_REBOOT_MAGIC2B'],
  [R.LINUX_REBOOT_MAGIC2C, 'LINUX_REBOOT_MAGIC2C'],
]);
const COMMANDS = new Map([
  [R.LINUX_REBOOT_CMD_RESTART, 'LINUX_REBOOT_CMD_RESTART'], [R.LINUX_REBOOT_CMD_HALT, 'LINUX_REBOOT_CMD_HALT'],
  [R.LINUX_REBOOT_CMD_CAD_ON, 'LINUX_REBOOT_CMD_CAD_ON'], [R.LINUX_REBOOT_CMD_CAD_OFF, 'LINUX_REBOOT_CMD_CAD_OFF'],
  [R.LINUX_REBOOT_CMD_POWER_OFF, 'LINUX_REBOOT_CMD_POWER_OFF'], [R.LINUX_REBOOT_CMD_RESTART2, 'LINUX_REBOOT_CMD_RESTART2'],
  [R.LINUX_REBOOT_CMD_SW_SUSPEND, 'LINUX_REBOOT_CMD_SW_SUSPEND'], [R.LINUX_REBOOT_CMD_KEXEC, 'LINUX_REBOOT_CMD_KEXEC'],
]);

export const rebootMagicArg = pure((a) => formatEnum(a.value >>> 0, MAGICS, 'LINUX_REBOOT_MAGIC_'));
export const rebootCmdArg = pure((a) => formatEnum(a.value >>> 0, COMMANDS, 'LINUX_REBOOT_CMD_'));

/** The fourth argument is printed only for RESTART2: the command string for the firmware. */
export function rebootLayout<T extends ArgSpec & { value: number }>(call: SyscallCall, args: T[]): T[] {
  if ((call.args[2] ?? 0) >>> 0 !== R.LINUX_REBOOT_CMD_RESTART2) return args.slice(0, 3);
  return [...args.slice(0, 3), { ...args[3]!, ...atEntry(stringArg) }];
}
