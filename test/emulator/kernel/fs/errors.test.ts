// The errno each filesystem syscall gives for bad input, as measured on Linux 6.18 (a tmpfs, as
// root): the same sequence of calls was run there with a small C program.

import { describe, expect, it } from 'vitest';
import {
  O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_PATH, O_RDONLY, O_TRUNC, O_WRONLY, O_RDWR, F_GETPIPE_SZ, F_DUPFD,
  SEEK_END, SEEK_SET, SEEK_DATA,
} from '../../../../emulator/uapi/fcntl';
import { S_IFDIR, S_IFIFO } from '../../../../emulator/uapi/stat';
import { BAD_ADDR, errname, fsKernel, UTask } from './fixture';

function setup(): UTask {
  const u = new UTask(fsKernel());
  expect(u.sys('mkdir', '/e', 0o755)).toBe(0);
  expect(u.sys('chdir', '/e')).toBe(0);
  // Descriptors 0, 1 and 2 are taken, as in a program started from a shell.
  for (let i = 0; i < 3; i++) expect(u.open('/', O_RDONLY)).toBe(i);
  return u;
}

describe('errno of path syscalls (as on Linux)', () => {
  it('mkdir, unlink, rmdir', () => {
    const u = setup();
    const e = (name: string, ...a: (number | string)[]) => errname(u.sys(name, ...a));
    expect(e('mkdir', 'd', 0o755)).toBe('0');
    expect(e('mkdir', 'd/', 0o755)).toBe('EEXIST');
    expect(e('mkdir', 'x/y', 0o755)).toBe('ENOENT');
    expect(e('mkdir', 'd/sub', 0o755)).toBe('0');
    expect(u.open('f', O_CREAT | O_WRONLY, 0o644)).toBe(3);
    expect(e('unlink', 'f/')).toBe('ENOTDIR');
    expect(e('unlink', 'nx/')).toBe('ENOENT');
    expect(e('unlink', 'd')).toBe('EISDIR');
    expect(e('unlink', '.')).toBe('EISDIR');
    expect(e('unlink', '..')).toBe('EISDIR');
    expect(e('rmdir', '.')).toBe('EINVAL');
    expect(e('rmdir', '..')).toBe('ENOTEMPTY');
    expect(e('rmdir', '/')).toBe('EBUSY');
    expect(e('rmdir', 'f')).toBe('ENOTDIR');
    expect(e('rmdir', 'd')).toBe('ENOTEMPTY');
    expect(e('rmdir', 'd/sub/.')).toBe('EINVAL');
    expect(e('rmdir', 'd/sub/..')).toBe('ENOTEMPTY');
    expect(e('mkdir', '.', 0)).toBe('EEXIST');
    expect(e('mkdir', '..', 0)).toBe('EEXIST');
    expect(e('mkdir', '/', 0)).toBe('EEXIST');
  });

  it('open', () => {
    const u = setup();
    const o = (p: string, flags: number, mode = 0o644) => errname(u.open(p, flags, mode));
    u.sys('mkdir', 'd', 0o755);
    expect(o('f', O_CREAT | O_WRONLY)).toBe('3');
    expect(o('f/', O_RDONLY)).toBe('ENOTDIR');
    expect(o('nf/', O_CREAT | O_WRONLY)).toBe('EISDIR');
    expect(o('d', O_WRONLY)).toBe('EISDIR');
    expect(o('d', O_CREAT | O_RDONLY)).toBe('EISDIR');
    expect(o('.', O_CREAT | O_RDONLY)).toBe('EISDIR');
    expect(o('d', O_RDONLY | O_TRUNC)).toBe('EISDIR');
    expect(o('f', O_RDONLY | O_DIRECTORY)).toBe('ENOTDIR');
    expect(o('d', O_RDONLY | O_CREAT | O_DIRECTORY)).toBe('EINVAL');
    expect(o('', O_RDONLY)).toBe('ENOENT');
    expect(errname(u.sys('openat', 3, 'x', O_RDONLY))).toBe('ENOTDIR');
    expect(errname(u.sys('openat', 1000, 'x', O_RDONLY))).toBe('EBADF');
    expect(u.sys('openat', -5, '/e', O_RDONLY)).toBeGreaterThanOrEqual(0);
    expect(errname(u.sys('open', BAD_ADDR, O_RDONLY))).toBe('EFAULT');
    expect(errname(u.sys('open', 0, O_RDONLY))).toBe('EFAULT');
  });

  it('symlinks: loops, O_NOFOLLOW, dangling targets, trailing slashes in targets', () => {
    const u = setup();
    const e = (name: string, ...a: (number | string)[]) => errname(u.sys(name, ...a));
    u.sys('mkdir', 'd', 0o755);
    u.put('f', '');
    expect(e('symlink', 'loop', 'loop')).toBe('0');
    expect(errname(u.open('loop', O_RDONLY))).toBe('ELOOP');
    expect(errname(u.open('loop', O_CREAT | O_RDONLY))).toBe('ELOOP');
    expect(e('symlink', 'f', 'lf')).toBe('0');
    expect(errname(u.open('lf', O_RDONLY | O_NOFOLLOW))).toBe('ELOOP');
    expect(u.open('lf', O_PATH | O_NOFOLLOW)).toBeGreaterThanOrEqual(0);
    expect(e('symlink', 'target', 'dang')).toBe('0');
    expect(errname(u.open('dang', O_CREAT | O_EXCL | O_WRONLY))).toBe('EEXIST');
    expect(u.open('dang', O_CREAT | O_WRONLY)).toBeGreaterThanOrEqual(0);
    expect(e('access', 'target', 0)).toBe('0');
    expect(e('symlink', 'd/', 'ldir')).toBe('0');
    expect(u.open('ldir', O_RDONLY)).toBeGreaterThanOrEqual(0);
    expect(e('symlink', 'f/', 'lfs')).toBe('0');
    expect(errname(u.open('lfs', O_RDONLY))).toBe('ENOTDIR');
    expect(e('symlink', 'x', 'sl/')).toBe('ENOENT');
    expect(e('symlink', '', 'empt')).toBe('ENOENT');
  });

  it('rename and link', () => {
    const u = setup();
    const e = (name: string, ...a: (number | string)[]) => errname(u.sys(name, ...a));
    u.sys('mkdir', 'd', 0o755);
    u.sys('mkdir', 'd/sub', 0o755);
    u.put('f', '');
    u.sys('symlink', 'f', 'lf');
    expect(e('rename', 'd', 'd/sub/x')).toBe('EINVAL');
    expect(e('rename', 'd/sub', 'd')).toBe('ENOTEMPTY');
    expect(e('rename', 'd', 'd')).toBe('0');
    expect(e('rename', 'f', 'd')).toBe('EISDIR');
    expect(e('rename', 'd', 'f')).toBe('ENOTDIR');
    expect(e('rename', '.', 'z')).toBe('EBUSY');
    expect(e('rename', 'f', '.')).toBe('EBUSY');
    expect(e('rename', 'nx', 'z')).toBe('ENOENT');
    expect(e('rename', 'f', 'f2/')).toBe('ENOTDIR');
    expect(e('rename', 'f/', 'f2')).toBe('ENOTDIR');
    expect(e('rename', 'd/sub', 'd/sub/')).toBe('0');
    expect(e('link', 'd', 'dl')).toBe('EPERM');
    expect(e('link', 'f', 'f')).toBe('EEXIST');
    expect(e('link', 'nx', 'z')).toBe('ENOENT');
    expect(e('link', 'lf', 'lf2')).toBe('0');
    expect(u.stat('lf2', true)).toMatchObject({ nlink: 2 });
  });

  it('mknod, truncate, readlink', () => {
    const u = setup();
    const e = (name: string, ...a: (number | string)[]) => errname(u.sys(name, ...a));
    u.sys('mkdir', 'd', 0o755);
    u.put('f', '');
    u.sys('symlink', 'f', 'lf');
    expect(e('mknod', 'fifo', S_IFIFO | 0o644, 0)).toBe('0');
    expect(e('mknod', 'dd', S_IFDIR | 0o755, 0)).toBe('EPERM');
    expect(e('mknod', 'bad', 0o170000 | 0o644, 0)).toBe('EINVAL');
    expect(e('mknod', 'reg', 0o644, 0)).toBe('0');
    expect(e('mknod', 'nod/', S_IFIFO | 0o644, 0)).toBe('ENOENT');
    expect(e('truncate', 'd', 0)).toBe('EISDIR');
    expect(e('truncate', 'fifo', 0)).toBe('EINVAL');
    expect(e('truncate', 'f', -1)).toBe('EINVAL');
    const buf = u.alloc(100);
    expect(e('readlink', 'f', buf, 100)).toBe('EINVAL');
    expect(e('readlink', 'lf', buf, 0)).toBe('EINVAL');
    expect(e('readlink', 'lf', buf, 100)).toBe('1');
    expect(u.peekStr(buf, 1)).toBe('f');
    expect(e('readlink', 'lf', BAD_ADDR, 100)).toBe('EFAULT');
  });

  it('descriptors: read, write, lseek, getdents, ftruncate, dup, fcntl', () => {
    const u = setup();
    const e = (name: string, ...a: (number | string)[]) => errname(u.sys(name, ...a));
    u.sys('mkdir', 'd', 0o755);
    u.sys('mkdir', 'd/sub', 0o755);
    u.put('f', '');
    const buf = u.alloc(100);
    const fd = u.open('d', O_RDONLY);
    expect(e('read', fd, buf, 10)).toBe('EISDIR');
    expect(e('write', fd, buf, 1)).toBe('EBADF');
    expect(e('lseek', fd, 0, SEEK_END)).toBe('EINVAL');
    expect(e('lseek', fd, 5, SEEK_SET)).toBe('5');
    const ff = u.open('f', O_RDONLY);
    expect(e('getdents64', ff, buf, 100)).toBe('ENOTDIR');
    expect(e('getdents64', fd, buf, 10)).toBe('EINVAL');
    expect(e('ftruncate', ff, 0)).toBe('EINVAL');
    expect(e('write', ff, buf, 1)).toBe('EBADF');
    expect(e('lseek', ff, -1, SEEK_SET)).toBe('EINVAL');
    expect(e('lseek', ff, 0, 7)).toBe('EINVAL');
    expect(e('lseek', ff, 1, SEEK_DATA)).toBe('ENXIO');
    expect(e('chdir', 'f')).toBe('ENOTDIR');
    expect(e('fchdir', ff)).toBe('ENOTDIR');
    expect(e('chdir', 'nx')).toBe('ENOENT');
    expect(e('dup2', ff, 5000)).toBe('EBADF'); // beyond RLIMIT_NOFILE (1024 here)
    expect(e('dup3', ff, ff, 0)).toBe('EINVAL');
    expect(e('dup2', ff, ff)).toBe(String(ff));
    expect(e('dup3', ff, 9, 1)).toBe('EINVAL');
    expect(e('fcntl', ff, F_GETPIPE_SZ)).toBe('EBADF');
    expect(e('fcntl', ff, F_DUPFD, 5000)).toBe('EINVAL');
    expect(e('fcntl', ff, F_DUPFD, 50)).toBe('50');
    expect(e('fcntl', ff, 9999)).toBe('EINVAL');
    expect(e('close', 9999)).toBe('EBADF');
    expect(e('close', -1)).toBe('EBADF');
    expect(e('fsync', ff)).toBe('0');
    expect(e('ioctl', ff, 0x5401, 0)).toBe('ENOTTY');
    expect(e('read', 77, buf, 1)).toBe('EBADF');
    const rw = u.open('f', O_RDWR);
    expect(u.write(rw, 'abc')).toBe(3);
    expect(e('pread64', rw, BAD_ADDR, 3, 0)).toBe('EFAULT');
    expect(e('write', rw, BAD_ADDR, 3)).toBe('EFAULT');
    expect(e('fstat', 555, buf)).toBe('EBADF');
    expect(e('fstat', rw, BAD_ADDR)).toBe('EFAULT');
  });

  it('ENAMETOOLONG for a component over 255 bytes, not for 255', () => {
    const u = setup();
    expect(u.sys('mkdir', 'a'.repeat(255), 0o755)).toBe(0);
    expect(errname(u.sys('mkdir', 'a'.repeat(256), 0o755))).toBe('ENAMETOOLONG');
    expect(errname(u.open('b'.repeat(256), O_RDONLY))).toBe('ENAMETOOLONG');
    expect(errname(u.open(`${'a'.repeat(255)}/${'c'.repeat(300)}/x`, O_RDONLY))).toBe('ENAMETOOLONG');
    // The whole path is limited to PATH_MAX (4096 with the NUL).
    expect(errname(u.open('x/'.repeat(2048), O_RDONLY))).toBe('ENAMETOOLONG');
  });

  it('a huge count with a small buffer is EFAULT, not an allocation of gigabytes', () => {
    const u = setup();
    const fd = u.open('f', O_CREAT | O_RDWR);
    const buf = u.bytes('abc');
    expect(errname(u.sys('write', fd, buf, 0x7fff0000))).toBe('EFAULT');
    expect(errname(u.sys('write', fd, buf, -1))).toBe('EFAULT');
    expect(u.sys('write', fd, buf, 3)).toBe(3);
    u.sys('lseek', fd, 0, SEEK_SET);
    expect(u.sys('read', fd, buf, 0x7fff0000)).toBe(3); // a read copies only what there is
  });

  it('EMFILE when the table is full', () => {
    const u = setup();
    u.put('f', '');
    let fd = 0;
    for (let i = 0; i < 1024; i++) fd = u.open('f', O_RDONLY);
    expect(errname(fd)).toBe('EMFILE');
    // EMFILE wins over ENOENT: the descriptor is taken first.
    expect(errname(u.open('nonexistent', O_RDONLY))).toBe('EMFILE');
    u.sys('close', 100);
    expect(u.open('f', O_RDONLY)).toBe(100);
  });
});
