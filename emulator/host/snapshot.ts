// The process table as the UI sees it, read straight from the kernel's structures — the way a
// kernel debugger (crash, drgn) walks task_struct, files_struct and mm_struct of a stopped kernel.
//
// Nothing here enters the kernel through a syscall and nothing here allocates in, faults in or
// otherwise changes the machine: user memory (argv) is read only from pages already present, so a
// look never adds a trace event, a page fault or a page to any process. The fields mirror what
// /proc/<pid>/{status,cmdline,cwd,fd,fdinfo,maps,syscall} show, without their text formats.

import type { BlockedSyscall, FdInfo, HandlerInfo, MapInfo, ProcessInfo } from '../api/introspection';
import type { Kernel } from '../kernel/kernel';
import { d_path } from '../kernel/fs/d_path';
import { FMODE_READ, FMODE_WRITE } from '../kernel/fs/fs';
import type { MM } from '../kernel/mm/mm';
import { vmaPermString } from '../kernel/mm/vma';
import { taskStateChar, type Task } from '../kernel/sched/task';
import { NSIG, SIG_DFL, SIG_IGN, signalName } from '../uapi/signal';
import { PAGE_SIZE } from '../uapi/mman';
import { syscallDisplayName } from '../uapi/syscall_signatures';

/** argv longer than this is cut (a UI has no use for a megabyte of arguments). */
const MAX_CMDLINE = 4096;

/** Every task the kernel knows, lowest pid first. */
export function snapshotProcesses(kernel: Kernel): ProcessInfo[] {
  return [...kernel.tasks.values()].sort((a, b) => a.tid - b.tid).map(snapshotTask);
}

export function snapshotTask(t: Task): ProcessInfo {
  const zombie = t.isZombie;
  const c = t.cred;
  return {
    pid: t.tid,
    tgid: t.tgid,
    ppid: t.parent ? t.parent.tgid : 0,
    pgid: t.group.pgid,
    sid: t.group.sid,
    comm: t.comm,
    state: taskStateChar(t),
    tty: t.group.tty ? t.group.tty.name : null,
    uid: c.uid,
    euid: c.euid,
    gid: c.gid,
    egid: c.egid,
    groups: [...c.groups],
    cmdline: zombie ? [] : peekCmdline(t.mm),
    exe: t.exePath,
    cwd: zombie || !t.fs ? null : d_path(t.fs.pwd, t.fs.root),
    fds: zombie ? [] : fdTable(t),
    maps: zombie ? [] : memoryMap(t.mm),
    sigBlocked: sigsetHex(t.blocked),
    sigPending: sigsetHex(t.pending.set),
    sigSharedPending: sigsetHex(t.group.sharedPending.set),
    handlers: zombie ? [] : handlers(t),
    syscall: blockedSyscall(t),
    startNs: t.startTime,
    utimeNs: t.utime,
    stimeNs: t.stime,
  };
}

/** What each descriptor refers to (readlink of /proc/<pid>/fd/N, seen from the task's own root). */
function fdTable(t: Task): FdInfo[] {
  const files = t.files;
  if (!files || files.users === 0) return [];
  return files.entries().map(({ fd, file, cloexec }): FdInfo => {
    const r = (file.f_mode & FMODE_READ) !== 0;
    const w = (file.f_mode & FMODE_WRITE) !== 0;
    return {
      fd,
      target: d_path(file.path, t.fs.root),
      mode: r && w ? 'rw' : r ? 'r' : w ? 'w' : '',
      cloexec,
      flags: file.f_flags,
      pos: file.pos,
    };
  });
}

function memoryMap(mm: MM | null): MapInfo[] {
  if (!mm) return [];
  return mm.vmas.map((v) => ({
    start: v.start,
    end: v.end,
    perms: vmaPermString(v),
    offset: v.pgoff,
    name: v.file ? v.file.path : v.name,
  }));
}

/**
 * argv as it sits between arg_start and arg_end, read only from pages that are present (never
 * through mm.readInto, which would fault a missing page in — a change to the machine).
 */
export function peekCmdline(mm: MM | null): string[] {
  if (!mm || mm.argEnd <= mm.argStart) return [];
  const len = Math.min(mm.argEnd - mm.argStart, MAX_CMDLINE);
  const bytes: number[] = [];
  for (let a = mm.argStart; a < mm.argStart + len; a++) {
    const page = mm.pages.get(Math.floor(a / PAGE_SIZE));
    if (!page) break;
    bytes.push(page.data[a % PAGE_SIZE]!);
  }
  const args: string[] = [];
  let cur = '';
  for (const b of bytes) {
    if (b === 0) {
      args.push(cur);
      cur = '';
    } else cur += String.fromCharCode(b);
  }
  if (cur) args.push(cur);
  return args.map(utf8ByteString);
}

/** The kernel's strings are byte strings (one char per byte); show their UTF-8 as text. */
function utf8ByteString(s: string): string {
  const bytes = Uint8Array.from(s, (ch) => ch.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** A 64-bit signal set as 16 hex digits (render_sigset_t). */
export function sigsetHex(set: bigint): string {
  return BigInt.asUintN(64, set).toString(16).padStart(16, '0');
}

function handlers(t: Task): HandlerInfo[] {
  const out: HandlerInfo[] = [];
  for (let sig = 1; sig <= NSIG; sig++) {
    const act = t.sighand?.action[sig];
    if (!act || act.handler === SIG_DFL) continue;
    out.push({
      sig,
      name: signalName(sig),
      action: act.handler === SIG_IGN ? 'ignore' : '0x' + act.handler.toString(16),
      flags: '0x' + (act.flags >>> 0).toString(16),
    });
  }
  return out;
}

/**
 * The call a task is sleeping in, from the registers it saved at entry (task_current_syscall).
 * A task that is running, or stopped outside a call, has none.
 */
function blockedSyscall(t: Task): BlockedSyscall | null {
  if (t.isZombie || !t.inSyscall || !t.uctx) return null;
  const r = t.uctx.regs;
  if (r.orig_rax < 0) return null;
  return { nr: r.orig_rax, name: syscallDisplayName(r.orig_rax), args: [r.rdi, r.rsi, r.rdx, r.r10, r.r8, r.r9] };
}

/**
 * What changed between two snapshots: tasks that are new or differ (compared by content, since
 * a snapshot is cheap to compare and the kernel keeps no "changed" bits), and pids that are gone.
 */
export function diffProcesses(
  prev: ReadonlyMap<number, string>,
  next: ProcessInfo[],
): { upsert: ProcessInfo[]; removed: number[]; keys: Map<number, string> } {
  const keys = new Map<number, string>();
  const upsert: ProcessInfo[] = [];
  for (const p of next) {
    const key = JSON.stringify(p);
    keys.set(p.pid, key);
    if (prev.get(p.pid) !== key) upsert.push(p);
  }
  const removed = [...prev.keys()].filter((pid) => !keys.has(pid));
  return { upsert, removed, keys };
}
