// syslog(2) and /proc/kmsg (kernel/printk/printk.c do_syslog, fs/proc/kmsg.c): the older ways
// to read the log. Records come out as text lines "<6>[    0.000000] Linux version …":
//
//   0 CLOSE, 1 OPEN          nothing to do (OPEN checks the right to read)
//   2 READ                   consume: wait for records after the reader's position, copy what
//                            fits (a record too large for the buffer comes out in pieces)
//   3 READ_ALL               the newest records that fit, since the last CLEAR; nothing consumed
//   4 READ_CLEAR             the same, then CLEAR
//   5 CLEAR                  later READ_ALLs start after the current end
//   6 CONSOLE_OFF, 7 ON      console_loglevel to the minimum and back
//   8 CONSOLE_LEVEL          console_loglevel = len (1..8)
//   9 SIZE_UNREAD            bytes READ would still return (/proc/kmsg: records)
//   10 SIZE_BUFFER           the ring's size
//
// Permissions (check_syslog_permissions): reading everything and asking the size are allowed to
// anyone unless kernel.dmesg_restrict is 1; everything else needs CAP_SYSLOG (or, with a warning,
// CAP_SYS_ADMIN). /proc/kmsg checks once, at open.

import { EFAULT, EINVAL, EPERM, EAGAIN } from '../../uapi/errno';
import { O_NONBLOCK } from '../../uapi/fcntl';
import { POLLIN, POLLRDNORM } from '../../uapi/poll';
import { copy_to_user } from '../mm/uaccess';
import type { Task } from '../sched/task';
import { sleepOn } from '../sched/wait';
import { access_ok } from '../fs/read_write';
import type { File } from '../fs/file';
import { poll_wait, type FileOperations, type PollTable } from '../fs/fs';
import { bytesOf } from '../fs/libfs';
import { LOGLEVEL_DEFAULT, print_time, type LogBuffer, type PrintkRecord } from './printk';
import type { SyscallGroup } from '../syscalls/types';

export const SYSLOG_ACTION_CLOSE = 0, SYSLOG_ACTION_OPEN = 1, SYSLOG_ACTION_READ = 2;
export const SYSLOG_ACTION_READ_ALL = 3, SYSLOG_ACTION_READ_CLEAR = 4, SYSLOG_ACTION_CLEAR = 5;
export const SYSLOG_ACTION_CONSOLE_OFF = 6, SYSLOG_ACTION_CONSOLE_ON = 7, SYSLOG_ACTION_CONSOLE_LEVEL = 8;
export const SYSLOG_ACTION_SIZE_UNREAD = 9, SYSLOG_ACTION_SIZE_BUFFER = 10;

/** Who asks: syslog(2) or /proc/kmsg (which checked at open). */
export const SYSLOG_FROM_READER = 0, SYSLOG_FROM_PROC = 1;

function syslog_action_restricted(t: Task, type: number): boolean {
  if (t.kernel.log.dmesgRestrict) return true;
  return type !== SYSLOG_ACTION_READ_ALL && type !== SYSLOG_ACTION_SIZE_BUFFER;
}

/** check_syslog_permissions: 0 or -EPERM. (CAP_SYSLOG and CAP_SYS_ADMIN are uid 0 for now.) */
export function check_syslog_permissions(t: Task, type: number, source: number): number {
  if (source === SYSLOG_FROM_PROC && type !== SYSLOG_ACTION_OPEN) return 0;
  if (syslog_action_restricted(t, type) && !t.cred.capable()) return -EPERM;
  return 0;
}

/**
 * record_print_text(syslog = true, time = true): "<N>[    s.us] text\n", the prefix repeated on
 * each line of a multi-line record.
 */
export function record_print_text(r: PrintkRecord): string {
  const prefix = `<${(r.facility << 3) | r.level}>${print_time(r.ts)} `;
  return r.text.split('\n').map((l) => prefix + l + '\n').join('');
}

/** syslog_print: consume records at log.syslogSeq into at most `size` bytes. */
function syslog_print(log: LogBuffer, size: number): string {
  let out = '';
  while (size > 0) {
    if (log.syslogSeq < log.firstSeq) {
      log.syslogSeq = log.firstSeq;
      log.syslogPartial = 0;
    }
    const r = log.get(log.syslogSeq);
    if (!r) break;
    const text = record_print_text(r);
    const skip = log.syslogPartial;
    let n: number;
    if (text.length - skip <= size) {
      log.syslogSeq++;
      n = text.length - skip;
      log.syslogPartial = 0;
    } else if (out.length === 0) {
      n = size; // a partial read: remember how far we got in this record
      log.syslogPartial += n;
    } else n = 0;
    if (!n) break;
    out += text.slice(skip, skip + n);
    size -= n;
  }
  return out;
}

/** syslog_print_all: the newest records since clear_seq that fit in `size`. */
function syslog_print_all(log: LogBuffer, size: number, clear: boolean): string {
  const texts: string[] = [];
  let total = 0;
  const from = Math.max(log.clearSeq, log.firstSeq);
  for (let s = from; s < log.next; s++) {
    const text = record_print_text(log.get(s)!);
    texts.push(text);
    total += text.length;
  }
  // find_first_fitting_seq: drop the oldest until the rest fits.
  let first = 0;
  while (total > size && first < texts.length) total -= texts[first++]!.length;
  if (clear) log.clearSeq = log.next;
  return texts.slice(first).join('');
}

/** SIZE_UNREAD for syslog(2): the bytes READ would return. */
function size_unread_bytes(log: LogBuffer): number {
  let n = 0;
  for (let s = Math.max(log.syslogSeq, log.firstSeq); s < log.next; s++) n += record_print_text(log.get(s)!).length;
  return n - log.syslogPartial;
}

/**
 * do_syslog. A reading action's text is returned as a string for the caller to copy out (the
 * syscall to user memory, /proc/kmsg as its read's data); other actions return a number.
 */
export function do_syslog(t: Task, type: number, hasBuf: boolean, len: number, source: number): string | number {
  const err = check_syslog_permissions(t, type, source);
  if (err) return err;
  const log = t.kernel.log;
  const cp = log.consolePrintk;
  switch (type) {
    case SYSLOG_ACTION_CLOSE:
    case SYSLOG_ACTION_OPEN:
      return 0;
    case SYSLOG_ACTION_READ:
      if (!hasBuf || len < 0) return -EINVAL;
      if (!len) return 0;
      if (Math.max(log.syslogSeq, log.firstSeq) >= log.next) return sleepOn(t, log.wait);
      return syslog_print(log, len);
    case SYSLOG_ACTION_READ_CLEAR:
    case SYSLOG_ACTION_READ_ALL:
      if (!hasBuf || len < 0) return -EINVAL;
      if (!len) return 0;
      return syslog_print_all(log, len, type === SYSLOG_ACTION_READ_CLEAR);
    case SYSLOG_ACTION_CLEAR:
      log.clearSeq = log.next;
      return 0;
    case SYSLOG_ACTION_CONSOLE_OFF:
      if (log.savedConsoleLoglevel === LOGLEVEL_DEFAULT) log.savedConsoleLoglevel = cp[0]!;
      cp[0] = cp[2]!;
      return 0;
    case SYSLOG_ACTION_CONSOLE_ON:
      if (log.savedConsoleLoglevel !== LOGLEVEL_DEFAULT) {
        cp[0] = log.savedConsoleLoglevel;
        log.savedConsoleLoglevel = LOGLEVEL_DEFAULT;
      }
      return 0;
    case SYSLOG_ACTION_CONSOLE_LEVEL:
      if (len < 1 || len > 8) return -EINVAL;
      cp[0] = Math.max(len, cp[2]!);
      log.savedConsoleLoglevel = LOGLEVEL_DEFAULT; // an explicit level wins over a later CONSOLE_ON
      return 0;
    case SYSLOG_ACTION_SIZE_UNREAD:
      if (log.syslogSeq < log.firstSeq) {
        log.syslogSeq = log.firstSeq;
        log.syslogPartial = 0;
      }
      return source === SYSLOG_FROM_PROC ? log.next - log.syslogSeq : size_unread_bytes(log);
    case SYSLOG_ACTION_SIZE_BUFFER:
      return log.bufLen;
    default:
      return -EINVAL;
  }
}

/** syslog(type, bufp, len). */
export function sys_syslog(t: Task, type: number, buf: number, len: number): number {
  type |= 0;
  len |= 0;
  const reads = type === SYSLOG_ACTION_READ || type === SYSLOG_ACTION_READ_ALL || type === SYSLOG_ACTION_READ_CLEAR;
  if (reads && len > 0 && buf && !access_ok(buf, len)) {
    const err = check_syslog_permissions(t, type, SYSLOG_FROM_READER);
    return err || -EFAULT;
  }
  const r = do_syslog(t, type, buf !== 0, len, SYSLOG_FROM_READER);
  if (typeof r === 'number') return r;
  const bytes = bytesOf(r);
  if (copy_to_user(t, buf, bytes) < 0) return -EFAULT;
  return bytes.length;
}

export const syslogSyscalls: SyscallGroup = { syslog: sys_syslog };

// ---- /proc/kmsg (fs/proc/kmsg.c): a consuming reader for klogd, mode 0400 ----

function kmsg_open(_inode: unknown, _file: File, t: Task): number {
  return do_syslog(t, SYSLOG_ACTION_OPEN, false, 0, SYSLOG_FROM_PROC) as number;
}

function kmsg_release(_inode: unknown, _file: File, t: Task): void {
  do_syslog(t, SYSLOG_ACTION_CLOSE, false, 0, SYSLOG_FROM_PROC);
}

function kmsg_read(file: File, t: Task, count: number): Uint8Array | number {
  if (file.f_flags & O_NONBLOCK && !do_syslog(t, SYSLOG_ACTION_SIZE_UNREAD, false, 0, SYSLOG_FROM_PROC)) return -EAGAIN;
  const r = do_syslog(t, SYSLOG_ACTION_READ, true, count, SYSLOG_FROM_PROC);
  return typeof r === 'number' ? r : bytesOf(r);
}

function kmsg_poll(_file: File, t: Task, pt: PollTable | null): number {
  poll_wait(pt, t.kernel.log.wait);
  return do_syslog(t, SYSLOG_ACTION_SIZE_UNREAD, false, 0, SYSLOG_FROM_PROC) ? POLLIN | POLLRDNORM : 0;
}

/** proc_kmsg_operations: what procfs gives /proc/kmsg (S_IRUSR, root). */
export const proc_kmsg_operations: FileOperations = {
  open: kmsg_open,
  release: kmsg_release,
  read: kmsg_read,
  poll: kmsg_poll,
};
