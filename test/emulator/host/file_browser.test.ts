// The file browser reads the machine's trees from outside: device nodes with their driver and sysfs
// place, /proc and /sys contents, errors as words — and leaves no mark on the machine.

import { describe, expect, it } from 'vitest';
import { Machine } from '../../../emulator/machine/machine';
import { files_list, files_read, files_stat } from '../../../emulator/host/file_browser';
import { MAX_FILE_READ, modeString } from '../../../emulator/api/files';
import { kernel_vfs } from '../../../emulator/kernel/fs/vfs';
import { kernel_walk_ctx, vfs_path_lookup } from '../../../emulator/kernel/fs/namei';
import { AT_FDCWD } from '../../../emulator/uapi/fcntl';
import { kernelBugs } from '../../machine';

/** A machine whose shell ran `cmd` and now sleeps in it. */
function bootUntilIdle(cmd: string): Machine {
  const m = new Machine({ mode: 'interactive', init: ['/sbin/init', '-c', cmd] });
  m.boot();
  for (let i = 0; i < 400; i++) if (m.run(100).state !== 'running') break;
  return m;
}

describe('file browser', () => {
  const m = bootUntilIdle('yes | head -c 70000 > /tmp/big; echo hi > /tmp/small; sleep 100');
  const k = m.kernel;

  it('describes /dev/null: c 1:3, crw-rw-rw-, driver mem, its sysfs device and uevent', () => {
    const r = files_stat(k, '/dev/null');
    expect(r.error).toBeNull();
    const e = r.entry!;
    expect(e.type).toBe('c');
    expect(modeString(e.mode)).toBe('crw-rw-rw-');
    expect(e.uid).toBe(0);
    expect(e.device).toEqual({
      major: 1, minor: 3, driver: 'mem', sysPath: '/sys/devices/virtual/mem/null', subsystem: 'mem',
      uevent: 'MAJOR=1\nMINOR=3\nDEVNAME=null\nDEVMODE=0666\n',
    });
  });

  it('lists /dev by name, with device numbers, drivers and link targets', () => {
    const r = files_list(k, '/dev');
    expect(r.error).toBeNull();
    const names = r.entries!.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    expect(names).not.toContain('.');
    const byName = new Map(r.entries!.map((e) => [e.name, e]));
    expect(byName.get('zero')?.device?.minor).toBe(5);
    expect(byName.get('console')?.device).toMatchObject({ major: 5, minor: 1, sysPath: '/sys/devices/virtual/tty/console', subsystem: 'tty' });
    expect(byName.get('sda')).toMatchObject({ type: 'b', device: { major: 8, minor: 0, subsystem: 'block' } });
    expect(byName.get('fd')).toMatchObject({ type: 'l', target: '/proc/self/fd' });
    expect(byName.get('pts')?.type).toBe('d');
    expect(r.entry).toMatchObject({ name: 'dev', type: 'd' });
  });

  it('lists /sys/class/tty: symlinks into /sys/devices', () => {
    const r = files_list(k, '/sys/class/tty');
    expect(r.error).toBeNull();
    const tty = r.entries!.find((e) => e.name === 'tty')!;
    expect(tty).toMatchObject({ type: 'l', target: '../../devices/virtual/tty/tty' });
    // A listing follows a link to a directory.
    expect(files_list(k, '/sys/class/tty/tty').entries!.map((e) => e.name)).toContain('uevent');
  });

  it('reads /proc/1/status as text', () => {
    const r = files_read(k, '/proc/1/status');
    expect(r.error).toBeNull();
    expect(r.content).toMatch(/^Name:\tinit\n/);
    expect(r.content).toContain('\nPid:\t1\n');
    expect(r.binary).toBe(false);
    expect(r.truncated).toBe(false);
  });

  it('marks NUL-separated contents binary and cuts long files at MAX_FILE_READ', () => {
    const cmd = files_read(k, '/proc/1/cmdline');
    expect(cmd.binary).toBe(true);
    expect(cmd.content).toContain('\0-c\0');
    const big = files_read(k, '/tmp/big');
    expect(big.error).toBeNull();
    expect(big.entry?.size).toBe(70000);
    expect(big.content).toHaveLength(MAX_FILE_READ);
    expect(big.truncated).toBe(true);
    expect(files_read(k, '/tmp/small')).toMatchObject({ content: 'hi\n', truncated: false, binary: false });
  });

  it('reads as no process: /proc/self has no target for it, as for a kernel thread', () => {
    const self = files_list(k, '/proc').entries!.find((e) => e.name === 'self')!;
    expect(self).toMatchObject({ type: 'l', target: null });
    expect(files_read(k, '/proc/self/status').error).toBe('No such file or directory (ENOENT)');
  });

  it('answers errors as words, never throws', () => {
    expect(files_list(k, '/nope').error).toBe('No such file or directory (ENOENT)');
    expect(files_list(k, '/tmp/small').error).toBe('Not a directory (ENOTDIR)');
    expect(files_read(k, '/proc').error).toBe('Is a directory (EISDIR)');
    expect(files_read(k, '/tmp/small/x').error).toBe('Not a directory (ENOTDIR)');
    // A sysfs attribute without show cannot be opened for reading, even by root.
    expect(files_read(k, '/sys/bus/platform/uevent').error).toBe('Permission denied (EACCES)');
  });

  it('opens no device and takes nothing from consuming files', () => {
    expect(files_read(k, '/dev/ptmx').error).toMatch(/^Not read: a device node/);
    expect(files_read(k, '/dev/null').entry?.device?.driver).toBe('mem');
    expect(files_read(k, '/proc/kmsg').error).toMatch(/^Not read: .*consumes the kernel log/);
    expect(files_read(k, '/proc/1/mem').error).toMatch(/^Not read: /);
    const pipe = files_list(k, '/sys/kernel/tracing');
    if (!pipe.error) expect(files_read(k, '/sys/kernel/tracing/trace_pipe').error).toMatch(/consumes the trace/);
    // No pty was made by looking at /dev/ptmx.
    expect(files_list(k, '/dev/pts').entries!.map((e) => e.name)).toEqual(['ptmx']);
  });

  it('leaves the machine as it was: no trace event, no task change, no access time moved', () => {
    const root = kernel_vfs(k).rootPath;
    const inodeOf = (path: string) => {
      const p = vfs_path_lookup(kernel_walk_ctx(root), AT_FDCWD, path, 0);
      if (typeof p === 'number') throw new Error(`${path}: ${p}`);
      return p.dentry.inode!;
    };
    const snapshot = () => ({
      head: k.trace.head,
      now: k.clock.now(),
      tasks: [...k.tasks.values()].map((t) => [t.tid, t.state, t.ioac.rchar, t.ioac.syscr, t.mm?.pages.size ?? 0, t.mm?.minFlt ?? 0, t.utime, t.stime]),
      atimes: ['/tmp/small', '/tmp', '/etc'].map((p) => inodeOf(p).atime),
    });
    // Make the tmpfs access times old enough that relatime would move them.
    for (const p of ['/tmp/small', '/tmp', '/etc']) inodeOf(p).atime = 0;
    const before = snapshot();
    for (const p of ['/proc/1/status', '/proc/1/cmdline', '/proc/1/io', '/tmp/small', '/sys/devices/virtual/mem/null/uevent']) files_read(k, p);
    for (const p of ['/', '/proc', '/proc/1', '/proc/1/fd', '/dev', '/sys/class/tty', '/tmp', '/etc']) files_list(k, p);
    expect(snapshot()).toEqual(before);
    expect(kernelBugs(m)).toEqual([]);
  });
});
