// A connection's life between states (net/ipv4/tcp.c tcp_set_state and tcp_done,
// tcp_minisocks.c tcp_time_wait, tcp_timer.c): what entering CLOSE releases, the 2*MSL wait in
// TIME_WAIT, the FIN_WAIT2 timeout of a connection nobody holds any more, and the SYN
// retransmission timer — the only retransmission lo ever needs, for a SYN a full listener dropped.
//
// Timers run on the kernel's virtual clock.

import { ETIMEDOUT } from '../../../uapi/errno';
import { TCPHDR_SYN, TCP_CLOSE, TCP_SYN_SENT, TCP_TIME_WAIT } from '../../../uapi/tcp';
import { inet_put_port, inet_unhash } from './inet_hashtables';
import type { InetNet, InetSock } from './inet_sock';
import { tcp_transmit_skb } from './tcp_output';

/** TCP_TIMEWAIT_LEN: 60 s (2*MSL, with Linux's MSL of 30 s). */
export const TCP_TIMEWAIT_LEN = 60e9;
/** net.ipv4.tcp_fin_timeout: how long an orphaned FIN_WAIT2 waits for the peer's FIN. */
export const TCP_FIN_TIMEOUT = 60e9;
/** TCP_TIMEOUT_INIT (1 s) and net.ipv4.tcp_syn_retries (6: retries at 1, 3, 7, 15, 31, 63 s; gives up at 127 s). */
export const TCP_TIMEOUT_INIT = 1e9;
export const TCP_SYN_RETRIES = 6;

/** /proc/net/tcp's `tr` values: 1 retransmit timer, 3 TIME_WAIT, 2 keepalive-or-FIN_WAIT2. */
export const TIMER_RETRANS = 1, TIMER_KEEPALIVE = 2, TIMER_TW = 3;

export function tcp_clear_timer(inet: InetNet, sk: InetSock): void {
  if (sk.timer) inet.kernel.clock.cancel(sk.timer);
  sk.timer = null;
  sk.timerKind = 0;
}

function tcp_reset_timer(inet: InetNet, sk: InetSock, kind: number, after: number, fire: () => void): void {
  tcp_clear_timer(inet, sk);
  sk.timerKind = kind;
  sk.timer = inet.kernel.clock.addTimer(inet.kernel.clock.now() + after, () => {
    sk.timer = null;
    sk.timerKind = 0;
    const saved = inet.current;
    inet.current = null;
    try {
      fire();
    } finally {
      inet.current = saved;
    }
  });
}

/** When the current timer fires (virtual ns), for /proc/net/tcp. */
export const tcp_timer_expires = (sk: InetSock): number => sk.timer?.deadline ?? 0;

/**
 * tcp_set_state. Leaving ESTABLISHED or CLOSE_WAIT for anything else other than the closing states
 * is what CurrEstab counts down; that number is computed from the table when printed.
 */
export function tcp_set_state(sk: InetSock, state: number): void {
  sk.state = state;
}

/**
 * tcp_done: the connection is over. It leaves the tables; its port goes back unless the user
 * bound it and still holds the socket; a socket no process holds is freed.
 */
export function tcp_done(inet: InetNet, sk: InetSock): void {
  tcp_clear_timer(inet, sk);
  tcp_set_state(sk, TCP_CLOSE);
  inet_unhash(inet, sk);
  if (!sk.sock || !sk.userBoundPort) inet_put_port(inet, sk);
  if (!sk.sock && !sk.parent) inet.all.delete(sk);
  sk.shutdown = 3;
  sk.wq.wakeAll();
}

/** tcp_time_wait: hold the four-tuple for 2*MSL so stray segments of this connection die out. */
export function tcp_time_wait(inet: InetNet, sk: InetSock): void {
  tcp_set_state(sk, TCP_TIME_WAIT);
  tcp_reset_timer(inet, sk, TIMER_TW, TCP_TIMEWAIT_LEN, () => tcp_done(inet, sk));
  sk.wq.wakeAll();
}

/** An orphaned FIN_WAIT2 (the process closed; the peer has not) waits tcp_fin_timeout, then goes. */
export function tcp_fin_wait2_timer(inet: InetNet, sk: InetSock): void {
  tcp_reset_timer(inet, sk, TIMER_KEEPALIVE, TCP_FIN_TIMEOUT, () => tcp_done(inet, sk));
}

/** Send the SYN and arm its retransmission (tcp_connect, tcp_retransmit_timer). */
export function tcp_send_syn(inet: InetNet, sk: InetSock): void {
  tcp_transmit_skb(inet, sk, TCPHDR_SYN, sk.iss, null);
  tcp_reset_timer(inet, sk, TIMER_RETRANS, TCP_TIMEOUT_INIT * 2 ** sk.retransmits, () => {
    if (sk.state !== TCP_SYN_SENT) return;
    if (sk.retransmits >= TCP_SYN_RETRIES) {
      sk.err = ETIMEDOUT;
      inet.mib.tcp.AttemptFails++;
      tcp_done(inet, sk);
      return;
    }
    sk.retransmits++;
    inet.mib.tcp.RetransSegs++;
    inet.mib.tcp.OutSegs--; // tcp_transmit_skb counts it again; a retransmission is not a new segment
    tcp_send_syn(inet, sk);
  });
}
