// udp_diag (net/ipv4/udp_diag.c): UDP's part of INET_DIAG.

import { inet_diag_register } from './inet_diag';

/**
 * udp_diag_get_info: the memory of datagrams queued to read (sk_rmem_alloc) and those waiting to go
 * out — none here, as a loopback send is delivered at once. Simplified: Linux counts each queued
 * sk_buff's truesize (832 for an 8-byte datagram on 6.x); we count the datagrams' bytes.
 */
export function udp_diag_init(): void {
  inet_diag_register({ protocol: 17, get_info: (sk) => ({ rqueue: sk.rmem, wqueue: 0 }) });
}
