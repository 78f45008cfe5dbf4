// The IPC objects of a machine for the UI (emulator/api/ipc.ts), read straight from the kernel's
// tables as the process snapshot is: the SysV id tables of ipc/namespace.ts, the mqueue
// filesystem's queues, the futex hash. Nothing here runs in the machine or changes it.

import type { IpcEdge, IpcObjectInfo } from '../api/ipc';
import type { Kernel } from '../kernel/kernel';
import { futex_hash } from '../kernel/futex';
import { ipc_ns } from '../kernel/ipc/namespace';
import { mqueue_list } from '../kernel/ipc/mqueue';
import { SHM_DEST } from '../uapi/ipc';
import { TASK_INTERRUPTIBLE, type Task } from '../kernel/sched/task';

/** The processes (leaders) alive in the machine. */
function leaders(k: Kernel): Task[] {
  return [...k.tasks.values()].filter((t) => t.isLeader && !t.isZombie).sort((a, b) => a.tgid - b.tgid);
}

function edge(edges: IpcEdge[], pid: number, role: IpcEdge['role']): void {
  if (pid > 0 && !edges.some((e) => e.pid === pid && e.role === role)) edges.push({ pid, role });
}

export function snapshotIpc(k: Kernel): IpcObjectInfo[] {
  const ns = ipc_ns(k);
  const out: IpcObjectInfo[] = [];
  const procs = leaders(k);
  for (const q of ns.msg.all()) {
    const edges: IpcEdge[] = [];
    for (const r of q.receivers) edge(edges, r.task.tgid, 'waiting');
    for (const s of q.senders) edge(edges, s.task.tgid, 'waiting');
    edge(edges, q.lspid, 'last-send');
    edge(edges, q.lrpid, 'last-receive');
    const p = q.perm;
    out.push({ node: `msg:${p.id}`, kind: 'msg', id: p.id, key: p.key, owner: { uid: p.uid, gid: p.gid, mode: p.mode }, size: q.cbytes, count: q.messages.length, removed: false, edges });
  }
  for (const sma of ns.sem.all()) {
    const edges: IpcEdge[] = [];
    for (const w of sma.pending) edge(edges, w.task.tgid, 'waiting');
    for (const un of sma.undos) if (un.semadj.some((x) => x !== 0)) edge(edges, un.group.tgid, 'undo');
    for (const s of sma.sems) edge(edges, s.sempid, 'last-op');
    const p = sma.perm;
    out.push({ node: `sem:${p.id}`, kind: 'sem', id: p.id, key: p.key, owner: { uid: p.uid, gid: p.gid, mode: p.mode }, size: sma.nsems, count: sma.pending.length, removed: false, edges });
  }
  for (const shp of ns.shm.all()) {
    const edges: IpcEdge[] = [];
    for (const t of procs) if (t.mm?.vmas.some((v) => v.shared === shp)) edge(edges, t.tgid, 'attached');
    edge(edges, shp.cpid, 'creator');
    const p = shp.perm;
    out.push({
      node: `shm:${p.id}`, kind: 'shm', id: p.id, key: p.key, owner: { uid: p.uid, gid: p.gid, mode: p.mode }, size: shp.segsz,
      count: shp.nattch, removed: (p.mode & SHM_DEST) !== 0, edges,
    });
  }
  for (const mq of mqueue_list(k)) {
    const edges: IpcEdge[] = [];
    for (const t of procs) {
      if (t.files && t.files.users > 0 && t.files.entries().some(({ file }) => file.inode.ino === mq.ino && file.inode.private === mq.info)) edge(edges, t.tgid, 'attached');
    }
    for (const q of [mq.info.waitRecv, mq.info.waitSend]) for (const t of q.waiters) edge(edges, t.tgid, 'waiting');
    if (mq.info.notifyOwner) edge(edges, mq.info.notifyOwner.tgid, 'notify');
    out.push({ node: `mqueue:/${mq.name}`, kind: 'mqueue', id: -1, key: `/${mq.name}`, owner: null, size: mq.info.qsize, count: mq.info.msgs.length, removed: false, edges });
  }
  const byKey = new Map<string, IpcEdge[]>();
  for (const q of futex_hash(k).waiters()) {
    if (q.task.state !== TASK_INTERRUPTIBLE) continue;
    const edges = byKey.get(q.key) ?? [];
    edge(edges, q.task.tgid, 'waiting');
    byKey.set(q.key, edges);
  }
  for (const [key, edges] of byKey) {
    out.push({ node: `futex:${key}`, kind: 'futex', id: -1, key, owner: null, size: 4, count: edges.length, removed: false, edges });
  }
  return out;
}
