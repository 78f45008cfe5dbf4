// The cgroup v2 filesystem: the core files, mkdir/rmdir of cgroups, moving processes with
// cgroup.procs, the hierarchy limits and cgroup.kill.

import { describe, expect, it } from 'vitest';
import { cgroup_init } from '../../../../emulator/kernel/cgroup/cgroup';
import { cgroup_path, task_cgroup } from '../../../../emulator/kernel/cgroup/css_set';
import { errname, listDir, mountAs, procKernel, UTask } from '../fs/proc/fixture';

const O_WRONLY = 1;

function setup() {
  const { k, root } = procKernel();
  cgroup_init(k);
  root.sys('mkdir', '/cg', 0o755);
  expect(mountAs(root, 'cgroup2', '/cg', 'cgroup2', 0, 'nsdelegate')).toBe(0);
  return { k, root };
}

/** write(2) of `text` to `path`: the count, or the -errno. */
function writeTo(u: UTask, path: string, text: string): number {
  const fd = u.open(path, O_WRONLY);
  if (fd < 0) return fd;
  const r = u.write(fd, text);
  u.sys('close', fd);
  return r;
}

const files = (u: UTask, dir: string) => listDir(u, dir).filter((n) => n !== '.' && n !== '..').sort();

describe('cgroup2', () => {
  it('the root has the core files; a child also has cgroup.events, cgroup.kill and cgroup.type', () => {
    const { root } = setup();
    expect(files(root, '/cg')).toEqual([
      'cgroup.controllers', 'cgroup.max.depth', 'cgroup.max.descendants', 'cgroup.procs', 'cgroup.stat', 'cgroup.subtree_control', 'cgroup.threads',
    ]);
    expect(root.sys('mkdir', '/cg/a', 0o755)).toBe(0);
    expect(files(root, '/cg/a')).toEqual([
      'cgroup.controllers', 'cgroup.events', 'cgroup.kill', 'cgroup.max.depth', 'cgroup.max.descendants', 'cgroup.procs', 'cgroup.stat',
      'cgroup.subtree_control', 'cgroup.threads', 'cgroup.type',
    ]);
    expect(root.get('/cg/a/cgroup.type')).toBe('domain\n');
    expect(root.get('/cg/cgroup.stat')).toBe('nr_descendants 1\nnr_dying_descendants 0\n');
    expect(root.get('/proc/mounts')).toContain('cgroup2 /cg cgroup2 rw,relatime,nsdelegate 0 0\n');
  });

  it('cgroup.procs moves a whole process; populated follows; rmdir is EBUSY until it is empty', () => {
    const { k, root } = setup();
    const other = new UTask(k);
    root.sys('mkdir', '/cg/a', 0o755);
    expect(root.get('/cg/cgroup.procs')).toBe(`${root.t.tgid}\n${other.t.tgid}\n`);
    expect(writeTo(root, '/cg/a/cgroup.procs', `${other.t.tgid}\n`)).toBe(String(other.t.tgid).length + 1);
    expect(cgroup_path(task_cgroup(other.t))).toBe('/a');
    expect(root.get('/cg/a/cgroup.procs')).toBe(`${other.t.tgid}\n`);
    expect(root.get('/cg/a/cgroup.events')).toBe('populated 1\nfrozen 0\n');
    expect(errname(root.sys('rmdir', '/cg/a'))).toBe('EBUSY');
    // "0" is the writer itself.
    expect(writeTo(other, '/cg/cgroup.procs', '0')).toBe(1);
    expect(root.get('/cg/a/cgroup.events')).toBe('populated 0\nfrozen 0\n');
    expect(root.sys('rmdir', '/cg/a')).toBe(0);
    expect(errname(root.open('/cg/a/cgroup.procs', 0))).toBe('ENOENT');
  });

  it('bad writes: not a pid (EINVAL), no such process (ESRCH), controllers that do not exist, read-only files', () => {
    const { root } = setup();
    root.sys('mkdir', '/cg/a', 0o755);
    expect(errname(writeTo(root, '/cg/a/cgroup.procs', 'abc'))).toBe('EINVAL');
    expect(errname(writeTo(root, '/cg/a/cgroup.procs', '99999'))).toBe('ESRCH');
    expect(errname(writeTo(root, '/cg/cgroup.subtree_control', '+cpu'))).toBe('EINVAL');
    expect(errname(writeTo(root, '/cg/a/cgroup.threads', '1'))).toBe('EOPNOTSUPP');
    expect(errname(writeTo(root, '/cg/a/cgroup.kill', '2'))).toBe('ERANGE');
    expect(errname(root.open('/cg/a/cgroup.kill', 0))).toBe('EACCES');
    const user = new UTask(root.k, 1000, 1000);
    expect(errname(writeTo(user, '/cg/a/cgroup.procs', String(user.t.tgid)))).toBe('EACCES');
  });

  it('cgroup.max.depth and cgroup.max.descendants limit mkdir (EAGAIN)', () => {
    const { root } = setup();
    root.sys('mkdir', '/cg/a', 0o755);
    expect(writeTo(root, '/cg/a/cgroup.max.depth', '1')).toBe(1);
    expect(root.get('/cg/a/cgroup.max.depth')).toBe('1\n');
    expect(root.sys('mkdir', '/cg/a/b', 0o755)).toBe(0);
    expect(errname(root.sys('mkdir', '/cg/a/b/c', 0o755))).toBe('EAGAIN');
    expect(writeTo(root, '/cg/cgroup.max.descendants', '2')).toBe(1);
    expect(errname(root.sys('mkdir', '/cg/x', 0o755))).toBe('EAGAIN');
    expect(writeTo(root, '/cg/cgroup.max.descendants', 'max')).toBe(3);
    expect(root.sys('mkdir', '/cg/x', 0o755)).toBe(0);
    expect(errname(writeTo(root, '/cg/cgroup.max.depth', 'lots'))).toBe('EINVAL');
  });

  it('cgroup.kill sends SIGKILL to every process below', () => {
    const { k, root } = setup();
    const victim = new UTask(k);
    root.sys('mkdir', '/cg/a', 0o755);
    root.sys('mkdir', '/cg/a/b', 0o755);
    writeTo(root, '/cg/a/b/cgroup.procs', String(victim.t.tgid));
    expect(writeTo(root, '/cg/a/cgroup.kill', '1')).toBe(1);
    // SIGKILL (9) is pending for the process, or has already made the whole group exit.
    const g = victim.t.group;
    expect((g.sharedPending.set & (1n << 8n)) !== 0n || g.groupExit).toBe(true);
    expect((root.t.group.sharedPending.set & (1n << 8n)) !== 0n || root.t.group.groupExit).toBe(false);
  });

  it('one hierarchy: a second mount shows the same cgroups; unknown options are EINVAL', () => {
    const { root } = setup();
    root.sys('mkdir', '/cg/a', 0o755);
    root.sys('mkdir', '/cg2', 0o755);
    expect(mountAs(root, 'cgroup2', '/cg2', 'cgroup2')).toBe(0);
    expect(files(root, '/cg2')).toContain('a');
    root.sys('mkdir', '/cg3', 0o755);
    expect(errname(mountAs(root, 'cgroup2', '/cg3', 'cgroup2', 0, 'memory=1'))).toBe('EINVAL');
  });
});
