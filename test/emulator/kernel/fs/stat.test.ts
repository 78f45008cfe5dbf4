// stat/statx layouts, utimensat, statfs, and opening a program for exec.

import { describe, expect, it } from 'vitest';
import { AT_EMPTY_PATH, AT_FDCWD, AT_SYMLINK_NOFOLLOW, O_CREAT, O_PATH, O_RDONLY, O_WRONLY } from '../../../../emulator/uapi/fcntl';
import { S_IFDIR, S_IFREG, STATX_ATTR_MOUNT_ROOT, UTIME_NOW, UTIME_OMIT } from '../../../../emulator/uapi/stat';
import { open_exec } from '../../../../emulator/kernel/fs/exec_file';
import { TMPFS_MAGIC } from '../../../../emulator/kernel/fs/tmpfs';
import { errname, fsKernel, mountTmpfs, UTask } from './fixture';

type St = Exclude<ReturnType<UTask['stat']>, number>;

function statx(u: UTask, dfd: number, path: string | number, flags = 0) {
  const buf = u.alloc(256);
  const r = u.sys('statx', dfd, path, flags, 0xfff, buf);
  if (r < 0) return r;
  const v = new DataView(u.peek(buf, 256).buffer);
  return {
    mask: v.getUint32(0, true), blksize: v.getUint32(4, true), attributes: Number(v.getBigUint64(8, true)),
    nlink: v.getUint32(16, true), mode: v.getUint16(28, true), ino: Number(v.getBigUint64(32, true)),
    size: Number(v.getBigUint64(40, true)), blocks: Number(v.getBigUint64(48, true)),
    btime: v.getBigInt64(80, true), mtimeSec: v.getBigInt64(112, true), mtimeNsec: v.getUint32(120, true),
    devMajor: v.getUint32(136, true), devMinor: v.getUint32(140, true), mntId: Number(v.getBigUint64(144, true)),
  };
}

describe('stat and statx', () => {
  it('statx fills the basic fields, btime and the mount id, and marks mount roots', () => {
    const k = fsKernel();
    const u = new UTask(k);
    u.put('/f', 'hello');
    const sx = statx(u, AT_FDCWD, '/f') as Exclude<ReturnType<typeof statx>, number>;
    const st = u.stat('/f') as St;
    expect(sx.mask).toBe(0x1fff); // STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID, as Linux answers for tmpfs
    expect(sx).toMatchObject({ blksize: 4096, nlink: 1, mode: S_IFREG | 0o644, ino: st.ino, size: 5, blocks: 8, attributes: 0 });
    expect(BigInt(sx.mtimeSec) * 1_000_000_000n + BigInt(sx.mtimeNsec)).toBe(st.mtime);
    expect(statx(u, AT_FDCWD, '/')).toMatchObject({ attributes: STATX_ATTR_MOUNT_ROOT, mode: S_IFDIR | 0o755 });
    expect(errname(u.sys('statx', AT_FDCWD, '/f', 0, 0x80000000, u.alloc(256)))).toBe('EINVAL');
    expect(errname(u.sys('statx', AT_FDCWD, '/f', 0x6000, 0xfff, u.alloc(256)))).toBe('EINVAL');
    expect(errname(u.sys('statx', AT_FDCWD, '/f', 0, 0xfff, 0x5000))).toBe('EFAULT');
  });

  it('AT_EMPTY_PATH (and a NULL path) stat the descriptor itself', () => {
    const u = new UTask(fsKernel());
    u.put('/f', 'x');
    const fd = u.open('/f', O_PATH);
    expect(statx(u, fd, '', AT_EMPTY_PATH)).toMatchObject({ size: 1 });
    expect(statx(u, fd, 0, AT_EMPTY_PATH)).toMatchObject({ size: 1 });
    expect(errname(statx(u, fd, '') as number)).toBe('ENOENT');
    expect(errname(u.sys('newfstatat', fd, '', u.alloc(144), 0x1))).toBe('EINVAL');
    const buf = u.alloc(144);
    expect(u.sys('newfstatat', fd, '', buf, AT_EMPTY_PATH)).toBe(0);
    expect(u.sys('fstat', fd, buf)).toBe(0);
  });

  it('utimensat sets, omits and touches times; the ctime always moves', () => {
    const k = fsKernel();
    const u = new UTask(k);
    u.put('/f', '');
    const ts = (a: [number, number], m: [number, number]) => u.bytes(new Uint8Array(new BigInt64Array([BigInt(a[0]), BigInt(a[1]), BigInt(m[0]), BigInt(m[1])]).buffer));
    expect(u.sys('utimensat', AT_FDCWD, '/f', ts([100, 5], [200, 6]), 0)).toBe(0);
    let s = u.stat('/f') as St;
    expect([s.atime, s.mtime]).toEqual([100_000_000_005n, 200_000_000_006n]);
    k.clock.advance(1000);
    expect(u.sys('utimensat', AT_FDCWD, '/f', ts([0, UTIME_OMIT], [300, 0]), 0)).toBe(0);
    s = u.stat('/f') as St;
    expect([s.atime, s.mtime]).toEqual([100_000_000_005n, 300_000_000_000n]);
    expect(u.sys('utimensat', AT_FDCWD, '/f', ts([0, UTIME_NOW], [0, UTIME_NOW]), 0)).toBe(0);
    s = u.stat('/f') as St;
    expect(s.atime).toBe(s.mtime);
    expect(s.mtime).toBe(s.ctime);
    expect(errname(u.sys('utimensat', AT_FDCWD, '/f', ts([0, 1e9], [0, 0]), 0))).toBe('EINVAL');
    expect(errname(u.sys('utimensat', AT_FDCWD, '/f', 0, 0x4))).toBe('EINVAL');
    u.sys('symlink', '/f', '/l');
    expect(u.sys('utimensat', AT_FDCWD, '/l', ts([7, 0], [8, 0]), AT_SYMLINK_NOFOLLOW)).toBe(0);
    expect((u.stat('/l', true) as St).mtime).toBe(8_000_000_000n);
    // futimens: utimensat(fd, NULL, ...)
    const fd = u.open('/f', O_WRONLY);
    expect(u.sys('utimensat', fd, 0, ts([9, 0], [9, 0]), 0)).toBe(0);
    expect((u.stat('/f') as St).mtime).toBe(9_000_000_000n);
  });

  it('chmod of a symlink itself is EOPNOTSUPP; chmod follows links', () => {
    const u = new UTask(fsKernel());
    u.put('/f', '');
    u.sys('symlink', '/f', '/l');
    expect(u.sys('chmod', '/l', 0o600)).toBe(0);
    expect((u.stat('/f') as St).mode).toBe(S_IFREG | 0o600);
    expect(errname(u.sys('fchmodat2', AT_FDCWD, '/l', 0o600, AT_SYMLINK_NOFOLLOW))).toBe('EOPNOTSUPP');
  });

  it('umask applies to new files and directories, not to chmod', () => {
    const u = new UTask(fsKernel());
    expect(u.sys('umask', 0o077)).toBe(0o022);
    u.sys('close', u.open('/f', O_CREAT | O_WRONLY, 0o666));
    u.sys('mkdir', '/d', 0o777);
    expect((u.stat('/f') as St).mode).toBe(S_IFREG | 0o600);
    expect((u.stat('/d') as St).mode).toBe(S_IFDIR | 0o700);
    u.sys('chmod', '/f', 0o666);
    expect((u.stat('/f') as St).mode).toBe(S_IFREG | 0o666);
  });

  it('statfs reports tmpfs, its size limit and the mount flags', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/mnt', 0o755);
    mountTmpfs(u, '/mnt', 'size=1m,nr_inodes=100');
    u.put('/mnt/f', 'x'.repeat(5000));
    const buf = u.alloc(120);
    expect(u.sys('statfs', '/mnt/f', buf)).toBe(0);
    const v = new DataView(u.peek(buf, 120).buffer);
    const q = (o: number) => Number(v.getBigInt64(o, true));
    expect(q(0)).toBe(TMPFS_MAGIC);
    expect([q(8), q(16), q(24), q(40), q(48), q(64)]).toEqual([4096, 256, 254, 100, 98, 255]);
    expect(q(80)).toBe(0x20 | 0x1000); // ST_VALID | ST_RELATIME
  });
});

describe('open_exec', () => {
  it('opens a regular file with an x bit and reads it whole', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/bin', 0o755);
    u.put('/bin/prog', '\x7fELF...', 0o755);
    u.sys('symlink', 'prog', '/bin/link');
    u.sys('chdir', '/bin');
    const r = open_exec(u.t, './link');
    if (typeof r === 'number') throw new Error(errname(r));
    expect(r.path).toBe('/bin/prog');
    expect(new TextDecoder().decode(r.bytes)).toBe('\x7fELF...');
    expect(r.inode.ino).toBe((u.stat('/bin/prog') as St).ino);
  });

  it('ENOENT, EACCES for directories, devices and files without x; root needs some x bit', () => {
    const u = new UTask(fsKernel());
    u.put('/noexec', '', 0o644);
    u.put('/userx', '', 0o744);
    u.sys('mkdir', '/dir', 0o755);
    u.sys('mknod', '/null', 0o20755, 0x103);
    expect(errname(open_exec(u.t, '/nope') as number)).toBe('ENOENT');
    expect(errname(open_exec(u.t, '/dir') as number)).toBe('EACCES');
    expect(errname(open_exec(u.t, '/null') as number)).toBe('EACCES');
    expect(errname(open_exec(u.t, '/noexec') as number)).toBe('EACCES');
    expect(typeof open_exec(u.t, '/userx')).toBe('object');
    u.t.cred.fsuid = 1000;
    expect(errname(open_exec(u.t, '/userx') as number)).toBe('EACCES');
    // rw-r--r-x: others may run it, but a member of the file's group (gid 0 here) gets the group
    // bits, r--, and only those.
    u.t.cred.fsuid = 0;
    u.sys('chmod', '/noexec', 0o645);
    u.t.cred.fsuid = 1000;
    expect(errname(open_exec(u.t, '/noexec') as number)).toBe('EACCES');
    u.t.cred.fsgid = 1000;
    expect(typeof open_exec(u.t, '/noexec')).toBe('object');
    expect(u.open('/noexec', O_RDONLY)).toBeGreaterThanOrEqual(0);
  });
});
