// The socket system calls (net/socket.c: __sys_socket, __sys_bind, __sys_sendmsg …): find the
// socket behind a descriptor, copy addresses, messages and control data in and out of user
// memory, and hand the rest to the socket's family.

import { EAFNOSUPPORT, EBADF, EFAULT, EINVAL, EMFILE, EMSGSIZE, ENOBUFS, ENOTSOCK, EOPNOTSUPP } from '../../uapi/errno';
import {
  MSG_CMSG_CLOEXEC, MSG_TRUNC, MSGHDR, MSGHDR_SIZE, SOCK_CLOEXEC,
  SOCK_NONBLOCK, SOCK_PACKET, SOCK_STREAM, SOCK_TYPE_MASK, SOL_SOCKET,
} from '../../uapi/socket';
import { copy_from_user, copy_to_user, get_user_i32, put_user_i32, StructReader } from '../mm/uaccess';
import type { Task } from '../sched/task';
import { SLEEP } from '../sched/waitqueue';
import type { SyscallGroup } from '../syscalls/types';
import { fget, fput } from '../fs/file';
import { rlimit_nofile } from '../fs/fdtable';
import { access_ok, copy_iovec_from_user, copy_iovec_to_user, import_iovec, MAX_RW_COUNT, type Iovec } from '../fs/read_write';
import { put_cmsgs, scm_send } from './scm';
import { sock_getsockopt, sock_setsockopt } from './sock';
import { is_nonblock_file, sock_alloc, sock_alloc_file, sock_from_file, type Socket } from './socket';
import { net_families } from './families';

/** Address families are below NPROTO (AF_MAX). */
const NPROTO = 46;

/** sizeof(struct sockaddr_storage): the longest address a call takes. */
const SOCKADDR_STORAGE = 128;

/** sockfd_lookup: the socket behind `fd` (EBADF, ENOTSOCK). */
function sockfd_lookup(t: Task, fd: number): Socket | number {
  const file = fget(t, fd | 0);
  if (!file) return -EBADF;
  return sock_from_file(file) ?? -ENOTSOCK;
}

/** move_addr_to_kernel: a sockaddr of `len` bytes from user memory. */
function move_addr_to_kernel(t: Task, uaddr: number, len: number): Uint8Array | number {
  len |= 0;
  if (len < 0 || len > SOCKADDR_STORAGE) return -EINVAL;
  if (len === 0) return new Uint8Array(0);
  const raw = copy_from_user(t, uaddr, len);
  return typeof raw === 'number' ? -EFAULT : raw;
}

/**
 * move_addr_to_user: copy as much of `addr` as the caller's buffer holds, and store the full length
 * in *ulen (so the caller can tell it was cut short).
 */
function move_addr_to_user(t: Task, addr: Uint8Array, uaddr: number, ulen: number): number {
  const len = get_user_i32(t, ulen);
  if (Number.isNaN(len)) return -EFAULT;
  if (len < 0) return -EINVAL;
  const n = Math.min(len, addr.length);
  if (n > 0 && copy_to_user(t, uaddr, addr.subarray(0, n)) < 0) return -EFAULT;
  return put_user_i32(t, ulen, addr.length) < 0 ? -EFAULT : 0;
}

/** The socket type argument: the type, and SOCK_NONBLOCK / SOCK_CLOEXEC. */
function socketType(type: number): { type: number; nonblock: boolean; cloexec: boolean } | number {
  if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC)) return -EINVAL;
  return { type: type & SOCK_TYPE_MASK, nonblock: (type & SOCK_NONBLOCK) !== 0, cloexec: (type & SOCK_CLOEXEC) !== 0 };
}

/** sock_create: a socket of `family`, or -errno for a family this kernel does not have. */
function sock_create(t: Task, family: number, type: number, protocol: number): Socket | number {
  if (family < 0 || family >= NPROTO) return -EAFNOSUPPORT;
  if (type < SOCK_STREAM || type > SOCK_PACKET) return -EINVAL;
  const pf = net_families.get(family);
  return pf ? pf.create(t, type, protocol) : -EAFNOSUPPORT;
}

/** sock_map_fd: a descriptor for the socket's new file. */
function sock_map_fd(t: Task, sock: Socket, nonblock: boolean, cloexec: boolean): number {
  const file = sock_alloc_file(sock, nonblock);
  const fd = t.files.install(file, cloexec, 0, rlimit_nofile(t));
  if (fd < 0) fput(file, t);
  return fd;
}

function sys_socket(t: Task, family: number, type: number, protocol: number): number {
  const ty = socketType(type | 0);
  if (typeof ty === 'number') return ty;
  const sock = sock_create(t, family | 0, ty.type, protocol | 0);
  if (typeof sock === 'number') return sock;
  return sock_map_fd(t, sock, ty.nonblock, ty.cloexec);
}

function sys_socketpair(t: Task, family: number, type: number, protocol: number, usockvec: number): number {
  const ty = socketType(type | 0);
  if (typeof ty === 'number') return ty;
  const pf = net_families.get(family | 0);
  if (!pf) return -EAFNOSUPPORT;
  // Only Unix sockets come in connected pairs; the other families say EOPNOTSUPP.
  if (!pf.socketpair) return -EOPNOTSUPP;
  const a = sock_create(t, family | 0, ty.type, protocol | 0);
  if (typeof a === 'number') return a;
  const b = sock_create(t, family | 0, ty.type, protocol | 0) as Socket;
  pf.socketpair(t, a, b);
  const fa = sock_alloc_file(a, ty.nonblock), fb = sock_alloc_file(b, ty.nonblock);
  const limit = rlimit_nofile(t);
  const fd1 = t.files.install(fa, ty.cloexec, 0, limit);
  const fd2 = fd1 < 0 ? -EMFILE : t.files.install(fb, ty.cloexec, 0, limit);
  const fail = (err: number) => {
    if (fd1 >= 0) t.files.close(fd1, t);
    else fput(fa, t);
    if (fd2 >= 0) t.files.close(fd2, t);
    else fput(fb, t);
    return err;
  };
  if (fd1 < 0 || fd2 < 0) return fail(-EMFILE);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setInt32(0, fd1, true);
  new DataView(out.buffer).setInt32(4, fd2, true);
  return copy_to_user(t, usockvec, out) < 0 ? fail(-EFAULT) : 0;
}

function sys_bind(t: Task, fd: number, umyaddr: number, addrlen: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  const addr = move_addr_to_kernel(t, umyaddr, addrlen);
  if (typeof addr === 'number') return addr;
  return sock.ops.bind(sock, t, addr);
}

function sys_listen(t: Task, fd: number, backlog: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  return sock.ops.listen(sock, t, backlog | 0);
}

function sys_connect(t: Task, fd: number, uservaddr: number, addrlen: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  const addr = move_addr_to_kernel(t, uservaddr, addrlen);
  if (typeof addr === 'number') return addr;
  if (addr.length < 2) return -EINVAL;
  return sock.ops.connect(sock, t, addr, is_nonblock_file(sock.file));
}

function do_accept(t: Task, fd: number, upeer: number, upeerlen: number, flags: number): number {
  if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) return -EINVAL;
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  // The new socket is made on each attempt; a wait leaves nothing behind.
  const newsock = sock_alloc(t, sock.family, sock.type, sock.protocol, sock.ops);
  const r = sock.ops.accept(sock, t, newsock, is_nonblock_file(sock.file));
  if (r < 0 || r === SLEEP) return r;
  const newfd = sock_map_fd(t, newsock, (flags & SOCK_NONBLOCK) !== 0, (flags & SOCK_CLOEXEC) !== 0);
  if (newfd < 0) return newfd;
  if (upeer !== 0) {
    const addr = newsock.ops.getname(newsock, true);
    if (typeof addr !== 'number' && move_addr_to_user(t, addr, upeer, upeerlen) < 0) {
      t.files.close(newfd, t);
      return -EFAULT;
    }
  }
  return newfd;
}

const sys_accept = (t: Task, fd: number, upeer: number, upeerlen: number) => do_accept(t, fd, upeer, upeerlen, 0);
const sys_accept4 = (t: Task, fd: number, upeer: number, upeerlen: number, flags: number) => do_accept(t, fd, upeer, upeerlen, flags | 0);

function getname(t: Task, fd: number, usockaddr: number, usockaddrLen: number, peer: boolean): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  const addr = sock.ops.getname(sock, peer);
  if (typeof addr === 'number') return addr;
  return move_addr_to_user(t, addr, usockaddr, usockaddrLen);
}

const sys_getsockname = (t: Task, fd: number, a: number, l: number) => getname(t, fd, a, l, false);
const sys_getpeername = (t: Task, fd: number, a: number, l: number) => getname(t, fd, a, l, true);

function sys_shutdown(t: Task, fd: number, how: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  return sock.ops.shutdown(sock, t, how | 0);
}

// ---- sending and receiving ----------------------------------------------------------------------

function do_sendmsg(t: Task, sock: Socket, data: Uint8Array, name: Uint8Array | null, control: Uint8Array | null, flags: number): number {
  const scm = control ? scm_send(t, control) : { rights: null, creds: null };
  if (typeof scm === 'number') return scm;
  const msg = { data, name, rights: scm.rights, creds: scm.creds };
  const r = sock.ops.sendmsg(sock, t, msg, flags);
  // Descriptors the protocol did not take (an error, or a wait) are let go; a rerun takes them again.
  for (const f of msg.rights ?? []) fput(f, t);
  return r;
}

function sys_sendto(t: Task, fd: number, buff: number, len: number, flags: number, addr: number, addrLen: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  // import_ubuf: the length is cut to MAX_RW_COUNT, and the buffer is checked before a byte is
  // taken (nothing the size of a bad length is allocated).
  const n = Math.min(len >>> 0, MAX_RW_COUNT);
  if (!access_ok(buff, n)) return -EFAULT;
  const data = copy_iovec_from_user(t, [{ base: buff, len: n }]);
  if (typeof data === 'number') return data;
  let name: Uint8Array | null = null;
  if (addr !== 0) {
    const a = move_addr_to_kernel(t, addr, addrLen);
    if (typeof a === 'number') return a;
    name = a;
  }
  return do_sendmsg(t, sock, data, name, null, flags | 0);
}

function sys_recvfrom(t: Task, fd: number, ubuf: number, size: number, flags: number, addr: number, addrLen: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  const r = sock.ops.recvmsg(sock, t, size >>> 0, flags | 0);
  if (typeof r === 'number') return r;
  for (const f of r.rights ?? []) fput(f, t);
  if (r.data.length && copy_to_user(t, ubuf, r.data) < 0) return -EFAULT;
  // The caller's length is always updated: to 0 when the sender has no address.
  if (addr !== 0 && move_addr_to_user(t, r.name ?? new Uint8Array(0), addr, addrLen) < 0) return -EFAULT;
  return flags & MSG_TRUNC ? r.length : r.data.length;
}

interface UserMsghdr {
  name: number;
  namelen: number;
  iov: Iovec[];
  control: number;
  controllen: number;
}

function copy_msghdr_from_user(t: Task, umsg: number): UserMsghdr | number {
  const raw = copy_from_user(t, umsg, MSGHDR_SIZE);
  if (typeof raw === 'number') return -EFAULT;
  const r = new StructReader(raw);
  const iov = import_iovec(t, Number(r.u64(MSGHDR.iov)), Number(r.u64(MSGHDR.iovlen)));
  if (typeof iov === 'number') return iov === -EINVAL ? -EMSGSIZE : iov;
  return {
    name: Number(r.u64(MSGHDR.name)),
    namelen: r.i32(MSGHDR.namelen),
    iov,
    control: Number(r.u64(MSGHDR.control)),
    controllen: Number(r.u64(MSGHDR.controllen)),
  };
}

function sys_sendmsg(t: Task, fd: number, umsg: number, flags: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  const m = copy_msghdr_from_user(t, umsg);
  if (typeof m === 'number') return m;
  let name: Uint8Array | null = null;
  if (m.name !== 0 && m.namelen !== 0) {
    const a = move_addr_to_kernel(t, m.name, m.namelen);
    if (typeof a === 'number') return a;
    name = a;
  }
  let control: Uint8Array | null = null;
  if (m.controllen > 0) {
    if (m.controllen > 0x7fffffff) return -ENOBUFS;
    const c = copy_from_user(t, m.control, m.controllen);
    if (typeof c === 'number') return -EFAULT;
    control = c;
  }
  const data = copy_iovec_from_user(t, m.iov);
  if (typeof data === 'number') return data;
  return do_sendmsg(t, sock, data, name, control, flags | 0);
}

function sys_recvmsg(t: Task, fd: number, umsg: number, flags: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  const m = copy_msghdr_from_user(t, umsg);
  if (typeof m === 'number') return m;
  const size = m.iov.reduce((n, v) => n + v.len, 0);
  const r = sock.ops.recvmsg(sock, t, size, flags | 0);
  if (typeof r === 'number') return r;
  if (copy_iovec_to_user(t, m.iov, r.data) < 0) {
    for (const f of r.rights ?? []) fput(f, t);
    return -EFAULT;
  }
  let msgFlags = r.flags;
  // msg_namelen: the sender's address length (0 when there is none to report).
  if (m.name !== 0) {
    const name = r.name ?? new Uint8Array(0);
    const n = Math.min(Math.max(m.namelen, 0), name.length);
    if (n && copy_to_user(t, m.name, name.subarray(0, n)) < 0) return -EFAULT;
  }
  if (put_user_i32(t, umsg + MSGHDR.namelen, m.name !== 0 ? (r.name?.length ?? 0) : 0) < 0) return -EFAULT;
  const c = put_cmsgs(t, m.control, m.controllen, r, (flags & MSG_CMSG_CLOEXEC) !== 0);
  if (typeof c === 'number') return c;
  msgFlags |= c.flags;
  const tail = new Uint8Array(16);
  const v = new DataView(tail.buffer);
  v.setUint32(0, c.used % 0x100000000, true);
  v.setUint32(4, Math.floor(c.used / 0x100000000), true);
  v.setInt32(8, msgFlags, true);
  if (copy_to_user(t, umsg + MSGHDR.controllen, tail.subarray(0, 8)) < 0) return -EFAULT;
  if (put_user_i32(t, umsg + MSGHDR.flags, msgFlags) < 0) return -EFAULT;
  return flags & MSG_TRUNC ? r.length : r.data.length;
}

function sys_setsockopt(t: Task, fd: number, level: number, optname: number, optval: number, optlen: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  if ((optlen | 0) < 0) return -EINVAL;
  if ((level | 0) !== SOL_SOCKET) return sock.ops.setsockopt?.(sock, t, level | 0, optname | 0, optval, optlen | 0) ?? -EOPNOTSUPP;
  return sock_setsockopt(t, sock, optname | 0, optval, optlen | 0);
}

function sys_getsockopt(t: Task, fd: number, level: number, optname: number, optval: number, optlen: number): number {
  const sock = sockfd_lookup(t, fd);
  if (typeof sock === 'number') return sock;
  if ((level | 0) !== SOL_SOCKET) return sock.ops.getsockopt?.(sock, t, level | 0, optname | 0, optval, optlen) ?? -EOPNOTSUPP;
  return sock_getsockopt(t, sock, optname | 0, optval, optlen);
}

export const socketSyscalls: SyscallGroup = {
  socket: sys_socket,
  socketpair: sys_socketpair,
  bind: sys_bind,
  listen: sys_listen,
  connect: sys_connect,
  accept: sys_accept,
  accept4: sys_accept4,
  getsockname: sys_getsockname,
  getpeername: sys_getpeername,
  shutdown: sys_shutdown,
  sendto: sys_sendto,
  recvfrom: sys_recvfrom,
  sendmsg: sys_sendmsg,
  recvmsg: sys_recvmsg,
  setsockopt: sys_setsockopt,
  getsockopt: sys_getsockopt,
};
