// Block device ioctls (include/uapi/linux/fs.h). _IO(0x12, n) numbers take their argument by
// pointer all the same; the _IOR ones say so in their encoding (size_t = 8 bytes).

/** Set (int *arg != 0) or clear the device's read-only flag (needs CAP_SYS_ADMIN). */
export const BLKROSET = 0x125d;
/** Read the read-only flag into an int. */
export const BLKROGET = 0x125e;
/** Re-read the partition table. */
export const BLKRRPART = 0x125f;
/** The size in 512-byte sectors, as an unsigned long. */
export const BLKGETSIZE = 0x1260;
/** Flush the device's buffers. */
export const BLKFLSBUF = 0x1261;
/** The logical sector size, as an int. */
export const BLKSSZGET = 0x1268;
/** The soft block size the kernel uses for buffered I/O, as an int (_IOR(0x12,112,size_t)). */
export const BLKBSZGET = 0x80081270;
/** The size in bytes, as a u64 (_IOR(0x12,114,size_t)). */
export const BLKGETSIZE64 = 0x80081272;
/** The minimum and optimal I/O sizes, as unsigned ints. */
export const BLKIOMIN = 0x1278;
export const BLKIOOPT = 0x1279;
/** The physical sector size, as an unsigned int. */
export const BLKPBSZGET = 0x127b;

/** The sector every block I/O size is counted in (SECTOR_SHIFT). */
export const SECTOR_SHIFT = 9;
export const SECTOR_SIZE = 512;
