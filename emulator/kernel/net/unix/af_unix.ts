// Unix domain sockets (net/unix/af_unix.c): stream, datagram and seqpacket sockets between
// processes of one machine, named by a path in the filesystem (a socket inode, `srwxr-xr-x`) or in
// the abstract namespace (a name starting with a NUL byte, shown as `@name`), or not at all.
//
// Data moves as a queue of buffers (sk_buff) on the receiving socket. Each buffer remembers who
// sent it: the sender's credentials (for SCM_CREDENTIALS), the descriptors it carries (SCM_RIGHTS)
// and the sending socket, which is charged for the bytes until they are read (sk_wmem_alloc) — so
// a writer blocks when its peer does not read, and wakes when it does.
//
// A stream connect() does not wait for accept(): the listener's side of the connection (the
// "embryo") is made at once and queued for accept, as in Linux; the backlog bounds that queue.

import {
  EADDRINUSE, EAGAIN, ECONNREFUSED, ECONNRESET, EEXIST, EINVAL, EISCONN, EMSGSIZE, ENOTCONN, EOPNOTSUPP, EPERM, EPIPE,
  EPROTONOSUPPORT, EPROTOTYPE, ESOCKTNOSUPPORT,
} from '../../../uapi/errno';
import { O_NONBLOCK } from '../../../uapi/fcntl';
import { POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDHUP, POLLRDNORM, POLLWRBAND, POLLWRNORM } from '../../../uapi/poll';
import { SIGPIPE } from '../../../uapi/signal';
import {
  AF_UNIX, MSG_DONTWAIT, MSG_NOSIGNAL, MSG_PEEK, MSG_TRUNC, MSG_WAITALL, SHUT_RD, SHUT_RDWR, SOCK_DGRAM, SOCK_RAW,
  SOCK_SEQPACKET, SOCK_STREAM, SS_CONNECTED, SS_UNCONNECTED, UNIX_PATH_MAX,
} from '../../../uapi/socket';
import { S_IFSOCK } from '../../../uapi/stat';
import type { Kernel } from '../../kernel';
import { fput, type File } from '../../fs/file';
import { MAY_WRITE, poll_wait } from '../../fs/fs';
import type { Inode } from '../../fs/inode';
import { LOOKUP_FOLLOW, filename_create, task_walk_ctx, vfs_path_lookup } from '../../fs/namei';
import { vfs_mknod } from '../../fs/namei_vfs';
import { inode_permission } from '../../fs/permission';
import { sleepOn, sleepUntil } from '../../sched/wait';
import type { Task } from '../../sched/task';
import { SLEEP, WaitQueue } from '../../sched/waitqueue';
import { send_sig } from '../../signal';
import { net_capture_emit } from '../capture/tap';
import { sock_alloc, type NetProtoFamily, type ProtoOps, type RecvMsg, type SendMsg, type Socket, type Ucred } from '../socket';
import { hashed_ptr } from '../../printk/hashed_ptr';

const AT_FDCWD = -100;
/** sk_shutdown bits. */
const RCV_SHUTDOWN = 1, SEND_SHUTDOWN = 2, SHUTDOWN_MASK = 3;
/** net.unix.max_dgram_qlen: datagrams a receiver may have queued before senders wait. */
export const MAX_DGRAM_QLEN = 512;

/** One queued buffer (struct sk_buff with its unix_skb_parms). */
interface Skb {
  data: Uint8Array;
  /** Bytes of a stream buffer already read. */
  off: number;
  /** The socket that sent it (charged for it until it is read), if it still exists. */
  from: UnixSock;
  creds: Ucred;
  rights: File[] | null;
}

/** struct unix_sock. */
export class UnixSock {
  readonly queue: Skb[] = [];
  /** Unread bytes in `queue`. */
  queued = 0;
  /** Bytes this socket sent that are still unread at the other end (sk_wmem_alloc). */
  wmem = 0;
  peer: UnixSock | null = null;
  /** The bound address: the sockaddr_un bytes getsockname returns. */
  addr: Uint8Array | null = null;
  /** The socket inode of a filesystem name. */
  pathInode: Inode | null = null;
  listening = false;
  backlog = 0;
  readonly acceptq: UnixSock[] = [];
  /** Whether this stream socket was ever connected (an unconnected one reads EINVAL, a finished one EOF). */
  connected = false;
  /**
   * A datagram socket's sk_state is TCP_ESTABLISHED once it connects or another socket connects
   * to it (Linux 5.15+, what sock_diag reports); only connecting to AF_UNSPEC undoes it, and only
   * for the socket that does.
   */
  established = false;
  shutdown = 0;
  dead = false;
  /** SO_PEERCRED: the credentials of the other end when the connection was made. */
  peerCred: Ucred | null = null;
  /** Taken at listen(): what a connecting client gets as its peer's credentials. */
  listenCred: Ucred | null = null;
  readonly wq = new WaitQueue();

  constructor(
    readonly net: UnixNet,
    readonly type: number,
    /** The struct socket; null for an embryo not yet accepted. */
    public sock: Socket | null,
  ) {
    net.all.add(this);
  }

  get ino(): number {
    return this.sock?.inode.ino ?? 0;
  }
}

/** Per-machine state: every unix socket (for /proc/net/unix), abstract names, filesystem names. */
export class UnixNet {
  readonly all = new Set<UnixSock>();
  readonly abstract = new Map<string, UnixSock>();
  readonly byInode = new WeakMap<Inode, UnixSock>();
  nextAutobind: number;
  /** Numbers for %pK: each socket's, and a key chosen at boot to hash them with. */
  private readonly ids = new WeakMap<UnixSock, number>();
  private nextId = 1;
  private readonly key: number;
  constructor(kernel: Kernel) {
    this.nextAutobind = kernel.random.nextU32() & 0xfffff;
    this.key = kernel.random.nextU32();
  }

  /** The socket's "address" as /proc shows a hashed kernel pointer: 16 hex digits, stable for its life. */
  hashedAddress(u: UnixSock): string {
    let id = this.ids.get(u);
    if (id === undefined) this.ids.set(u, (id = this.nextId++));
    return hashed_ptr(this.key, id);
  }
}

const nets = new WeakMap<Kernel, UnixNet>();
export function unix_net(kernel: Kernel): UnixNet {
  let n = nets.get(kernel);
  if (!n) {
    n = new UnixNet(kernel);
    nets.set(kernel, n);
  }
  return n;
}

const unixOf = (sock: Socket): UnixSock => sock.sk as UnixSock;
const connectionBased = (type: number) => type === SOCK_STREAM || type === SOCK_SEQPACKET;
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);
const familyOnly = () => Uint8Array.of(AF_UNIX & 0xff, AF_UNIX >> 8);

/** Credentials as a message carries them: tgid and the real ids (scm_set_cred). */
const scmCred = (t: Task): Ucred => ({ pid: t.tgid, uid: t.cred.uid, gid: t.cred.gid });
/** Credentials as SO_PEERCRED reports them: the effective ids. */
const peerCred = (t: Task): Ucred => ({ pid: t.tgid, uid: t.cred.euid, gid: t.cred.egid });

/** Wake everyone who may be waiting on either end. */
function wake(...socks: (UnixSock | null)[]): void {
  for (const u of socks) u?.wq.wakeAll();
}

/** Sleep on `queues` until woken, or until SO_*TIMEO passes (then EAGAIN). */
function waitFor(t: Task, timeoutNs: number, ...queues: WaitQueue[]): number {
  if (!timeoutNs) return sleepOn(t, ...queues);
  t.restart ??= {};
  if (t.restart.sockDeadline === undefined) t.restart.sockDeadline = t.kernel.clock.now() + timeoutNs;
  const r = sleepUntil(t, t.restart.sockDeadline as number, ...queues);
  return r === 0 ? -EAGAIN : r;
}

// ---- names -------------------------------------------------------------------------------------

/** unix_mkname: the checked address — [abstract name or path, the sockaddr bytes to keep]. */
function unix_mkname(addr: Uint8Array): { abstract: boolean; name: string; stored: Uint8Array } | number {
  if (addr.length <= 2 || addr.length > 2 + UNIX_PATH_MAX) return -EINVAL;
  if ((addr[0]! | (addr[1]! << 8)) !== AF_UNIX) return -EINVAL;
  if (addr[2] === 0) return { abstract: true, name: latin1(addr.subarray(2)), stored: addr.slice() };
  // A path name ends at its first NUL (or at the end of the address); the stored form has one NUL.
  let end = 2;
  while (end < addr.length && addr[end] !== 0) end++;
  const stored = new Uint8Array(end + 1);
  stored.set(addr.subarray(0, end));
  return { abstract: false, name: latin1(addr.subarray(2, end)), stored };
}

/** unix_autobind: an abstract name of five hex digits, as Linux picks them. */
function unix_autobind(u: UnixSock): number {
  if (u.addr) return 0;
  const net = u.net;
  for (let tries = 0; tries <= 0xfffff; tries++) {
    const name = '\0' + (net.nextAutobind & 0xfffff).toString(16).padStart(5, '0');
    net.nextAutobind = (net.nextAutobind + 1) & 0xfffff;
    if (net.abstract.has(name)) continue;
    net.abstract.set(name, u);
    u.addr = Uint8Array.from([AF_UNIX, 0, ...Array.from(name, (c) => c.charCodeAt(0))]);
    return 0;
  }
  return -EADDRINUSE;
}

/** unix_find_other: the socket bound to `addr`, of the same type, that we may talk to. */
function unix_find_other(t: Task, net: UnixNet, addr: Uint8Array, type: number): UnixSock | number {
  const m = unix_mkname(addr);
  if (typeof m === 'number') return m;
  let other: UnixSock | undefined;
  if (m.abstract) {
    other = net.abstract.get(m.name);
    if (!other) return -ECONNREFUSED;
  } else {
    const p = vfs_path_lookup(task_walk_ctx(t), AT_FDCWD, m.name, LOOKUP_FOLLOW);
    if (typeof p === 'number') return p;
    const inode = p.dentry.inode!;
    const perm = inode_permission(t.cred, inode, MAY_WRITE);
    if (perm) return perm;
    if ((inode.mode & 0o170000) !== S_IFSOCK) return -ECONNREFUSED;
    other = net.byInode.get(inode);
    if (!other) return -ECONNREFUSED;
  }
  if (other.dead) return -ECONNREFUSED;
  if (other.type !== type) return -EPROTOTYPE;
  return other;
}

// ---- the operations ----------------------------------------------------------------------------

function unix_bind(sock: Socket, t: Task, addr: Uint8Array): number {
  const u = unixOf(sock);
  if (addr.length === 2 && (addr[0]! | (addr[1]! << 8)) === AF_UNIX) return u.addr ? -EINVAL : unix_autobind(u);
  const m = unix_mkname(addr);
  if (typeof m === 'number') return m;
  if (u.addr) return -EINVAL;
  if (m.abstract) {
    if (u.net.abstract.has(m.name)) return -EADDRINUSE;
    u.net.abstract.set(m.name, u);
  } else {
    const c = filename_create(task_walk_ctx(t), AT_FDCWD, m.name, false);
    if (typeof c === 'number') return c === -EEXIST ? -EADDRINUSE : c;
    const mode = S_IFSOCK | (sock.inode.mode & 0o777 & ~t.fs.umask);
    const r = vfs_mknod(t.cred, c.parent.dentry.inode!, c.dentry, mode, 0);
    if (r) return r;
    u.pathInode = c.dentry.inode!;
    u.net.byInode.set(u.pathInode, u);
  }
  u.addr = m.stored;
  return 0;
}

function unix_listen(sock: Socket, t: Task, backlog: number): number {
  const u = unixOf(sock);
  if (!connectionBased(sock.type)) return -EOPNOTSUPP;
  if (u.connected || !u.addr) return -EINVAL; // an unbound socket cannot listen
  u.listening = true;
  sock.acceptconn = true;
  // somaxconn (4096) caps the backlog; a negative one means the maximum.
  u.backlog = backlog < 0 || backlog > 4096 ? 4096 : backlog;
  u.listenCred = peerCred(t);
  wake(u);
  return 0;
}

function unix_connect(sock: Socket, t: Task, addr: Uint8Array, nonblock: boolean): number {
  const u = unixOf(sock);
  if (!connectionBased(sock.type)) return unix_dgram_connect(sock, t, addr);
  if (u.listening) return -EINVAL;
  if (u.connected) return -EISCONN;
  const other = unix_find_other(t, u.net, addr, sock.type);
  if (typeof other === 'number') return other;
  if (!other.listening) return -ECONNREFUSED;
  // The listener's queue holds backlog+1 connections before a connect must wait (unix_recvq_full).
  if (other.acceptq.length > other.backlog) {
    if (nonblock) return -EAGAIN;
    return waitFor(t, sock.sndtimeo, other.wq);
  }
  if (sock.passcred && !u.addr) unix_autobind(u);
  const embryo = new UnixSock(u.net, sock.type, null);
  embryo.addr = other.addr;
  embryo.connected = true;
  embryo.peer = u;
  embryo.peerCred = peerCred(t);
  u.peer = embryo;
  u.connected = true;
  u.peerCred = other.listenCred;
  sock.state = SS_CONNECTED;
  other.acceptq.push(embryo);
  wake(other);
  return 0;
}

function unix_dgram_connect(sock: Socket, t: Task, addr: Uint8Array): number {
  const u = unixOf(sock);
  if (addr.length >= 2 && (addr[0]! | (addr[1]! << 8)) === 0) {
    // AF_UNSPEC dissolves the association.
    u.peer = null;
    u.established = false;
    sock.state = SS_UNCONNECTED;
    return 0;
  }
  const other = unix_find_other(t, u.net, addr, sock.type);
  if (typeof other === 'number') return other;
  if (sock.passcred && !u.addr) unix_autobind(u);
  u.peer = other;
  u.established = other.established = true;
  sock.state = SS_CONNECTED;
  return 0;
}

function unix_accept(sock: Socket, t: Task, newsock: Socket, nonblock: boolean): number {
  const u = unixOf(sock);
  if (!connectionBased(sock.type)) return -EOPNOTSUPP;
  if (!u.listening) return -EINVAL;
  const embryo = u.acceptq.shift();
  if (!embryo) {
    if (nonblock) return -EAGAIN;
    return waitFor(t, sock.rcvtimeo, u.wq);
  }
  embryo.sock = newsock;
  newsock.sk = embryo;
  newsock.state = SS_CONNECTED;
  wake(u, embryo.peer);
  return 0;
}

function unix_getname(sock: Socket, peer: boolean): Uint8Array | number {
  const u = unixOf(sock);
  if (peer) {
    if (!u.peer || (connectionBased(sock.type) && !u.connected)) return -ENOTCONN;
    return u.peer.addr ?? familyOnly();
  }
  return u.addr ?? familyOnly();
}

/** unix_writable: fewer than a quarter of the send buffer's bytes are still unread at the other end. */
const unix_writable = (sock: Socket, u: UnixSock) => !u.listening && u.wmem * 4 <= sock.sndbuf;

function unix_poll(sock: Socket, t: Task, pt: Parameters<ProtoOps['poll']>[2]): number {
  const u = unixOf(sock);
  poll_wait(pt, u.wq);
  if (!connectionBased(sock.type) && u.peer) poll_wait(pt, u.peer.wq);
  let mask = 0;
  if (sock.err) mask |= POLLERR;
  if (u.shutdown === SHUTDOWN_MASK) mask |= POLLHUP;
  if (u.shutdown & RCV_SHUTDOWN) mask |= POLLRDHUP | POLLIN | POLLRDNORM;
  if (u.queue.length || (u.listening && u.acceptq.length)) mask |= POLLIN | POLLRDNORM;
  if (connectionBased(sock.type)) {
    // TCP_CLOSE: neither connected nor listening.
    if (!u.connected && !u.listening) mask |= POLLHUP;
    if (unix_writable(sock, u)) mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
  } else {
    const full = u.peer !== null && u.peer.peer !== u && u.peer.queue.length > MAX_DGRAM_QLEN;
    if (unix_writable(sock, u) && !full) mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
  }
  return mask;
}

/** Put a buffer on `to`'s queue, charged to `from`. */
function queue_skb(from: UnixSock, to: UnixSock, data: Uint8Array, t: Task, rights: File[] | null, creds: Ucred | null): void {
  net_capture_emit(t.kernel, 'unix', data, { kind: 'unix', type: to.type, fromIno: from.ino, toIno: to.ino, pid: t.tgid });
  to.queue.push({ data, off: 0, from, creds: creds ?? scmCred(t), rights });
  to.queued += data.length;
  from.wmem += data.length;
  wake(to);
}

/** A buffer (or part of one) has been read: uncharge its sender and let it write again. */
function consumed(skb: Skb, n: number): void {
  skb.from.wmem = Math.max(0, skb.from.wmem - n);
  wake(skb.from);
}

function epipe(t: Task, flags: number): number {
  if (!(flags & MSG_NOSIGNAL)) send_sig(SIGPIPE, t, false);
  return -EPIPE;
}

function unix_sendmsg(sock: Socket, t: Task, msg: SendMsg, flags: number): number {
  const u = unixOf(sock);
  const nonblock = (flags & MSG_DONTWAIT) !== 0 || (sock.file !== null && (sock.file.f_flags & O_NONBLOCK) !== 0);
  if (sock.err) {
    const e = sock.err;
    sock.err = 0;
    return -e;
  }
  if (connectionBased(sock.type)) {
    if (msg.name) return u.connected ? -EISCONN : -EOPNOTSUPP;
    if (!u.connected) return -ENOTCONN;
    const peer = u.peer!;
    if (u.shutdown & SEND_SHUTDOWN || peer.dead || peer.shutdown & RCV_SHUTDOWN) return epipe(t, flags);
    if (sock.type === SOCK_SEQPACKET) return send_record(sock, t, u, peer, msg, nonblock);
    return unix_stream_sendmsg(sock, t, u, peer, msg, nonblock);
  }
  // Datagrams: to the named socket, or to the one we connected to.
  let other: UnixSock;
  if (msg.name) {
    const o = unix_find_other(t, u.net, msg.name, sock.type);
    if (typeof o === 'number') return o;
    other = o;
  } else {
    if (!u.peer) return -ENOTCONN;
    if (u.peer.dead) return -ECONNREFUSED;
    other = u.peer;
  }
  // A socket connected to someone else takes datagrams only from them (unix_may_send).
  if (other.peer && other.peer !== u) return -EPERM;
  if (u.shutdown & SEND_SHUTDOWN) return epipe(t, flags);
  if (sock.passcred && !u.addr) unix_autobind(u);
  return send_record(sock, t, u, other, msg, nonblock);
}

/** One datagram or seqpacket record: all of it in one buffer, or nothing yet. */
function send_record(sock: Socket, t: Task, u: UnixSock, to: UnixSock, msg: SendMsg, nonblock: boolean): number {
  if (msg.data.length > sock.sndbuf - 32) return -EMSGSIZE;
  const full = sock.type === SOCK_DGRAM ? to.queue.length > MAX_DGRAM_QLEN : u.wmem + msg.data.length > sock.sndbuf;
  if (full) {
    if (nonblock) return -EAGAIN;
    return waitFor(t, sock.sndtimeo, to.wq, u.wq);
  }
  queue_skb(u, to, msg.data.slice(), t, msg.rights, msg.creds);
  msg.rights = null; // the queue owns them now
  return msg.data.length;
}

function unix_stream_sendmsg(sock: Socket, t: Task, u: UnixSock, peer: UnixSock, msg: SendMsg, nonblock: boolean): number {
  const total = msg.data.length;
  let done = (t.restart?.unixSent as number | undefined) ?? 0;
  // A stream write of no bytes sends nothing, not even descriptors (as in Linux).
  while (done < total) {
    const room = sock.sndbuf - u.wmem;
    if (room <= 0) {
      if (nonblock) return done > 0 ? done : -EAGAIN;
      t.restart = { ...(t.restart ?? {}), unixSent: done };
      const r = waitFor(t, sock.sndtimeo, u.wq, peer.wq);
      return r === SLEEP || done === 0 ? r : done;
    }
    const n = Math.min(room, total - done);
    // Passed descriptors travel with the first buffer of the write.
    queue_skb(u, peer, msg.data.slice(done, done + n), t, done === 0 ? msg.rights : null, msg.creds);
    msg.rights = null;
    done += n;
  }
  return done;
}

function unix_recvmsg(sock: Socket, t: Task, size: number, flags: number): RecvMsg | number {
  const u = unixOf(sock);
  const nonblock = (flags & MSG_DONTWAIT) !== 0 || (sock.file !== null && (sock.file.f_flags & O_NONBLOCK) !== 0);
  if (u.listening) return -EINVAL;
  if (sock.err && !u.queue.length) {
    const e = sock.err;
    sock.err = 0;
    return -e;
  }
  if (sock.type === SOCK_STREAM) return unix_stream_recvmsg(sock, t, u, size, flags, nonblock);
  if (sock.type === SOCK_SEQPACKET && !u.connected) return -ENOTCONN;
  const skb = u.queue[0];
  if (!skb) {
    if (u.shutdown & RCV_SHUTDOWN || (sock.type === SOCK_SEQPACKET && u.peer?.dead)) return emptyRecv();
    if (nonblock) return -EAGAIN;
    return waitFor(t, sock.rcvtimeo, u.wq);
  }
  const n = Math.min(size, skb.data.length);
  const out: RecvMsg = {
    data: skb.data.slice(0, n),
    // The sender's bound name; an unbound sender has none (unix_copy_addr leaves msg_namelen 0).
    name: skb.from.addr,
    rights: null,
    creds: sock.passcred ? skb.creds : null,
    flags: skb.data.length > size ? MSG_TRUNC : 0,
    length: skb.data.length,
  };
  if (!(flags & MSG_PEEK)) {
    u.queue.shift();
    u.queued -= skb.data.length;
    out.rights = skb.rights;
    consumed(skb, skb.data.length);
  } else out.rights = skb.rights ? skb.rights.map((f) => (f.count++, f)) : null;
  return out;
}

const emptyRecv = (): RecvMsg => ({ data: new Uint8Array(0), name: null, rights: null, creds: null, flags: 0, length: 0 });

function unix_stream_recvmsg(sock: Socket, t: Task, u: UnixSock, size: number, flags: number, nonblock: boolean): RecvMsg | number {
  if (!u.connected) return -EINVAL;
  const eof = (u.shutdown & RCV_SHUTDOWN) !== 0 || (u.peer?.dead ?? true);
  if (size > 0 && u.queued === 0) {
    if (eof) return emptyRecv();
    if (nonblock) return -EAGAIN;
    return waitFor(t, sock.rcvtimeo, u.wq);
  }
  if (flags & MSG_WAITALL && !(flags & MSG_PEEK) && u.queued < size && !eof && !nonblock) {
    const r = waitFor(t, sock.rcvtimeo, u.wq);
    if (r === SLEEP) return r;
    // A signal or the timeout ends the wait: what has arrived is returned.
  }
  // Copy from the front of the queue; stop after a buffer that carries descriptors, and where the
  // sender's credentials change if they are wanted.
  const parts: Uint8Array[] = [];
  // Like a datagram, a stream read reports who sent its first bytes, if they have a name.
  const name = u.queue[0]?.from.addr ?? null;
  let n = 0, rights: File[] | null = null, creds: Ucred | null = null;
  for (let k = 0; k < u.queue.length && n < size; ) {
    const skb = u.queue[k]!;
    if (sock.passcred && creds && (creds.pid !== skb.creds.pid || creds.uid !== skb.creds.uid || creds.gid !== skb.creds.gid)) break;
    if (sock.passcred) creds = skb.creds;
    const take = Math.min(size - n, skb.data.length - skb.off);
    parts.push(skb.data.subarray(skb.off, skb.off + take));
    n += take;
    const carried = skb.rights;
    if (flags & MSG_PEEK) {
      if (carried) rights = carried.map((f) => (f.count++, f));
      k++;
    } else {
      skb.off += take;
      u.queued -= take;
      if (carried) {
        rights = carried;
        skb.rights = null;
      }
      consumed(skb, take);
      if (skb.off === skb.data.length) u.queue.shift();
      else break;
    }
    if (carried) break;
  }
  const data = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  return { data, name, rights, creds, flags: 0, length: n };
}

function unix_shutdown(sock: Socket, _t: Task, how: number): number {
  const u = unixOf(sock);
  if (how < SHUT_RD || how > SHUT_RDWR) return -EINVAL;
  const mask = how + 1; // SHUT_RD → RCV, SHUT_WR → SEND, SHUT_RDWR → both
  u.shutdown |= mask;
  const peer = u.peer;
  if (peer && connectionBased(sock.type)) {
    // What we stop sending, the peer stops receiving, and the other way round.
    peer.shutdown |= (mask & RCV_SHUTDOWN ? SEND_SHUTDOWN : 0) | (mask & SEND_SHUTDOWN ? RCV_SHUTDOWN : 0);
  }
  wake(u, peer);
  return 0;
}

/** Drop every queued buffer, closing the descriptors they carry. */
function purge_queue(u: UnixSock, t: Task): void {
  for (const skb of u.queue) {
    for (const f of skb.rights ?? []) fput(f, t);
    consumed(skb, skb.data.length - skb.off);
  }
  u.queue.length = 0;
  u.queued = 0;
}

/** unix_release_sock: the last close of a socket (or an embryo never accepted). */
function unix_release_sock(u: UnixSock, t: Task): void {
  u.dead = true;
  u.shutdown = SHUTDOWN_MASK;
  const peer = u.peer;
  if (peer && connectionBased(u.type)) {
    peer.shutdown = SHUTDOWN_MASK;
    // Unread data thrown away here tells the other end its connection was reset.
    if (u.queue.length && peer.sock) peer.sock.err = ECONNRESET;
  }
  for (const embryo of u.acceptq) {
    if (embryo.peer?.sock) embryo.peer.sock.err = ECONNRESET;
    unix_release_sock(embryo, t);
  }
  u.acceptq.length = 0;
  purge_queue(u, t);
  const net = u.net;
  if (u.addr && u.addr[2] === 0) {
    const name = latin1(u.addr.subarray(2));
    if (net.abstract.get(name) === u) net.abstract.delete(name);
  }
  if (u.pathInode) net.byInode.delete(u.pathInode);
  net.all.delete(u);
  wake(u, peer);
}

function unix_release(sock: Socket, t: Task): void {
  unix_release_sock(unixOf(sock), t);
}

function unix_inq(sock: Socket): number {
  const u = unixOf(sock);
  if (sock.type === SOCK_STREAM) return u.queued;
  return u.queue[0]?.data.length ?? 0;
}

function unix_peercred(sock: Socket): Ucred | null {
  return unixOf(sock).peerCred;
}

export const unix_proto_ops: ProtoOps = {
  family: AF_UNIX,
  release: unix_release,
  bind: unix_bind,
  connect: unix_connect,
  listen: unix_listen,
  accept: unix_accept,
  getname: unix_getname,
  poll: unix_poll,
  sendmsg: unix_sendmsg,
  recvmsg: unix_recvmsg,
  shutdown: unix_shutdown,
  inq: unix_inq,
  peercred: unix_peercred,
};

/** unix_create: the protocol state of a new AF_UNIX socket. */
function unix_create(sock: Socket, protocol: number): number {
  if (protocol !== 0 && protocol !== AF_UNIX) return -EPROTONOSUPPORT;
  if (sock.type !== SOCK_STREAM && sock.type !== SOCK_DGRAM && sock.type !== SOCK_SEQPACKET && sock.type !== SOCK_RAW) return -ESOCKTNOSUPPORT;
  if (sock.type === SOCK_RAW) sock.type = SOCK_DGRAM;
  sock.sk = new UnixSock(unix_net(sock.kernel), sock.type, sock);
  return 0;
}

/** socketpair: join two fresh sockets to each other, each seeing the caller as its peer. */
function unix_socketpair(t: Task, a: Socket, b: Socket): void {
  const ua = unixOf(a), ub = unixOf(b);
  ua.peer = ub;
  ub.peer = ua;
  ua.connected = ub.connected = true;
  ua.peerCred = ub.peerCred = peerCred(t);
  a.state = b.state = SS_CONNECTED;
}

/** unix_family_ops: AF_UNIX's entry in the table socket(2) looks families up in. */
export const unix_family_ops: NetProtoFamily = {
  family: AF_UNIX,
  create(t, type, protocol) {
    const sock = sock_alloc(t, AF_UNIX, type, protocol, unix_proto_ops);
    const r = unix_create(sock, protocol);
    return r < 0 ? r : sock;
  },
  socketpair: unix_socketpair,
};
