// The Internet checksum (RFC 1071; include/net/checksum.h, lib/checksum.c): the ones' complement
// of the ones' complement sum of 16-bit big-endian words. TCP and UDP add a pseudo-header — the
// addresses, the protocol and the length — so a segment delivered to the wrong host fails.

/** csum_partial: add `len` bytes of `b` from `off` to a running 32-bit sum (not yet folded). */
export function csum_partial(b: Uint8Array, off: number, len: number, sum: number): number {
  const end = off + len;
  let i = off;
  // Fold every 2^15 words so the sum stays an exact small integer.
  while (i + 1 < end) {
    const stop = Math.min(end - 1, i + 0x10000);
    for (; i < stop; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (i < end) sum += b[i]! << 8;
  return sum;
}

/** csum_fold: the final 16-bit checksum (the complement of the folded sum). */
export function csum_fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** ip_fast_csum: the IPv4 header checksum over `len` bytes at `off`. */
export const ip_fast_csum = (b: Uint8Array, off: number, len: number): number => csum_fold(csum_partial(b, off, len, 0));

/**
 * The pseudo-header sum of TCP/UDP (csum_tcpudp_nofold for IPv4, csum_ipv6_magic for IPv6):
 * addresses are 16-byte (v4-mapped for IPv4), `v6` says which form the header takes.
 */
export function csum_pseudo(saddr: Uint8Array, daddr: Uint8Array, protocol: number, len: number, v6: boolean): number {
  let sum = 0;
  const from = v6 ? 0 : 12;
  for (let i = from; i < 16; i += 2) sum += ((saddr[i]! << 8) | saddr[i + 1]!) + ((daddr[i]! << 8) | daddr[i + 1]!);
  return sum + protocol + (len & 0xffff) + (v6 ? len >>> 16 : 0);
}
