// The object graph the UI draws: processes and the kernel objects they reach through their file
// descriptors, their IPC memberships and their sockets' peers — what `ls -l /proc/*/fd`, `ss -xp`,
// `ipcs -p` and /proc/sysvipc tell a student piece by piece, as one picture.
//
// The host (emulator/host/graph_snapshot.ts) reads the kernel's tables from outside and sends the
// graph as diffs: nodes and edges added or changed (whole), ids removed, and "flow" marks for the
// edges bytes moved on since the last diff. Identities are stable for an object's life ("pipe:<ino>",
// "sock:<ino>", "msg:<id>"), so the UI can animate what appears and disappears.

/** Every kind of node. The socket kinds of other families are filled in by their describers. */
export const GRAPH_NODE_KINDS = [
  'process',
  'pipe',
  'fifo',
  'unix',
  'tcp',
  'udp',
  'netlink',
  'netlink-group',
  'socket',
  'eventfd',
  'epoll',
  'msg',
  'sem',
  'shm',
  'mqueue',
  'futex',
  'file',
] as const;
export type GraphNodeKind = (typeof GRAPH_NODE_KINDS)[number];

/**
 * fd: a process's descriptor on an object · peer: two connected sockets · ipc: a process's role on
 * an IPC object (attached, waiting, last-send…) · watch: an epoll instance watching a descriptor ·
 * member: a netlink socket in a multicast group · map: a process maps the object (shared memory).
 */
export const GRAPH_EDGE_KINDS = ['fd', 'peer', 'ipc', 'watch', 'member', 'map'] as const;
export type GraphEdgeKind = (typeof GRAPH_EDGE_KINDS)[number];

/** A detail shown in the tooltip or details panel: key, id, owner, size, waiters, state, … */
export type GraphDetailValue = string | number | boolean;

export interface GraphNode {
  /** Stable identity: "proc:42", "pipe:1234", "sock:5678", "msg:0", "file:8:12". */
  id: string;
  kind: GraphNodeKind;
  /** What the node says: "42 cat", "pipe:[1234]", "msq 0x0000162e 0". */
  label: string;
  /** For process nodes, the pid (the processes store's key). */
  pid?: number;
  details: Record<string, GraphDetailValue>;
}

export interface GraphEdge {
  /** Stable identity: "fd:42:1", "peer:sock:1:sock:2", "ipc:42:msg:0:waiting". */
  id: string;
  kind: GraphEdgeKind;
  /** Process (or the first socket of a peer pair, or an epoll instance). */
  source: string;
  target: string;
  /** "fd 1", "peer", "waiting", "watch fd 4". */
  label: string;
  /** How the descriptor is open (the file's FMODE_READ/FMODE_WRITE), '' where it means nothing. */
  dir: 'r' | 'w' | 'rw' | '';
}

/** Bytes moved on an edge since the previous diff (from the syscalls' exits in the trace). */
export interface GraphFlow {
  edge: string;
  bytes: number;
}

/** The graph's changes since the previous message (or all of it when `full`). */
export interface GraphEvent {
  type: 'graph';
  protocol: number;
  /** The boot this describes (StatusEvent.boot). */
  boot: number;
  full: boolean;
  /** Nodes that are new or changed, whole. */
  nodes: GraphNode[];
  removedNodes: string[];
  /** Edges that are new or changed, whole (their ends are in the graph after this diff). */
  edges: GraphEdge[];
  removedEdges: string[];
  flows: GraphFlow[];
}

const NODE_KINDS = new Set<string>(GRAPH_NODE_KINDS);
const EDGE_KINDS = new Set<string>(GRAPH_EDGE_KINDS);
const DIRS = new Set(['r', 'w', 'rw', '']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrArr = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');

function nodeProblem(v: unknown): string | null {
  if (!isObj(v)) return 'a node must be an object';
  if (typeof v.id !== 'string' || v.id === '') return 'a node needs an id';
  if (typeof v.kind !== 'string' || !NODE_KINDS.has(v.kind)) return `node ${v.id}: unknown kind`;
  if (typeof v.label !== 'string') return `node ${v.id}: label must be a string`;
  if (v.pid !== undefined && !Number.isInteger(v.pid)) return `node ${v.id}: pid must be an integer`;
  if (!isObj(v.details)) return `node ${v.id}: details must be an object`;
  for (const d of Object.values(v.details)) {
    if (typeof d !== 'string' && typeof d !== 'number' && typeof d !== 'boolean') return `node ${v.id}: bad detail`;
  }
  return null;
}

function edgeProblem(v: unknown): string | null {
  if (!isObj(v)) return 'an edge must be an object';
  if (typeof v.id !== 'string' || v.id === '') return 'an edge needs an id';
  if (typeof v.kind !== 'string' || !EDGE_KINDS.has(v.kind)) return `edge ${v.id}: unknown kind`;
  if (typeof v.source !== 'string' || typeof v.target !== 'string') return `edge ${v.id}: needs a source and a target`;
  if (typeof v.label !== 'string') return `edge ${v.id}: label must be a string`;
  if (typeof v.dir !== 'string' || !DIRS.has(v.dir)) return `edge ${v.id}: bad dir`;
  return null;
}

/**
 * Checks a graph event's contents (the protocol checks its envelope): well-formed nodes, edges and
 * flows. Returns null if they are, else the first problem. Never throws.
 */
export function validateGraphEvent(x: unknown): string | null {
  try {
    if (!isObj(x)) return 'a graph event must be an object';
    if (!Array.isArray(x.nodes) || !Array.isArray(x.edges)) return 'graph: nodes and edges must be arrays';
    if (!isStrArr(x.removedNodes) || !isStrArr(x.removedEdges)) return 'graph: removed ids must be strings';
    if (!Array.isArray(x.flows)) return 'graph: flows must be an array';
    for (const n of x.nodes) {
      const p = nodeProblem(n);
      if (p) return `graph: ${p}`;
    }
    for (const e of x.edges) {
      const p = edgeProblem(e);
      if (p) return `graph: ${p}`;
    }
    for (const f of x.flows) {
      if (!isObj(f) || typeof f.edge !== 'string' || typeof f.bytes !== 'number' || !(f.bytes >= 0)) return 'graph: bad flow';
    }
    return null;
  } catch {
    return 'a graph event must be a plain object';
  }
}
