// /dev/kmsg (kernel/printk/printk.c devkmsg_*): the log as a character device, 1:11.
//
// Each open file has its own position, a sequence number. Every read(2) returns exactly one
// record, in the "extended" format that carries everything the record has:
//
//   6,339,5140900,-;NET: Registered protocol family 10
//    SUBSYSTEM=net                        (the dictionary, one " KEY=value" line each, if any)
//
// i.e. "<facility*8+level>,<seq>,<usec since boot>,<flags>;<text>\n", with bytes below 0x20, at
// or above 0x7f, and the backslash written as "\xNN". A buffer too small for the record is
// EINVAL (nothing is consumed); a reader that fell behind the ring's oldest record gets EPIPE
// once and continues from the oldest; at the end it blocks, or gets EAGAIN with O_NONBLOCK.
// lseek(fd, 0, SEEK_SET/SEEK_DATA/SEEK_END) moves to the oldest record, to the first one after
// the last "dmesg -C", or to the end. Writing a line makes a LOG_USER record ("<N>" in front
// sets the level and facility), which is how systemd and `echo … > /dev/kmsg` log.
//
// Simplified: the caller field (",caller=T123" with CONFIG_PRINTK_CALLER) is not shown, as in a
// default Debian kernel; writes are not rate limited.

import { EAGAIN, EFAULT, EINVAL, EPIPE, ESPIPE } from '../../uapi/errno';
import { O_ACCMODE, O_NONBLOCK, O_WRONLY, SEEK_DATA, SEEK_END, SEEK_SET } from '../../uapi/fcntl';
import { POLLERR, POLLIN, POLLPRI, POLLRDNORM } from '../../uapi/poll';
import type { Kernel } from '../kernel';
import type { Task } from '../sched/task';
import { sleepOn } from '../sched/wait';
import { registerChrdev } from '../fs/char_dev';
import type { File } from '../fs/file';
import { poll_wait, type FileOperations, type PollTable } from '../fs/fs';
import type { Inode } from '../fs/inode';
import { bytesOf, stringOf } from '../fs/libfs';
import { LOG_USER, LOGLEVEL_DEFAULT, vprintk_emit, type PrintkRecord } from './printk';
import { check_syslog_permissions, SYSLOG_ACTION_READ_ALL, SYSLOG_FROM_READER } from './syslog';

export const KMSG_MAJOR = 1, KMSG_MINOR = 11;

/** CONSOLE_EXT_LOG_MAX: the largest record a read can return. */
export const CONSOLE_EXT_LOG_MAX = 8192;
/** LOG_LINE_MAX (CONSOLE_LOG_MAX - PREFIX_MAX): the longest write accepted. */
export const LOG_LINE_MAX = 1024 - 48;

/** struct devkmsg_user: one reader's position. */
interface DevkmsgUser {
  seq: number;
}

/** msg_add_ext_text's escaping: control bytes, DEL and above, and '\' become "\xNN". */
function ext_escape(s: string, escapeNewline = true): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) & 0xff;
    if (c < 0x20 || c >= 0x7f || c === 0x5c) {
      if (!escapeNewline && c === 0x0a) out += '\n';
      else out += `\\x${c.toString(16).padStart(2, '0')}`;
    } else out += s[i];
  }
  return out;
}

/** info_print_ext_header + msg_print_ext_body: a record as /dev/kmsg shows it. */
export function format_ext_record(r: PrintkRecord): string {
  const usec = Math.floor(r.ts / 1000);
  let s = `${(r.facility << 3) | r.level},${r.seq},${usec},-;${ext_escape(r.text)}\n`;
  for (const kv of r.dict ?? []) s += ` ${ext_escape(kv)}\n`;
  return s;
}

function user_of(file: File): DevkmsgUser {
  return file.private_data as DevkmsgUser;
}

/** devkmsg_open: a reader needs the right to read the whole log; a writer needs nothing. */
function devkmsg_open(_inode: Inode, file: File, t: Task): number {
  if ((file.f_flags & O_ACCMODE) !== O_WRONLY) {
    const err = check_syslog_permissions(t, SYSLOG_ACTION_READ_ALL, SYSLOG_FROM_READER);
    if (err) return err;
  }
  file.private_data = { seq: t.kernel.log.firstSeq } satisfies DevkmsgUser;
  return 0;
}

/** devkmsg_read: one record per read. */
function devkmsg_read(file: File, t: Task, count: number): Uint8Array | number {
  const user = user_of(file);
  const log = t.kernel.log;
  if (!user) return -EFAULT;
  if (user.seq < log.firstSeq) {
    // Our next record was overwritten: say so once, then continue with the oldest there is.
    user.seq = log.firstSeq;
    return -EPIPE;
  }
  const rec = log.get(user.seq);
  if (!rec) {
    if (file.f_flags & O_NONBLOCK) return -EAGAIN;
    return sleepOn(t, log.wait);
  }
  const text = format_ext_record(rec).slice(0, CONSOLE_EXT_LOG_MAX);
  if (text.length > count) return -EINVAL;
  user.seq++;
  return bytesOf(text);
}

/**
 * devkmsg_write: one write is one record. "<N>" in front: N's low 3 bits are the level, the
 * rest the facility (facility 0, the kernel's, is not allowed from user space: LOG_USER).
 */
function devkmsg_write(file: File, t: Task, data: Uint8Array): number {
  if (data.length > LOG_LINE_MAX) return -EINVAL;
  let line = stringOf(data);
  let level = LOGLEVEL_DEFAULT;
  let facility = LOG_USER;
  const m = /^<(\d+)>/.exec(line);
  if (m) {
    const u = Number(m[1]) >>> 0;
    level = u & 7;
    if (u >> 3 !== 0) facility = (u >> 3) & 0xff;
    line = line.slice(m[0].length);
  }
  vprintk_emit(t.kernel, facility, level, line, undefined, `T${t.tid}`);
  return data.length;
}

/** devkmsg_llseek: only offset 0, with three meanings. */
function devkmsg_llseek(file: File, offset: number, whence: number): number {
  const user = user_of(file);
  if (!user) return -EINVAL; // opened write-only on Linux has no reader state either: EBADF there
  if (offset) return -ESPIPE;
  const k = kmsgKernel.get(file);
  if (!k) return -EINVAL;
  const log = k.log;
  switch (whence) {
    case SEEK_SET:
      user.seq = log.firstSeq;
      return 0;
    case SEEK_DATA:
      // The first record after the last clear: what `dmesg` (syslog READ_ALL) would show.
      user.seq = Math.max(log.clearSeq, log.firstSeq);
      return 0;
    case SEEK_END:
      user.seq = log.next;
      return 0;
    default:
      return -EINVAL;
  }
}

/** devkmsg_poll: readable when a record is there; POLLERR|POLLPRI too when we fell behind. */
function devkmsg_poll(file: File, t: Task, pt: PollTable | null): number {
  const user = user_of(file);
  const log = t.kernel.log;
  poll_wait(pt, log.wait);
  if (!user) return 0;
  if (user.seq < log.firstSeq) return POLLIN | POLLRDNORM | POLLERR | POLLPRI;
  return user.seq < log.next ? POLLIN | POLLRDNORM : 0;
}

/** lseek has no task; remember each file's kernel at open. */
const kmsgKernel = new WeakMap<File, Kernel>();

export const kmsg_fops: FileOperations = {
  open: (inode, file, t) => {
    const r = devkmsg_open(inode, file, t);
    if (r === 0) kmsgKernel.set(file, t.kernel);
    return r;
  },
  read: devkmsg_read,
  write: devkmsg_write,
  llseek: devkmsg_llseek,
  poll: devkmsg_poll,
};

/** The driver side of 1:11 (the mem driver makes the device and its node). */
export function kmsg_init(kernel: Kernel): number {
  const r = registerChrdev(kernel, KMSG_MAJOR, KMSG_MINOR, 1, 'mem', kmsg_fops);
  return r < 0 ? r : 0;
}
