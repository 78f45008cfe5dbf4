// reboot(2)'s magic numbers and commands (include/uapi/linux/reboot.h).

export const LINUX_REBOOT_MAGIC1 = 0xfee1dead;
/** Any of the four second magics is accepted (they are dates: Linus's and his daughters' birthdays). */
export const LINUX_REBOOT_MAGIC2 = 672274793, LINUX_REBOOT_MAGIC2A = 85072278;
export const LINUX_REBOOT_MAGIC2B = 369367448, LINUX_REBOOT_MAGIC2C = 537993216;

export const LINUX_REBOOT_CMD_RESTART = 0x01234567, LINUX_REBOOT_CMD_HALT = 0xcdef0123;
export const LINUX_REBOOT_CMD_CAD_ON = 0x89abcdef, LINUX_REBOOT_CMD_CAD_OFF = 0x00000000;
export const LINUX_REBOOT_CMD_POWER_OFF = 0x4321fedc, LINUX_REBOOT_CMD_RESTART2 = 0xa1b2c3d4;
export const LINUX_REBOOT_CMD_SW_SUSPEND = 0xd000fce2, LINUX_REBOOT_CMD_KEXEC = 0x45584543;
