// UDP: the header (include/uapi/linux/udp.h) and its socket options.

/** The 8-byte UDP header: ports, length (header included), checksum. */
export const UDPHDR = { source: 0, dest: 2, len: 4, check: 6 } as const;
export const UDPHDR_SIZE = 8;

/** Socket options (SOL_UDP). */
export const UDP_CORK = 1, UDP_ENCAP = 100, UDP_SEGMENT = 103, UDP_GRO = 104;
