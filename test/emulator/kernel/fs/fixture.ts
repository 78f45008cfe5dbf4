// A kernel with only the VFS brought up, and tasks whose syscalls the tests call directly with
// register-style arguments: strings and buffers live in the task's own user memory (a scratch
// VMA), so every pointer goes through copy_from_user/copy_to_user as it would from a program.
// A handler that returns SLEEP has put its task to sleep; calling it again is what the scheduler
// does when the task is woken.

import { Kernel } from '../../../../emulator/kernel/kernel';
import { Task, ThreadGroup, TASK_RUNNING } from '../../../../emulator/kernel/sched/task';
import { MM } from '../../../../emulator/kernel/mm/mm';
import { Cred } from '../../../../emulator/kernel/security/cred';
import { SigHand } from '../../../../emulator/kernel/signal_types';
import { FilesStruct } from '../../../../emulator/kernel/fs/fdtable';
import { vfs_init, init_fs_context } from '../../../../emulator/kernel/fs/vfs_init';
import { fsSyscalls } from '../../../../emulator/kernel/fs/syscalls';
import { chr_dev_init } from '../../../../emulator/kernel/drivers/char/mem';
import { defaultRlimits } from '../../../../emulator/kernel/resource';
import { PROT_READ, PROT_WRITE } from '../../../../emulator/uapi/mman';
import { ERRNO_TABLE } from '../../../../emulator/uapi/errno';
import { SLEEP } from '../../../../emulator/kernel/sched/waitqueue';
import { do_new_mount, kernel_vfs } from '../../../../emulator/kernel/fs/vfs';
import { shmem_fs_type } from '../../../../emulator/kernel/fs/tmpfs';
import { MNT_RELATIME } from '../../../../emulator/kernel/fs/mount';
import { path_lookupat, LOOKUP_FOLLOW } from '../../../../emulator/kernel/fs/namei';
import { AT_FDCWD } from '../../../../emulator/uapi/fcntl';

/** Where each test task's scratch memory is mapped, and how big it is. */
export const SCRATCH = 0x10000000;
export const SCRATCH_SIZE = 16 << 20;
/** An address inside no mapping, for EFAULT tests. */
export const BAD_ADDR = 0x5000;

export function fsKernel(bootRealtimeNs = 1_700_000_000_000_000_000): Kernel {
  const k = new Kernel({ seed: 7, memoryBytes: 64 << 20, nrCpus: 1, bootRealtimeNs, runtime: { createContext: () => null } });
  vfs_init(k);
  chr_dev_init(k);
  return k;
}

/** A task with a user address space, its own fd table and a cwd at /. */
export class UTask {
  readonly t: Task;
  private brk = SCRATCH;

  constructor(
    readonly k: Kernel,
    uid = 0,
    gid = 0,
  ) {
    const pid = k.allocPid();
    const g = new ThreadGroup(pid, pid, pid, defaultRlimits());
    const t = new Task(k, pid, g);
    g.threads.push(t);
    t.comm = `fstest${pid}`;
    t.cred = new Cred();
    t.cred.uid = t.cred.euid = t.cred.suid = t.cred.fsuid = uid;
    t.cred.gid = t.cred.egid = t.cred.sgid = t.cred.fsgid = gid;
    t.sighand = new SigHand();
    t.files = new FilesStruct();
    t.fs = init_fs_context(k);
    t.mm = new MM(k.phys);
    t.mm.mapArea(SCRATCH, SCRATCH + SCRATCH_SIZE, PROT_READ | PROT_WRITE, 0, '[scratch]');
    k.tasks.set(pid, t);
    this.t = t;
  }

  /** Allocate `n` bytes of scratch user memory (zeroed). */
  alloc(n: number): number {
    const a = this.brk;
    this.brk += (n + 15) & ~15;
    if (this.brk > SCRATCH + SCRATCH_SIZE) this.brk = SCRATCH + 64; // wrap: tests only need recent buffers
    this.t.mm!.fill(a, n, 0);
    return a;
  }

  /** A NUL-terminated string in user memory (bytes as given, latin1). */
  str(s: string): number {
    const b = Uint8Array.from(s + '\0', (c) => c.charCodeAt(0) & 0xff);
    const a = this.alloc(b.length);
    this.t.mm!.writeFrom(a, b);
    return a;
  }

  /** Bytes in user memory. */
  bytes(data: Uint8Array | string): number {
    const b = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const a = this.alloc(Math.max(1, b.length));
    this.t.mm!.writeFrom(a, b);
    return a;
  }

  peek(addr: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    this.t.mm!.readInto(addr, out);
    return out;
  }

  peekStr(addr: number, n: number): string {
    return new TextDecoder().decode(this.peek(addr, n));
  }

  i32(addr: number): number {
    return new DataView(this.peek(addr, 4).buffer).getInt32(0, true);
  }

  /**
   * Call a filesystem syscall by name with register arguments (strings are put in memory). As the
   * syscall entry does, a call that completes (anything but SLEEP) clears t.restart.
   */
  sys(name: string, ...args: (number | string)[]): number {
    const h = fsSyscalls[name];
    if (!h) throw new Error(`no fs syscall ${name}`);
    const a = args.map((x) => (typeof x === 'string' ? this.str(x) : x));
    while (a.length < 6) a.push(0);
    const r = h(this.t, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
    if (r !== SLEEP) this.t.restart = null;
    return r;
  }

  // ---- conveniences over sys() ----

  open(path: string, flags: number, mode = 0o644): number {
    return this.sys('open', path, flags, mode);
  }

  write(fd: number, data: Uint8Array | string): number {
    const b = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    return this.sys('write', fd, this.bytes(b), b.length);
  }

  /** read(2); returns the bytes or the -errno. */
  read(fd: number, count: number): Uint8Array | number {
    const buf = this.alloc(Math.max(count, 1));
    const r = this.sys('read', fd, buf, count);
    return r < 0 ? r : this.peek(buf, r);
  }

  readText(fd: number, count = 65536): string | number {
    const r = this.read(fd, count);
    return typeof r === 'number' ? r : new TextDecoder().decode(r);
  }

  /** Write a whole file (created 0644 or truncated). */
  put(path: string, content: string, mode = 0o644): void {
    const fd = this.open(path, 0o1101 /* O_WRONLY|O_CREAT|O_TRUNC */, mode);
    if (fd < 0) throw new Error(`put ${path}: ${errname(fd)}`);
    this.write(fd, content);
    this.sys('close', fd);
  }

  /** Read a whole file. */
  get(path: string): string {
    const fd = this.open(path, 0);
    if (fd < 0) throw new Error(`get ${path}: ${errname(fd)}`);
    let s = '';
    for (;;) {
      const r = this.readText(fd);
      if (typeof r === 'number') throw new Error(`read ${path}: ${errname(r)}`);
      if (r === '') break;
      s += r;
    }
    this.sys('close', fd);
    return s;
  }

  /** stat(2) fields we check often. */
  stat(path: string, nofollow = false): { mode: number; ino: number; nlink: number; size: number; uid: number; gid: number; rdev: number; blocks: number; dev: number; atime: bigint; mtime: bigint; ctime: bigint } | number {
    const buf = this.alloc(144);
    const r = this.sys(nofollow ? 'lstat' : 'stat', path, buf);
    if (r < 0) return r;
    const v = new DataView(this.peek(buf, 144).buffer);
    const ts = (o: number) => v.getBigInt64(o, true) * 1_000_000_000n + v.getBigInt64(o + 8, true);
    return {
      dev: Number(v.getBigUint64(0, true)), ino: Number(v.getBigUint64(8, true)), nlink: Number(v.getBigUint64(16, true)),
      mode: v.getUint32(24, true), uid: v.getUint32(28, true), gid: v.getUint32(32, true), rdev: Number(v.getBigUint64(40, true)),
      size: Number(v.getBigInt64(48, true)), blocks: Number(v.getBigInt64(64, true)),
      atime: ts(72), mtime: ts(88), ctime: ts(104),
    };
  }

  get running(): boolean {
    return this.t.state === TASK_RUNNING;
  }
}

/** "ENOENT" for -2, for readable assertions. */
export function errname(r: number): string {
  if (r >= 0) return String(r);
  return ERRNO_TABLE.get(-r)?.[0] ?? String(r);
}

/** getdents64 into records. */
export function listdir(u: UTask, fd: number, count = 4096): { name: string; off: number; type: number; ino: number }[] | number {
  const buf = u.alloc(count);
  const n = u.sys('getdents64', fd, buf, count);
  if (n < 0) return n;
  const b = u.peek(buf, n);
  const v = new DataView(b.buffer);
  const out = [];
  for (let p = 0; p < n; ) {
    const reclen = v.getUint16(p + 16, true);
    let end = p + 19;
    while (b[end] !== 0) end++;
    out.push({ ino: Number(v.getBigUint64(p, true)), off: Number(v.getBigInt64(p + 8, true)), type: b[p + 18]!, name: new TextDecoder().decode(b.subarray(p + 19, end)) });
    p += reclen;
  }
  return out;
}

/** Mount a fresh tmpfs at `where` (which must exist). */
export function mountTmpfs(u: UTask, where: string, data = '', flags = MNT_RELATIME): void {
  const path = path_lookupat(u.t, AT_FDCWD, where, LOOKUP_FOLLOW);
  if (typeof path === 'number') throw new Error(errname(path));
  const m = do_new_mount(kernel_vfs(u.k), shmem_fs_type, 'tmpfs', flags, data, path);
  if (typeof m === 'number') throw new Error(errname(m));
}

