// TCP sockets (net/ipv4/tcp.c, af_inet.c's inet_stream_connect/inet_accept/inet_listen,
// tcp_ipv4.c tcp_v4_connect): what the socket calls do on a stream socket. The segments they
// cause are built in tcp_output.ts and received in tcp_input.ts; on lo a segment is delivered
// before the send returns, so a connect to a listener is usually complete when the SYN has gone.

import {
  EADDRNOTAVAIL, EAGAIN, EALREADY, ECONNABORTED, EINPROGRESS, EINVAL, EISCONN, ENOTCONN, EPIPE, ERESTARTSYS,
} from '../../../uapi/errno';
import { O_NONBLOCK } from '../../../uapi/fcntl';
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDHUP, POLLRDNORM, POLLWRNORM } from '../../../uapi/poll';
import { SIGPIPE } from '../../../uapi/signal';
import {
  AF_UNSPEC, MSG_DONTWAIT, MSG_NOSIGNAL, MSG_PEEK, MSG_WAITALL, SHUT_RD, SHUT_RDWR, SS_CONNECTED, SS_CONNECTING,
  SS_DISCONNECTING, SS_UNCONNECTED,
} from '../../../uapi/socket';
import {
  TCP_CLOSE, TCP_CLOSE_WAIT, TCP_ESTABLISHED, TCP_FIN_WAIT1, TCP_FIN_WAIT2, TCP_LAST_ACK, TCP_LISTEN, TCP_SYN_RECV,
  TCP_SYN_SENT,
} from '../../../uapi/tcp';
import { poll_wait, type PollTable } from '../../fs/fs';
import { sleepOn } from '../../sched/wait';
import type { Task } from '../../sched/task';
import { SLEEP } from '../../sched/waitqueue';
import { send_sig } from '../../signal';
import type { RecvMsg, SendMsg, Socket } from '../socket';
import { inet_csk_get_port, inet_ehash_insert, inet_hash_connect, inet_hash_listen, inet_put_port, inet_unhash } from './inet_hashtables';
import { inet_addr_is_any, RCV_SHUTDOWN, SEND_SHUTDOWN, SHUTDOWN_MASK, seq_add, sk_wait, type InetSock } from './inet_sock';
import { ip_route_output } from './route';
import { tcp_send_active_reset, tcp_send_ack, tcp_send_fin, tcp_select_window, tcp_write_xmit, TCP_RCV_WSCALE } from './tcp_output';
import { tcp_done, tcp_fin_wait2_timer, tcp_send_syn, tcp_set_state } from './tcp_state';

const skOf = (sock: Socket): InetSock => sock.sk as InetSock;
const nonblocking = (sock: Socket, flags: number) => (flags & MSG_DONTWAIT) !== 0 || (sock.file !== null && (sock.file.f_flags & O_NONBLOCK) !== 0);

/** sk_stream_error: EPIPE raises SIGPIPE unless MSG_NOSIGNAL. */
function sk_stream_error(t: Task, flags: number, err: number): number {
  if (err === -EPIPE && !(flags & MSG_NOSIGNAL)) send_sig(SIGPIPE, t, false);
  return err;
}

// ---- connect -----------------------------------------------------------------------------------

/** tcp_v4_connect / tcp_v6_connect: choose addresses and a port, enter the tables, send the SYN. */
function tcp_connect(sk: InetSock, daddr: Uint8Array, dport: number): number {
  const inet = sk.inet;
  const rt = ip_route_output(inet.net, daddr);
  if (typeof rt === 'number') return rt;
  if (!sk.userBoundAddr || inet_addr_is_any(sk.saddr)) sk.saddr = rt.saddr;
  sk.daddr = rt.daddr;
  sk.dport = dport;
  const r = inet_hash_connect(inet, sk);
  if (r < 0) return r;
  if (!inet_ehash_insert(inet, sk)) return -EADDRNOTAVAIL;
  inet.all.add(sk);
  sk.iss = inet.kernel.random.nextU32();
  sk.snd_una = sk.iss;
  sk.snd_nxt = seq_add(sk.iss, 1);
  sk.rcv_wscale = TCP_RCV_WSCALE;
  sk.retransmits = 0;
  sk.shutdown = 0;
  sk.done = false;
  sk.fin_queued = sk.fin_sent = false;
  tcp_set_state(sk, TCP_SYN_SENT);
  inet.mib.tcp.ActiveOpens++;
  tcp_send_syn(inet, sk);
  return 0;
}

/**
 * __inet_stream_connect. A blocking connect waits for the handshake; a non-blocking one says
 * EINPROGRESS and the caller polls for POLLOUT, then reads SO_ERROR — or calls connect again,
 * which then answers 0 (or the error) once, and EISCONN after.
 */
export function inet_stream_connect(
  sock: Socket, t: Task, addr: Uint8Array, nonblock: boolean, parse: (a: Uint8Array) => { addr: Uint8Array; port: number } | number,
): number {
  const sk = skOf(sock);
  const rerun = t.restart?.tcpConnect === true;
  let err = 0;
  if (!rerun) {
    if (addr.length >= 2 && (addr[0]! | (addr[1]! << 8)) === AF_UNSPEC) {
      // Disconnect (tcp_disconnect): a connection is aborted with a reset.
      if (sk.state !== TCP_CLOSE && sk.state !== TCP_LISTEN) {
        if (sk.state !== TCP_SYN_SENT) tcp_send_active_reset(sk.inet, sk);
        tcp_done(sk.inet, sk);
        if (!sk.userBoundPort) inet_put_port(sk.inet, sk);
      }
      sock.state = SS_UNCONNECTED;
      return 0;
    }
    switch (sock.state) {
      case SS_CONNECTED:
        return -EISCONN;
      case SS_CONNECTING:
        err = -EALREADY;
        break;
      default: {
        if (sk.state !== TCP_CLOSE) return -EISCONN;
        const a = parse(addr);
        if (typeof a === 'number') return a;
        const r = tcp_connect(sk, a.addr, a.port);
        if (r < 0) return r;
        sock.state = SS_CONNECTING;
        err = -EINPROGRESS;
        // Linux holds the socket lock across the connect, so the answer to the SYN waits in the
        // backlog until it returns: a non-blocking connect always says EINPROGRESS first.
        if (nonblock) return err;
      }
    }
  }
  if (sk.state === TCP_SYN_SENT || sk.state === TCP_SYN_RECV) {
    if (nonblock) return err;
    t.restart = { ...(t.restart ?? {}), tcpConnect: true };
    return sleepOn(t, sk.wq);
  }
  if (sk.state === TCP_CLOSE) {
    const e = sk.sock_error();
    sock.state = SS_UNCONNECTED;
    // tcp_disconnect: the socket may be used again (its shutdown bits and EOF are cleared).
    sk.shutdown = 0;
    sk.done = false;
    return e || -ECONNABORTED;
  }
  sock.state = SS_CONNECTED;
  return 0;
}

// ---- listen and accept -------------------------------------------------------------------------

/** inet_listen: somaxconn caps the backlog; listening again only changes it. */
export function inet_listen(sock: Socket, t: Task, backlog: number): number {
  const sk = skOf(sock);
  if (sock.state !== SS_UNCONNECTED) return -EINVAL;
  if (sk.state !== TCP_CLOSE && sk.state !== TCP_LISTEN) return -EINVAL;
  const somaxconn = 4096;
  sk.backlog = backlog < 0 || backlog > somaxconn ? somaxconn : backlog;
  if (sk.state === TCP_LISTEN) return 0;
  // inet_csk_listen_start: an unbound socket gets an ephemeral port.
  if (!sk.bound) {
    sk.reuse = sock.reuseaddr;
    const r = inet_csk_get_port(sk.inet, t, sk, 0);
    if (r < 0) return r;
  }
  tcp_set_state(sk, TCP_LISTEN);
  sock.acceptconn = true;
  inet_hash_listen(sk.inet, sk);
  sk.inet.all.add(sk);
  return 0;
}

export function inet_accept(sock: Socket, t: Task, newsock: Socket, nonblock: boolean): number {
  const sk = skOf(sock);
  if (sk.state !== TCP_LISTEN) return -EINVAL;
  const child = sk.acceptq.shift();
  if (!child) {
    if (nonblock) return -EAGAIN;
    return sk_wait(t, sk, sock.rcvtimeo);
  }
  child.parent = null;
  child.sock = newsock;
  newsock.sk = child;
  newsock.state = SS_CONNECTED;
  newsock.rcvbuf = sock.rcvbuf;
  newsock.sndbuf = sock.sndbuf;
  newsock.reuseaddr = sock.reuseaddr;
  return 0;
}

// ---- sending -----------------------------------------------------------------------------------

/** sk_stream_memory_free: room in the send buffer. */
const send_space = (sk: InetSock) => sk.sndbuf - sk.writeq.length;

export function tcp_sendmsg(sock: Socket, t: Task, msg: SendMsg, flags: number): number {
  const sk = skOf(sock);
  const inet = sk.inet;
  inet.current = t;
  const nonblock = nonblocking(sock, flags);
  const total = msg.data.length;
  let done = (t.restart?.tcpSent as number | undefined) ?? 0;
  const partial = (r: number) => (done > 0 ? done : r);
  if (sk.state !== TCP_ESTABLISHED && sk.state !== TCP_CLOSE_WAIT) {
    // sk_stream_wait_connect; its error goes through sk_stream_error (an EPIPE raises SIGPIPE).
    if (sk.err) return partial(sk_stream_error(t, flags, sk.sock_error()));
    if (sk.state !== TCP_SYN_SENT && sk.state !== TCP_SYN_RECV) return sk_stream_error(t, flags, -EPIPE);
    if (nonblock) return -EAGAIN;
    return sleepOn(t, sk.wq);
  }
  while (done < total || total === 0) {
    if (sk.err) return partial(sk_stream_error(t, flags, sk.sock_error()));
    if (sk.shutdown & SEND_SHUTDOWN) return partial(sk_stream_error(t, flags, -EPIPE));
    if (total === 0) return 0;
    const room = send_space(sk);
    if (room <= 0) {
      if (nonblock) return partial(-EAGAIN);
      t.restart = { ...(t.restart ?? {}), tcpSent: done };
      const r = sk_wait(t, sk, sock.sndtimeo);
      return (r === -ERESTARTSYS || r === -EAGAIN) && done > 0 ? done : r;
    }
    const n = Math.min(room, total - done);
    sk.writeq.push(done === 0 && n === total ? msg.data : msg.data.subarray(done, done + n));
    done += n;
    tcp_write_xmit(inet, sk);
  }
  return done;
}

// ---- receiving ---------------------------------------------------------------------------------

const emptyRecv = (): RecvMsg => ({ data: new Uint8Array(0), name: null, rights: null, creds: null, flags: 0, length: 0 });

/**
 * tcp_cleanup_rbuf: after a read, tell the peer the window has opened if it has at least doubled
 * (so a writer blocked on a full window wakes).
 */
function tcp_cleanup_rbuf(sk: InetSock): void {
  if (sk.state !== TCP_ESTABLISHED && sk.state !== TCP_FIN_WAIT1 && sk.state !== TCP_FIN_WAIT2) return;
  if (sk.done) return;
  const now = (sk.rcv_wnd_edge - sk.rcv_nxt) | 0;
  const fresh = tcp_select_window(sk);
  if (fresh > 0 && 2 * now <= sk.rcvbuf && fresh >= 2 * now) tcp_send_ack(sk.inet, sk);
}

export function tcp_recvmsg(sock: Socket, t: Task, size: number, flags: number): RecvMsg | number {
  const sk = skOf(sock);
  sk.inet.current = t;
  if (sk.state === TCP_LISTEN) return -ENOTCONN;
  const nonblock = nonblocking(sock, flags);
  const peek = (flags & MSG_PEEK) !== 0;
  // MSG_WAITALL: what a read already took before it slept.
  const got = (t.restart?.tcpRecvd as Uint8Array[] | undefined) ?? [];
  let have = got.reduce((n, b) => n + b.length, 0);
  const target = flags & MSG_WAITALL && !peek ? size : 1;
  const finish = (): RecvMsg => {
    const data = got.length === 1 ? got[0]! : new Uint8Array(have);
    if (got.length !== 1) {
      let o = 0;
      for (const b of got) {
        data.set(b, o);
        o += b.length;
      }
    }
    return { data, name: null, rights: null, creds: null, flags: 0, length: have };
  };
  if (size === 0) return emptyRecv();
  for (;;) {
    if (sk.rcvq.length) {
      const n = Math.min(size - have, sk.rcvq.length);
      if (peek) return { data: sk.rcvq.peek(0, n), name: null, rights: null, creds: null, flags: 0, length: n };
      got.push(sk.rcvq.take(n));
      have += n;
      tcp_cleanup_rbuf(sk);
      if (have >= target) return finish();
      continue;
    }
    if (have) {
      // tcp_recvmsg stops at an error, EOF or signal with what it has.
      if (sk.done || sk.err || sk.shutdown & RCV_SHUTDOWN || sk.state === TCP_CLOSE || nonblock) return finish();
    } else {
      if (sk.done) return emptyRecv();
      if (sk.err) return sk.sock_error();
      if (sk.shutdown & RCV_SHUTDOWN) return emptyRecv();
      if (sk.state === TCP_CLOSE) return -ENOTCONN;
      if (nonblock) return -EAGAIN;
    }
    t.restart = { ...(t.restart ?? {}), tcpRecvd: got };
    const r = sk_wait(t, sk, sock.rcvtimeo);
    if (r === SLEEP) return r;
    return have ? finish() : r;
  }
}

export function tcp_inq(sock: Socket): number {
  return skOf(sock).rcvq.length;
}

// ---- poll --------------------------------------------------------------------------------------

/** sk_stream_is_writeable: free send space at least half of what is queued. */
const writeable = (sk: InetSock) => send_space(sk) >= sk.writeq.length / 2 && send_space(sk) > 0;

export function tcp_poll(sock: Socket, _t: Task, pt: PollTable | null): number {
  const sk = skOf(sock);
  poll_wait(pt, sk.wq);
  const state = sk.state;
  if (state === TCP_LISTEN) return sk.acceptq.length ? POLLIN | POLLRDNORM : 0;
  let mask = 0;
  if (sk.shutdown === SHUTDOWN_MASK || state === TCP_CLOSE) mask |= POLLHUP;
  if (sk.shutdown & RCV_SHUTDOWN) mask |= POLLIN | POLLRDNORM | POLLRDHUP;
  if (state !== TCP_SYN_SENT && state !== TCP_SYN_RECV) {
    if (sk.rcvq.length) mask |= POLLIN | POLLRDNORM;
    if (!(sk.shutdown & SEND_SHUTDOWN)) {
      if (writeable(sk)) mask |= POLLOUT | POLLWRNORM;
    } else mask |= POLLOUT | POLLWRNORM;
  }
  if (sk.err) mask |= POLLERR;
  return mask;
}

// ---- shutdown and close ------------------------------------------------------------------------

/** tcp_close_state: the state a close (or SHUT_WR) moves to, and whether a FIN goes with it. */
function tcp_close_state(sk: InetSock): boolean {
  switch (sk.state) {
    case TCP_ESTABLISHED:
    case TCP_SYN_RECV:
      tcp_set_state(sk, TCP_FIN_WAIT1);
      return true;
    case TCP_CLOSE_WAIT:
      tcp_set_state(sk, TCP_LAST_ACK);
      return true;
    default:
      return false;
  }
}

export function inet_shutdown(sock: Socket, t: Task, how: number): number {
  const sk = skOf(sock);
  sk.inet.current = t;
  if (how < SHUT_RD || how > SHUT_RDWR) return -EINVAL;
  const mask = how + 1;
  if (sock.state === SS_CONNECTING) {
    sock.state = sk.state === TCP_SYN_SENT || sk.state === TCP_SYN_RECV || sk.state === TCP_CLOSE ? SS_DISCONNECTING : SS_CONNECTED;
  }
  let err = 0;
  switch (sk.state) {
    case TCP_CLOSE:
      err = -ENOTCONN;
      sk.shutdown |= mask;
      break;
    case TCP_LISTEN:
      if (!(mask & RCV_SHUTDOWN)) break;
      tcp_close_listener(sk);
      break;
    case TCP_SYN_SENT:
      tcp_done(sk.inet, sk);
      break;
    default:
      sk.shutdown |= mask;
      // tcp_shutdown: SHUT_WR sends our FIN.
      if (mask & SEND_SHUTDOWN && tcp_close_state(sk)) tcp_send_fin(sk.inet, sk);
  }
  sk.wq.wakeAll();
  return err;
}

/** Closing a listener resets the connections nobody accepted (inet_csk_listen_stop). */
function tcp_close_listener(sk: InetSock): void {
  const inet = sk.inet;
  for (const child of sk.acceptq.splice(0)) {
    child.parent = null;
    tcp_send_active_reset(inet, child);
    tcp_done(inet, child);
  }
  inet_unhash(inet, sk);
  tcp_set_state(sk, TCP_CLOSE);
  if (sk.sock) sk.sock.acceptconn = false;
}

/** tcp_close: the last descriptor is gone. */
export function tcp_close(sock: Socket, t: Task): void {
  const sk = skOf(sock);
  const inet = sk.inet;
  inet.current = t;
  sk.shutdown = SHUTDOWN_MASK;
  if (sk.state === TCP_LISTEN) {
    tcp_close_listener(sk);
    sk.sock = null;
    tcp_done(inet, sk);
    return;
  }
  const unread = sk.rcvq.length;
  sk.rcvq.clear();
  sk.sock = null;
  if (sk.state === TCP_CLOSE) {
    tcp_done(inet, sk);
  } else if (sk.state === TCP_SYN_SENT) {
    tcp_done(inet, sk);
  } else if (unread) {
    // Data the process never read is thrown away and the peer told with a reset (RFC 2525).
    tcp_set_state(sk, TCP_CLOSE);
    tcp_send_active_reset(inet, sk);
    tcp_done(inet, sk);
  } else if (tcp_close_state(sk)) {
    tcp_send_fin(inet, sk);
  } else if (sk.state === TCP_FIN_WAIT2) {
    tcp_fin_wait2_timer(inet, sk);
  }
  // FIN_WAIT1, CLOSING, LAST_ACK, TIME_WAIT go on as orphans until the state machine ends them.
  if (sk.state === TCP_CLOSE && inet.all.has(sk) && !sk.parent) inet.all.delete(sk);
  inet.current = null;
}
