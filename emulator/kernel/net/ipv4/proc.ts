// /proc/net/tcp, tcp6, udp, udp6, snmp and sockstat (net/ipv4/tcp_ipv4.c get_tcp4_sock,
// tcp_ipv6.c get_tcp6_sock, udp.c udp4_format_sock, proc.c snmp_seq_show and sockstat_seq_show).
//
// Addresses are printed as the kernel holds them: each 32-bit word of the address in network
// order, printed as a host-order (little-endian) number — 127.0.0.1 is 0100007F; ports are plain
// hex numbers. Lines are padded to a fixed width (149 for tcp, 127 for udp), as seq_setwidth does.

import { AF_INET } from '../../../uapi/socket';
import {
  TCP_CLOSE, TCP_CLOSE_WAIT, TCP_ESTABLISHED, TCP_LISTEN, TCP_SYN_SENT, TCP_TIME_WAIT,
} from '../../../uapi/tcp';
import type { Kernel } from '../../kernel';
import { inet_net, type InetNet, type InetSock } from './inet_sock';
import { snmp_seq_show } from './mib';
import { unix_net } from '../unix/af_unix';
import { tcp_timer_expires, TIMER_RETRANS } from './tcp_state';
import { hashed_ptr } from '../../printk/hashed_ptr';

const hex = (n: number, w: number) => (n >>> 0).toString(16).toUpperCase().padStart(w, '0');

/** One 32-bit word of an address as %08X of the number the kernel stores (little-endian host). */
function word(a: Uint8Array, o: number): string {
  return hex((a[o]! | (a[o + 1]! << 8) | (a[o + 2]! << 16) | (a[o + 3]! << 24)) >>> 0, 8);
}

const addr4 = (a: Uint8Array, port: number) => `${word(a, 12)}:${hex(port, 4)}`;
const addr6 = (a: Uint8Array, port: number) => `${word(a, 0)}${word(a, 4)}${word(a, 8)}${word(a, 12)}:${hex(port, 4)}`;

/** %pK of a socket: a stable hash of its number (kptr_restrict 0 for root shows hashed pointers). */
const pK = (inet: InetNet, sk: InetSock): string => hashed_ptr(inet.ptr_key, sk.id);

/** A timer's time left in clock ticks (USER_HZ = 100), as jiffies_delta_to_clock_t prints it. */
function jiffies_left(k: Kernel, deadline: number): number {
  return Math.floor(Math.max(0, deadline - k.clock.now()) / 1e7);
}

/** The sockets a /proc table lists: for TCP the listeners and then every hashed connection; for UDP every bound one. */
function tcp_socks(inet: InetNet, v6: boolean): InetSock[] {
  const want = (sk: InetSock) => (v6 ? sk.family !== AF_INET : sk.family === AF_INET);
  const listeners: InetSock[] = [], conns: InetSock[] = [];
  for (const sk of inet.all) {
    if (sk.protocol !== 6 || !want(sk)) continue;
    if (sk.state === TCP_LISTEN) listeners.push(sk);
    else if (sk.hashed) conns.push(sk);
  }
  return [...listeners, ...conns];
}

function pad(line: string, width: number): string {
  return line.padEnd(width - 1) + '\n';
}

function tcp_seq_show(k: Kernel, v6: boolean): string {
  const inet = inet_net(k);
  const fmt = v6 ? addr6 : addr4;
  const width = v6 ? 0 : 150;
  let out = v6
    ? '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n'
    : pad('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode', width);
  tcp_socks(inet, v6).forEach((sk, i) => {
    const sl = `${String(i).padStart(4)}: ${fmt(sk.saddr, sk.sport)} ${fmt(sk.daddr, sk.dport)} ${hex(sk.state, 2)}`;
    if (sk.state === TCP_TIME_WAIT) {
      // get_timewait4_sock: no owner, no inode, refcount 3.
      const line = `${sl} 00000000:00000000 03:${hex(jiffies_left(k, tcp_timer_expires(sk)), 8)} 00000000     0        0 0 3 ${pK(inet, sk)}`;
      out += v6 ? line + '\n' : pad(line, width);
      return;
    }
    const listening = sk.state === TCP_LISTEN;
    // tx_queue: bytes sent and unacknowledged (write_seq - snd_una); rx_queue: unread bytes, or a
    // listener's accept-queue length.
    const txq = listening ? 0 : sk.writeq.length;
    const rxq = listening ? sk.acceptq.length : sk.rcvq.length;
    const tr = sk.timerKind;
    const when = tr ? jiffies_left(k, tcp_timer_expires(sk)) : 0;
    const retr = tr === TIMER_RETRANS ? sk.retransmits : 0;
    // icsk_rto in clock ticks: 1 s (doubling) while the SYN is unanswered, 1 s for a listener, lo's 200 ms after.
    const rto = sk.state === TCP_SYN_SENT ? 100 * 2 ** sk.retransmits : listening ? 100 : 20;
    const cwnd = 10, ssthresh = listening ? 0 : -1;
    const line =
      `${sl} ${hex(txq, 8)}:${hex(rxq, 8)} ${hex(tr, 2)}:${hex(when, 8)} ${hex(retr, 8)} ${String(sk.uid).padStart(5)} ` +
      `${String(0).padStart(8)} ${sk.ino} 1 ${pK(inet, sk)} ${rto} 0 0 ${cwnd} ${ssthresh}`;
    out += v6 ? line + '\n' : pad(line, width);
  });
  return out;
}

function udp_seq_show(k: Kernel, v6: boolean): string {
  const inet = inet_net(k);
  const fmt = v6 ? addr6 : addr4;
  const width = v6 ? 0 : 128;
  let out = v6
    ? '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n'
    : pad('   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops', width);
  const socks = [...inet.all].filter((sk) => sk.protocol === 17 && sk.bound && (v6 ? sk.family !== AF_INET : sk.family === AF_INET));
  // Linux lists by hash bucket (the port modulo the table size, 256 slots on a small machine): `sl` is the bucket.
  socks.sort((a, b) => (a.sport & 0xff) - (b.sport & 0xff));
  for (const sk of socks) {
    const line =
      `${String(sk.sport & 0xff).padStart(5)}: ${fmt(sk.saddr, sk.sport)} ${fmt(sk.daddr, sk.dport)} ${hex(sk.state, 2)} ` +
      `00000000:${hex(sk.rmem, 8)} 00:00000000 00000000 ${String(sk.uid).padStart(5)} ${String(0).padStart(8)} ${sk.ino} 2 ${pK(inet, sk)} ${sk.drops}`;
    out += v6 ? line + '\n' : pad(line, width);
  }
  return out;
}

export const tcp4_seq_show = (k: Kernel) => tcp_seq_show(k, false);
export const tcp6_seq_show = (k: Kernel) => tcp_seq_show(k, true);
export const udp4_seq_show = (k: Kernel) => udp_seq_show(k, false);
export const udp6_seq_show = (k: Kernel) => udp_seq_show(k, true);

/** CurrEstab: connections in ESTABLISHED or CLOSE_WAIT. */
function curr_estab(inet: InetNet): number {
  let n = 0;
  for (const sk of inet.all) if (sk.protocol === 6 && (sk.state === TCP_ESTABLISHED || sk.state === TCP_CLOSE_WAIT)) n++;
  return n;
}

export function snmp_show(k: Kernel): string {
  const inet = inet_net(k);
  return snmp_seq_show(inet.mib, curr_estab(inet));
}

/** /proc/net/sockstat: sockets in use per protocol (mem in pages of queued buffers). */
export function sockstat_show(k: Kernel): string {
  const inet = inet_net(k);
  let socketsUsed = unix_net(k).all.size;
  for (const sk of inet.all) if (sk.sock) socketsUsed++;
  let tcpInuse = 0, orphan = 0, tw = 0, alloc = 0, tcpMem = 0, udpInuse = 0, udpMem = 0;
  for (const sk of inet.all) {
    if (sk.protocol === 6) {
      if (sk.state === TCP_TIME_WAIT) {
        tw++;
        continue;
      }
      alloc++;
      if (sk.state !== TCP_CLOSE) tcpInuse++;
      if (!sk.sock && !sk.parent) orphan++;
      tcpMem += Math.ceil((sk.rcvq.length + sk.writeq.length) / 4096);
    } else if (sk.bound) {
      udpInuse++;
      udpMem += Math.ceil(sk.rmem / 4096);
    }
  }
  return (
    `sockets: used ${socketsUsed}\n` +
    `TCP: inuse ${tcpInuse} orphan ${orphan} tw ${tw} alloc ${alloc} mem ${tcpMem}\n` +
    `UDP: inuse ${udpInuse} mem ${udpMem}\nUDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n`
  );
}
