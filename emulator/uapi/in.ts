// Internet protocol numbers, addresses and the IP-level socket options (include/uapi/linux/in.h,
// linux/in6.h). Addresses in sockaddr_in/in6 are in network byte order; the constants here are
// host-order numbers.

/** Protocol numbers (the IPv4 protocol field, the IPv6 next header). */
export const IPPROTO_IP = 0, IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_IPV6 = 41;
export const IPPROTO_ICMPV6 = 58, IPPROTO_RAW = 255;

/** Socket option levels: the protocol numbers again (SOL_IP = 0, SOL_TCP = 6, SOL_UDP = 17, SOL_IPV6 = 41). */
export const SOL_IP = 0, SOL_TCP = 6, SOL_UDP = 17, SOL_IPV6 = 41;

/** Well-known IPv4 addresses (host order). */
export const INADDR_ANY = 0, INADDR_LOOPBACK = 0x7f000001, INADDR_BROADCAST = 0xffffffff, INADDR_NONE = 0xffffffff;

/** IP-level options (SOL_IP). */
export const IP_TOS = 1, IP_TTL = 2, IP_HDRINCL = 3, IP_OPTIONS = 4, IP_RECVOPTS = 6, IP_PKTINFO = 8;
export const IP_MTU_DISCOVER = 10, IP_RECVERR = 11, IP_RECVTTL = 12, IP_RECVTOS = 13, IP_MTU = 14, IP_FREEBIND = 15;
export const IP_MULTICAST_TTL = 33, IP_MULTICAST_LOOP = 34;
/** IP_MTU_DISCOVER values. */
export const IP_PMTUDISC_DONT = 0, IP_PMTUDISC_WANT = 1, IP_PMTUDISC_DO = 2;

/** IPv6-level options (SOL_IPV6). */
export const IPV6_UNICAST_HOPS = 16, IPV6_MULTICAST_LOOP = 19, IPV6_MTU_DISCOVER = 23, IPV6_MTU = 24;
export const IPV6_RECVERR = 25, IPV6_V6ONLY = 26, IPV6_RECVPKTINFO = 49, IPV6_TCLASS = 67;

/** The length of the text forms inet_ntop writes, with the NUL. */
export const INET_ADDRSTRLEN = 16, INET6_ADDRSTRLEN = 46;

/**
 * The text form of an IPv6 address given as its eight 16-bit words (RFC 5952): lowercase hex
 * without leading zeros, the longest run of two or more zero words (the first of equal runs)
 * written "::", and a v4-mapped address ending in a dotted quad (::ffff:127.0.0.1). The kernel's
 * %pI6c and glibc's inet_ntop agree on all of this. Simplified: glibc also writes the deprecated
 * IPv4-compatible form (::1.2.3.4) dotted, which the kernel does not; here it is hex, as the kernel does.
 */
export function in6_words_text(w: readonly number[]): string {
  if (w.slice(0, 5).every((x) => x === 0) && w[5] === 0xffff) {
    return `::ffff:${w[6]! >>> 8}.${w[6]! & 0xff}.${w[7]! >>> 8}.${w[7]! & 0xff}`;
  }
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (xs: readonly number[]) => xs.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(w) : `${hex(w.slice(0, best))}::${hex(w.slice(best + bestLen))}`;
}

/** The text form of the 16-byte IPv6 address at `off` in `b` (network order). */
export function in6_ntop(b: Uint8Array, off = 0): string {
  const w: number[] = [];
  for (let i = 0; i < 16; i += 2) w.push((b[off + i]! << 8) | b[off + i + 1]!);
  return in6_words_text(w);
}
