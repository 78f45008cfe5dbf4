// <unistd.h> and friends: thin wrappers that marshal arguments into registers and user memory.
// Each returns what the C function returns (-1 with errno set on failure).

import { __NR } from '../../uapi/unistd_64';
import { AT_FDCWD } from '../../uapi/fcntl';
import { TsContext, type Sys } from '../runtime/context';
import { alloca, fromUtf8, peek, peekI32, pokeI64, proc, pushBytes, pushString, setCurrent, syscall, utf8, type Process, stackMark, release } from './process';

export function* read(fd: number, buf: number, count: number): Sys<number> {
  return yield* syscall(__NR.read, fd, buf, count);
}

export function* write(fd: number, buf: number, count: number): Sys<number> {
  return yield* syscall(__NR.write, fd, buf, count);
}

/** Read up to `count` bytes into a fresh array (the bytes pass through our stack). */
export function* readBytes(fd: number, count: number): Sys<Uint8Array | null> {
  const mark = stackMark();
  try {
    const buf = alloca(count);
    const n = yield* syscall(__NR.read, fd, buf, count);
    return n < 0 ? null : peek(buf, n);
  } finally {
    release(mark);
  }
}

/** Write all of `data`, looping over short writes (like a careful C loop). Returns bytes written or -1. */
export function* writeAll(fd: number, data: Uint8Array | string): Sys<number> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  const mark = stackMark();
  try {
    const buf = pushBytes(bytes);
    let done = 0;
    while (done < bytes.length) {
      const n = yield* syscall(__NR.write, fd, buf + done, bytes.length - done);
      if (n < 0) return done > 0 ? done : -1;
      done += n;
    }
    return done;
  } finally {
    release(mark);
  }
}

export function* close(fd: number): Sys<number> {
  return yield* syscall(__NR.close, fd);
}

export function* lseek(fd: number, off: number, whence: number): Sys<number> {
  return yield* syscall(__NR.lseek, fd, off, whence);
}

export function* dup(fd: number): Sys<number> {
  return yield* syscall(__NR.dup, fd);
}

export function* dup2(oldfd: number, newfd: number): Sys<number> {
  return yield* syscall(__NR.dup2, oldfd, newfd);
}

/** pipe2(2); returns [readFd, writeFd] or null. */
export function* pipe(flags = 0): Sys<[number, number] | null> {
  const mark = stackMark();
  try {
    const fds = alloca(8);
    if ((yield* syscall(__NR.pipe2, fds, flags)) < 0) return null;
    return [peekI32(fds), peekI32(fds + 4)] as [number, number];
  } finally {
    release(mark);
  }
}

export function* getpid(): Sys<number> {
  return yield* syscall(__NR.getpid);
}

export function* getppid(): Sys<number> {
  return yield* syscall(__NR.getppid);
}

export function* getuid(): Sys<number> {
  return yield* syscall(__NR.getuid);
}

export function* geteuid(): Sys<number> {
  return yield* syscall(__NR.geteuid);
}

export function* getgid(): Sys<number> {
  return yield* syscall(__NR.getgid);
}

export function* getegid(): Sys<number> {
  return yield* syscall(__NR.getegid);
}

export function* setpgid(pid: number, pgid: number): Sys<number> {
  return yield* syscall(__NR.setpgid, pid, pgid);
}

export function* getpgrp(): Sys<number> {
  return yield* syscall(__NR.getpgrp);
}

export function* setsid(): Sys<number> {
  return yield* syscall(__NR.setsid);
}

export function* chdir(path: string): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(__NR.chdir, pushString(path));
  } finally {
    release(mark);
  }
}

/** getcwd(3): the path, or null with errno set. */
export function* getcwd(): Sys<string | null> {
  const mark = stackMark();
  try {
    const buf = alloca(4096);
    const n = yield* syscall(__NR.getcwd, buf, 4096);
    return n < 0 ? null : fromUtf8(peek(buf, n - 1));
  } finally {
    release(mark);
  }
}

function* pathCall(nr: number, path: string, a1 = 0, a2 = 0, a3 = 0): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(nr, pushString(path), a1, a2, a3);
  } finally {
    release(mark);
  }
}

function* atPathCall(nr: number, path: string, a2 = 0, a3 = 0, a4 = 0): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(nr, AT_FDCWD, pushString(path), a2, a3, a4);
  } finally {
    release(mark);
  }
}

export function* unlink(path: string): Sys<number> {
  return yield* atPathCall(__NR.unlinkat, path, 0);
}

export function* rmdir(path: string): Sys<number> {
  return yield* atPathCall(__NR.unlinkat, path, 0x200 /* AT_REMOVEDIR */);
}

export function* access(path: string, mode: number): Sys<number> {
  return yield* atPathCall(__NR.faccessat, path, mode);
}

export function* truncate(path: string, len: number): Sys<number> {
  return yield* pathCall(__NR.truncate, path, len);
}

export function* ftruncate(fd: number, len: number): Sys<number> {
  return yield* syscall(__NR.ftruncate, fd, len);
}

function* twoPathCall(nr: number, a: string, b: string, extra = 0): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(nr, AT_FDCWD, pushString(a), AT_FDCWD, pushString(b), extra);
  } finally {
    release(mark);
  }
}

export function* link(oldpath: string, newpath: string): Sys<number> {
  return yield* twoPathCall(__NR.linkat, oldpath, newpath);
}

export function* rename(oldpath: string, newpath: string): Sys<number> {
  return yield* twoPathCall(__NR.renameat2, oldpath, newpath);
}

export function* symlink(target: string, linkpath: string): Sys<number> {
  const mark = stackMark();
  try {
    return yield* syscall(__NR.symlinkat, pushString(target), AT_FDCWD, pushString(linkpath));
  } finally {
    release(mark);
  }
}

/** readlink(2): the target, or null. */
export function* readlink(path: string): Sys<string | null> {
  const mark = stackMark();
  try {
    const buf = alloca(4096);
    const n = yield* syscall(__NR.readlinkat, AT_FDCWD, pushString(path), buf, 4096);
    return n < 0 ? null : fromUtf8(peek(buf, n));
  } finally {
    release(mark);
  }
}

export function* chown(path: string, uid: number, gid: number, flags = 0): Sys<number> {
  return yield* atPathCall(__NR.fchownat, path, uid, gid, flags);
}

export function* isatty(fd: number): Sys<boolean> {
  const mark = stackMark();
  try {
    const termios = alloca(60);
    return (yield* syscall(__NR.ioctl, fd, 0x5401 /* TCGETS */, termios)) === 0;
  } finally {
    release(mark);
  }
}

export function* _exit(status: number): Sys<never> {
  yield* syscall(__NR.exit_group, status);
  throw new Error('exit_group returned');
}

/**
 * Build a NULL-terminated array of C strings on the stack (for execve's argv and envp).
 */
function pushStringArray(strings: string[]): number {
  const ptrs = strings.map((s) => pushString(s));
  const arr = alloca(8 * (ptrs.length + 1));
  ptrs.forEach((p, i) => pokeI64(arr + 8 * i, p));
  pokeI64(arr + 8 * ptrs.length, 0);
  return arr;
}

/** execve(2): only returns on failure (-1, errno). */
export function* execve(path: string, argv: string[], envp: string[]): Sys<number> {
  const mark = stackMark();
  try {
    const p = pushString(path);
    const a = pushStringArray(argv);
    const e = pushStringArray(envp);
    return yield* syscall(__NR.execve, p, a, e);
  } finally {
    release(mark);
  }
}

/** The environment as "KEY=value" strings. */
export function environStrings(p: Process = proc()): string[] {
  return p.environ.map(([k, v]) => `${k}=${v}`);
}

/**
 * execvp(3): search $PATH for a name without a slash; ENOEXEC is not retried with /bin/sh here
 * (our kernel runs #! scripts itself). Returns -1 on failure.
 */
export function* execvp(file: string, argv: string[]): Sys<number> {
  const env = environStrings();
  if (file.includes('/')) return yield* execve(file, argv, env);
  const path = proc().environ.find(([k]) => k === 'PATH')?.[1] ?? '/usr/local/bin:/usr/bin:/bin';
  let sawEacces = false;
  for (const dir of path.split(':')) {
    const full = `${dir || '.'}/${file}`;
    yield* execve(full, argv, env);
    const e = proc().errno;
    if (e === 13) sawEacces = true;
    else if (e !== 2 && e !== 20) return -1;
  }
  proc().errno = sawEacces ? 13 : 2;
  return -1;
}

/**
 * fork(2) for a TypeScript program. The child cannot resume the parent's JavaScript frames, so it
 * starts in `child` — the continuation the caller hands over (as glibc's posix_spawn runs a
 * function in the child after clone). `child` receives nothing: inside it, libc calls act on the
 * child's own copy of the process state. Its return value is the exit status.
 * The parent gets the child's pid, or -1.
 */
export function* fork(child: () => Sys<number>): Sys<number> {
  return yield* spawnWith(__NR.fork, child);
}

/** vfork(2): the parent sleeps until the child execs or exits. */
export function* vfork(child: () => Sys<number>): Sys<number> {
  return yield* spawnWith(__NR.vfork, child);
}

function* spawnWith(nr: number, child: () => Sys<number>): Sys<number> {
  const parent = proc();
  yield* flushAllHook();
  parent.ctx.pendingChild = (ctx: TsContext) => {
    const p = parent.cloneFor(ctx);
    ctx.process = p;
    return runChild(p, child);
  };
  try {
    return yield* syscall(nr);
  } finally {
    parent.ctx.pendingChild = null;
  }
}

function* runChild(p: Process, child: () => Sys<number>): Sys<void> {
  setCurrent(p);
  const status = yield* child();
  yield* exit(status);
}

function* noop(): Sys<void> {}

/**
 * Set by stdio so that fork flushes buffered output first: otherwise the child would inherit and
 * print the parent's unflushed buffer again (the classic C pitfall; our programs avoid it here).
 */
let flushAllHook: () => Sys<void> = noop;
export function setFlushAllHook(fn: () => Sys<void>): void {
  flushAllHook = fn;
}

/** exit(3): run atexit handlers (stdio flushes there), then exit_group. */
export function* exit(status: number): Sys<never> {
  const p = proc();
  while (p.atExit.length) yield* p.atExit.pop()!();
  return yield* _exit(status);
}

export function* sleepSeconds(seconds: number): Sys<number> {
  const mark = stackMark();
  try {
    const ts = alloca(16);
    pokeI64(ts, Math.floor(seconds));
    pokeI64(ts + 8, Math.round((seconds % 1) * 1e9));
    return yield* syscall(__NR.nanosleep, ts, 0);
  } finally {
    release(mark);
  }
}

export function* umask(mask: number): Sys<number> {
  return yield* syscall(__NR.umask, mask);
}

export function* gethostname(): Sys<string> {
  const mark = stackMark();
  try {
    const buf = alloca(390);
    yield* syscall(__NR.uname, buf);
    const field = peek(buf + 65, 65);
    const end = field.indexOf(0);
    return fromUtf8(field.subarray(0, end < 0 ? 65 : end));
  } finally {
    release(mark);
  }
}

export function* getsid(pid: number): Sys<number> {
  return yield* syscall(__NR.getsid, pid);
}

/** getgroups(2): the supplementary group ids, or null with errno set. */
export function* getgroups(): Sys<number[] | null> {
  const mark = stackMark();
  try {
    const n = yield* syscall(__NR.getgroups, 0, 0);
    if (n < 0) return null;
    const list = alloca(4 * Math.max(n, 1));
    const got = yield* syscall(__NR.getgroups, n, list);
    if (got < 0) return null;
    return Array.from({ length: got }, (_, i) => peekI32(list + 4 * i) >>> 0);
  } finally {
    release(mark);
  }
}

/** sethostname(2): the name is a byte count, not a C string. */
export function* sethostname(name: string): Sys<number> {
  const bytes = utf8(name);
  const mark = stackMark();
  try {
    return yield* syscall(__NR.sethostname, pushBytes(bytes), bytes.length);
  } finally {
    release(mark);
  }
}
