// /proc/sys: the tree, the modes, and the read/write rules of Linux's sysctl handlers (checked
// against a real 6.x kernel: what `echo … > /proc/sys/vm/swappiness` answers, what a second read
// of a number file gives, and so on).

import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listDir, procKernel, UTask, errname } from './fixture';
import { get_dmesg_restrict } from '../../../../../emulator/kernel/printk/printk';

const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;

/** open + write + close: the write's result as a number or errno name. */
function writeSysctl(u: UTask, path: string, value: string | Uint8Array): string {
  const fd = u.open(path, O_WRONLY);
  if (fd < 0) return errname(fd);
  const r = u.write(fd, value);
  u.sys('close', fd);
  return errname(r);
}

describe('/proc/sys', () => {
  it('lists the top directories and the kernel tunables in name order', () => {
    const { root } = procKernel();
    expect(listDir(root, '/proc')).toContain('sys');
    expect(listDir(root, '/proc/sys')).toEqual(['.', '..', 'fs', 'kernel', 'net', 'vm']);
    const kernel = listDir(root, '/proc/sys/kernel');
    expect(kernel.slice(2)).toEqual([...kernel.slice(2)].sort());
    for (const n of ['ostype', 'osrelease', 'version', 'hostname', 'domainname', 'pid_max', 'threads-max', 'printk', 'random', 'shmmax', 'sem']) {
      expect(kernel).toContain(n);
    }
    expect(listDir(root, '/proc/sys/kernel/random').slice(2)).toEqual(['boot_id', 'entropy_avail', 'poolsize', 'uuid']);
  });

  it('reads values as Linux prints them', () => {
    const { root } = procKernel();
    expect(root.get('/proc/sys/kernel/ostype')).toBe('Linux\n');
    expect(root.get('/proc/sys/kernel/domainname')).toBe('(none)\n');
    expect(root.get('/proc/sys/kernel/printk')).toBe('4\t4\t1\t7\n');
    expect(root.get('/proc/sys/kernel/sem')).toBe('32000\t1024000000\t500\t32000\n');
    expect(root.get('/proc/sys/kernel/shmmax')).toBe('18446744073692774399\n');
    expect(root.get('/proc/sys/net/ipv4/ip_local_port_range')).toBe('32768\t60999\n');
    expect(root.get('/proc/sys/kernel/cap_last_cap')).toBe('40\n');
    expect(root.get('/proc/sys/kernel/random/boot_id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n$/);
    expect(root.get('/proc/sys/kernel/random/boot_id')).toBe(root.get('/proc/sys/kernel/random/boot_id'));
    expect(root.get('/proc/sys/kernel/random/uuid')).not.toBe(root.get('/proc/sys/kernel/random/uuid'));
  });

  it('has Linux modes, root owner, size 0; directories dr-xr-xr-x with one link', () => {
    const { root } = procKernel();
    const st = (p: string) => root.stat(p) as { mode: number; uid: number; size: number; nlink: number };
    expect(st('/proc/sys/kernel/ostype').mode).toBe(0o100444);
    expect(st('/proc/sys/kernel/hostname').mode).toBe(0o100644);
    expect(st('/proc/sys/fs/file-nr').mode).toBe(0o100444);
    expect(st('/proc/sys/kernel/ostype').size).toBe(0);
    expect(st('/proc/sys/kernel').mode).toBe(0o40555);
    expect(st('/proc/sys/kernel').nlink).toBe(1);
  });

  it('a number file gives its text at offset 0 only: a second read is end of file, even after a short one', () => {
    const { root } = procKernel();
    const fd = root.open('/proc/sys/kernel/printk', O_RDONLY);
    expect(root.readText(fd, 3)).toBe('4\t4');
    expect(root.readText(fd, 100)).toBe('');
    expect(root.sys('lseek', fd, 0, 0)).toBe(0);
    expect(root.readText(fd, 100)).toBe('4\t4\t1\t7\n');
    expect(root.sys('lseek', fd, 100, 0)).toBe(100);
    expect(root.readText(fd, 100)).toBe('');
    // A string file honours the offset.
    const fd2 = root.open('/proc/sys/kernel/ostype', O_RDONLY);
    expect(root.readText(fd2, 2)).toBe('Li');
    expect(root.readText(fd2, 100)).toBe('nux\n');
    expect(root.readText(fd2, 100)).toBe('');
    expect(root.sys('lseek', fd2, 0, 2 /* SEEK_END */)).toBe(0);
  });

  it('writes parse like Linux: blanks allowed, base 0, garbage and out of range are EINVAL', () => {
    const { root } = procKernel();
    const p = '/proc/sys/vm/swappiness';
    expect(writeSysctl(root, p, ' 61 \n')).toBe('5');
    expect(root.get(p)).toBe('61\n');
    expect(writeSysctl(root, p, '0x20')).toBe('4');
    expect(root.get(p)).toBe('32\n');
    expect(writeSysctl(root, p, '010')).toBe('3');
    expect(root.get(p)).toBe('8\n');
    for (const bad of ['abc', '12abc', '-5', '201', '', '   ', '99999999999999999999999', '5\0']) {
      expect(writeSysctl(root, p, bad), JSON.stringify(bad)).toBe(bad === '' ? '0' : 'EINVAL');
    }
    expect(root.get(p)).toBe('8\n');
    expect(writeSysctl(root, '/proc/sys/vm/overcommit_memory', '3')).toBe('EINVAL');
    expect(writeSysctl(root, '/proc/sys/vm/overcommit_memory', '2')).toBe('1');
    expect(writeSysctl(root, '/proc/sys/kernel/panic', '-1')).toBe('2');
    expect(root.get('/proc/sys/kernel/panic')).toBe('-1\n');
    expect(writeSysctl(root, '/proc/sys/kernel/panic', '2147483648')).toBe('EINVAL');
  });

  it('a vector takes what it has room for (a partial write); a write at a later offset is ignored', () => {
    const { root } = procKernel();
    expect(writeSysctl(root, '/proc/sys/kernel/printk', '3 4 1 7 9 9')).toBe('8');
    expect(root.get('/proc/sys/kernel/printk')).toBe('3\t4\t1\t7\n');
    expect(writeSysctl(root, '/proc/sys/kernel/printk', '5')).toBe('1');
    expect(root.get('/proc/sys/kernel/printk')).toBe('5\t4\t1\t7\n');
    const fd = root.open('/proc/sys/vm/swappiness', O_WRONLY);
    expect(root.write(fd, '10')).toBe(2);
    expect(root.write(fd, '20')).toBe(2);
    expect(root.get('/proc/sys/vm/swappiness')).toBe('10\n');
    expect(writeSysctl(root, '/proc/sys/net/ipv4/ip_local_port_range', '40000 30000')).toBe('EINVAL');
    expect(writeSysctl(root, '/proc/sys/net/ipv4/ip_local_port_range', '20000\t30000')).toBe('11');
    expect(root.get('/proc/sys/net/ipv4/ip_local_port_range')).toBe('20000\t30000\n');
  });

  it('ulong files: 64-bit values, negatives skipped silently', () => {
    const { root } = procKernel();
    expect(writeSysctl(root, '/proc/sys/kernel/shmmax', '18446744073709551615')).toBe('20');
    expect(root.get('/proc/sys/kernel/shmmax')).toBe('18446744073709551615\n');
    expect(writeSysctl(root, '/proc/sys/kernel/shmmax', '-1')).toBe('2');
    expect(root.get('/proc/sys/kernel/shmmax')).toBe('18446744073709551615\n');
    expect(writeSysctl(root, '/proc/sys/kernel/shmmax', '18446744073709551616')).toBe('EINVAL');
  });

  it('read-only files refuse writes even to root; non-root cannot write 0644 files', () => {
    const { k, root } = procKernel();
    expect(errname(root.open('/proc/sys/kernel/ostype', O_WRONLY))).toBe('EACCES');
    expect(errname(root.open('/proc/sys/kernel/ostype', O_RDWR))).toBe('EACCES');
    expect(errname(root.open('/proc/sys/fs/file-nr', O_WRONLY))).toBe('EACCES');
    const user = new UTask(k, 1000, 1000);
    expect(errname(user.open('/proc/sys/vm/swappiness', O_WRONLY))).toBe('EACCES');
    expect(user.get('/proc/sys/vm/swappiness')).toBe('60\n');
    expect(errname(user.open('/proc/sys/kernel/nosuch', O_RDONLY))).toBe('ENOENT');
    expect(errname(user.sys('mkdir', '/proc/sys/kernel/x', 0o755))).toMatch(/EACCES|EPERM/);
  });

  it('hostname: the string handler, seen by uname; cut at 64 bytes, the whole write reported', () => {
    const { k, root } = procKernel();
    expect(writeSysctl(root, '/proc/sys/kernel/hostname', 'lab1\n')).toBe('5');
    expect(k.utsname.nodename).toBe('lab1');
    expect(root.get('/proc/sys/kernel/hostname')).toBe('lab1\n');
    const long = 'x'.repeat(100);
    expect(writeSysctl(root, '/proc/sys/kernel/hostname', long)).toBe('100');
    expect(k.utsname.nodename).toBe('x'.repeat(64));
    k.utsname.nodename = 'changed';
    expect(root.get('/proc/sys/kernel/hostname')).toBe('changed\n');
  });

  it('pid_max bounds pid allocation, within [301, 4194304]', () => {
    const { k, root } = procKernel();
    expect(writeSysctl(root, '/proc/sys/kernel/pid_max', '300')).toBe('EINVAL');
    expect(writeSysctl(root, '/proc/sys/kernel/pid_max', '4194305')).toBe('EINVAL');
    expect(writeSysctl(root, '/proc/sys/kernel/pid_max', '1000')).toBe('4');
    expect(k.pidMax).toBe(1000);
    const seen: number[] = [];
    for (let i = 0; i < 1200; i++) seen.push(k.allocPid());
    expect(Math.max(...seen)).toBe(999);
    expect(writeSysctl(root, '/proc/sys/kernel/threads-max', '19')).toBe('EINVAL');
  });

  it('dmesg_restrict (0..1) and printk are the log\'s own values', () => {
    const { k, root } = procKernel();
    expect(writeSysctl(root, '/proc/sys/kernel/dmesg_restrict', '2')).toBe('EINVAL');
    expect(writeSysctl(root, '/proc/sys/kernel/dmesg_restrict', '1')).toBe('1');
    expect(get_dmesg_restrict(k)).toBe(1);
    expect(k.log.consolePrintk).toEqual([4, 4, 1, 7]);
    expect(writeSysctl(root, '/proc/sys/kernel/printk', '7')).toBe('1');
    expect(k.log.consolePrintk[0]).toBe(7);
  });

  it('fs.file-nr counts the open files of the machine', () => {
    const { root } = procKernel();
    const count = () => Number(root.get('/proc/sys/fs/file-nr').split('\t')[0]);
    const before = count();
    const fd = root.open('/proc/sys/kernel/ostype', O_RDONLY);
    root.sys('dup', fd);
    expect(count()).toBe(before + 1);
    expect(root.get('/proc/sys/fs/file-nr')).toMatch(/^\d+\t0\t\d+\n$/);
  });

  it('fs.pipe-max-size bounds what an unprivileged F_SETPIPE_SZ may ask', () => {
    const { k, root } = procKernel();
    const user = new UTask(k, 1000, 1000);
    const fds = user.alloc(8);
    expect(user.sys('pipe', fds)).toBe(0);
    const F_SETPIPE_SZ = 1031;
    const rfd = user.i32(fds);
    expect(user.sys('fcntl', rfd, F_SETPIPE_SZ, 1 << 20)).toBe(1 << 20);
    expect(writeSysctl(root, '/proc/sys/fs/pipe-max-size', '131072')).toBe('6');
    expect(errname(user.sys('fcntl', rfd, F_SETPIPE_SZ, 2 << 20))).toBe('EPERM');
    const rootFds = root.alloc(8);
    expect(root.sys('pipe', rootFds)).toBe(0);
    expect(root.sys('fcntl', root.i32(rootFds), F_SETPIPE_SZ, 2 << 20)).toBe(2 << 20); // root is not bound
    expect(writeSysctl(root, '/proc/sys/fs/pipe-max-size', '100')).toBe('EINVAL');
  });

  it('every tunable exists on the host with the same mode (when run on Linux)', () => {
    const { root } = procKernel();
    const walk = (dir: string): string[] =>
      listDir(root, dir).slice(2).flatMap((n) => {
        const p = `${dir}/${n}`;
        const st = root.stat(p) as { mode: number };
        return (st.mode & 0o170000) === 0o040000 ? walk(p) : [p];
      });
    const files = walk('/proc/sys');
    expect(files.length).toBeGreaterThan(35);
    if (!existsSync('/proc/sys/kernel/ostype')) return;
    for (const f of files) {
      if (f.startsWith('/proc/sys/net/')) continue; // the host's network namespace may differ
      expect(existsSync(f), f).toBe(true);
      expect((root.stat(f) as { mode: number }).mode & 0o777, f).toBe(statSync(f).mode & 0o777);
    }
  });
});
