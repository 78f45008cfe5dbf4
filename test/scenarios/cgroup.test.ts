// cgroup v2 on a booted machine: mounting the hierarchy on /sys/fs/cgroup, making a cgroup,
// moving the shell into it (its children follow), cgroup.kill, and removing the cgroup.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

function run(command: string) {
  const r = runInMachine(command);
  expect(kernelBugs(r.machine)).toEqual([]);
  return r;
}

describe('cgroup2', () => {
  it('a shell moved into a cgroup takes its children along; empty cgroups can be removed', () => {
    const r = run('mount -t cgroup2 none /sys/fs/cgroup && cd /sys/fs/cgroup && mkdir lab && echo $$ > lab/cgroup.procs; ' +
      'cat lab/cgroup.procs; cat lab/cgroup.events; cd /; echo $$ > /sys/fs/cgroup/cgroup.procs; cat /sys/fs/cgroup/lab/cgroup.events; ' +
      'rmdir /sys/fs/cgroup/lab && echo removed; mount | grep cgroup');
    // The shell (pid 2) and the cat that lists the file (pid 5, after mount and mkdir).
    expect(r.output).toBe('2\n5\npopulated 1\nfrozen 0\npopulated 0\nfrozen 0\nremoved\nnone on /sys/fs/cgroup type cgroup2 (rw,relatime)\n');
  });

  it('/proc/<pid>/cgroup names the cgroup, for the process and the children it starts', () => {
    const r = run('mount -t cgroup2 none /sys/fs/cgroup; mkdir -p /sys/fs/cgroup/a/b; cat /proc/self/cgroup; echo $$ > /sys/fs/cgroup/a/b/cgroup.procs; ' +
      'cat /proc/$$/cgroup; sh -c "cat /proc/self/cgroup"');
    expect(r.output).toBe('0::/\n0::/a/b\n0::/a/b\n');
  });

  it('cgroup.kill ends every process inside; rmdir is refused while one lives', () => {
    const r = run('mount -t cgroup2 none /sys/fs/cgroup; mkdir /sys/fs/cgroup/job; sleep 100 & echo $! > /sys/fs/cgroup/job/cgroup.procs; ' +
      'rmdir /sys/fs/cgroup/job; echo 1 > /sys/fs/cgroup/job/cgroup.kill; wait $!; echo status=$?; rmdir /sys/fs/cgroup/job && echo removed');
    expect(r.output).toBe("rmdir: failed to remove '/sys/fs/cgroup/job': Device or resource busy\nKilled\nstatus=137\nremoved\n");
  });
});
