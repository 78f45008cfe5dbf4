// The detail of one system call, for the UI's detail pane: the kernel functions it went through
// and the user memory it read and wrote. It is recorded only while someone asks for it
// (TraceRing.details non-null) — the kernel's instrumented paths check one counter otherwise — and
// kept apart from the trace events, so trace batches stay small: the UI asks for one call's detail
// by the seq of its sys_enter event.
//
// Linux has no single mechanism for this. The kernel path is what function_graph shows for the
// task (fgraph with set_ftrace_pid); the user memory is what a kprobe on copy_from_user /
// _copy_to_user / strncpy_from_user would log. Here both are bounded per call.

/** At most this many user memory accesses are kept per call; later ones are only counted. */
export const DETAIL_MAX_ACCESSES = 16;
/** At most this many leading bytes of each access are kept. */
export const DETAIL_MAX_BYTES = 256;
/** At most this many kernel function entries are kept per call. */
export const DETAIL_MAX_CALLS = 64;

/** One crossing of the user/kernel boundary by data. */
export interface UserMemAccess {
  /** 'read': the kernel copied from user memory; 'write': it copied into it. */
  dir: 'read' | 'write';
  /** The uaccess helper that did it: copy_from_user, copy_to_user, strncpy_from_user, clear_user… */
  fn: string;
  addr: number;
  /** Bytes moved (for strncpy_from_user: the string and its NUL). */
  len: number;
  /** The first min(len, DETAIL_MAX_BYTES) bytes. */
  bytes: Uint8Array;
  /** False if the access faulted (EFAULT): bytes is then empty. */
  ok: boolean;
}

/** One kernel function entered during the call, at a nesting depth (0: the syscall's entry point). */
export interface KernelCall {
  fn: string;
  depth: number;
}

export interface SyscallDetail {
  /** The seq of the call's sys_enter event. */
  seq: number;
  calls: KernelCall[];
  mem: UserMemAccess[];
  /** Accesses and calls beyond the limits, counted but not kept. */
  droppedMem: number;
  droppedCalls: number;
}

/**
 * The details of the most recent calls, by sys_enter seq: a ring of `capacity` slots indexed by
 * seq, so a newer call overwrites the one `capacity` seqs older (a call's detail is small, but a
 * busy machine makes many).
 */
export class SyscallDetailStore {
  private readonly ring: (SyscallDetail | undefined)[];
  private count = 0;

  constructor(readonly capacity = 8192) {
    this.ring = new Array(capacity);
  }

  /** A new, empty detail for the call whose sys_enter is `seq`. */
  begin(seq: number): SyscallDetail {
    const d: SyscallDetail = { seq, calls: [], mem: [], droppedMem: 0, droppedCalls: 0 };
    this.ring[seq % this.capacity] = d;
    this.count++;
    return d;
  }

  get(seq: number): SyscallDetail | null {
    const d = this.ring[seq % this.capacity];
    return d !== undefined && d.seq === seq ? d : null;
  }

  /** Whether a call at `seq` would have been overwritten by now (its slot reused by a newer one). */
  overwritten(seq: number): boolean {
    const d = this.ring[seq % this.capacity];
    return d !== undefined && d.seq > seq;
  }

  /** Details recorded since this store was made. */
  get recorded(): number {
    return this.count;
  }
}

/** Appends a kernel function entry, within the bound. */
export function detailAddCall(d: SyscallDetail, fn: string, depth: number): void {
  if (d.calls.length < DETAIL_MAX_CALLS) d.calls.push({ fn, depth });
  else d.droppedCalls++;
}

/** Appends a user memory access (copying its first bytes), within the bounds. */
export function detailAddAccess(
  d: SyscallDetail, dir: 'read' | 'write', fn: string, addr: number, len: number, bytes: Uint8Array | null,
): void {
  if (d.mem.length >= DETAIL_MAX_ACCESSES) {
    d.droppedMem++;
    return;
  }
  const kept = bytes ? bytes.slice(0, Math.min(bytes.length, DETAIL_MAX_BYTES)) : new Uint8Array(0);
  d.mem.push({ dir, fn, addr, len, bytes: kept, ok: bytes !== null });
}
