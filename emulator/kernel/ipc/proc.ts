// The text of /proc/sysvipc/{msg,sem,shm} (ipc/util.c's sysvipc_proc_show with ipc/msg.c's
// sysvipc_msg_proc_show, sem.c's and shm.c's): a header line, then one line per object in slot
// order, with Linux's printf widths. ipcs reads these files first, like util-linux does.

import { PAGE_SIZE } from '../../uapi/mman';
import type { Kernel } from '../kernel';
import { ipc_ns } from './namespace';

const d = (n: number, w: number) => String(n).padStart(w);
const o = (n: number, w: number) => n.toString(8).padStart(w);

export function sysvipc_msg_proc_show(k: Kernel): string {
  let s = '       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n';
  for (const q of ipc_ns(k).msg.all()) {
    const p = q.perm;
    s += `${d(p.key, 10)} ${d(p.id, 10)}  ${o(p.mode & 0o7777, 4)}  ${d(q.cbytes, 10)} ${d(q.messages.length, 10)} ${d(q.lspid, 5)} ${d(q.lrpid, 5)} ` +
      `${d(p.uid, 5)} ${d(p.gid, 5)} ${d(p.cuid, 5)} ${d(p.cgid, 5)} ${d(q.stime, 10)} ${d(q.rtime, 10)} ${d(q.ctime, 10)}\n`;
  }
  return s;
}

export function sysvipc_sem_proc_show(k: Kernel): string {
  let s = '       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n';
  for (const sma of ipc_ns(k).sem.all()) {
    const p = sma.perm;
    s += `${d(p.key, 10)} ${d(p.id, 10)}  ${o(p.mode & 0o7777, 4)} ${d(sma.nsems, 10)} ${d(p.uid, 5)} ${d(p.gid, 5)} ${d(p.cuid, 5)} ${d(p.cgid, 5)} ` +
      `${d(sma.otime, 10)} ${d(sma.ctime, 10)}\n`;
  }
  return s;
}

export function sysvipc_shm_proc_show(k: Kernel): string {
  let s = '       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n';
  for (const shp of ipc_ns(k).shm.all()) {
    const p = shp.perm;
    s += `${d(p.key, 10)} ${d(p.id, 10)}  ${o(p.mode & 0o7777, 4)} ${d(shp.segsz, 21)} ${d(shp.cpid, 5)} ${d(shp.lpid, 5)}  ${d(shp.nattch, 5)} ` +
      `${d(p.uid, 5)} ${d(p.gid, 5)} ${d(p.cuid, 5)} ${d(p.cgid, 5)} ${d(shp.atime, 10)} ${d(shp.dtime, 10)} ${d(shp.ctime, 10)} ` +
      `${d(shp.resident * PAGE_SIZE, 21)} ${d(0, 21)}\n`;
  }
  return s;
}
