// IPC objects as the UI's graph shows them: one node per SysV message queue, semaphore set and
// shared memory segment, per POSIX message queue and per futex word somebody sleeps on, each with
// a stable identity, its owner and size, and edges to the processes that hold or wait on it.
// Built by emulator/host/ipc_snapshot.ts from the kernel's tables, like the process snapshot.

export type IpcKind = 'msg' | 'sem' | 'shm' | 'mqueue' | 'futex';

/** How a process is related to an object. */
export type IpcRole =
  /** shm: attached (a VMA maps it); mqueue: has a descriptor open. */
  | 'attached'
  /** Blocked in msgsnd/msgrcv, semop, mq_timedsend/receive, or FUTEX_WAIT on it. */
  | 'waiting'
  /** msg: last sender (lspid) / last receiver (lrpid); sem: last to operate (sempid); shm: creator and last attach/detach. */
  | 'last-send'
  | 'last-receive'
  | 'last-op'
  | 'creator'
  /** sem: holds SEM_UNDO adjustments on it; mqueue: registered for notification. */
  | 'undo'
  | 'notify';

export interface IpcEdge {
  pid: number;
  role: IpcRole;
}

export interface IpcObjectInfo {
  /** Stable node id: "msg:65536", "shm:3", "mqueue:/name", "futex:<key>". */
  node: string;
  kind: IpcKind;
  /** The SysV identifier, or -1. */
  id: number;
  /** The SysV key (0 for IPC_PRIVATE), or the POSIX name. */
  key: number | string;
  owner: { uid: number; gid: number; mode: number } | null;
  /** Bytes queued (msg, mqueue), semaphores (sem), segment size (shm), 4 for a futex word. */
  size: number;
  /** Messages queued (msg, mqueue), attachments (shm), sleepers (sem, futex). */
  count: number;
  /** IPC_RMID'd shm still attached ("dest"). */
  removed: boolean;
  edges: IpcEdge[];
}
