// tcp_diag (net/ipv4/tcp_diag.c): TCP's part of INET_DIAG — what ss shows as Recv-Q and Send-Q.

import { TCP_LISTEN } from '../../../uapi/tcp';
import { inet_diag_register } from './inet_diag';

/**
 * tcp_diag_get_info: for a listener, connections waiting for accept and the backlog; otherwise
 * rcv_nxt - copied_seq (bytes received and not yet read, plus one for a FIN received — it takes a
 * sequence number) and bytes sent and not yet acknowledged.
 */
export function tcp_diag_init(): void {
  inet_diag_register({
    protocol: 6,
    get_info: (sk) => (sk.state === TCP_LISTEN ? { rqueue: sk.acceptq.length, wqueue: sk.backlog } : { rqueue: sk.rcvq.length + (sk.done ? 1 : 0), wqueue: sk.writeq.length }),
  });
}
