// /proc/<pid>/loginuid and sessionid (fs/proc/base.c, kernel/audit.c: audit_set_loginuid): the
// uid a process logged in as and its login session, for the audit subsystem. Both are "unset"
// (4294967295) until a login program (pam_loginuid) writes the uid to its own loginuid, which
// also starts a new session; children inherit both. Printed as bare numbers, without a newline.
//
// Rules of the write: only a process's own file (EPERM for another's), from offset 0 (EINVAL
// otherwise), a number (EINVAL), and only with CAP_AUDIT_CONTROL (EPERM). Simplified: no audit
// records are emitted, and there is no loginuid_immutable.

import { EINVAL, EPERM, ESRCH } from '../../../uapi/errno';
import type { Kernel } from '../../kernel';
import type { Task } from '../../sched/task';
import type { File } from '../file';
import type { FilePos } from '../fs';
import { stringOf } from '../libfs';
import { get_proc_task } from './internal';

const AUDIT_UID_UNSET = 0xffffffff;

/** The last session id handed out (session_id in kernel/audit.c). */
const lastSession = new WeakMap<Kernel, number>();

export function proc_loginuid_read(task: Task): string {
  return String(task.loginuid);
}

export function proc_sessionid_read(task: Task): string {
  return String(task.sessionid);
}

export function proc_loginuid_write(file: File, t: Task, data: Uint8Array, ppos: FilePos): number {
  const task = get_proc_task(file.inode);
  if (!task) return -ESRCH;
  if (task !== t) return -EPERM;
  if (ppos.pos !== 0) return -EINVAL;
  // kstrtouint: base 0, one trailing newline allowed.
  const text = stringOf(data).replace(/\n$/, '');
  if (!/^\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(text)) return -EINVAL;
  const digits = text.replace(/^\+/, '');
  const v = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : Number(digits);
  if (v > 0xffffffff) return -EINVAL;
  if (!t.cred.capable()) return -EPERM;
  t.loginuid = v;
  if (v !== AUDIT_UID_UNSET) {
    const next = (lastSession.get(t.kernel) ?? 0) + 1;
    lastSession.set(t.kernel, next);
    t.sessionid = next;
  } else t.sessionid = AUDIT_UID_UNSET;
  ppos.pos += data.length;
  return data.length;
}
