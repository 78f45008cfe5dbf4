// Socket control messages (net/core/scm.c): what rides along with data on a Unix socket —
// descriptors (SCM_RIGHTS: the receiver gets new descriptors for the same open files) and
// credentials (SCM_CREDENTIALS: pid, uid and gid, checked by the kernel so the receiver can trust
// them).

import { EBADF, EFAULT, EINVAL, EPERM } from '../../uapi/errno';
import { CMSG_ALIGN, CMSGHDR, MSG_CTRUNC, SCM_CREDENTIALS, SCM_RIGHTS, SOL_SOCKET, UCRED_SIZE } from '../../uapi/socket';
import { copy_to_user, StructReader } from '../mm/uaccess';
import type { Task } from '../sched/task';
import { fget, fput, get_file, type File } from '../fs/file';
import { rlimit_nofile } from '../fs/fdtable';
import type { RecvMsg, Ucred } from './socket';

/** SCM_MAX_FD: the most descriptors one message may carry. */
export const SCM_MAX_FD = 253;
const CMSG_HDR = 16;

export interface ScmCookie {
  rights: File[] | null;
  creds: Ucred | null;
}

/** scm_check_creds: a sender may claim only its own pid and its own real, effective or saved ids. */
function scm_check_creds(t: Task, c: Ucred): number {
  const cr = t.cred;
  const admin = cr.capable();
  if (c.pid !== t.tgid && !admin) return -EPERM;
  if (c.uid !== cr.uid && c.uid !== cr.euid && c.uid !== cr.suid && !admin) return -EPERM;
  if (c.gid !== cr.gid && c.gid !== cr.egid && c.gid !== cr.sgid && !admin) return -EPERM;
  return 0;
}

/** __scm_send: parse the control buffer of a sendmsg. Other levels than SOL_SOCKET are ignored. */
export function scm_send(t: Task, control: Uint8Array): ScmCookie | number {
  const r = new StructReader(control);
  const out: ScmCookie = { rights: null, creds: null };
  const fail = (err: number) => {
    for (const f of out.rights ?? []) fput(f, t);
    return err;
  };
  for (let off = 0; off + CMSG_HDR <= control.length; ) {
    const len = Number(r.u64(off + CMSGHDR.len));
    if (len < CMSG_HDR || len > control.length - off) return fail(-EINVAL);
    const level = r.i32(off + CMSGHDR.level), type = r.i32(off + CMSGHDR.type);
    const data = off + CMSGHDR.data, dlen = len - CMSG_HDR;
    if (level === SOL_SOCKET) {
      if (type === SCM_RIGHTS) {
        const n = Math.floor(dlen / 4);
        if (n <= 0) {
          off += CMSG_ALIGN(len);
          continue;
        }
        if ((out.rights?.length ?? 0) + n > SCM_MAX_FD) return fail(-EINVAL);
        for (let k = 0; k < n; k++) {
          const f = fget(t, r.i32(data + 4 * k));
          if (!f) return fail(-EBADF);
          (out.rights ??= []).push(get_file(f));
        }
      } else if (type === SCM_CREDENTIALS) {
        if (dlen !== UCRED_SIZE) return fail(-EINVAL);
        const c = { pid: r.i32(data), uid: r.u32(data + 4), gid: r.u32(data + 8) };
        const bad = scm_check_creds(t, c);
        if (bad) return fail(bad);
        out.creds = c;
      } else return fail(-EINVAL);
    }
    off += CMSG_ALIGN(len);
  }
  return out;
}

/**
 * scm_recv: write the credentials (when the socket asked for them) and install the passed files as
 * new descriptors, as control messages in the caller's buffer. What does not fit is dropped and
 * MSG_CTRUNC set. Returns the bytes used and the flags to add, or -errno.
 */
export function put_cmsgs(t: Task, control: number, controllen: number, msg: RecvMsg, cloexec: boolean): { used: number; flags: number } | number {
  let used = 0, flags = 0;
  const room = () => controllen - used;

  const put = (type: number, data: Uint8Array): number => {
    if (room() < CMSG_HDR) {
      flags |= MSG_CTRUNC;
      return 0;
    }
    let cmlen = CMSG_HDR + data.length;
    if (room() < cmlen) {
      flags |= MSG_CTRUNC;
      cmlen = room();
    }
    const buf = new Uint8Array(CMSG_HDR + data.length);
    const v = new DataView(buf.buffer);
    v.setUint32(CMSGHDR.len, CMSG_HDR + data.length, true);
    v.setInt32(CMSGHDR.level, SOL_SOCKET, true);
    v.setInt32(CMSGHDR.type, type, true);
    buf.set(data, CMSG_HDR);
    if (copy_to_user(t, control + used, buf.subarray(0, cmlen)) < 0) return -EFAULT;
    used += Math.min(CMSG_ALIGN(CMSG_HDR + data.length), room());
    return 0;
  };

  if (msg.creds) {
    const d = new Uint8Array(UCRED_SIZE);
    const v = new DataView(d.buffer);
    v.setInt32(0, msg.creds.pid, true);
    v.setUint32(4, msg.creds.uid, true);
    v.setUint32(8, msg.creds.gid, true);
    if (put(SCM_CREDENTIALS, d) < 0) return -EFAULT;
  }
  if (msg.rights?.length) {
    const fits = control === 0 ? 0 : Math.max(0, Math.floor((room() - CMSG_HDR) / 4));
    const fds: number[] = [];
    for (const f of msg.rights) {
      if (fds.length < fits) {
        const fd = t.files.install(f, cloexec, 0, rlimit_nofile(t));
        if (fd >= 0) {
          fds.push(fd);
          continue;
        }
      }
      flags |= MSG_CTRUNC;
      fput(f, t);
    }
    if (fds.length) {
      const d = new Uint8Array(4 * fds.length);
      fds.forEach((fd, k) => new DataView(d.buffer).setInt32(4 * k, fd, true));
      if (put(SCM_RIGHTS, d) < 0) return -EFAULT;
    }
  }
  return { used, flags };
}
