// <linux/kd.h>: the console's keyboard and display ioctls (only those this kernel implements).

/** Accept the keyboard's "spawn a console" request as signal `arg` sent to the caller (kbrequest). */
export const KDSIGACCEPT = 0x4b4e;
