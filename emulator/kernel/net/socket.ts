// The socket layer (net/socket.c): struct socket, its inode on sockfs, and the file operations that
// turn read/write/poll/close on a socket descriptor into the protocol's own operations.
//
// A socket is a file like any other: socket(2) makes an inode on sockfs, an internal filesystem,
// so /proc/<pid>/fd shows it as `socket:[ino]`, fstat says S_IFSOCK, and read(2)/write(2) work on
// connected sockets. What a socket does is up to its family's proto_ops (af_unix.ts, …).

import { EFAULT, ENOTTY } from '../../uapi/errno';
import { O_NONBLOCK, O_RDWR } from '../../uapi/fcntl';
import { FIONREAD } from '../../uapi/ioctls';
import { S_IFSOCK } from '../../uapi/stat';
import { MSG_DONTWAIT, SS_UNCONNECTED } from '../../uapi/socket';
import type { Kernel } from '../kernel';
import type { Task } from '../sched/task';
import { Dentry } from '../fs/dentry';
import { File, fput } from '../fs/file';
import { FMODE_READ, FMODE_WRITE, type FileOperations, type PollTable } from '../fs/fs';
import { new_inode, type Inode } from '../fs/inode';
import type { Mount } from '../fs/mount';
import { init_pseudo } from '../fs/libfs';
import { kernel_vfs, kern_mount, type Vfs } from '../fs/vfs';
import { put_user_i32 } from '../mm/uaccess';

export const SOCKFS_MAGIC = 0x534f434b;

/** Credentials as SO_PEERCRED and SCM_CREDENTIALS carry them (struct ucred). */
export interface Ucred {
  pid: number;
  uid: number;
  gid: number;
}

/** A message on its way in: the bytes, the destination, and what rides along (scm_cookie). */
export interface SendMsg {
  data: Uint8Array;
  /** The destination address (sockaddr bytes), or null. */
  name: Uint8Array | null;
  /** SCM_RIGHTS: the files passed (one reference each, owned by the message). */
  rights: File[] | null;
  /** SCM_CREDENTIALS given by the sender, already checked. */
  creds: Ucred | null;
}

/** What a receive hands back. */
export interface RecvMsg {
  data: Uint8Array;
  /** The sender's address, when the protocol reports one (datagrams). */
  name: Uint8Array | null;
  rights: File[] | null;
  creds: Ucred | null;
  /** MSG_TRUNC, MSG_EOR… for msg_flags. */
  flags: number;
  /** The message's real length (recv with MSG_TRUNC on a datagram returns it). */
  length: number;
}

/** A family's operations (struct proto_ops). Results are -errno, or SLEEP to wait and run again. */
export interface ProtoOps {
  family: number;
  release(sock: Socket, t: Task): void;
  bind(sock: Socket, t: Task, addr: Uint8Array): number;
  connect(sock: Socket, t: Task, addr: Uint8Array, nonblock: boolean): number;
  listen(sock: Socket, t: Task, backlog: number): number;
  /** Take a connection off the queue into `newsock`. */
  accept(sock: Socket, t: Task, newsock: Socket, nonblock: boolean): number;
  /** The local (or, with `peer`, the remote) address, or -errno. */
  getname(sock: Socket, peer: boolean): Uint8Array | number;
  poll(sock: Socket, t: Task, pt: PollTable | null): number;
  sendmsg(sock: Socket, t: Task, msg: SendMsg, flags: number): number;
  recvmsg(sock: Socket, t: Task, size: number, flags: number): RecvMsg | number;
  shutdown(sock: Socket, t: Task, how: number): number;
  /** Bytes waiting to be read (FIONREAD). */
  inq(sock: Socket): number;
  /** SO_PEERCRED. */
  peercred(sock: Socket): Ucred | null;
  /**
   * Options at the protocol's own levels (IPPROTO_TCP, SOL_NETLINK …), as proto_ops->setsockopt and
   * ->getsockopt. `optlen` is the user pointer to the length for getsockopt. A family without them
   * answers EOPNOTSUPP, as Unix sockets do.
   */
  setsockopt?(sock: Socket, t: Task, level: number, optname: number, optval: number, optlen: number): number;
  getsockopt?(sock: Socket, t: Task, level: number, optname: number, optval: number, optlen: number): number;
}

/**
 * struct net_proto_family: how socket(2) makes a socket of one address family. `create` allocates
 * the socket (sock_alloc) with the family's proto_ops and sets up its protocol state, or returns
 * -errno (EPROTONOSUPPORT, ESOCKTNOSUPPORT …). `socketpair`, when present, connects two fresh
 * sockets (only AF_UNIX has it; the others answer EOPNOTSUPP).
 */
export interface NetProtoFamily {
  family: number;
  create(t: Task, type: number, protocol: number): Socket | number;
  socketpair?(t: Task, a: Socket, b: Socket): void;
}

/** struct socket, with the generic socket options of struct sock it needs. */
export class Socket {
  state = SS_UNCONNECTED;
  file: File | null = null;
  /** The protocol's private state (struct sock). */
  sk: unknown = null;
  /** SO_PASSCRED: receive the sender's credentials with each message. */
  passcred = false;
  reuseaddr = false;
  keepalive = false;
  /** SO_SNDBUF / SO_RCVBUF (the doubled value Linux stores). */
  sndbuf = 212992;
  rcvbuf = 212992;
  /** SO_RCVTIMEO / SO_SNDTIMEO in ns (0: wait forever). */
  rcvtimeo = 0;
  sndtimeo = 0;
  /** A pending error for SO_ERROR. */
  err = 0;
  /** Listening (SO_ACCEPTCONN). */
  acceptconn = false;

  constructor(
    readonly kernel: Kernel,
    readonly inode: Inode,
    readonly family: number,
    /** SOCK_STREAM, SOCK_DGRAM … (a Unix SOCK_RAW socket becomes SOCK_DGRAM, as in Linux). */
    public type: number,
    readonly protocol: number,
    public ops: ProtoOps,
  ) {}
}

// ---- sockfs ------------------------------------------------------------------------------------

const sockfs_type = init_pseudo('sockfs', SOCKFS_MAGIC, 0o555);

const mounts = new WeakMap<Vfs, Mount>();

function sockfs_mnt(vfs: Vfs): Mount {
  let mnt = mounts.get(vfs);
  if (!mnt) {
    const m = kern_mount(vfs, sockfs_type);
    if (typeof m === 'number') throw new Error('sockfs: cannot mount');
    mnt = m;
    mounts.set(vfs, mnt);
  }
  return mnt;
}

const sockets = new WeakMap<Inode, Socket>();

/** SOCKET_I: the socket behind a sockfs inode. */
export function SOCKET_I(inode: Inode): Socket | undefined {
  return sockets.get(inode);
}

/** sock_alloc: a socket with its inode (S_IFSOCK, 0777, owned by the caller). */
export function sock_alloc(t: Task, family: number, type: number, protocol: number, ops: ProtoOps): Socket {
  const vfs = kernel_vfs(t.kernel);
  const inode = new_inode(sockfs_mnt(vfs).sb);
  inode.mode = S_IFSOCK | 0o777;
  inode.uid = t.cred.fsuid;
  inode.gid = t.cred.fsgid;
  const sock = new Socket(t.kernel, inode, family, type, protocol, ops);
  sockets.set(inode, sock);
  return sock;
}

/**
 * sock_create_kern's allocation: a socket the kernel itself owns (a Netlink protocol's kernel
 * socket), with its sockfs inode owned by root and no file.
 */
export function sock_alloc_kern(kernel: Kernel, family: number, type: number, protocol: number, ops: ProtoOps): Socket {
  const inode = new_inode(sockfs_mnt(kernel_vfs(kernel)).sb);
  inode.mode = S_IFSOCK | 0o777;
  const sock = new Socket(kernel, inode, family, type, protocol, ops);
  sockets.set(inode, sock);
  return sock;
}

const sockfs_dentry_operations = {
  d_dname: (d: Dentry) => `socket:[${d.inode!.ino}]`,
};

/** sock_alloc_file: the open file for a socket (O_RDWR, plus O_NONBLOCK if asked). */
export function sock_alloc_file(sock: Socket, nonblock: boolean): File {
  const mnt = sockfs_mnt(kernel_vfs(sock.kernel));
  const dentry = new Dentry('', mnt.sb.root, sock.inode, mnt.sb);
  dentry.op = sockfs_dentry_operations;
  const file = new File({ mnt, dentry }, O_RDWR | (nonblock ? O_NONBLOCK : 0), FMODE_READ | FMODE_WRITE, socket_file_ops);
  file.private_data = sock;
  sock.file = file;
  return file;
}

/** The socket behind an open file, or undefined (ENOTSOCK). */
export function sock_from_file(file: File): Socket | undefined {
  return file.fop === socket_file_ops ? (file.private_data as Socket) : undefined;
}

export const is_nonblock_file = (file: File | null): boolean => file !== null && (file.f_flags & O_NONBLOCK) !== 0;

// ---- read, write, poll, ioctl, close on a socket descriptor ------------------------------------

const socket_file_ops: FileOperations = {
  read(file, t, count) {
    const sock = file.private_data as Socket;
    const r = sock.ops.recvmsg(sock, t, count, is_nonblock_file(file) ? MSG_DONTWAIT : 0);
    if (typeof r === 'number') return r;
    for (const f of r.rights ?? []) fput(f, t); // read(2) has nowhere to put passed descriptors: they are dropped
    return r.data;
  },
  write(file, t, data) {
    const sock = file.private_data as Socket;
    return sock.ops.sendmsg(sock, t, { data, name: null, rights: null, creds: null }, is_nonblock_file(file) ? MSG_DONTWAIT : 0);
  },
  poll(file, t, pt) {
    const sock = file.private_data as Socket;
    return sock.ops.poll(sock, t, pt);
  },
  ioctl(file, t, cmd, arg) {
    const sock = file.private_data as Socket;
    if (cmd === FIONREAD) return put_user_i32(t, arg, sock.ops.inq(sock)) < 0 ? -EFAULT : 0;
    return -ENOTTY;
  },
  release(_inode, file, t) {
    const sock = file.private_data as Socket;
    sock.ops.release(sock, t);
    sock.file = null;
  },
};
