// getrandom(2) flags (include/uapi/linux/random.h).

export const GRND_NONBLOCK = 0x1, GRND_RANDOM = 0x2, GRND_INSECURE = 0x4;
