// POSIX message queues (ipc/mqueue.c): mq_open, mq_unlink, mq_timedsend, mq_timedreceive,
// mq_notify, mq_getsetattr, and the "mqueue" filesystem they live on.
//
// A queue is an inode on the mqueue filesystem; mq_open returns an ordinary file descriptor for
// it. Messages are kept by priority, highest first, and in arrival order within one priority.
// A sender waits while the queue holds mq_maxmsg messages, a receiver while it is empty (both
// until an absolute CLOCK_REALTIME deadline, if one is given); O_NONBLOCK makes them EAGAIN.
//
// mq_notify: one process may ask for a signal when a message arrives in the empty queue and
// nobody is blocked in mq_receive; the registration is used up by the notification.
//
// The filesystem has one superblock per machine (per IPC namespace in Linux): the kernel's own
// mount serves the syscalls, and every `mount -t mqueue` (init puts one on /dev/mqueue) shows
// the same queues as files whose read(2) gives "QSIZE:… NOTIFY:… SIGNO:… NOTIFY_PID:…".
//
// Simplified: sigev_value is not carried in the siginfo; SIGEV_THREAD (which glibc implements
// with a netlink socket) is refused with EINVAL; RLIMIT_MSGQUEUE is not charged.

import {
  EACCES, EAGAIN, EBADF, EBUSY, EEXIST, EFAULT, EINTR, EINVAL, EMSGSIZE, ENAMETOOLONG, ENOENT, ENOSPC, ETIMEDOUT,
} from '../../uapi/errno';
import { O_ACCMODE, O_CLOEXEC, O_CREAT, O_EXCL, O_NONBLOCK, O_RDONLY, O_WRONLY } from '../../uapi/fcntl';
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from '../../uapi/poll';
import { S_IFDIR, S_IFREG } from '../../uapi/stat';
import type { Kernel } from '../kernel';
import { copy_from_user, copy_to_user, put_user_u32, strncpy_from_user, StructReader, StructWriter } from '../mm/uaccess';
import { sleepOn, sleepUntil } from '../sched/wait';
import { SLEEP, WaitQueue } from '../sched/waitqueue';
import type { Task } from '../sched/task';
import { send_signal } from '../signal';
import { signal_pending } from '../signal_pending';
import { makeSiginfo } from '../signal_types';
import type { SyscallGroup } from '../syscalls/types';
import { getTimespec } from '../time';
import { d_add, d_alloc, d_delete, d_lookup, d_make_root, type Dentry } from '../fs/dentry';
import { rlimit_nofile } from '../fs/fdtable';
import { File, fput } from '../fs/file';
import { FMODE_READ, FMODE_WRITE, MAY_READ, MAY_WRITE, poll_wait, type FileOperations, type PollTable } from '../fs/fs';
import { new_inode, type Inode } from '../fs/inode';
import { generic_read_dir, simple_read_from_buffer } from '../fs/libfs';
import type { Mount } from '../fs/mount';
import { generic_permission } from '../fs/permission';
import { register_filesystem, SuperBlock, type FileSystemType } from '../fs/super';
import { kernel_vfs, kern_mount, type Vfs } from '../fs/vfs';
import { mq_limits } from './mq_sysctl';

export const MQUEUE_MAGIC = 0x19800202;
/** Priorities are 0 .. MQ_PRIO_MAX-1. */
export const MQ_PRIO_MAX = 32768;
/** /proc/sys/fs/mqueue defaults: msg_default, msg_max, msgsize_default, msgsize_max, queues_max. */
export const DFLT_MSG = 10;
export const DFLT_MSGMAX = 10;
export const DFLT_MSGSIZE = 8192;
export const DFLT_MSGSIZEMAX = 8192;
export const DFLT_QUEUESMAX = 256;
/** What CAP_SYS_RESOURCE may ask for beyond the sysctls. */
export const HARD_MSGMAX = 65536;
export const HARD_MSGSIZEMAX = 16 * 1024 * 1024;

const SIGEV_SIGNAL = 0;
const SIGEV_NONE = 1;
const SIGEV_THREAD = 2;
/** si_code of a message-queue notification. */
const SI_MESGQ = -3;
const NAME_MAX = 255;

interface MqMsg {
  prio: number;
  data: Uint8Array;
}

/** struct mqueue_inode_info. */
export class MqueueInfo {
  maxmsg: number;
  msgsize: number;
  /** Messages, highest priority first. */
  readonly msgs: MqMsg[] = [];
  /** Bytes of all queued messages (QSIZE). */
  qsize = 0;
  /** The registered notification: who, how and with which signal. */
  notifyOwner: Task | null = null;
  notify = { notify: SIGEV_NONE, signo: 0 };
  readonly waitRecv = new WaitQueue();
  readonly waitSend = new WaitQueue();
  /** Tasks blocked in mq_timedreceive (a notification is not sent while there are any). */
  receivers = 0;

  constructor(maxmsg: number, msgsize: number) {
    this.maxmsg = maxmsg;
    this.msgsize = msgsize;
  }
}

interface MqueueFs {
  sb: SuperBlock;
  mnt: Mount;
}

const instances = new WeakMap<Vfs, MqueueFs>();

function mq_info(inode: Inode): MqueueInfo | null {
  return inode.private instanceof MqueueInfo ? inode.private : null;
}

/** The queue's file text: QSIZE, the notification method, its signal and the registered pid. */
function mqueue_status(info: MqueueInfo): string {
  const owner = info.notifyOwner;
  const notify = owner ? info.notify.notify : 0;
  const signo = owner && info.notify.notify === SIGEV_SIGNAL ? info.notify.signo : 0;
  return `QSIZE:${String(info.qsize).padEnd(10)} NOTIFY:${String(notify).padEnd(5)} SIGNO:${String(signo).padEnd(5)} NOTIFY_PID:${String(owner?.tgid ?? 0).padEnd(6)}\n`;
}

function mqueue_read_file(file: File, _t: Task, count: number, ppos: { pos: number }): Uint8Array | number {
  const info = mq_info(file.inode);
  if (!info) return -EBADF;
  return simple_read_from_buffer(new TextEncoder().encode(mqueue_status(info)), count, ppos);
}

function mqueue_poll_file(file: File, _t: Task, pt: PollTable | null): number {
  const info = mq_info(file.inode)!;
  poll_wait(pt, info.waitRecv);
  poll_wait(pt, info.waitSend);
  let mask = 0;
  if (info.msgs.length) mask |= POLLIN | POLLRDNORM;
  if (info.msgs.length < info.maxmsg) mask |= POLLOUT | POLLWRNORM;
  return mask;
}

/** mqueue_flush_file: a close by the registered process drops its notification. */
function mqueue_flush_file(file: File, t: Task): number {
  const info = mq_info(file.inode);
  if (info && info.notifyOwner?.group === t.group) info.notifyOwner = null;
  return 0;
}

const mqueue_file_operations: FileOperations = {
  read: mqueue_read_file,
  poll: mqueue_poll_file,
  flush: mqueue_flush_file,
};

function mqueue_unlink_inode(dir: Inode, dentry: Dentry): number {
  dir.mtime = dir.ctime = dir.sb.now();
  if (dentry.inode) dentry.inode.nlink = 0;
  d_delete(dentry);
  return 0;
}

const mqueue_dir_fops: FileOperations = {
  read: generic_read_dir,
  iterate: (file, _t, ctx) => {
    const d = file.path.dentry;
    const names = [...d.children.values()].filter((c) => c.inode);
    if (ctx.pos === 0) {
      if (!ctx.emit('.', d.inode!.ino, 4)) return 0;
      ctx.pos = 1;
    }
    if (ctx.pos === 1) {
      if (!ctx.emit('..', d.parent.inode!.ino, 4)) return 0;
      ctx.pos = 2;
    }
    for (let i = ctx.pos - 2; i < names.length; i++) {
      if (!ctx.emit(names[i]!.name, names[i]!.inode!.ino, 8)) return 0;
      ctx.pos = i + 3;
    }
    return 0;
  },
};

/** The one superblock of the machine's mqueue filesystem (mqueue_get_tree). */
function mqueue_fill_super(vfs: Vfs): SuperBlock {
  const existing = instances.get(vfs);
  if (existing) return existing.sb;
  const sb = new SuperBlock(mqueue_fs_type, vfs.get_anon_bdev(), vfs);
  sb.magic = MQUEUE_MAGIC;
  const root = new_inode(sb);
  root.mode = S_IFDIR | 0o1777;
  root.nlink = 2;
  root.iop = { lookup: () => null, unlink: mqueue_unlink_inode };
  root.fop = mqueue_dir_fops;
  sb.root = d_make_root(root);
  return sb;
}

export const mqueue_fs_type: FileSystemType = {
  name: 'mqueue',
  requiresDev: false,
  mount: (vfs) => mqueue_fill_super(vfs),
};

/** init_mqueue_fs: register the type and make the kernel's own mount (ipc_ns->mq_mnt). */
export function init_mqueue_fs(kernel: Kernel): void {
  const vfs = kernel_vfs(kernel);
  register_filesystem(vfs, mqueue_fs_type);
  const mnt = kern_mount(vfs, mqueue_fs_type);
  if (typeof mnt !== 'number') instances.set(vfs, { sb: mnt.sb, mnt });
}

function mq_fs(t: Task): MqueueFs | null {
  return instances.get(kernel_vfs(t.kernel)) ?? null;
}

/** The queue name from user memory: glibc strips the leading '/'; a '/' inside is EACCES. */
function get_mq_name(t: Task, u_name: number): string | number {
  const name = strncpy_from_user(t, u_name, NAME_MAX + 2);
  if (typeof name === 'number') return name;
  if (name.length > NAME_MAX) return -ENAMETOOLONG;
  if (name === '') return -ENOENT;
  if (name.includes('/') || name === '.' || name === '..') return -EACCES;
  return name;
}

/** struct mq_attr: four longs (and four reserved). */
const MQ_ATTR_SIZE = 64;

/** mq_attr_ok: the sizes asked for at creation against the limits (fs.mqueue.msg_max …). */
function mq_attr_ok(t: Task, maxmsg: number, msgsize: number): number {
  if (maxmsg <= 0 || msgsize <= 0) return -EINVAL;
  const l = mq_limits(t.kernel);
  if (t.cred.capable()) {
    if (maxmsg > HARD_MSGMAX || msgsize > HARD_MSGSIZEMAX) return -EINVAL;
  } else if (maxmsg > l.msg_max[0]! || msgsize > l.msgsize_max[0]!) {
    return -EINVAL;
  }
  return 0;
}

function sys_mq_open(t: Task, u_name: number, oflag: number, mode: number, u_attr: number): number {
  const fs = mq_fs(t);
  if (!fs) return -ENOSPC;
  const flags = oflag | 0;
  const name = get_mq_name(t, u_name);
  if (typeof name === 'number') return name;
  const root = fs.sb.root;
  let dentry = d_lookup(root, name);
  if (dentry && !dentry.inode) dentry = null;
  const acc = flags & O_ACCMODE;
  if (acc === 3) return -EINVAL;
  if (dentry) {
    if (flags & O_CREAT && flags & O_EXCL) return -EEXIST;
  } else {
    if (!(flags & O_CREAT)) return -ENOENT;
    const l = mq_limits(t.kernel);
    let maxmsg = Math.min(l.msg_default[0]!, l.msg_max[0]!);
    let msgsize = Math.min(l.msgsize_default[0]!, l.msgsize_max[0]!);
    if (u_attr) {
      const b = copy_from_user(t, u_attr, MQ_ATTR_SIZE);
      if (typeof b === 'number') return -EFAULT;
      const r = new StructReader(b);
      maxmsg = r.i64(8);
      msgsize = r.i64(16);
      const ok = mq_attr_ok(t, maxmsg, msgsize);
      if (ok < 0) return ok;
    }
    if (generic_permission(t.cred, root.inode!, MAY_WRITE) < 0) return -EACCES;
    if (root.children.size >= l.queues_max[0]! && !t.cred.capable()) return -ENOSPC;
    const inode = new_inode(fs.sb);
    inode.mode = S_IFREG | ((mode & 0o7777) & ~t.fs.umask);
    inode.uid = t.cred.fsuid;
    inode.gid = t.cred.fsgid;
    inode.private = new MqueueInfo(maxmsg, msgsize);
    inode.fop = mqueue_file_operations;
    dentry = d_alloc(root, name);
    dentry.inode = inode;
    d_add(dentry);
    root.inode!.mtime = root.inode!.ctime = fs.sb.now();
    return mq_install(t, fs, dentry, flags, false);
  }
  return mq_install(t, fs, dentry, flags, true);
}

/** do_open: the permission check for an existing queue, then a file on the kernel's mount. */
function mq_install(t: Task, fs: MqueueFs, dentry: Dentry, flags: number, check: boolean): number {
  const acc = flags & O_ACCMODE;
  const inode = dentry.inode!;
  if (check) {
    const mask = acc === O_RDONLY ? MAY_READ : acc === O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE;
    if (generic_permission(t.cred, inode, mask) < 0) return -EACCES;
  }
  const fmode = acc === O_RDONLY ? FMODE_READ : acc === O_WRONLY ? FMODE_WRITE : FMODE_READ | FMODE_WRITE;
  const file = new File({ mnt: fs.mnt, dentry }, flags & (O_ACCMODE | O_NONBLOCK), fmode, mqueue_file_operations);
  const fd = t.files.install(file, (flags & O_CLOEXEC) !== 0, 0, rlimit_nofile(t));
  if (fd < 0) fput(file, t);
  return fd;
}

function sys_mq_unlink(t: Task, u_name: number): number {
  const fs = mq_fs(t);
  if (!fs) return -ENOENT;
  const name = get_mq_name(t, u_name);
  if (typeof name === 'number') return name;
  const root = fs.sb.root;
  const dentry = d_lookup(root, name);
  if (!dentry?.inode) return -ENOENT;
  // The directory is sticky (1777): only the owner of the queue or root may remove it.
  if (t.cred.fsuid !== dentry.inode.uid && t.cred.fsuid !== root.inode!.uid && !t.cred.capable()) return -EACCES;
  return mqueue_unlink_inode(root.inode!, dentry);
}

/** The queue behind a descriptor, or -EBADF. */
function mq_file(t: Task, mqdes: number): { file: File; info: MqueueInfo } | number {
  const file = t.files.get(mqdes | 0);
  if (!file) return -EBADF;
  const info = file.fop === mqueue_file_operations ? mq_info(file.inode) : null;
  if (!info) return -EBADF;
  return { file, info };
}

/** The absolute CLOCK_REALTIME deadline as a monotonic one ({ d: null } for none), or -errno. */
function mq_deadline(t: Task, u_abs_timeout: number): { d: number | null } | number {
  if (!u_abs_timeout) return { d: null };
  if (t.restart?.mqDeadline !== undefined) return { d: t.restart.mqDeadline as number };
  const ts = getTimespec(t, u_abs_timeout);
  if (typeof ts === 'number') return ts;
  const d = ts.ns - t.kernel.clock.bootRealtimeNs;
  t.restart = { ...(t.restart ?? {}), mqDeadline: d };
  return { d };
}

/** __do_notify: a message arrived in an empty queue nobody waits on; signal the registered process. */
function do_notify(t: Task, info: MqueueInfo): void {
  const owner = info.notifyOwner;
  if (!owner || info.receivers > 0) return;
  if (info.notify.notify === SIGEV_SIGNAL) {
    send_signal(makeSiginfo(info.notify.signo, SI_MESGQ, { pid: t.tgid, uid: t.cred.uid }), owner, true);
  }
  info.notifyOwner = null;
}

function sys_mq_timedsend(t: Task, mqdes: number, u_msg_ptr: number, msg_len: number, msg_prio: number, u_abs_timeout: number): number {
  const prio = msg_prio >>> 0;
  if (prio >= MQ_PRIO_MAX) return -EINVAL;
  const dl = mq_deadline(t, u_abs_timeout);
  if (typeof dl === 'number') return dl;
  const deadline = dl.d;
  const q = mq_file(t, mqdes);
  if (typeof q === 'number') return q;
  const { file, info } = q;
  if (!(file.f_mode & FMODE_WRITE)) return -EBADF;
  if (msg_len < 0 || msg_len > info.msgsize) return -EMSGSIZE;
  if (info.msgs.length >= info.maxmsg) {
    if (file.f_flags & O_NONBLOCK) return -EAGAIN;
    if (t.restart?.mqSlept && signal_pending(t)) return -EINTR;
    if (deadline !== null && t.kernel.clock.now() >= deadline) return -ETIMEDOUT;
    t.restart = { ...(t.restart ?? {}), mqSlept: true };
    const r = deadline === null ? sleepOn(t, info.waitSend) : sleepUntil(t, deadline, info.waitSend);
    if (r === SLEEP) return SLEEP;
    return r === 0 ? -ETIMEDOUT : -EINTR;
  }
  const data = copy_from_user(t, u_msg_ptr, msg_len);
  if (typeof data === 'number') return -EFAULT;
  const wasEmpty = info.msgs.length === 0;
  // msg_insert: after every message of the same or a higher priority.
  let i = info.msgs.findIndex((m) => m.prio < prio);
  if (i < 0) i = info.msgs.length;
  info.msgs.splice(i, 0, { prio, data });
  info.qsize += data.length;
  file.inode.mtime = file.inode.ctime = file.inode.sb.now();
  if (wasEmpty) do_notify(t, info);
  info.waitRecv.wakeAll();
  return 0;
}

function sys_mq_timedreceive(t: Task, mqdes: number, u_msg_ptr: number, msg_len: number, u_msg_prio: number, u_abs_timeout: number): number {
  const dl = mq_deadline(t, u_abs_timeout);
  if (typeof dl === 'number') return dl;
  const deadline = dl.d;
  const q = mq_file(t, mqdes);
  if (typeof q === 'number') return q;
  const { file, info } = q;
  if (!(file.f_mode & FMODE_READ)) return -EBADF;
  if (msg_len < info.msgsize) return -EMSGSIZE;
  if (t.restart?.mqWaiting) {
    info.receivers--;
    t.restart.mqWaiting = false;
  }
  if (info.msgs.length === 0) {
    if (file.f_flags & O_NONBLOCK) return -EAGAIN;
    if (t.restart?.mqSlept && signal_pending(t)) return -EINTR;
    if (deadline !== null && t.kernel.clock.now() >= deadline) return -ETIMEDOUT;
    t.restart = { ...(t.restart ?? {}), mqSlept: true, mqWaiting: true };
    info.receivers++;
    const r = deadline === null ? sleepOn(t, info.waitRecv) : sleepUntil(t, deadline, info.waitRecv);
    if (r === SLEEP) return SLEEP;
    info.receivers--;
    return r === 0 ? -ETIMEDOUT : -EINTR;
  }
  const msg = info.msgs[0]!;
  if (copy_to_user(t, u_msg_ptr, msg.data) < 0) return -EFAULT;
  if (u_msg_prio && put_user_u32(t, u_msg_prio, msg.prio) < 0) return -EFAULT;
  info.msgs.shift();
  info.qsize -= msg.data.length;
  file.inode.atime = file.inode.ctime = file.inode.sb.now();
  info.waitSend.wakeAll();
  return msg.data.length;
}

/** struct sigevent: sigev_value (8), sigev_signo (int at 8), sigev_notify (int at 12). */
const SIGEVENT_SIZE = 64;

function sys_mq_notify(t: Task, mqdes: number, u_notification: number): number {
  let notify: { notify: number; signo: number } | null = null;
  if (u_notification) {
    const b = copy_from_user(t, u_notification, SIGEVENT_SIZE);
    if (typeof b === 'number') return -EFAULT;
    const r = new StructReader(b);
    notify = { notify: r.i32(12), signo: r.i32(8) };
    if (notify.notify !== SIGEV_SIGNAL && notify.notify !== SIGEV_NONE && notify.notify !== SIGEV_THREAD) return -EINVAL;
    if (notify.notify === SIGEV_SIGNAL && (notify.signo <= 0 || notify.signo > 64)) return -EINVAL;
    if (notify.notify === SIGEV_THREAD) return -EINVAL;
  }
  const q = mq_file(t, mqdes);
  if (typeof q === 'number') return q;
  const { info } = q;
  if (!notify) {
    if (info.notifyOwner?.group === t.group) info.notifyOwner = null;
    return 0;
  }
  if (info.notifyOwner && info.notifyOwner.group !== t.group && info.notifyOwner.state < 16) return -EBUSY;
  if (info.notifyOwner?.group === t.group) return -EBUSY;
  info.notifyOwner = t.leader;
  info.notify = notify;
  return 0;
}

function sys_mq_getsetattr(t: Task, mqdes: number, u_mqstat: number, u_omqstat: number): number {
  let newFlags: number | null = null;
  if (u_mqstat) {
    const b = copy_from_user(t, u_mqstat, MQ_ATTR_SIZE);
    if (typeof b === 'number') return -EFAULT;
    newFlags = new StructReader(b).i64(0);
    if (newFlags & ~O_NONBLOCK) return -EINVAL;
  }
  const q = mq_file(t, mqdes);
  if (typeof q === 'number') return q;
  const { file, info } = q;
  if (u_omqstat) {
    const w = new StructWriter(MQ_ATTR_SIZE).i64(0, file.f_flags & O_NONBLOCK).i64(8, info.maxmsg).i64(16, info.msgsize).i64(24, info.msgs.length);
    if (copy_to_user(t, u_omqstat, w.bytes) < 0) return -EFAULT;
  }
  if (newFlags !== null) file.f_flags = (file.f_flags & ~O_NONBLOCK) | (newFlags & O_NONBLOCK);
  return 0;
}

/** The queues, for the introspection API: name, inode and state. */
export function mqueue_list(kernel: Kernel): { name: string; ino: number; info: MqueueInfo }[] {
  const fs = instances.get(kernel_vfs(kernel));
  if (!fs) return [];
  return [...fs.sb.root.children.values()].filter((d) => d.inode && mq_info(d.inode)).map((d) => ({ name: d.name, ino: d.inode!.ino, info: mq_info(d.inode!)! }));
}

export const mqueueSyscalls: SyscallGroup = {
  mq_open: sys_mq_open,
  mq_unlink: sys_mq_unlink,
  mq_timedsend: sys_mq_timedsend,
  mq_timedreceive: sys_mq_timedreceive,
  mq_notify: sys_mq_notify,
  mq_getsetattr: sys_mq_getsetattr,
};

