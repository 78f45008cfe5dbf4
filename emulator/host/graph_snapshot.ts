// The object graph (emulator/api/graph.ts) read straight from the kernel, as a kernel debugger
// would walk it: each process's files_struct (every fd to the pipe, socket, eventfd, epoll, FIFO,
// mqueue or tmpfs file behind it), its mm (shared mappings of /dev/shm files), the sockets' peers
// and groups (sock_describe.ts), and the IPC tables (ipc_snapshot.ts). Nothing runs in the
// machine and nothing in it changes; looking adds no syscall to any trace.
//
// Flow: pipes and sockets keep no "bytes moved" counter (Linux has none for pipes either), so the
// FlowMeter watches the machine-wide trace the host already records: at each read/write-like
// syscall's exit with a positive result, those bytes moved on that process's fd. The graph tracker
// turns that into per-edge flow marks (the UI pulses the edge) and per-object byte totals.

import type { GraphDetailValue, GraphEdge, GraphEvent, GraphFlow, GraphNode } from '../api/graph';
import type { IpcObjectInfo } from '../api/ipc';
import type { Kernel } from '../kernel/kernel';
import { d_path } from '../kernel/fs/d_path';
import { EventfdCtx } from '../kernel/fs/eventfd';
import { EventPoll } from '../kernel/fs/eventpoll';
import type { File } from '../kernel/fs/file';
import { FMODE_READ, FMODE_WRITE } from '../kernel/fs/fs';
import { get_pipe_info } from '../kernel/fs/pipe';
import { mqueue_list } from '../kernel/ipc/mqueue';
import { sock_from_file } from '../kernel/net/socket';
import type { Task } from '../kernel/sched/task';
import type { TraceEvent } from '../trace/events';
import type { TraceRing } from '../trace/ring';
import { PROT_WRITE } from '../uapi/mman';
import { S_ISFIFO, S_ISREG } from '../uapi/stat';
import { syscallNumber } from '../uapi/unistd_64';
import { snapshotIpc } from './ipc_snapshot';
import { describe_sock, type SockGroup } from './sock_describe';

export interface GraphSnapshot {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

const procId = (pid: number) => `proc:${pid}`;
export const fdEdgeId = (pid: number, fd: number) => `fd:${pid}:${fd}`;
const hex8 = (n: number) => '0x' + (n >>> 0).toString(16).padStart(8, '0');
const octal = (n: number) => '0' + (n & 0o777).toString(8);

/**
 * Numbers for objects that have no inode number of their own to be known by (eventfd and epoll
 * share one anonymous inode, as in Linux): stable for the object's life, never reused.
 */
const anonIds = new WeakMap<object, number>();
let nextAnonId = 1;
function anonId(o: object): number {
  let id = anonIds.get(o);
  if (id === undefined) anonIds.set(o, (id = nextAnonId++));
  return id;
}

/** What one open file is in the graph, if it is something the graph draws. */
interface FileObject {
  node: GraphNode;
  /** Sockets: the peer's inode and the groups joined. */
  peerIno?: number;
  groups?: SockGroup[];
}

/** The tmpfs files the graph shows: anything on a tmpfs mount (/dev/shm), and /tmp on the rootfs. */
function isSharedTmpfsFile(file: File, path: string): boolean {
  if (!S_ISREG(file.inode.mode)) return false;
  const fs = file.inode.sb.type.name;
  return fs === 'tmpfs' || (fs === 'rootfs' && path.startsWith('/tmp/'));
}

/** `mqueues`: the POSIX queues by their info (the mqueue inode's i_private), as "/name". */
function describeFile(file: File, t: Task, mqueues: ReadonlyMap<unknown, string>): FileObject | null {
  const inode = file.inode;
  const pipe = get_pipe_info(file);
  if (pipe) {
    const details: Record<string, GraphDetailValue> = {
      inode: inode.ino, buffered: pipe.len, capacity: pipe.capacity, readers: pipe.readers, writers: pipe.writers,
    };
    // A FIFO has a name in a filesystem; a pipe(2) pipe has a nameless dentry on pipefs.
    if (S_ISFIFO(inode.mode) && file.path.dentry.name !== '') {
      const path = d_path(file.path, t.fs.root);
      return { node: { id: `fifo:${inode.sb.dev}:${inode.ino}`, kind: 'fifo', label: `fifo ${path}`, details: { path, ...details } } };
    }
    return { node: { id: `pipe:${inode.ino}`, kind: 'pipe', label: `pipe:[${inode.ino}]`, details } };
  }
  const sock = sock_from_file(file);
  if (sock) {
    const d = describe_sock(sock);
    const obj: FileObject = { node: { id: `sock:${inode.ino}`, kind: d.kind, label: d.label, details: d.details } };
    if (d.peerIno !== undefined) obj.peerIno = d.peerIno;
    if (d.groups) obj.groups = d.groups;
    return obj;
  }
  const priv = file.private_data;
  if (priv instanceof EventfdCtx) {
    const id = anonId(priv);
    return { node: { id: `eventfd:${id}`, kind: 'eventfd', label: `eventfd ${id}`, details: { count: priv.count.toString(), semaphore: priv.semaphore } } };
  }
  if (priv instanceof EventPoll) {
    const id = anonId(priv);
    return { node: { id: `epoll:${id}`, kind: 'epoll', label: `epoll ${id}`, details: { watched: priv.items.length, ready: priv.rdllist.length } } };
  }
  const mq = inode.private !== null ? mqueues.get(inode.private) : undefined;
  if (mq !== undefined) return { node: { id: `mqueue:${mq}`, kind: 'mqueue', label: `mq ${mq}`, details: {} } };
  const path = d_path(file.path, t.fs.root);
  if (isSharedTmpfsFile(file, path)) {
    return { node: { id: `file:${inode.sb.dev}:${inode.ino}`, kind: 'file', label: path, details: { path, inode: inode.ino, size: inode.size } } };
  }
  return null;
}

function dirOf(file: File): GraphEdge['dir'] {
  const r = (file.f_mode & FMODE_READ) !== 0;
  const w = (file.f_mode & FMODE_WRITE) !== 0;
  return r && w ? 'rw' : r ? 'r' : w ? 'w' : '';
}

const IPC_LABEL: Record<IpcObjectInfo['kind'], string> = { msg: 'msq', sem: 'sem', shm: 'shm', mqueue: 'mq', futex: 'futex' };

function ipcNode(o: IpcObjectInfo): GraphNode {
  const details: Record<string, GraphDetailValue> = {};
  if (o.id >= 0) details.id = o.id;
  details.key = typeof o.key === 'number' ? hex8(o.key) : o.key;
  if (o.owner) {
    details.owner = `${o.owner.uid}:${o.owner.gid}`;
    details.mode = octal(o.owner.mode);
  }
  const size: Record<IpcObjectInfo['kind'], string> = { msg: 'bytes', sem: 'nsems', shm: 'bytes', mqueue: 'bytes', futex: 'bytes' };
  const count: Record<IpcObjectInfo['kind'], string> = { msg: 'messages', sem: 'waiters', shm: 'nattch', mqueue: 'messages', futex: 'waiters' };
  details[size[o.kind]] = o.size;
  details[count[o.kind]] = o.count;
  details.waiters ??= o.edges.filter((e) => e.role === 'waiting').length;
  if (o.removed) details.removed = true;
  const label = typeof o.key === 'number' ? `${IPC_LABEL[o.kind]} ${hex8(o.key)} ${o.id}` : `${IPC_LABEL[o.kind]} ${o.key}`;
  return { id: o.node, kind: o.kind, label, details };
}

/** The whole graph as it is now. Processes appear when they hold or use something drawn. */
export function snapshotGraph(k: Kernel): GraphSnapshot {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const used = new Set<number>();
  const leaders = [...k.tasks.values()].filter((t) => t.isLeader && !t.isZombie).sort((a, b) => a.tgid - b.tgid);
  const alive = new Map(leaders.map((t) => [t.tgid, t]));
  const mqueues = new Map<unknown, string>(mqueue_list(k).map((m) => [m.info, `/${m.name}`]));
  const peers: [string, number][] = [];
  const add = (obj: FileObject): string => {
    const id = obj.node.id;
    if (!nodes.has(id)) {
      nodes.set(id, obj.node);
      if (obj.peerIno !== undefined) peers.push([id, obj.peerIno]);
      for (const g of obj.groups ?? []) {
        if (!nodes.has(g.id)) nodes.set(g.id, { id: g.id, kind: g.kind, label: g.label, details: g.details });
        edges.set(`member:${id}:${g.id}`, { id: `member:${id}:${g.id}`, kind: 'member', source: id, target: g.id, label: 'member', dir: '' });
      }
    }
    return id;
  };
  for (const t of leaders) {
    const files = t.files;
    if (!files || files.users === 0) continue;
    for (const { fd, file } of files.entries()) {
      const obj = describeFile(file, t, mqueues);
      if (!obj) continue;
      const target = add(obj);
      const id = fdEdgeId(t.tgid, fd);
      edges.set(id, { id, kind: 'fd', source: procId(t.tgid), target, label: `fd ${fd}`, dir: dirOf(file) });
      used.add(t.tgid);
      // An epoll instance's interest list: what it watches, as edges from it.
      if (file.private_data instanceof EventPoll) {
        for (const item of file.private_data.items) {
          const watched = describeFile(item.file, t, mqueues);
          if (!watched) continue;
          const wid = `watch:${target}:${item.fd}`;
          edges.set(wid, { id: wid, kind: 'watch', source: target, target: add(watched), label: `watch fd ${item.fd}`, dir: '' });
        }
      }
    }
    // Shared mappings of tmpfs files (POSIX shared memory stays mapped after its fd is closed).
    for (const v of t.mm?.vmas ?? []) {
      if (!v.file || !v.shared || !(v.file.path.startsWith('/dev/shm/') || v.file.path.startsWith('/tmp/'))) continue;
      const id = `file:${v.file.dev}:${v.file.ino}`;
      if (!nodes.has(id)) nodes.set(id, { id, kind: 'file', label: v.file.path, details: { path: v.file.path, inode: v.file.ino } });
      const eid = `map:${t.tgid}:${id}`;
      const w = (v.prot & PROT_WRITE) !== 0;
      const old = edges.get(eid);
      edges.set(eid, { id: eid, kind: 'map', source: procId(t.tgid), target: id, label: 'mmap', dir: w || old?.dir === 'rw' ? 'rw' : 'r' });
      used.add(t.tgid);
    }
  }
  for (const [id, peerIno] of peers) {
    const other = `sock:${peerIno}`;
    if (!nodes.has(other)) continue;
    const [a, b] = id < other ? [id, other] : [other, id];
    edges.set(`peer:${a}:${b}`, { id: `peer:${a}:${b}`, kind: 'peer', source: a, target: b, label: 'peer', dir: '' });
  }
  for (const o of snapshotIpc(k)) {
    const node = ipcNode(o);
    const existing = nodes.get(o.node);
    nodes.set(o.node, existing ? { ...existing, label: node.label, details: { ...existing.details, ...node.details } } : node);
    for (const e of o.edges) {
      // An mqueue's holders are already drawn by their fd edges.
      if (!alive.has(e.pid) || (o.kind === 'mqueue' && e.role === 'attached')) continue;
      const id = `ipc:${e.pid}:${o.node}:${e.role}`;
      edges.set(id, { id, kind: 'ipc', source: procId(e.pid), target: o.node, label: e.role, dir: '' });
      used.add(e.pid);
    }
  }
  for (const pid of [...used].sort((a, b) => a - b)) {
    const t = alive.get(pid)!;
    nodes.set(procId(pid), {
      id: procId(pid), kind: 'process', label: `${pid} ${t.comm}`, pid,
      details: { pid, ppid: t.parent ? t.parent.tgid : 0, comm: t.comm, uid: t.cred.uid },
    });
  }
  return { nodes, edges };
}

// ---- flow ------------------------------------------------------------------------------------

/** The syscalls that move data, and which of their arguments are descriptors it moved through. */
const DATA_FD_ARGS = new Map<number, number[]>(
  (
    [
      ['read', [0]], ['write', [0]], ['pread64', [0]], ['pwrite64', [0]], ['readv', [0]], ['writev', [0]],
      ['preadv', [0]], ['pwritev', [0]], ['preadv2', [0]], ['pwritev2', [0]], ['sendto', [0]], ['recvfrom', [0]],
      ['sendmsg', [0]], ['recvmsg', [0]], ['sendfile', [0, 1]], ['splice', [0, 2]], ['tee', [0, 1]],
      ['vmsplice', [0]], ['copy_file_range', [0, 2]], ['mq_timedsend', [0]], ['mq_timedreceive', [0]],
    ] as const
  )
    .filter(([name]) => syscallNumber.has(name))
    .map(([name, fds]) => [syscallNumber.get(name)!, [...fds]]),
);

/**
 * Bytes moved per (process, fd) since the last take, from the trace's syscall entries and exits.
 * mq_timedsend returns 0, not a length: it is counted as one message moved (1).
 */
export class FlowMeter {
  private readonly inFlight = new Map<number, { nr: number; fds: number[] }>();
  private moved = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private readonly mqSend = syscallNumber.get('mq_timedsend');

  constructor(ring: TraceRing) {
    this.unsubscribe = ring.subscribe((e) => this.see(e));
  }

  private see(e: TraceEvent): void {
    if (e.kind === 'sys_enter') {
      const fds = DATA_FD_ARGS.get(e.nr);
      if (fds) this.inFlight.set(e.tid, { nr: e.nr, fds: fds.map((i) => e.args[i]! | 0) });
      else this.inFlight.delete(e.tid);
    } else if (e.kind === 'sys_exit') {
      const call = this.inFlight.get(e.tid);
      if (!call || call.nr !== e.nr) return;
      this.inFlight.delete(e.tid);
      const bytes = e.ret > 0 ? e.ret : e.ret === 0 && e.nr === this.mqSend ? 1 : 0;
      if (bytes === 0) return;
      for (const fd of call.fds) {
        const id = fdEdgeId(e.pid, fd);
        this.moved.set(id, (this.moved.get(id) ?? 0) + bytes);
      }
    } else if (e.kind === 'exit') this.inFlight.delete(e.tid);
  }

  /** Bytes per fd edge id since the last take. */
  take(): Map<string, number> {
    const m = this.moved;
    this.moved = new Map();
    return m;
  }

  close(): void {
    this.unsubscribe();
  }
}

// ---- diffs -----------------------------------------------------------------------------------

export type GraphDiff = Omit<GraphEvent, 'type' | 'protocol' | 'boot'>;

/**
 * Keeps what the UI was last sent and makes the next diff: nodes and edges compared by content,
 * flows from the meter (a socket's flow also pulses its peer edge), and each object's running
 * total of bytes moved through it as a detail.
 */
export class GraphTracker {
  private nodeKeys = new Map<string, string>();
  private edgeKeys = new Map<string, string>();
  private full = true;
  private readonly meter: FlowMeter;
  /** Bytes moved through each object since it appeared. */
  private readonly totals = new Map<string, number>();

  constructor(private readonly kernel: Kernel) {
    this.meter = new FlowMeter(kernel.trace);
  }

  /** The next message is the whole graph. */
  refresh(): void {
    this.full = true;
    this.nodeKeys = new Map();
    this.edgeKeys = new Map();
  }

  /** What changed since the last call, or null if nothing did (and the UI has the whole graph). */
  diff(): GraphDiff | null {
    const { nodes, edges } = snapshotGraph(this.kernel);
    const flows: GraphFlow[] = [];
    const peerOf = new Map<string, string>();
    for (const e of edges.values()) {
      if (e.kind !== 'peer') continue;
      peerOf.set(e.source, e.id);
      peerOf.set(e.target, e.id);
    }
    const peerFlow = new Map<string, number>();
    for (const [id, bytes] of this.meter.take()) {
      const edge = edges.get(id);
      if (!edge) continue;
      flows.push({ edge: id, bytes });
      this.totals.set(edge.target, (this.totals.get(edge.target) ?? 0) + bytes);
      const peer = peerOf.get(edge.target);
      if (peer) peerFlow.set(peer, (peerFlow.get(peer) ?? 0) + bytes);
    }
    for (const [edge, bytes] of peerFlow) flows.push({ edge, bytes });
    for (const id of this.totals.keys()) if (!nodes.has(id)) this.totals.delete(id);
    for (const [id, bytes] of this.totals) {
      const n = nodes.get(id)!;
      n.details = { ...n.details, 'bytes moved': bytes };
    }
    const changedNodes = changed(this.nodeKeys, nodes);
    const changedEdges = changed(this.edgeKeys, edges);
    const full = this.full;
    this.full = false;
    const diff: GraphDiff = {
      full,
      nodes: changedNodes.upsert,
      removedNodes: changedNodes.removed,
      edges: changedEdges.upsert,
      removedEdges: changedEdges.removed,
      flows,
    };
    this.nodeKeys = changedNodes.keys;
    this.edgeKeys = changedEdges.keys;
    const empty = diff.nodes.length + diff.removedNodes.length + diff.edges.length + diff.removedEdges.length + flows.length === 0;
    return empty && !full ? null : diff;
  }

  close(): void {
    this.meter.close();
  }
}

function changed<T extends { id: string }>(prev: ReadonlyMap<string, string>, next: ReadonlyMap<string, T>): { upsert: T[]; removed: string[]; keys: Map<string, string> } {
  const keys = new Map<string, string>();
  const upsert: T[] = [];
  for (const [id, x] of next) {
    const key = JSON.stringify(x);
    keys.set(id, key);
    if (prev.get(id) !== key) upsert.push(x);
  }
  const removed = [...prev.keys()].filter((id) => !keys.has(id));
  return { upsert, removed, keys };
}
