// cp (GNU coreutils): copy files; -r/-R copies directories recursively (symlinks copied as symlinks,
// FIFOs and devices recreated with mknod), -p preserves mode, ownership and times.
// Simplification: no sparse-file handling, no hard-link preservation, no -i/-u/-n.

import { __NR } from '../../../uapi/unistd_64';
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW, O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { alloca, errno, pokeI64, pushString, syscall, stackMark, release } from '../../libc/process';
import { getopt } from '../../libc/getopt';
import { open } from '../../libc/fcntl';
import { close, chown, readBytes, readlink, symlink, umask, unlink, writeAll } from '../../libc/unistd';
import { chmod, lstat, mkdir, mknod, stat, type Stat } from '../../libc/sys_stat';
import { readdir } from '../../libc/dirent';
import { S_IFMT, S_ISDIR, S_ISLNK, S_ISREG } from '../../../uapi/stat';
import { canonicalize } from './lib/canon';
import { baseName, joinPath, q, usageError, warn, warnErrno } from './lib/common';

interface Opts {
  recursive: boolean;
  preserve: boolean;
  deref: boolean;
  umask: number;
}

function* setTimes(path: string, st: Stat, nofollow: boolean): Sys<number> {
  const mark = stackMark();
  try {
    const ts = alloca(32);
    pokeI64(ts, st.atime);
    pokeI64(ts + 8, st.atimeNsec);
    pokeI64(ts + 16, st.mtime);
    pokeI64(ts + 24, st.mtimeNsec);
    return yield* syscall(__NR.utimensat, AT_FDCWD, pushString(path), ts, nofollow ? AT_SYMLINK_NOFOLLOW : 0);
  } finally {
    release(mark);
  }
}

function* preserve(dst: string, st: Stat, o: Opts, isLink: boolean): Sys<void> {
  if (!o.preserve) return;
  yield* chown(dst, st.uid, st.gid, isLink ? AT_SYMLINK_NOFOLLOW : 0);
  if (!isLink) yield* chmod(dst, st.mode & 0o7777);
  yield* setTimes(dst, st, isLink);
}

function* copyRegular(src: string, dst: string, st: Stat, o: Opts): Sys<boolean> {
  const in_ = yield* open(src, O_RDONLY);
  if (in_ < 0) {
    yield* warnErrno('cp', `cannot open ${q(src)} for reading`);
    return false;
  }
  let out = yield* open(dst, O_WRONLY | O_TRUNC, 0);
  if (out < 0) out = yield* open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.mode & 0o777);
  if (out < 0) {
    yield* warnErrno('cp', `cannot create regular file ${q(dst)}`);
    yield* close(in_);
    return false;
  }
  let ok = true;
  for (;;) {
    const b = yield* readBytes(in_, 65536);
    if (b === null) {
      yield* warnErrno('cp', `error reading ${q(src)}`);
      ok = false;
      break;
    }
    if (b.length === 0) break;
    if ((yield* writeAll(out, b)) < 0) {
      yield* warnErrno('cp', `error writing ${q(dst)}`);
      ok = false;
      break;
    }
  }
  yield* close(in_);
  yield* close(out);
  yield* preserve(dst, st, o, false);
  return ok;
}

function* copyAny(src: string, dst: string, o: Opts, top: boolean): Sys<boolean> {
  const follow = o.deref || (top && !o.recursive);
  const st = follow ? yield* stat(src) : yield* lstat(src);
  if (!st) {
    yield* warnErrno('cp', `cannot stat ${q(src)}`);
    return false;
  }
  const dstSt = yield* stat(dst);
  if (dstSt && dstSt.dev === st.dev && dstSt.ino === st.ino && !S_ISLNK(st.mode)) {
    yield* warn('cp', `${q(src)} and ${q(dst)} are the same file`);
    return false;
  }
  if (S_ISDIR(st.mode)) {
    if (!o.recursive) {
      yield* warn('cp', `-r not specified; omitting directory ${q(src)}`);
      return false;
    }
    if (dstSt && !S_ISDIR(dstSt.mode)) {
      yield* warn('cp', `cannot overwrite non-directory ${q(dst)} with directory ${q(src)}`);
      return false;
    }
    if (!dstSt) {
      if ((yield* mkdir(dst, (st.mode & 0o777) | 0o700)) < 0) {
        yield* warnErrno('cp', `cannot create directory ${q(dst)}`);
        return false;
      }
    }
    const ents = yield* readdir(src);
    if (!ents) {
      yield* warnErrno('cp', `cannot access ${q(src)}`);
      return false;
    }
    let ok = true;
    // The new directory's own inode tells us if we are copying a directory into itself.
    const made = yield* stat(dst);
    for (const e of ents) {
      if (e.name === '.' || e.name === '..') continue;
      const child = joinPath(src, e.name);
      const cst = yield* lstat(child);
      if (made && cst && cst.dev === made.dev && cst.ino === made.ino) {
        yield* warn('cp', `cannot copy a directory, ${q(src)}, into itself, ${q(dst)}`);
        ok = false;
        continue;
      }
      if (!(yield* copyAny(child, joinPath(dst, e.name), o, false))) ok = false;
    }
    if (o.preserve) yield* preserve(dst, st, o, false);
    else if (!dstSt) yield* chmod(dst, st.mode & 0o777 & ~o.umask);
    return ok;
  }
  if (S_ISLNK(st.mode)) {
    const target = yield* readlink(src);
    if (target === null) {
      yield* warnErrno('cp', `cannot read symbolic link ${q(src)}`);
      return false;
    }
    if (dstSt || (yield* lstat(dst))) yield* unlink(dst);
    if ((yield* symlink(target, dst)) < 0) {
      yield* warnErrno('cp', `cannot create symbolic link ${q(dst)}`);
      return false;
    }
    yield* preserve(dst, st, o, true);
    return true;
  }
  if (dstSt && S_ISDIR(dstSt.mode)) {
    yield* warn('cp', `cannot overwrite directory ${q(dst)} with non-directory`);
    return false;
  }
  if (S_ISREG(st.mode) || !o.recursive) return yield* copyRegular(src, dst, st, o);
  // FIFOs, sockets and devices under -r are recreated, not read.
  if (dstSt) yield* unlink(dst);
  if ((yield* mknod(dst, (st.mode & S_IFMT) | (st.mode & 0o777), st.rdev)) < 0) {
    yield* warnErrno('cp', `cannot create special file ${q(dst)}`);
    return false;
  }
  yield* preserve(dst, st, o, false);
  return true;
}

export function* cp(argv: string[]): Sys<number> {
  const r = yield* getopt('cp', argv, 'rRpPLdfaTv', [
    { name: 'recursive', hasArg: 0, val: 'r' }, { name: 'preserve', hasArg: 2, val: 'p' },
    { name: 'archive', hasArg: 0, val: 'a' }, { name: 'dereference', hasArg: 0, val: 'L' },
    { name: 'no-dereference', hasArg: 0, val: 'P' }, { name: 'force', hasArg: 0, val: 'f' },
    { name: 'no-target-directory', hasArg: 0, val: 'T' },
  ]);
  if (r.error) return 1;
  const mask = yield* umask(0);
  yield* umask(mask);
  const o: Opts = { recursive: false, preserve: false, deref: false, umask: mask };
  let noTargetDir = false;
  for (const x of r.options) {
    if (x.opt === 'r' || x.opt === 'R') o.recursive = true;
    else if (x.opt === 'p') o.preserve = true;
    else if (x.opt === 'a') o.recursive = o.preserve = true;
    else if (x.opt === 'L') o.deref = true;
    else if (x.opt === 'P' || x.opt === 'd') o.deref = false;
    else if (x.opt === 'T') noTargetDir = true;
  }
  const ops = r.operands;
  if (ops.length === 0) return yield* usageError('cp', 'missing file operand');
  if (ops.length === 1) return yield* usageError('cp', `missing destination file operand after ${q(ops[0])}`);
  const last = ops[ops.length - 1];
  const lastSt = yield* stat(last);
  let pairs: [string, string][];
  if (!noTargetDir && lastSt && S_ISDIR(lastSt.mode)) {
    pairs = ops.slice(0, -1).map((s) => [s, joinPath(last, baseName(s))]);
  } else if (ops.length > 2) {
    yield* warnErrno('cp', `target ${q(last)}`, lastSt ? 20 /* ENOTDIR */ : errno());
    return 1;
  } else pairs = [[ops[0], last]];
  let status = 0;
  for (const [s, d] of pairs) {
    if (o.recursive) {
      const sst = yield* stat(s);
      if (sst && S_ISDIR(sst.mode)) {
        const cs = yield* canonicalize(s, 'missing');
        const cd = yield* canonicalize(d, 'missing');
        if (cs !== null && cd !== null && (cd === cs || cd.startsWith(cs === '/' ? '/' : cs + '/'))) {
          yield* warn('cp', `cannot copy a directory, ${q(s)}, into itself, ${q(d)}`);
          status = 1;
          continue;
        }
      }
    }
    if (!(yield* copyAny(s, d, o, true))) status = 1;
  }
  return status;
}
