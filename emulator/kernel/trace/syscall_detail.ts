// Recording one syscall's detail for the UI (emulator/trace/detail.ts): the kernel functions it
// enters and the user memory it copies in and out. The host switches it on while the UI shows call
// details; while it is off, the instrumented places (ftrace_graph_call's call sites, uaccess.ts)
// test one counter and go on, so it costs nothing.
//
// Like Linux's fgraph, the kernel-path half is a second user of the function-graph hooks: turning
// it on counts in ftrace_graph_active, and ftrace_graph_call reports each instrumented function to
// both function_graph (tracefs) and here. The memory half is what a kprobe on the uaccess helpers
// would see. Simplified: a task has one call in flight at a time (true without io_uring), and a
// call that slept and ran again records its path and copies again, as they really happen again.

import { syscallName } from '../../uapi/unistd_64';
import { SyscallDetailStore, detailAddAccess, detailAddCall, type SyscallDetail } from '../../trace/detail';
import type { Kernel } from '../kernel';
import type { Task } from '../sched/task';
import { ftrace_graph_register } from './ftrace';

/** How many machines record syscall details: the one check uaccess makes. */
export let syscall_detail_active = 0;

/** A call being recorded: its detail and how deep in instrumented functions the task is. */
interface LiveDetail {
  d: SyscallDetail;
  depth: number;
}

const live = new WeakMap<Task, LiveDetail>();

/** Start or stop recording details on `kernel` (the store is dropped when stopped). */
export function syscall_detail_enable(kernel: Kernel, on: boolean): void {
  const ring = kernel.trace;
  if (on === (ring.details !== null)) return;
  ring.details = on ? new SyscallDetailStore() : null;
  syscall_detail_active += on ? 1 : -1;
  ftrace_graph_register(on ? 1 : -1);
}

/** At sys_enter, right after its event was recorded: the call's detail begins with its entry point. */
export function syscall_detail_enter(t: Task, nr: number): void {
  const ring = t.kernel.trace;
  const store = ring.details;
  if (!store) return;
  const d = store.begin(ring.head - 1);
  detailAddCall(d, entryName(nr), 0);
  live.set(t, { d, depth: 1 });
}

const entryNames: string[] = [];

/** The syscall's entry point as function_graph names it, __x64_sys_openat (made once per number). */
function entryName(nr: number): string {
  if (nr < 0 || nr > 1023) return '__x64_sys_ni_syscall';
  return (entryNames[nr] ??= `__x64_sys_${syscallName.get(nr) ?? 'ni_syscall'}`);
}

/** At sys_exit: nothing more belongs to this call. */
export function syscall_detail_exit(t: Task): void {
  live.delete(t);
}

/** An instrumented kernel function is entered: note it; returns the live record to pop, if any. */
export function syscall_detail_call(t: Task, fn: string): LiveDetail | undefined {
  const l = live.get(t);
  if (l) detailAddCall(l.d, fn, l.depth++);
  return l;
}

/** ... and returns. */
export function syscall_detail_return(l: LiveDetail): void {
  l.depth--;
}

/** A uaccess helper moved `len` bytes at `addr` (bytes null: it faulted). */
export function syscall_detail_uaccess(
  t: Task, dir: 'read' | 'write', fn: string, addr: number, len: number, bytes: Uint8Array | null,
): void {
  const l = live.get(t);
  if (l) detailAddAccess(l.d, dir, fn, addr, len, bytes);
}
