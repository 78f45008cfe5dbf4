// Loop devices (include/uapi/linux/loop.h): the ioctls of /dev/loopN and /dev/loop-control, and
// struct loop_info64 / struct loop_config.

export const LOOP_SET_FD = 0x4c00;
export const LOOP_CLR_FD = 0x4c01;
export const LOOP_SET_STATUS = 0x4c02;
export const LOOP_GET_STATUS = 0x4c03;
export const LOOP_SET_STATUS64 = 0x4c04;
export const LOOP_GET_STATUS64 = 0x4c05;
export const LOOP_CHANGE_FD = 0x4c06;
export const LOOP_SET_CAPACITY = 0x4c07;
export const LOOP_SET_DIRECT_IO = 0x4c08;
export const LOOP_SET_BLOCK_SIZE = 0x4c09;
export const LOOP_CONFIGURE = 0x4c0a;

/** /dev/loop-control. */
export const LOOP_CTL_ADD = 0x4c80;
export const LOOP_CTL_REMOVE = 0x4c81;
export const LOOP_CTL_GET_FREE = 0x4c82;

/** lo_flags. */
export const LO_FLAGS_READ_ONLY = 1;
export const LO_FLAGS_AUTOCLEAR = 4;
export const LO_FLAGS_PARTSCAN = 8;
export const LO_FLAGS_DIRECT_IO = 16;
/** The flags LOOP_SET_STATUS may change, and the ones LOOP_CONFIGURE may set. */
export const LOOP_SET_STATUS_SETTABLE_FLAGS = LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN;
export const LOOP_SET_STATUS_CLEARABLE_FLAGS = LO_FLAGS_AUTOCLEAR;
export const LOOP_CONFIGURE_SETTABLE_FLAGS = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR | LO_FLAGS_PARTSCAN | LO_FLAGS_DIRECT_IO;

export const LO_NAME_SIZE = 64;
export const LO_KEY_SIZE = 32;

/**
 * struct loop_info64 (232 bytes):
 *   u64 lo_device, lo_inode, lo_rdevice, lo_offset, lo_sizelimit;
 *   u32 lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
 *   u8 lo_file_name[64], lo_crypt_name[64], lo_encrypt_key[32]; u64 lo_init[2];
 */
export const LOOP_INFO64 = {
  size: 232,
  lo_device: 0, lo_inode: 8, lo_rdevice: 16, lo_offset: 24, lo_sizelimit: 32,
  lo_number: 40, lo_encrypt_type: 44, lo_encrypt_key_size: 48, lo_flags: 52,
  lo_file_name: 56, lo_crypt_name: 120, lo_encrypt_key: 184, lo_init: 216,
} as const;

/** struct loop_config (304 bytes): u32 fd, u32 block_size, struct loop_info64 info, u64 __reserved[8]. */
export const LOOP_CONFIG = { size: 304, fd: 0, block_size: 4, info: 8, reserved: 240 } as const;

/** The major of loop devices, and of /dev/loop-control's misc minor. */
export const LOOP_MAJOR = 7;
export const LOOP_CTRL_MINOR = 237;
