// Building and sending TCP segments (net/ipv4/tcp_output.c): the header with its options, the
// window we advertise, pushing queued data out as far as the peer's window allows
// (tcp_write_xmit), ACKs, FINs, and the resets sent for segments nobody wants (tcp_v4_send_reset).
//
// Simplified: no congestion window (lo never loses a segment, so slow start would only slow us
// down), no Nagle delay, no delayed ACKs — every data segment is acknowledged at once — and no
// timestamps option.

import { IPPROTO_TCP } from '../../../uapi/in';
import { IPV6HDR_SIZE } from '../../../uapi/ip';
import {
  TCPHDR_ACK, TCPHDR_FIN, TCPHDR_PSH, TCPHDR_RST, TCPHDR_SYN, TCPOPT_MSS, TCPOPT_NOP, TCPOPT_SACK_PERM, TCPOPT_WINDOW,
} from '../../../uapi/tcp';
import { inet_headroom, inet_xmit } from './ip_output';
import { seq_add, type InetNet, type InetSock } from './inet_sock';
import { ip_route_output } from './route';
import type { InetSkb } from './protocol';

/** Our window scale (what a 6 MiB tcp_rmem[2] gives Linux on lo). */
export const TCP_RCV_WSCALE = 7;

/** The MSS we announce: the route's MTU (lo: 65536, capped at IP's 65535) less the IP and TCP headers. */
export function tcp_advmss(v6: boolean): number {
  return v6 ? 65536 - 60 : 65535 - 40;
}

/** __tcp_select_window: the receive window we can offer now (bytes), as sent in the header. */
export function tcp_select_window(sk: InetSock): number {
  const free = Math.max(0, sk.rcvbuf - sk.rcvq.length);
  return Math.min(free >> sk.rcv_wscale, 0xffff) << sk.rcv_wscale;
}

/**
 * tcp_transmit_skb: one segment with `flags`, sequence `seq`, and `payload` (may be empty).
 * SYN segments carry the options MSS, SACK-permitted and window scale, in Linux's order.
 */
export function tcp_transmit_skb(inet: InetNet, sk: InetSock, flags: number, seq: number, payload: Uint8Array | null): void {
  const rt = ip_route_output(inet.net, sk.daddr);
  if (typeof rt === 'number') return;
  const syn = (flags & TCPHDR_SYN) !== 0;
  const optlen = syn ? 12 : 0;
  const hlen = inet_headroom(sk.daddr);
  const plen = payload ? payload.length : 0;
  const buf = new Uint8Array(hlen + 20 + optlen + plen);
  const o = hlen;
  buf[o] = sk.sport >>> 8;
  buf[o + 1] = sk.sport & 0xff;
  buf[o + 2] = sk.dport >>> 8;
  buf[o + 3] = sk.dport & 0xff;
  put32(buf, o + 4, seq);
  const ack = flags & TCPHDR_ACK ? sk.rcv_nxt : 0;
  put32(buf, o + 8, ack);
  buf[o + 12] = ((20 + optlen) / 4) << 4;
  buf[o + 13] = flags;
  let win: number;
  if (syn) {
    // The window in a SYN is never scaled.
    win = Math.min(Math.max(0, sk.rcvbuf - sk.rcvq.length), 0xffff);
    sk.rcv_wnd_edge = seq_add(sk.rcv_nxt, win);
  } else {
    const w = tcp_select_window(sk);
    // Never move the right edge back (tcp_select_window keeps the old edge when the new one is short).
    const old = (sk.rcv_wnd_edge - sk.rcv_nxt) | 0;
    const adv = flags & TCPHDR_RST ? 0 : Math.max(w, old > 0 ? old : 0);
    sk.rcv_wnd_edge = seq_add(sk.rcv_nxt, adv);
    win = Math.min(adv >>> sk.rcv_wscale, 0xffff);
  }
  buf[o + 14] = win >>> 8;
  buf[o + 15] = win & 0xff;
  if (syn) {
    const mss = tcp_advmss(hlen === IPV6HDR_SIZE);
    buf.set([TCPOPT_MSS, 4, mss >>> 8, mss & 0xff, TCPOPT_NOP, TCPOPT_NOP, TCPOPT_SACK_PERM, 2, TCPOPT_NOP, TCPOPT_WINDOW, 3, sk.rcv_wscale], o + 20);
  }
  if (payload) buf.set(payload, o + 20 + optlen);
  inet.mib.tcp.OutSegs++;
  if (flags & TCPHDR_RST) inet.mib.tcp.OutRsts++;
  inet_xmit(inet, rt.dev, buf, hlen, {
    saddr: sk.saddr, daddr: sk.daddr, protocol: IPPROTO_TCP, ttl: sk.ttl, tos: sk.tos, csum_offset: 16, pseudo: true,
  });
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

/** tcp_send_ack: a bare ACK (with our current window). */
export function tcp_send_ack(inet: InetNet, sk: InetSock): void {
  tcp_transmit_skb(inet, sk, TCPHDR_ACK, sk.snd_nxt, null);
}

/** Bytes written but not yet sent. */
export function tcp_unsent(sk: InetSock): number {
  const inflight = (sk.snd_nxt - sk.snd_una) >>> 0;
  return sk.writeq.length - Math.min(inflight, sk.writeq.length);
}

/**
 * tcp_write_xmit: send what the peer's window takes, in segments of at most the MSS; then the
 * FIN, if one is queued and everything before it has gone.
 */
export function tcp_write_xmit(inet: InetNet, sk: InetSock): void {
  for (;;) {
    const inflight = (sk.snd_nxt - sk.snd_una) >>> 0;
    const unsent = sk.writeq.length - inflight;
    if (unsent <= 0) break;
    const room = sk.snd_wnd - inflight;
    const n = Math.min(sk.mss_cache, unsent, room);
    if (n <= 0) break;
    const last = n === unsent;
    // snd_nxt moves first: on lo the ACK for this segment may be processed before the send returns.
    const seq = sk.snd_nxt;
    sk.snd_nxt = seq_add(seq, n);
    tcp_transmit_skb(inet, sk, TCPHDR_ACK | (last ? TCPHDR_PSH : 0), seq, sk.writeq.peek(inflight, n));
  }
  if (sk.fin_queued && !sk.fin_sent && tcp_unsent(sk) === 0) {
    sk.fin_sent = true;
    const seq = sk.snd_nxt;
    sk.snd_nxt = seq_add(seq, 1);
    tcp_transmit_skb(inet, sk, TCPHDR_FIN | TCPHDR_ACK, seq, null);
  }
}

/** tcp_send_fin: queue the FIN behind the data and send what can go. */
export function tcp_send_fin(inet: InetNet, sk: InetSock): void {
  sk.fin_queued = true;
  tcp_write_xmit(inet, sk);
}

/** tcp_send_active_reset: abort the connection (close with unread data). */
export function tcp_send_active_reset(inet: InetNet, sk: InetSock): void {
  tcp_transmit_skb(inet, sk, TCPHDR_RST | TCPHDR_ACK, sk.snd_nxt, null);
}

/**
 * tcp_v4_send_reset / tcp_v6_send_reset: answer a segment that has no socket. If it carried an
 * ACK the reset takes that number as its sequence; otherwise it acknowledges the segment.
 */
export function tcp_send_reset(inet: InetNet, skb: InetSkb, th: TcpHdr): void {
  if (th.flags & TCPHDR_RST) return;
  const rt = ip_route_output(inet.net, skb.saddr);
  if (typeof rt === 'number') return;
  const hlen = inet_headroom(skb.saddr);
  const buf = new Uint8Array(hlen + 20);
  const o = hlen;
  buf[o] = th.dport >>> 8;
  buf[o + 1] = th.dport & 0xff;
  buf[o + 2] = th.sport >>> 8;
  buf[o + 3] = th.sport & 0xff;
  let flags = TCPHDR_RST;
  if (th.flags & TCPHDR_ACK) put32(buf, o + 4, th.ack);
  else {
    flags |= TCPHDR_ACK;
    const len = th.payload.length + (th.flags & TCPHDR_SYN ? 1 : 0) + (th.flags & TCPHDR_FIN ? 1 : 0);
    put32(buf, o + 8, seq_add(th.seq, len));
  }
  buf[o + 12] = 5 << 4;
  buf[o + 13] = flags;
  inet.mib.tcp.OutSegs++;
  inet.mib.tcp.OutRsts++;
  inet_xmit(inet, rt.dev, buf, hlen, { saddr: skb.daddr, daddr: skb.saddr, protocol: IPPROTO_TCP, ttl: -1, tos: 0, csum_offset: 16, pseudo: true });
}

/** A parsed TCP header. */
export interface TcpHdr {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  /** The window field as sent (unscaled). */
  window: number;
  /** SYN options: MSS (0 if absent), window scale (-1 if absent), SACK permitted. */
  mss: number;
  wscale: number;
  sackOk: boolean;
  payload: Uint8Array;
}

export function tcp_parse(d: Uint8Array): TcpHdr | null {
  if (d.length < 20) return null;
  const doff = (d[12]! >>> 4) * 4;
  if (doff < 20 || doff > d.length) return null;
  const h: TcpHdr = {
    sport: (d[0]! << 8) | d[1]!,
    dport: (d[2]! << 8) | d[3]!,
    seq: ((d[4]! << 24) | (d[5]! << 16) | (d[6]! << 8) | d[7]!) >>> 0,
    ack: ((d[8]! << 24) | (d[9]! << 16) | (d[10]! << 8) | d[11]!) >>> 0,
    flags: d[13]!,
    window: (d[14]! << 8) | d[15]!,
    mss: 0,
    wscale: -1,
    sackOk: false,
    payload: d.subarray(doff),
  };
  // tcp_parse_options
  for (let i = 20; i < doff; ) {
    const kind = d[i]!;
    if (kind === 0) break;
    if (kind === TCPOPT_NOP) {
      i++;
      continue;
    }
    const len = d[i + 1] ?? 0;
    if (len < 2 || i + len > doff) break;
    if (kind === TCPOPT_MSS && len === 4) h.mss = (d[i + 2]! << 8) | d[i + 3]!;
    else if (kind === TCPOPT_WINDOW && len === 3) h.wscale = Math.min(d[i + 2]!, 14);
    else if (kind === TCPOPT_SACK_PERM && len === 2) h.sackOk = true;
    i += len;
  }
  return h;
}
