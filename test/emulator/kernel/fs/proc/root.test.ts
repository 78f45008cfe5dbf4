// The /proc directory itself: what it lists and in which order, self and thread-self, pid
// directories that come and go with their processes, readdir positions, and how its files read
// (a snapshot per open).

import { describe, expect, it } from 'vitest';
import { do_exit, release_task } from '../../../../../emulator/kernel/exit';
import { S_IFDIR, S_IFLNK, S_IFREG } from '../../../../../emulator/uapi/stat';
import { addThread, adopt, errname, listDir, procKernel, readlink, UTask } from './fixture';

const O_RDONLY = 0, O_WRONLY = 1, O_DIRECTORY = 0o200000;
const SEEK_SET = 0, SEEK_END = 2;

describe('/proc', () => {
  it('lists the fixed files (shortest names first), self, thread-self, then the processes by pid', () => {
    const { k, root } = procKernel();
    const a = new UTask(k);
    const b = new UTask(k);
    addThread(b); // threads are not listed at the top level
    expect(listDir(root, '/proc')).toEqual([
      '.', '..', 'net', 'sys', 'tty', 'kmsg', 'misc', 'stat', 'swaps', 'mounts', 'uptime', 'cgroups', 'cmdline', 'cpuinfo', 'devices',
      'loadavg', 'meminfo', 'sysvipc', 'version', 'softirqs', 'interrupts', 'partitions', 'filesystems',
      'self', 'thread-self', '1', String(a.t.tid), String(b.t.tid),
    ]);
  });

  it('is a directory of its own filesystem: inode 1, mode 0555, 2 links + one per process', () => {
    const { k, root } = procKernel();
    new UTask(k);
    const st = root.stat('/proc');
    if (typeof st === 'number') throw new Error(errname(st));
    expect(st.ino).toBe(1);
    expect(st.mode).toBe(S_IFDIR | 0o555);
    expect(st.nlink).toBe(4);
    const buf = root.alloc(120);
    expect(root.sys('statfs', '/proc', buf)).toBe(0);
    expect(new DataView(root.peek(buf, 8).buffer).getBigInt64(0, true)).toBe(0x9fa0n); // PROC_SUPER_MAGIC
  });

  it('self and thread-self name the reader', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const th = addThread(u);
    expect(readlink(root, '/proc/self')).toBe('1');
    expect(readlink(u, '/proc/self')).toBe(String(u.t.tid));
    expect(readlink(u, '/proc/thread-self')).toBe(`${u.t.tid}/task/${u.t.tid}`);
    expect(u.get('/proc/self/stat').split(' ')[0]).toBe(String(u.t.tid));
    expect(u.get('/proc/thread-self/status')).toContain(`\nPid:\t${u.t.tid}\n`);
    expect(listDir(root, `/proc/${u.t.tid}/task`)).toEqual(['.', '..', String(u.t.tid), String(th.tid)]);
    const st = root.stat('/proc/self', true);
    expect(typeof st !== 'number' && st.mode).toBe(S_IFLNK | 0o777);
  });

  it('/proc/<tid> of a thread works though it is not listed', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const th = addThread(u);
    expect(root.get(`/proc/${th.tid}/status`)).toContain(`\nPid:\t${th.tid}\n`);
  });

  it('a process directory goes away with the process', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    adopt(root, u);
    const pid = u.t.tid;
    expect(root.get(`/proc/${pid}/stat`)).toContain(`${pid} (`);
    do_exit(u.t, 0); // a zombie is still there
    expect(root.get(`/proc/${pid}/stat`)).toContain(') Z ');
    release_task(u.t); // reaped
    expect(errname(root.open(`/proc/${pid}/stat`, O_RDONLY))).toBe('ENOENT');
    expect(errname(root.stat(`/proc/${pid}`) as number)).toBe('ENOENT');
    expect(listDir(root, '/proc')).not.toContain(String(pid));
  });

  it('a cwd inside a dead process directory finds nothing', () => {
    const { k } = procKernel();
    const u = new UTask(k);
    const other = new UTask(k);
    expect(other.sys('chdir', `/proc/${u.t.tid}`)).toBe(0);
    expect(other.get('stat')).toContain(`${u.t.tid} (`);
    release_task(u.t);
    expect(errname(other.open('stat', O_RDONLY))).toBe('ENOENT');
  });

  it('a reused pid is a new directory, not the old one', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const pid = u.t.tid;
    expect(root.get(`/proc/${pid}/comm`)).toBe(`fstest${pid}\n`);
    release_task(u.t);
    const again = new UTask(k);
    k.tasks.delete(again.t.tid);
    (again.t as { tid: number }).tid = pid;
    k.tasks.set(pid, again.t);
    again.t.comm = 'newcomer';
    expect(root.get(`/proc/${pid}/comm`)).toBe('newcomer\n');
  });

  it('continues a listing from its position, one entry per call', () => {
    const { k, root } = procKernel();
    for (let i = 0; i < 3; i++) new UTask(k);
    const whole = listDir(root, '/proc');
    const fd = root.open('/proc', O_DIRECTORY);
    const buf = root.alloc(64);
    const names: string[] = [];
    let late: UTask | null = null;
    for (;;) {
      const n = root.sys('getdents64', fd, buf, 32); // room for one short record
      if (n <= 0) break;
      const b = root.peek(buf, n);
      names.push(new TextDecoder().decode(b.subarray(19, b.indexOf(0, 19))));
      if (names.length === 12) late = new UTask(k); // appears mid-listing, after the others
    }
    expect(names).toEqual([...whole, String(late!.t.tid)]);
    // lseek back to a d_off continues from there.
    expect(root.sys('lseek', fd, 256, SEEK_SET)).toBe(256);
    const n = root.sys('getdents64', fd, buf, 32);
    const b = root.peek(buf, n);
    expect(new TextDecoder().decode(b.subarray(19, b.indexOf(0, 19)))).toBe('self');
  });

  it('a file is a snapshot made at open: reads and lseek move over it', () => {
    const { k, root } = procKernel();
    const fd = root.open('/proc/uptime', O_RDONLY);
    const first = root.readText(fd, 3);
    k.clock.advance(5e9);
    const rest = root.readText(fd);
    expect(String(first) + String(rest)).toBe('0.00 0.00\n');
    expect(root.sys('lseek', fd, 0, SEEK_SET)).toBe(0);
    expect(root.readText(fd)).toBe('0.00 0.00\n');
    expect(errname(root.sys('lseek', fd, 0, SEEK_END))).toBe('EINVAL');
    root.sys('close', fd);
    expect(root.get('/proc/uptime')).toMatch(/^5\.00 /);
  });

  it('files are regular, empty-sized, read-only; writing them fails as on Linux', () => {
    const { root } = procKernel();
    const st = root.stat('/proc/self/status');
    expect(typeof st !== 'number' && st.mode).toBe(S_IFREG | 0o444);
    expect(typeof st !== 'number' && st.size).toBe(0);
    const fd = root.open('/proc/self/stat', O_WRONLY);
    expect(errname(root.write(fd, 'x'))).toBe('EINVAL');
    const g = root.open('/proc/uptime', O_WRONLY);
    expect(errname(root.write(g, 'x'))).toBe('EIO');
    const user = new UTask(root.k, 1000, 1000);
    expect(errname(user.open('/proc/uptime', O_WRONLY))).toBe('EACCES');
    expect(errname(root.sys('read', root.open('/proc', O_DIRECTORY), root.alloc(8), 8))).toBe('EISDIR');
  });

  it('names nothing that is not there', () => {
    const { root } = procKernel();
    for (const p of ['/proc/nope', '/proc/99999', '/proc/01', '/proc/1/nope', '/proc/1/task/2', '/proc/1/fd/7']) {
      expect(errname(root.open(p, O_RDONLY))).toBe('ENOENT');
    }
  });
});
