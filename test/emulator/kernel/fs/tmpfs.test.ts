// tmpfs as Linux 6.18's tmpfs behaves (measured on /dev/shm): directory sizes, link counts,
// blocks, timestamps, readdir order and offsets, limits.

import { describe, expect, it } from 'vitest';
import { O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, SEEK_SET, AT_FDCWD } from '../../../../emulator/uapi/fcntl';
import { S_IFDIR, S_IFLNK, S_IFREG } from '../../../../emulator/uapi/stat';
import { errname, fsKernel, listdir, mountTmpfs, UTask } from './fixture';

type St = Exclude<ReturnType<UTask['stat']>, number>;
const st = (u: UTask, p: string, nofollow = false) => u.stat(p, nofollow) as St;

describe('tmpfs', () => {
  it('directory size is 20 bytes per entry with . and .., link counts follow subdirectories', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/t', 0o755);
    expect(st(u, '/t')).toMatchObject({ size: 40, nlink: 2, blocks: 0, mode: S_IFDIR | 0o755 });
    u.put('/t/f', '');
    u.sys('symlink', 'f', '/t/sl');
    u.sys('mkdir', '/t/sub', 0o755);
    expect(st(u, '/t')).toMatchObject({ size: 100, nlink: 3 });
    expect(st(u, '/t/sl', true)).toMatchObject({ size: 1, nlink: 1, blocks: 0, mode: S_IFLNK | 0o777 });
    u.sys('rmdir', '/t/sub');
    u.sys('unlink', '/t/sl');
    expect(st(u, '/t')).toMatchObject({ size: 60, nlink: 2 });
    u.sys('rename', '/t/f', '/g');
    expect(st(u, '/t')).toMatchObject({ size: 40 });
  });

  it('blocks count the pages written; a sparse file has holes that read as zeros', () => {
    const u = new UTask(fsKernel());
    const fd = u.open('/f', O_CREAT | O_RDWR);
    expect(st(u, '/f')).toMatchObject({ size: 0, blocks: 0 });
    u.write(fd, 'abc');
    expect(st(u, '/f')).toMatchObject({ size: 3, blocks: 8 });
    u.sys('lseek', fd, 10000, SEEK_SET);
    u.write(fd, 'x');
    expect(st(u, '/f')).toMatchObject({ size: 10001, blocks: 16 });
    u.sys('lseek', fd, 0, SEEK_SET);
    const data = u.read(fd, 20000) as Uint8Array;
    expect(data.length).toBe(10001);
    expect(data[5000]).toBe(0);
    expect(data[10000]).toBe(0x78);
    expect(u.sys('ftruncate', fd, 2)).toBe(0);
    expect(st(u, '/f')).toMatchObject({ size: 2, blocks: 8 });
    expect(u.get('/f')).toBe('ab');
    expect(u.sys('ftruncate', fd, 100)).toBe(0);
    expect(u.get('/f')).toBe('ab' + '\0'.repeat(98));
  });

  it('timestamps move as on Linux', () => {
    const k = fsKernel();
    const u = new UTask(k);
    const tick = () => k.clock.advance(10_000_000);
    u.sys('mkdir', '/t', 0o755);
    const d0 = st(u, '/t');
    expect(d0.atime).toBe(d0.mtime);
    tick();
    const fd = u.open('/t/f', O_CREAT | O_WRONLY);
    const d1 = st(u, '/t');
    const f1 = st(u, '/t/f');
    expect(d1.mtime).toBeGreaterThan(d0.mtime);
    expect(d1.ctime).toBe(d1.mtime);
    expect(d1.atime).toBe(d0.atime);
    expect(f1.mtime).toBe(d1.mtime);
    expect(f1.atime).toBe(f1.mtime);
    tick();
    u.sys('close', fd);
    const w = u.open('/t/f', O_WRONLY | O_TRUNC); // O_TRUNC of an empty file still moves mtime
    const f2 = st(u, '/t/f');
    expect(f2.mtime).toBeGreaterThan(f1.mtime);
    expect(f2.atime).toBe(f1.atime);
    tick();
    u.write(w, 'abc');
    const f3 = st(u, '/t/f');
    expect(f3.mtime).toBeGreaterThan(f2.mtime);
    tick();
    u.write(w, ''); // a write of nothing changes nothing
    expect(st(u, '/t/f').mtime).toBe(f3.mtime);
    tick();
    const r = u.open('/t/f', O_RDONLY);
    u.read(r, 10);
    const f4 = st(u, '/t/f');
    expect(f4.atime).toBeGreaterThan(f3.atime);
    expect(f4.mtime).toBe(f3.mtime);
    tick();
    u.sys('chmod', '/t/f', 0o600);
    const f5 = st(u, '/t/f');
    expect(f5.ctime).toBeGreaterThan(f4.ctime);
    expect(f5.mtime).toBe(f4.mtime);
    tick();
    u.sys('link', '/t/f', '/t/g');
    const f6 = st(u, '/t/f');
    const d6 = st(u, '/t');
    expect(f6.ctime).toBeGreaterThan(f5.ctime);
    expect(d6.mtime).toBe(f6.ctime);
    tick();
    u.sys('rename', '/t/g', '/t/h');
    expect(st(u, '/t/f').ctime).toBeGreaterThan(f6.ctime);
    tick();
    const before = st(u, '/t/f');
    u.sys('ftruncate', w, 3); // same size: still a change
    expect(st(u, '/t/f').mtime).toBeGreaterThan(before.mtime);
  });

  it('relatime: a read updates atime only if it is older than mtime/ctime (or a day old)', () => {
    const k = fsKernel();
    const u = new UTask(k);
    u.sys('mkdir', '/mnt', 0o755);
    mountTmpfs(u, '/mnt');
    u.put('/mnt/f', 'data');
    k.clock.advance(1e6);
    const fd = u.open('/mnt/f', O_RDONLY);
    u.read(fd, 10);
    const a1 = st(u, '/mnt/f').atime;
    expect(a1).toBeGreaterThan(st(u, '/mnt/f').mtime);
    k.clock.advance(1e6);
    u.sys('lseek', fd, 0, SEEK_SET);
    u.read(fd, 10);
    expect(st(u, '/mnt/f').atime).toBe(a1);
    k.clock.advance(25 * 3600 * 1e9);
    u.sys('lseek', fd, 0, SEEK_SET);
    u.read(fd, 10);
    expect(st(u, '/mnt/f').atime).toBeGreaterThan(a1);
  });

  it('readdir: newest first, stable offsets, d_off continues a listing (same as Linux)', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/t1', 0o755);
    u.put('/t1/a', '');
    u.put('/t1/b', '');
    u.sys('mkdir', '/t1/c', 0o755);
    u.put('/t1/d', '');
    u.sys('unlink', '/t1/b');
    u.put('/t1/e', '');
    const fd = u.open('/t1', O_RDONLY);
    const ents = listdir(u, fd) as { name: string; off: number; type: number }[];
    // Linux 6.18: . off=1, .. off=7, e off=6, d off=5, c off=3, a off=2147483647
    expect(ents.map((e) => [e.name, e.off, e.type])).toEqual([
      ['.', 1, 4], ['..', 7, 4], ['e', 6, 8], ['d', 5, 8], ['c', 3, 4], ['a', 0x7fffffff, 8],
    ]);
    expect(listdir(u, fd)).toEqual([]);
    // Resume from a d_off: lseek to d's (5) lists what comes after d.
    u.sys('lseek', fd, 5, SEEK_SET);
    expect((listdir(u, fd) as { name: string }[]).map((e) => e.name)).toEqual(['c', 'a']);
    // A small buffer takes one record at a time and keeps the place.
    u.sys('lseek', fd, 0, SEEK_SET);
    const names: string[] = [];
    for (;;) {
      const r = listdir(u, fd, 24) as { name: string }[];
      if (r.length === 0) break;
      names.push(...r.map((e) => e.name));
    }
    expect(names).toEqual(['.', '..', 'e', 'd', 'c', 'a']);
    // A renamed entry gets a new offset: it becomes the newest.
    u.sys('rename', '/t1/a', '/t1/z');
    u.sys('lseek', fd, 0, SEEK_SET);
    expect((listdir(u, fd) as { name: string }[]).map((e) => e.name)).toEqual(['.', '..', 'z', 'e', 'd', 'c']);
    // An empty directory: ".." is the last entry.
    u.sys('mkdir', '/t2', 0o755);
    const e2 = listdir(u, u.open('/t2', O_RDONLY)) as { name: string; off: number }[];
    expect(e2.map((e) => [e.name, e.off])).toEqual([['.', 1], ['..', 0x7fffffff]]);
  });

  it('getdents (the old one) puts d_type in the last byte', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/d', 0o755);
    u.put('/d/file', '');
    const fd = u.open('/d', O_RDONLY);
    const buf = u.alloc(512);
    const n = u.sys('getdents', fd, buf, 512);
    const b = u.peek(buf, n);
    const v = new DataView(b.buffer);
    const recs: [string, number][] = [];
    for (let p = 0; p < n; ) {
      const reclen = v.getUint16(p + 16, true);
      let end = p + 18;
      while (b[end] !== 0) end++;
      recs.push([new TextDecoder().decode(b.subarray(p + 18, end)), b[p + reclen - 1]!]);
      p += reclen;
    }
    expect(recs).toEqual([['.', 4], ['..', 4], ['file', 8]]);
  });

  it('inode numbers count from 1 per mount; the mount root is 1; st_dev differs', () => {
    const u = new UTask(fsKernel());
    expect(st(u, '/')).toMatchObject({ ino: 1 });
    u.sys('mkdir', '/mnt', 0o755);
    mountTmpfs(u, '/mnt');
    const root = st(u, '/');
    const mnt = st(u, '/mnt');
    expect(mnt.ino).toBe(1);
    expect(mnt.dev).not.toBe(root.dev);
    expect(mnt.mode).toBe(S_IFDIR | 0o1777);
    u.put('/mnt/a', '');
    expect(st(u, '/mnt/a').ino).toBe(2);
  });

  it('size= limit: ENOSPC, short writes, space returns on unlink', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/mnt', 0o755);
    mountTmpfs(u, '/mnt', 'size=16k');
    const fd = u.open('/mnt/f', O_CREAT | O_WRONLY);
    expect(u.write(fd, 'x'.repeat(10000))).toBe(10000);
    expect(u.write(fd, 'y'.repeat(10000))).toBe(16384 - 10000);
    expect(errname(u.write(fd, 'z'))).toBe('ENOSPC');
    u.sys('close', fd);
    u.sys('unlink', '/mnt/f');
    const fd2 = u.open('/mnt/g', O_CREAT | O_WRONLY);
    expect(u.write(fd2, 'x'.repeat(16384))).toBe(16384);
  });

  it('an unlinked file lives while open; its pages go when the last descriptor closes', () => {
    const k = fsKernel();
    const u = new UTask(k);
    u.put('/f', 'x'.repeat(8192));
    const fd = u.open('/f', O_RDONLY);
    u.sys('unlink', '/f');
    expect(u.readText(fd)).toBe('x'.repeat(8192));
    const used = k.phys.used;
    u.sys('close', fd);
    expect(k.phys.used).toBe(used - 2);
  });

  it('hard links share the inode; rename over a file replaces it', () => {
    const u = new UTask(fsKernel());
    u.put('/a', 'A');
    expect(u.sys('link', '/a', '/b')).toBe(0);
    expect(st(u, '/a')).toMatchObject({ nlink: 2, mode: S_IFREG | 0o644 });
    expect(st(u, '/b').ino).toBe(st(u, '/a').ino);
    u.put('/c', 'C');
    expect(u.sys('rename', '/c', '/a')).toBe(0);
    expect(u.get('/a')).toBe('C');
    expect(st(u, '/b')).toMatchObject({ nlink: 1 });
    expect(u.get('/b')).toBe('A');
    // RENAME_EXCHANGE swaps, RENAME_NOREPLACE refuses
    expect(u.sys('renameat2', AT_FDCWD, '/a', AT_FDCWD, '/b', 2)).toBe(0);
    expect(u.get('/a')).toBe('A');
    expect(u.get('/b')).toBe('C');
    expect(errname(u.sys('renameat2', AT_FDCWD, '/a', AT_FDCWD, '/b', 1))).toBe('EEXIST');
    expect(errname(u.sys('renameat2', AT_FDCWD, '/a', AT_FDCWD, '/nx', 2))).toBe('ENOENT');
  });

  it('moving a directory moves its ".." link between parents', () => {
    const u = new UTask(fsKernel());
    u.sys('mkdir', '/p1', 0o755);
    u.sys('mkdir', '/p2', 0o755);
    u.sys('mkdir', '/p1/d', 0o755);
    expect(st(u, '/p1').nlink).toBe(3);
    expect(u.sys('rename', '/p1/d', '/p2/d')).toBe(0);
    expect(st(u, '/p1').nlink).toBe(2);
    expect(st(u, '/p2').nlink).toBe(3);
    u.sys('mkdir', '/p1/e', 0o755);
    expect(u.sys('rename', '/p2/d', '/p1/e')).toBe(0); // over an empty directory
    expect(st(u, '/p1').nlink).toBe(3);
    expect(st(u, '/p2').nlink).toBe(2);
  });
});

describe('tmpfs SEEK_DATA / SEEK_HOLE', () => {
  it('follow the pages, as measured on Linux (bytes at 0 and 10000)', () => {
    const u = new UTask(fsKernel());
    const fd = u.open('/sparse', O_CREAT | O_RDWR);
    u.write(fd, 'a');
    u.sys('pwrite64', fd, u.bytes('b'), 1, 10000);
    const seek = (off: number, whence: number) => errname(u.sys('lseek', fd, off, whence));
    const rows = [0, 1, 4095, 4096, 5000, 8192, 10000, 10001, 20000].map((o) => [o, seek(o, 3), seek(o, 4)]);
    expect(rows).toEqual([
      [0, '0', '4096'], [1, '1', '4096'], [4095, '4095', '4096'], [4096, '8192', '4096'], [5000, '8192', '5000'],
      [8192, '8192', '10001'], [10000, '10000', '10001'], [10001, 'ENXIO', 'ENXIO'], [20000, 'ENXIO', 'ENXIO'],
    ]);
    // pwrite on an O_APPEND file appends (a documented Linux bug kept for compatibility)
    const a = u.open('/sparse', O_WRONLY | 0o2000);
    u.sys('pwrite64', a, u.bytes('Z'), 1, 0);
    expect(u.stat('/sparse')).toMatchObject({ size: 10002 });
    u.sys('unlink', '/sparse');
    const buf = u.alloc(144);
    u.sys('fstat', a, buf);
    expect(Number(new DataView(u.peek(buf, 144).buffer).getBigUint64(16, true))).toBe(0);
  });
});
