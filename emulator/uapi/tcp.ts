// TCP: the header flags, option kinds, states and socket options (include/uapi/linux/tcp.h,
// include/net/tcp_states.h).

/** Header flag bits (the low byte of the 13th/14th header bytes). */
export const TCPHDR_FIN = 0x01, TCPHDR_SYN = 0x02, TCPHDR_RST = 0x04, TCPHDR_PSH = 0x08;
export const TCPHDR_ACK = 0x10, TCPHDR_URG = 0x20, TCPHDR_ECE = 0x40, TCPHDR_CWR = 0x80;

/** Option kinds. */
export const TCPOPT_EOL = 0, TCPOPT_NOP = 1, TCPOPT_MSS = 2, TCPOPT_WINDOW = 3, TCPOPT_SACK_PERM = 4;
export const TCPOPT_SACK = 5, TCPOPT_TIMESTAMP = 8;

/** Connection states as /proc/net/tcp prints them (hex) and tcp_info reports them. */
export const TCP_ESTABLISHED = 1, TCP_SYN_SENT = 2, TCP_SYN_RECV = 3, TCP_FIN_WAIT1 = 4, TCP_FIN_WAIT2 = 5;
export const TCP_TIME_WAIT = 6, TCP_CLOSE = 7, TCP_CLOSE_WAIT = 8, TCP_LAST_ACK = 9, TCP_LISTEN = 10, TCP_CLOSING = 11;

export const TCP_STATE_NAMES: Record<number, string> = {
  1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECV', 4: 'FIN_WAIT1', 5: 'FIN_WAIT2', 6: 'TIME_WAIT', 7: 'CLOSE',
  8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING',
};

/** Socket options (SOL_TCP). */
export const TCP_NODELAY = 1, TCP_MAXSEG = 2, TCP_CORK = 3, TCP_KEEPIDLE = 4, TCP_KEEPINTVL = 5, TCP_KEEPCNT = 6;
export const TCP_SYNCNT = 7, TCP_LINGER2 = 8, TCP_DEFER_ACCEPT = 9, TCP_WINDOW_CLAMP = 10, TCP_INFO = 11;
export const TCP_QUICKACK = 12, TCP_CONGESTION = 13;

/** The TCP header without options (20 bytes) and where its fields are. */
export const TCPHDR = { source: 0, dest: 2, seq: 4, ack_seq: 8, doff: 12, flags: 13, window: 14, check: 16, urg_ptr: 18 } as const;
export const TCPHDR_SIZE = 20;
