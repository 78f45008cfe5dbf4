// /proc/<pid>/fd and the cwd/root/exe links: what readlink shows, the modes, following the magic
// links, and who may look.

import { describe, expect, it } from 'vitest';
import { S_IFDIR, S_IFLNK } from '../../../../../emulator/uapi/stat';
import { errname, listDir, procKernel, readlink, UTask } from './fixture';

const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0o100;

function setup() {
  const { k, root } = procKernel();
  root.sys('mkdir', '/tmp', 0o1777);
  root.put('/tmp/a', 'alpha');
  return { k, root };
}

describe('/proc/<pid>/fd', () => {
  it('lists the open descriptors, each a link to what it is open on', () => {
    const { k, root } = setup();
    const u = new UTask(k);
    const r = u.open('/tmp/a', O_RDONLY);
    const w = u.open('/tmp/b', O_WRONLY | O_CREAT);
    const rw = u.open('/tmp/a', O_RDWR);
    const fds = u.alloc(8);
    expect(u.sys('pipe2', fds, 0)).toBe(0);
    const [p0, p1] = [u.i32(fds), u.i32(fds + 4)];
    const pid = u.t.tid;
    expect(listDir(root, `/proc/${pid}/fd`)).toEqual(['.', '..', '0', '1', '2', '3', '4']);
    expect([r, w, rw, p0, p1]).toEqual([0, 1, 2, 3, 4]);
    expect(readlink(root, `/proc/${pid}/fd/0`)).toBe('/tmp/a');
    expect(readlink(root, `/proc/${pid}/fd/1`)).toBe('/tmp/b');
    const pipe0 = readlink(root, `/proc/${pid}/fd/3`);
    expect(pipe0).toMatch(/^pipe:\[\d+\]$/);
    expect(readlink(root, `/proc/${pid}/fd/4`)).toBe(pipe0); // both ends, one inode
    const mode = (p: string) => {
      const st = root.stat(p, true);
      return typeof st === 'number' ? errname(st) : st.mode;
    };
    expect(mode(`/proc/${pid}/fd/0`)).toBe(S_IFLNK | 0o500); // lr-x------
    expect(mode(`/proc/${pid}/fd/1`)).toBe(S_IFLNK | 0o300); // l-wx------
    expect(mode(`/proc/${pid}/fd/2`)).toBe(S_IFLNK | 0o700); // lrwx------
    const st = root.stat(`/proc/${pid}/fd/0`, true);
    expect(typeof st !== 'number' && st.size).toBe(64);
    const dir = root.stat(`/proc/${pid}/fd`);
    expect(typeof dir !== 'number' && [dir.mode, dir.size]).toEqual([S_IFDIR | 0o500, 5]);
  });

  it('follows an fd link to the open file itself, even after it was renamed', () => {
    const { k, root } = setup();
    const u = new UTask(k);
    const fd = u.open('/tmp/a', O_RDONLY);
    expect(root.sys('rename', '/tmp/a', '/tmp/moved')).toBe(0);
    expect(readlink(root, `/proc/${u.t.tid}/fd/${fd}`)).toBe('/tmp/moved');
    expect(root.get(`/proc/${u.t.tid}/fd/${fd}`)).toBe('alpha');
    expect(root.sys('unlink', '/tmp/moved')).toBe(0);
    expect(readlink(root, `/proc/${u.t.tid}/fd/${fd}`)).toBe('/tmp/moved (deleted)');
    expect(root.get(`/proc/${u.t.tid}/fd/${fd}`)).toBe('alpha');
  });

  it('follows descriptors as they are closed and replaced', () => {
    const { k, root } = setup();
    const u = new UTask(k);
    const fd = u.open('/tmp/a', O_RDONLY);
    expect(readlink(root, `/proc/${u.t.tid}/fd/${fd}`)).toBe('/tmp/a');
    u.sys('close', fd);
    expect(readlink(root, `/proc/${u.t.tid}/fd/${fd}`)).toBe('ENOENT');
    const w = u.open('/tmp/c', O_WRONLY | O_CREAT);
    expect(w).toBe(fd);
    expect(readlink(root, `/proc/${u.t.tid}/fd/${fd}`)).toBe('/tmp/c');
    const st = root.stat(`/proc/${u.t.tid}/fd/${fd}`, true);
    expect(typeof st !== 'number' && st.mode).toBe(S_IFLNK | 0o300);
  });

  it('is private to the owner (and root)', () => {
    const { k, root } = setup();
    const owner = new UTask(k, 1000, 1000);
    const other = new UTask(k, 2000, 2000);
    owner.open('/tmp/a', O_RDONLY);
    const pid = owner.t.tid;
    expect(errname(other.open(`/proc/${pid}/fd`, 0o200000))).toBe('EACCES');
    expect(readlink(other, `/proc/${pid}/fd/0`)).toBe('EACCES');
    expect(readlink(owner, `/proc/${pid}/fd/0`)).toBe('/tmp/a');
    expect(readlink(root, `/proc/${pid}/fd/0`)).toBe('/tmp/a');
  });
});

describe('/proc/<pid>/cwd, root, exe', () => {
  it('cwd and root name the task\'s directories and lead there', () => {
    const { k, root } = setup();
    const u = new UTask(k);
    expect(u.sys('chdir', '/tmp')).toBe(0);
    expect(readlink(root, `/proc/${u.t.tid}/cwd`)).toBe('/tmp');
    expect(readlink(root, `/proc/${u.t.tid}/root`)).toBe('/');
    expect(root.get(`/proc/${u.t.tid}/cwd/a`)).toBe('alpha');
    const a = root.stat(`/proc/${u.t.tid}/cwd`);
    const b = root.stat('/tmp');
    expect(typeof a !== 'number' && typeof b !== 'number' && a.ino === b.ino && a.dev === b.dev).toBe(true);
  });

  it('only a reader that may ptrace the task sees where they point', () => {
    const { k } = setup();
    const owner = new UTask(k, 1000, 1000);
    const other = new UTask(k, 2000, 2000);
    expect(readlink(other, `/proc/${owner.t.tid}/cwd`)).toBe('EACCES');
    expect(readlink(owner, `/proc/${owner.t.tid}/cwd`)).toBe('/');
  });

  it('exe is ENOENT for a task that never exec\'d a file', () => {
    const { k, root } = setup();
    const u = new UTask(k);
    expect(readlink(root, `/proc/${u.t.tid}/exe`)).toBe('ENOENT');
    u.t.exePath = '/tmp/a';
    expect(readlink(root, `/proc/${u.t.tid}/exe`)).toBe('/tmp/a');
  });
});
