// The kernel-wide files of /proc: formats from the reference captures, values from the machine.

import { describe, expect, it } from 'vitest';
import { TASK_INTERRUPTIBLE } from '../../../../../emulator/kernel/sched/task';
import { readReference } from '../../../../reference';
import { errname, mountAs, procKernel, UTask } from './fixture';

describe('/proc/uptime', () => {
  it('is uptime and idle seconds with two decimals, from the virtual clock', () => {
    const { k, root } = procKernel();
    k.clock.advance(12_345_678_901);
    root.t.utime = 1_000_000_000;
    expect(root.get('/proc/uptime')).toBe('12.34 11.34\n');
  });
});

describe('/proc/loadavg', () => {
  it('is three averages, running/total threads and the last pid', () => {
    const { k, root } = procKernel();
    const a = new UTask(k);
    a.t.state = TASK_INTERRUPTIBLE;
    new UTask(k);
    expect(root.get('/proc/loadavg')).toBe('0.00 0.00 0.00 2/3 3\n');
  });
});

describe('/proc/meminfo', () => {
  const reference = readReference('raw/proc_meminfo.txt').split('\n').filter((l) => l);

  it('has the reference lines, in order, label padded to 16 and value to 8', () => {
    const { root } = procKernel();
    const lines = root.get('/proc/meminfo').split('\n').filter((l) => l);
    const label = (l: string) => l.slice(0, l.indexOf(':'));
    expect(lines.map(label)).toEqual(reference.map(label));
    for (const l of lines) expect(l).toMatch(/^[^ ]+: *[ \d]{8}\d*( kB)?$/);
    for (const l of lines) expect(l.indexOf(':') < 16 ? l.slice(16, 24) : '').toMatch(/^( *\d+)?$/);
    // kB or not, as on Linux.
    expect(lines.map((l) => l.endsWith(' kB'))).toEqual(reference.map((l) => l.endsWith(' kB')));
  });

  it('counts the machine\'s RAM: total, free, tmpfs data as Shmem and Cached', () => {
    const { k, root } = procKernel();
    const info = () => new Map(root.get('/proc/meminfo').split('\n').filter((l) => l).map((l) => [l.slice(0, l.indexOf(':')), Number(l.slice(l.indexOf(':') + 1).replace('kB', ''))]));
    const before = info();
    expect(before.get('MemTotal')).toBe(64 * 1024);
    // Every frame is free, anonymous (processes) or tmpfs data.
    expect(before.get('MemFree')! + before.get('AnonPages')! + before.get('Shmem')!).toBe(k.phys.limitPages * 4);
    root.sys('mkdir', '/tmp', 0o1777);
    expect(mountAs(root, 'tmpfs', '/tmp', 'tmpfs')).toBe(0);
    root.put('/tmp/big', 'x'.repeat(40 * 4096));
    const after = info();
    expect(after.get('Shmem')! - before.get('Shmem')!).toBe(160);
    expect(after.get('Cached')).toBe(after.get('Shmem'));
    expect(before.get('MemFree')! - after.get('MemFree')!).toBeGreaterThanOrEqual(160);
  });
});

describe('/proc/stat', () => {
  it('has the cpu lines in ticks, then the counters', () => {
    const { k, root } = procKernel();
    root.t.utime = 2_000_000_000;
    root.t.stime = 500_000_000;
    k.clock.advance(10e9);
    const lines = root.get('/proc/stat').split('\n');
    expect(lines[0]).toMatch(/^cpu {2}(\d+ ){9}\d+$/);
    expect(lines[0]!.split(/ +/).slice(1, 5)).toEqual(['200', '0', '50', '750']);
    expect(lines[1]).toMatch(/^cpu0 (\d+ ){9}\d+$/);
    expect(lines.slice(2).map((l) => l.split(' ')[0])).toEqual(['intr', 'ctxt', 'btime', 'processes', 'procs_running', 'procs_blocked', 'softirq', '']);
    expect(lines).toContain(`btime ${1_700_000_000}`);
    expect(lines).toContain(`processes ${k.totalForks}`);
    expect(lines).toContain('procs_running 1');
  });

  it('has one line per CPU', () => {
    const { k, root } = procKernel();
    const n = k.sched.nrCpus;
    expect(root.get('/proc/stat').split('\n').filter((l) => /^cpu\d/.test(l))).toHaveLength(n);
  });
});

describe('/proc/version, filesystems, cpuinfo', () => {
  it('version is the banner built from utsname', () => {
    const { k, root } = procKernel();
    const v = root.get('/proc/version');
    expect(v).toMatch(/^Linux version 6\.1\.0-ringside \(\S+@\S+\) \(.+\) #1 SMP PREEMPT_DYNAMIC/);
    expect(v.endsWith(`${k.utsname.version}\n`)).toBe(true);
  });

  it('filesystems lists the registered types, "nodev" and a tab first', () => {
    const { root } = procKernel();
    const fs = root.get('/proc/filesystems');
    expect(fs).toContain('nodev\tproc\n');
    expect(fs).toContain('nodev\ttmpfs\n');
    for (const l of fs.split('\n').filter((x) => x)) expect(l).toMatch(/^(nodev)?\t\S+$/);
  });

  it('cpuinfo has one block per CPU, "name\\t: value"', () => {
    const { k, root } = procKernel();
    const blocks = root.get('/proc/cpuinfo').split('\n\n').filter((b) => b);
    expect(blocks).toHaveLength(k.sched.nrCpus);
    expect(blocks[0]).toMatch(/^processor\t: 0\nvendor_id\t: \S+\ncpu family\t: \d+\nmodel\t\t: \d+\nmodel name\t: .+\n/);
    expect(blocks[0]).toMatch(/\nflags\t\t: fpu .*\bsse2\b/);
    expect(blocks[0]!.endsWith('power management:')).toBe(true);
  });
});

describe('/proc/mounts', () => {
  it('is a link to self/mounts: the reader\'s mount table in fstab format', () => {
    const { root } = procKernel();
    const st = root.stat('/proc/mounts', true);
    expect(typeof st !== 'number' && st.size).toBe('self/mounts'.length);
    expect(root.get('/proc/mounts')).toBe(root.get('/proc/self/mounts'));
    expect(root.get('/proc/mounts').split('\n')).toContain('proc /proc proc rw,relatime 0 0');
    expect(root.get('/proc/mounts').split('\n')[0]).toMatch(/^rootfs \/ rootfs rw/);
  });

  it('names mount points from the task\'s root, and leaves out what is outside it', () => {
    const { k, root } = procKernel();
    root.sys('mkdir', '/srv', 0o755);
    root.sys('mkdir', '/srv/a b', 0o755);
    expect(mountAs(root, 'none', '/srv/a b', 'tmpfs', 0x2 | 0x4 | 0x8, 'size=1m')).toBe(0);
    expect(root.get('/proc/mounts').split('\n')).toContain('none /srv/a\\040b tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k 0 0');
    const jailed = new UTask(k);
    expect(jailed.sys('chroot', '/srv')).toBe(0);
    expect(root.get(`/proc/${jailed.t.tid}/mounts`)).toBe('none /a\\040b tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k 0 0\n');
    expect(errname(jailed.open('/proc/self/mounts', 0))).toBe('ENOENT'); // /proc is outside its root
  });
});
