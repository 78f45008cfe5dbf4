// Receiving TCP segments (net/ipv4/tcp_ipv4.c tcp_v4_rcv, tcp_input.c tcp_rcv_state_process,
// tcp_minisocks.c tcp_check_req): find the connection or listener a segment belongs to and run
// the state machine —
//
//   LISTEN    + SYN      → a child in SYN_RECV answers SYN+ACK (or the SYN is dropped when the
//                          accept queue is full: the client's SYN timer tries again later)
//   SYN_SENT  + SYN,ACK  → ESTABLISHED, ACK          SYN_SENT + RST → CLOSE, ECONNREFUSED
//   SYN_RECV  + ACK      → ESTABLISHED, onto the listener's accept queue
//   ESTABLISHED + FIN    → CLOSE_WAIT                FIN_WAIT1 + ACK of our FIN → FIN_WAIT2
//   FIN_WAIT1 + FIN      → CLOSING                   FIN_WAIT2 + FIN → TIME_WAIT
//   CLOSING   + ACK      → TIME_WAIT                 LAST_ACK + ACK → CLOSE
//   any synchronized state + RST → CLOSE, ECONNRESET (EPIPE in CLOSE_WAIT)
//
// and a segment for no socket at all is answered with a RST.
//
// Simplified: segments arrive in order and are never lost on lo, so there is no out-of-order
// queue and no SACK processing; checksums are not verified (lo marks its packets
// CHECKSUM_UNNECESSARY, as Linux's does); no simultaneous open; no urgent data.

import { ECONNREFUSED, ECONNRESET, EPIPE } from '../../../uapi/errno';
import {
  TCPHDR_ACK, TCPHDR_FIN, TCPHDR_RST, TCPHDR_SYN, TCP_CLOSE, TCP_CLOSE_WAIT, TCP_CLOSING, TCP_ESTABLISHED, TCP_FIN_WAIT1,
  TCP_FIN_WAIT2, TCP_LAST_ACK, TCP_LISTEN, TCP_SYN_RECV, TCP_SYN_SENT, TCP_TIME_WAIT,
} from '../../../uapi/tcp';
import { inet_ehash_insert, inet_lookup } from './inet_hashtables';
import { after, InetSock, RCV_SHUTDOWN, seq_add, type InetNet } from './inet_sock';
import type { InetSkb } from './protocol';
import {
  tcp_advmss, tcp_parse, tcp_send_ack, tcp_send_reset, tcp_transmit_skb, tcp_write_xmit, TCP_RCV_WSCALE, type TcpHdr,
} from './tcp_output';
import { tcp_clear_timer, tcp_done, tcp_fin_wait2_timer, tcp_set_state, tcp_time_wait } from './tcp_state';

export function tcp_v4_rcv(inet: InetNet, skb: InetSkb): void {
  const th = tcp_parse(skb.data);
  if (!th) return void inet.mib.tcp.InErrs++;
  inet.mib.tcp.InSegs++;
  const sk = inet_lookup(inet, skb.saddr, th.sport, skb.daddr, th.dport);
  if (!sk) return tcp_send_reset(inet, skb, th);
  if (sk.state === TCP_LISTEN) return tcp_listen_rcv(inet, sk, skb, th);
  tcp_rcv_state_process(inet, sk, skb, th);
}

/** The peer's MSS and window scale from its SYN. */
function tcp_syn_options(sk: InetSock, th: TcpHdr, v6: boolean): void {
  const ours = tcp_advmss(v6);
  sk.mss_cache = Math.min(th.mss || 536, ours, sk.user_mss || ours);
  if (th.wscale >= 0) {
    sk.snd_wscale = th.wscale;
    sk.rcv_wscale = TCP_RCV_WSCALE;
  } else sk.snd_wscale = sk.rcv_wscale = 0;
}

/** A segment for a listener: a SYN makes a request (tcp_conn_request); anything else but RST is refused. */
function tcp_listen_rcv(inet: InetNet, lsk: InetSock, skb: InetSkb, th: TcpHdr): void {
  if (th.flags & TCPHDR_RST) return;
  if (th.flags & TCPHDR_ACK) return tcp_send_reset(inet, skb, th);
  if (!(th.flags & TCPHDR_SYN)) return;
  // sk_acceptq_is_full (more than backlog waiting), counting the handshakes in flight as Linux's
  // request queue does: drop the SYN; the client's retransmission comes back later.
  if (lsk.acceptq.length + lsk.synq > lsk.backlog) {
    inet.mib.tcpext.ListenOverflows++;
    inet.mib.tcpext.ListenDrops++;
    return;
  }
  const child = new InetSock(inet, lsk.family, lsk.protocol, null, lsk.uid);
  child.parent = lsk;
  child.saddr = skb.daddr;
  child.daddr = skb.saddr;
  child.dport = th.sport;
  child.v6only = lsk.v6only;
  child.reuse = lsk.reuse;
  child.ttl = lsk.ttl;
  child.tos = lsk.tos;
  child.nodelay = lsk.nodelay;
  child.user_mss = lsk.user_mss;
  forceBind(inet, child, lsk.sport);
  child.userBoundPort = true;
  tcp_syn_options(child, th, skb.v6);
  child.irs = th.seq;
  child.rcv_nxt = seq_add(th.seq, 1);
  child.iss = inet.kernel.random.nextU32();
  child.snd_una = child.iss;
  child.snd_nxt = seq_add(child.iss, 1);
  child.snd_wnd = th.window; // a SYN's window is not scaled
  tcp_set_state(child, TCP_SYN_RECV);
  if (!inet_ehash_insert(inet, child)) return;
  inet.all.add(child);
  lsk.synq++;
  tcp_transmit_skb(inet, child, TCPHDR_SYN | TCPHDR_ACK, child.iss, null);
}

/** inet_inherit_port: a child takes its listener's port, which bind's rules would refuse a second socket. */
function forceBind(inet: InetNet, child: InetSock, port: number): void {
  let set = inet.tcp.bhash.get(port);
  if (!set) inet.tcp.bhash.set(port, (set = new Set()));
  set.add(child);
  child.sport = port;
  child.bound = true;
}

/** tcp_reset: the peer reset the connection. */
function tcp_reset(inet: InetNet, sk: InetSock): void {
  switch (sk.state) {
    case TCP_SYN_SENT: sk.err = ECONNREFUSED; break;
    case TCP_CLOSE_WAIT: sk.err = EPIPE; break;
    case TCP_CLOSE: return;
    default: sk.err = ECONNRESET;
  }
  if (sk.state === TCP_ESTABLISHED || sk.state === TCP_CLOSE_WAIT) inet.mib.tcp.EstabResets++;
  sk.rcvq.clear();
  tcp_done(inet, sk);
}

/** The handshake is complete on the passive side: onto the listener's accept queue (inet_csk_complete_hashdance). */
function tcp_child_established(inet: InetNet, sk: InetSock): void {
  const lsk = sk.parent;
  tcp_set_state(sk, TCP_ESTABLISHED);
  inet.mib.tcp.PassiveOpens++;
  if (!lsk) return;
  lsk.synq = Math.max(0, lsk.synq - 1);
  if (lsk.state !== TCP_LISTEN) {
    // The listener closed during the handshake.
    sk.parent = null;
    tcp_send_reset_sk(inet, sk);
    return;
  }
  lsk.acceptq.push(sk);
  lsk.wq.wakeAll();
}

function tcp_send_reset_sk(inet: InetNet, sk: InetSock): void {
  tcp_transmit_skb(inet, sk, TCPHDR_RST | TCPHDR_ACK, sk.snd_nxt, null);
  tcp_done(inet, sk);
}

/** tcp_ack: the peer acknowledged up to th.ack and offers a window; free what was acknowledged. */
function tcp_ack(inet: InetNet, sk: InetSock, th: TcpHdr): boolean {
  if (after(th.ack, sk.snd_nxt)) return false; // acknowledges what we never sent
  const acked = (th.ack - sk.snd_una) | 0;
  if (acked > 0) {
    const data = Math.min(acked, sk.writeq.length);
    sk.writeq.drop(data);
    sk.snd_una = th.ack;
  }
  sk.snd_wnd = th.window << sk.snd_wscale;
  tcp_write_xmit(inet, sk);
  sk.wq.wakeAll();
  return true;
}

/** Our FIN has been acknowledged. */
const fin_acked = (sk: InetSock) => sk.fin_sent && sk.snd_una === sk.snd_nxt;

export function tcp_rcv_state_process(inet: InetNet, sk: InetSock, skb: InetSkb, th: TcpHdr): void {
  const f = th.flags;
  if (sk.state === TCP_SYN_SENT) return tcp_rcv_synsent_state_process(inet, sk, skb, th);
  if (sk.state === TCP_TIME_WAIT) {
    // tcp_timewait_state_process: a retransmitted FIN is acknowledged again; the rest is ignored.
    if (f & TCPHDR_FIN && !(f & TCPHDR_RST)) tcp_send_ack(inet, sk);
    return;
  }
  if (f & TCPHDR_RST) {
    // Only a reset at the edge of the window counts (RFC 5961); lo sends no stray ones.
    if (th.seq === sk.rcv_nxt) {
      if (sk.state === TCP_SYN_RECV) {
        inet.mib.tcp.AttemptFails++;
        if (sk.parent) sk.parent.synq = Math.max(0, sk.parent.synq - 1);
        sk.parent = null;
        tcp_done(inet, sk);
      } else tcp_reset(inet, sk);
    }
    return;
  }
  if (f & TCPHDR_SYN) {
    // A retransmitted SYN for a connection in its handshake: answer again; otherwise a challenge ACK.
    if (sk.state === TCP_SYN_RECV) tcp_transmit_skb(inet, sk, TCPHDR_SYN | TCPHDR_ACK, sk.iss, null);
    else tcp_send_ack(inet, sk);
    return;
  }
  if (!(f & TCPHDR_ACK)) return;
  if (sk.state === TCP_SYN_RECV) {
    if (th.ack !== sk.snd_nxt) return tcp_send_reset(inet, skb, th);
    sk.snd_una = th.ack;
    sk.snd_wnd = th.window << sk.snd_wscale;
    tcp_child_established(inet, sk);
    if ((sk.state as number) !== TCP_ESTABLISHED) return; // the listener went away meanwhile
  } else if (!tcp_ack(inet, sk, th)) {
    tcp_send_ack(inet, sk);
    return;
  }
  // Our FIN acknowledged.
  if (fin_acked(sk)) {
    if (sk.state === TCP_FIN_WAIT1) {
      tcp_set_state(sk, TCP_FIN_WAIT2);
      if (!sk.sock) tcp_fin_wait2_timer(inet, sk);
      sk.wq.wakeAll();
    } else if (sk.state === TCP_CLOSING) {
      return tcp_time_wait(inet, sk);
    } else if (sk.state === TCP_LAST_ACK) {
      return tcp_done(inet, sk);
    }
  }
  // The data.
  const len = th.payload.length;
  if (len > 0) {
    const accepting = sk.state === TCP_ESTABLISHED || sk.state === TCP_FIN_WAIT1 || sk.state === TCP_FIN_WAIT2;
    if (!accepting) return;
    if (th.seq !== sk.rcv_nxt) {
      // A duplicate or a segment from the future: tell the peer where we are.
      tcp_send_ack(inet, sk);
      return;
    }
    // New data for a socket the process has closed (or shut for reading after sending its FIN):
    // nobody will read it, so the connection is reset (tcp_rcv_state_process's FIN_WAIT case).
    if ((sk.state === TCP_FIN_WAIT1 || sk.state === TCP_FIN_WAIT2) && (!sk.sock || sk.shutdown & RCV_SHUTDOWN)) {
      tcp_send_reset_sk(inet, sk);
      return;
    }
    sk.rcvq.push(th.payload);
    sk.rcv_nxt = seq_add(sk.rcv_nxt, len);
  }
  if (f & TCPHDR_FIN && seq_add(th.seq, len) === sk.rcv_nxt) return tcp_fin(inet, sk);
  if (len > 0) {
    tcp_send_ack(inet, sk);
    sk.wq.wakeAll();
  }
}

/** tcp_fin: the peer will send no more. */
function tcp_fin(inet: InetNet, sk: InetSock): void {
  sk.rcv_nxt = seq_add(sk.rcv_nxt, 1);
  sk.done = true;
  sk.shutdown |= RCV_SHUTDOWN;
  switch (sk.state) {
    case TCP_SYN_RECV:
    case TCP_ESTABLISHED:
      tcp_set_state(sk, TCP_CLOSE_WAIT);
      tcp_send_ack(inet, sk);
      break;
    case TCP_FIN_WAIT1:
      // Both sides closing at once; our FIN is not acknowledged yet.
      tcp_send_ack(inet, sk);
      if (fin_acked(sk)) tcp_time_wait(inet, sk);
      else tcp_set_state(sk, TCP_CLOSING);
      break;
    case TCP_FIN_WAIT2:
      tcp_clear_timer(inet, sk);
      tcp_send_ack(inet, sk);
      tcp_time_wait(inet, sk);
      break;
    default:
      break;
  }
  sk.wq.wakeAll();
}

/** tcp_rcv_synsent_state_process: the answer to our SYN. */
function tcp_rcv_synsent_state_process(inet: InetNet, sk: InetSock, skb: InetSkb, th: TcpHdr): void {
  const f = th.flags;
  if (f & TCPHDR_ACK) {
    if (th.ack !== sk.snd_nxt) {
      if (!(f & TCPHDR_RST)) tcp_send_reset(inet, skb, th);
      return;
    }
    if (f & TCPHDR_RST) {
      inet.mib.tcp.AttemptFails++;
      tcp_reset(inet, sk);
      return;
    }
    if (!(f & TCPHDR_SYN)) return;
    tcp_clear_timer(inet, sk);
    tcp_syn_options(sk, th, skb.v6);
    sk.irs = th.seq;
    sk.rcv_nxt = seq_add(th.seq, 1);
    sk.snd_una = th.ack;
    sk.snd_wnd = th.window;
    // Our SYN offered its window before we knew the peer's sequence numbers: place its edge now.
    sk.rcv_wnd_edge = seq_add(sk.rcv_nxt, Math.min(Math.max(0, sk.rcvbuf - sk.rcvq.length), 0xffff));
    // tcp_finish_connect
    tcp_set_state(sk, TCP_ESTABLISHED);
    tcp_send_ack(inet, sk);
    tcp_write_xmit(inet, sk);
    sk.wq.wakeAll();
    return;
  }
  // A bare SYN (simultaneous open) or anything else: not handled on lo; ignored.
}
