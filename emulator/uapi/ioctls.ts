// Generic ioctl request numbers (include/uapi/asm-generic/ioctls.h, linux/fs.h) that the VFS
// answers for every file before the driver sees the call. Terminal ioctls (TCGETS …) belong here too.

export const FIONREAD = 0x541b;
export const FIONBIO = 0x5421;
export const FIONCLEX = 0x5450;
export const FIOCLEX = 0x5451;
export const FIOASYNC = 0x5452;
export const FIOQSIZE = 0x5460;
