// The path walk: dots, mounts, chroot, symlinks, permissions on the way.

import { describe, expect, it } from 'vitest';
import { AT_FDCWD, O_DIRECTORY, O_RDONLY } from '../../../../emulator/uapi/fcntl';
import {
  LOOKUP_FOLLOW, LAST_DOTDOT, LAST_NORM, LAST_ROOT, filename_parentat, path_lookupat, task_walk_ctx,
} from '../../../../emulator/kernel/fs/namei';
import { d_path } from '../../../../emulator/kernel/fs/d_path';
import { kernel_vfs } from '../../../../emulator/kernel/fs/vfs';
import type { Path } from '../../../../emulator/kernel/fs/path';
import { errname, fsKernel, mountTmpfs, UTask } from './fixture';

function where(u: UTask, name: string, flags = LOOKUP_FOLLOW): string {
  const p = path_lookupat(u.t, AT_FDCWD, name, flags);
  return typeof p === 'number' ? errname(p) : d_path(p, u.t.fs.root);
}

function cwd(u: UTask): string {
  const buf = u.alloc(4096);
  const n = u.sys('getcwd', buf, 4096);
  return n < 0 ? errname(n) : u.peekStr(buf, n - 1);
}

describe('namei', () => {
  it('dots, repeated slashes, ".." stops at the root', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/a', 0o755);
    u.sys('mkdir', '/a/b', 0o755);
    expect(where(u, '/a/./b/../b//')).toBe('/a/b');
    expect(where(u, '/../../a')).toBe('/a');
    expect(where(u, '//')).toBe('/');
    expect(where(u, 'a/b/../..')).toBe('/');
    expect(where(u, '/a/nope/..')).toBe('ENOENT');
  });

  it('crosses mount points both ways', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/mnt', 0o755);
    u.put('/mnt/hidden', '');
    mountTmpfs(u, '/mnt');
    expect(errname(u.open('/mnt/hidden', O_RDONLY))).toBe('ENOENT');
    u.sys('mkdir', '/mnt/x', 0o755);
    expect(u.sys('chdir', '/mnt/x')).toBe(0);
    expect(cwd(u)).toBe('/mnt/x');
    expect(where(u, '../..')).toBe('/');
    expect(where(u, '..')).toBe('/mnt');
    // The covered directory's own entries come back after umount.
    const vfs = kernel_vfs(u.k);
    const m = vfs.initNs.mounts[vfs.initNs.mounts.length - 1]!;
    expect(errname(u.sys('rmdir', '/mnt'))).toBe('EBUSY');
    expect(vfs.initNs.umount(m)).toBe(0);
    expect(u.open('/mnt/hidden', O_RDONLY)).toBeGreaterThanOrEqual(0);
  });

  it('refuses links and renames across mounts (EXDEV)', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/mnt', 0o755);
    mountTmpfs(u, '/mnt');
    u.put('/f', '');
    expect(errname(u.sys('link', '/f', '/mnt/f'))).toBe('EXDEV');
    expect(errname(u.sys('rename', '/f', '/mnt/f'))).toBe('EXDEV');
  });

  it('chroot confines "..", absolute paths and symlinks; getcwd says (unreachable) outside', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/jail', 0o755);
    u.sys('mkdir', '/jail/etc', 0o755);
    u.put('/jail/etc/passwd', 'inside');
    u.put('/secret', 'outside');
    u.sys('symlink', '/etc/passwd', '/jail/abs');
    expect(u.sys('chroot', '/jail')).toBe(0);
    expect(cwd(u)).toBe('(unreachable)/');
    expect(u.sys('chdir', '/')).toBe(0);
    expect(cwd(u)).toBe('/');
    expect(u.get('/../../etc/passwd')).toBe('inside');
    expect(u.get('/abs')).toBe('inside');
    expect(errname(u.open('/secret', O_RDONLY))).toBe('ENOENT');
  });

  it('follows relative and absolute symlinks; 40 links are fine, 41 are ELOOP', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/d', 0o755);
    u.put('/d/f', 'F');
    u.sys('symlink', 'd/f', '/rel');
    u.sys('symlink', '/d', '/abs');
    u.sys('symlink', '../d/f', '/d/up');
    expect(u.get('/rel')).toBe('F');
    expect(u.get('/abs/f')).toBe('F');
    expect(u.get('/abs/up')).toBe('F');
    expect(where(u, '/abs/..')).toBe('/');
    // a chain of links: l0 -> l1 -> ... -> l39 -> /d/f
    for (let i = 0; i < 41; i++) u.sys('symlink', i === 40 ? '/d/f' : `/l${i + 1}`, `/l${i}`);
    expect(u.get('/l1')).toBe('F'); // 40 links
    expect(errname(u.open('/l0', O_RDONLY))).toBe('ELOOP'); // 41
    // lstat does not follow the last link; a trailing slash does.
    expect(u.stat('/abs', true)).toMatchObject({ mode: 0o120777 });
    expect(u.stat('/abs/', true)).toMatchObject({ mode: 0o40755 });
  });

  it('needs search permission on every directory walked, not read permission', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/x', 0o711); // search only
    u.sys('mkdir', '/nx', 0o744); // no search for others
    u.put('/x/f', 'ok');
    u.put('/nx/f', 'no');
    u.t.cred.fsuid = 1000;
    u.t.cred.fsgid = 1000;
    expect(u.get('/x/f')).toBe('ok');
    expect(errname(u.open('/x', O_RDONLY | O_DIRECTORY))).toBe('EACCES');
    expect(errname(u.open('/nx/f', O_RDONLY))).toBe('EACCES');
    expect(errname(u.stat('/nx/nonexistent') as number)).toBe('EACCES');
    expect(u.stat('/nx')).toMatchObject({ mode: 0o40744 });
  });

  it('parent lookups report the last component and its kind', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/a', 0o755);
    const ctx = task_walk_ctx(u.t);
    const p = filename_parentat(ctx, AT_FDCWD, '/a/new/') as { path: Path; last: string; lastType: number; lastSlash: boolean };
    expect([d_path(p.path, u.t.fs.root), p.last, p.lastType, p.lastSlash]).toEqual(['/a', 'new', LAST_NORM, true]);
    expect((filename_parentat(ctx, AT_FDCWD, '/') as { lastType: number }).lastType).toBe(LAST_ROOT);
    expect((filename_parentat(ctx, AT_FDCWD, 'a/..') as { lastType: number }).lastType).toBe(LAST_DOTDOT);
    expect(errname(filename_parentat(ctx, AT_FDCWD, '/nope/x') as number)).toBe('ENOENT');
  });

  it('dirfds: *at calls resolve relative names from the descriptor; O_PATH descriptors work', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/a', 0o755);
    u.put('/a/f', 'in a');
    const dfd = u.open('/a', O_RDONLY | O_DIRECTORY);
    const fd = u.sys('openat', dfd, 'f', O_RDONLY);
    expect(u.readText(fd)).toBe('in a');
    const pfd = u.sys('open', '/a', 0o10000000 /* O_PATH */);
    expect(u.readText(u.sys('openat', pfd, 'f', O_RDONLY))).toBe('in a');
    expect(errname(u.sys('read', pfd, u.alloc(4), 4))).toBe('EBADF');
    expect(u.sys('fchdir', pfd)).toBe(0);
    expect(cwd(u)).toBe('/a');
  });

  it('a removed cwd: getcwd is ENOENT, relative creation is ENOENT, ".." still works', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/gone', 0o755);
    u.sys('chdir', '/gone');
    expect(u.sys('rmdir', '/gone')).toBe(0);
    expect(cwd(u)).toBe('ENOENT');
    expect(errname(u.open('x', 0o101))).toBe('ENOENT');
    expect(u.sys('chdir', '..')).toBe(0);
    expect(cwd(u)).toBe('/');
  });

  it('getcwd: ERANGE when the buffer is short, EFAULT for a bad one', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/abc', 0o755);
    u.sys('chdir', '/abc');
    expect(u.sys('getcwd', u.alloc(5), 5)).toBe(5);
    expect(errname(u.sys('getcwd', u.alloc(4), 4))).toBe('ERANGE');
    expect(errname(u.sys('getcwd', 0x5000, 100))).toBe('EFAULT');
  });
});

describe('openat2 RESOLVE_*', () => {
  function openat2(u: UTask, dfd: number, path: string, flags: number, resolve: number): string {
    const how = u.bytes(new Uint8Array(new BigUint64Array([BigInt(flags), 0n, BigInt(resolve)]).buffer));
    const r = u.sys('openat2', dfd, path, how, 24);
    return r < 0 ? errname(r) : 'ok';
  }

  function tree(): [UTask, number] {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/base', 0o755);
    u.sys('mkdir', '/base/sub', 0o755);
    u.put('/base/sub/f', 'inside');
    u.put('/etc', 'outside');
    u.sys('symlink', 'sub/f', '/base/rel');
    u.sys('symlink', '/etc', '/base/abs');
    u.sys('symlink', '../../etc', '/base/sub/up');
    return [u, u.open('/base', O_RDONLY | O_DIRECTORY)];
  }

  it('RESOLVE_NO_SYMLINKS refuses any symlink on the way (ELOOP)', () => {
    const [u, d] = tree();
    expect(openat2(u, d, 'rel', O_RDONLY, 0x04)).toBe('ELOOP');
    expect(openat2(u, d, 'sub/f', O_RDONLY, 0x04)).toBe('ok');
    expect(openat2(u, d, 'rel', O_RDONLY | 0o10000000 | 0o400000, 0x04)).toBe('ok'); // O_PATH|O_NOFOLLOW: the link itself
  });

  it('RESOLVE_BENEATH: absolute names, ".." above the dirfd and absolute links escape (EXDEV)', () => {
    const [u, d] = tree();
    expect(openat2(u, d, 'sub/../rel', O_RDONLY, 0x08)).toBe('ok');
    expect(openat2(u, d, '/etc', O_RDONLY, 0x08)).toBe('EXDEV');
    expect(openat2(u, d, '../etc', O_RDONLY, 0x08)).toBe('EXDEV');
    expect(openat2(u, d, 'abs', O_RDONLY, 0x08)).toBe('EXDEV');
    expect(openat2(u, d, 'sub/up', O_RDONLY, 0x08)).toBe('EXDEV');
  });

  it('RESOLVE_IN_ROOT: the dirfd is "/" for the walk, ".." stops there', () => {
    const [u, d] = tree();
    u.put('/base/etc', 'jailed etc');
    const fd = (p: string) => {
      const how = u.bytes(new Uint8Array(new BigUint64Array([0n, 0n, 0x10n]).buffer));
      return u.sys('openat2', d, p, how, 24);
    };
    expect(u.readText(fd('/etc'))).toBe('jailed etc');
    expect(u.readText(fd('abs'))).toBe('jailed etc');
    expect(u.readText(fd('../../etc'))).toBe('jailed etc');
    expect(u.readText(fd('sub/up'))).toBe('jailed etc');
  });

  it('RESOLVE_NO_XDEV refuses to cross a mount either way', () => {
    const [u, d] = tree();
    mountTmpfs(u, '/base/sub');
    u.put('/base/sub/g', '');
    expect(openat2(u, d, 'sub/g', O_RDONLY, 0x01)).toBe('EXDEV');
    const m = u.open('/base/sub', O_RDONLY | O_DIRECTORY);
    expect(openat2(u, m, '../rel', O_RDONLY, 0x01)).toBe('EXDEV');
    expect(openat2(u, m, 'g', O_RDONLY, 0x01)).toBe('ok');
  });

  it('bad flags, sizes and combinations', () => {
    const [u, d] = tree();
    expect(openat2(u, d, 'sub/f', O_RDONLY, 0x08 | 0x10)).toBe('EINVAL');
    expect(openat2(u, d, 'sub/f', O_RDONLY, 0x40)).toBe('EINVAL');
    expect(openat2(u, d, 'sub/f', 1 << 30, 0)).toBe('EINVAL');
    expect(openat2(u, d, 'new', 0o101, 0x20)).toBe('EAGAIN'); // O_CREAT with RESOLVE_CACHED
    const how = u.bytes(new Uint8Array(32));
    expect(errname(u.sys('openat2', d, 'sub/f', how, 16))).toBe('EINVAL');
    expect(u.sys('openat2', d, 'sub/f', how, 32)).toBeGreaterThanOrEqual(0);
    u.t.mm!.writeFrom(how + 24, new Uint8Array([1]));
    expect(errname(u.sys('openat2', d, 'sub/f', how, 32))).toBe('E2BIG');
  });
});
