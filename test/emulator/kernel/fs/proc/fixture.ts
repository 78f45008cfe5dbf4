// A kernel with the VFS and procfs mounted on /proc, and helpers to read its files through the
// syscalls (open, read, getdents64, readlink), as a program would.

import { fsKernel, UTask, errname } from '../fixture';
import { proc_init } from '../../../../../emulator/kernel/fs/proc/root';
import { sys_mount, sys_umount2 } from '../../../../../emulator/kernel/fs/namespace';
import type { Kernel } from '../../../../../emulator/kernel/kernel';
import { Task } from '../../../../../emulator/kernel/sched/task';
import { SIGCHLD } from '../../../../../emulator/uapi/signal';

export { UTask, errname };

/** mount(2) from `u` with register-style arguments (strings placed in its memory; null → NULL). */
export function mountAs(u: UTask, source: string | null, target: string, type: string | null, flags = 0, data: string | null = null): number {
  const s = (x: string | null) => (x === null ? 0 : u.str(x));
  return sys_mount(u.t, s(source), u.str(target), s(type), flags, s(data));
}

export function umountAs(u: UTask, target: string, flags = 0): number {
  return sys_umount2(u.t, u.str(target), flags);
}

/** A machine with /proc mounted, and a root task (pid 1) to look with. */
export function procKernel(): { k: Kernel; root: UTask } {
  const k = fsKernel();
  proc_init(k);
  const root = new UTask(k);
  root.sys('mkdir', '/proc', 0o555);
  const r = mountAs(root, 'proc', '/proc', 'proc');
  if (r !== 0) throw new Error(`mount proc: ${errname(r)}`);
  return { k, root };
}

/** The names getdents64 lists in a directory, in order. */
export function listDir(u: UTask, path: string): string[] {
  const fd = u.open(path, 0o200000 /* O_DIRECTORY */);
  if (fd < 0) throw new Error(`open ${path}: ${errname(fd)}`);
  const names: string[] = [];
  const buf = u.alloc(4096);
  for (;;) {
    const n = u.sys('getdents64', fd, buf, 4096);
    if (n < 0) throw new Error(`getdents64 ${path}: ${errname(n)}`);
    if (n === 0) break;
    const bytes = u.peek(buf, n);
    const v = new DataView(bytes.buffer);
    for (let off = 0; off < n; ) {
      const reclen = v.getUint16(off + 16, true);
      let end = off + 19;
      while (bytes[end] !== 0) end++;
      names.push(new TextDecoder().decode(bytes.subarray(off + 19, end)));
      off += reclen;
    }
  }
  u.sys('close', fd);
  return names;
}

/** readlink(2): the target, or the errno name. */
export function readlink(u: UTask, path: string): string {
  const buf = u.alloc(4096);
  const n = u.sys('readlink', path, buf, 4096);
  return n < 0 ? errname(n) : u.peekStr(buf, n);
}

/** Read a whole file as bytes. */
export function readBytes(u: UTask, path: string): Uint8Array | string {
  const fd = u.open(path, 0);
  if (fd < 0) return errname(fd);
  const parts: number[] = [];
  for (;;) {
    const r = u.read(fd, 4096);
    if (typeof r === 'number') return errname(r);
    if (r.length === 0) break;
    parts.push(...r);
  }
  u.sys('close', fd);
  return Uint8Array.from(parts);
}

/** A second thread in `leader`'s process (what clone(CLONE_THREAD|CLONE_VM|…) makes). */
export function addThread(u: UTask): Task {
  const k = u.k;
  const leader = u.t;
  const tid = k.allocPid();
  const th = new Task(k, tid, leader.group);
  leader.group.threads.push(th);
  th.comm = leader.comm;
  th.cred = leader.cred;
  th.mm = leader.mm;
  leader.mm!.users++;
  th.files = leader.files;
  leader.files.users++;
  th.fs = leader.fs;
  leader.fs.users++;
  th.sighand = leader.sighand;
  th.parent = leader.parent;
  th.exitSignal = -1;
  th.startTime = k.clock.now();
  k.tasks.set(tid, th);
  return th;
}

/** Make `child` a child process of `parent` that reports its death with SIGCHLD (so it stays a zombie). */
export function adopt(parent: UTask, child: UTask): void {
  child.t.parent = parent.t;
  child.t.exitSignal = SIGCHLD;
  parent.t.children.push(child.t);
}

/** The fields of a status text, as [name, value] in order. */
export function statusFields(text: string): [string, string][] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const i = l.indexOf(':\t');
      if (i < 0) throw new Error(`status line without ":\\t": ${JSON.stringify(l)}`);
      return [l.slice(0, i), l.slice(i + 2)];
    });
}
