// poll(2) event bits (include/uapi/asm-generic/poll.h); epoll's EPOLL* values are the same.

export const POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
export const POLLRDNORM = 0x40, POLLRDBAND = 0x80, POLLWRNORM = 0x100, POLLWRBAND = 0x200;
export const POLLMSG = 0x400, POLLREMOVE = 0x1000, POLLRDHUP = 0x2000;

/** struct pollfd: int fd, short events, short revents. */
export const POLLFD_SIZE = 8;
export const POLLFD = { fd: 0, events: 4, revents: 6 } as const;
