// mount(8), umount(8) and df on a booted machine: what they print (util-linux 2.38, coreutils
// 9.1) and the kernel state behind it — /proc/self/mounts and /proc/self/mountinfo in Linux's
// format, EBUSY while a process works inside a mount, lazy unmounts, bind mounts, error messages.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

function run(command: string) {
  const r = runInMachine(command);
  expect(kernelBugs(r.machine)).toEqual([]);
  return r;
}

const MOUNTINFO = /^(\d+) (\d+) (\d+):(\d+) (\/\S*) (\/\S*) (rw|ro)(,\w+)*((?: (?:shared|master|propagate_from):\d+| unbindable)*) - (\S+) (\S+) (rw|ro)(,\S+)?$/;

describe('mount', () => {
  it('lists the mount table as "SOURCE on TARGET type TYPE (OPTIONS)"', () => {
    const r = run('mount');
    const lines = r.output.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^rootfs on \/ type rootfs \(rw,size=\d+k,nr_inodes=\d+\)$/);
    expect(lines).toContain('proc on /proc type proc (rw,relatime)');
    for (const l of lines) expect(l).toMatch(/^\S+ on \/\S* type \S+ \([\w,=]+\)$/);
    expect(r.status).toBe(0);
  });

  it('mounts a tmpfs with options, remounts it read-only keeping its flags, lists by type', () => {
    const r = run('mkdir /mnt/t; mount -t tmpfs -o size=1m,mode=700,noexec,nosuid t /mnt/t; mount -t tmpfs | grep /mnt/t; ' +
      'mount -o remount,ro /mnt/t; mount | grep /mnt/t; touch /mnt/t/f; grep /mnt/t /proc/mounts');
    expect(r.output).toBe(
      't on /mnt/t type tmpfs (rw,nosuid,noexec,relatime,size=1024k,mode=700)\n' +
      't on /mnt/t type tmpfs (ro,nosuid,noexec,relatime,size=1024k,mode=700)\n' +
      "touch: cannot touch '/mnt/t/f': Read-only file system\n" +
      't /mnt/t tmpfs ro,nosuid,noexec,relatime,size=1024k,mode=700 0 0\n',
    );
  });

  it('bind mounts (--bind, -o ro) and moves (--move)', () => {
    const r = run('mkdir -p /mnt/b /mnt/c /srv/data; echo hi > /srv/data/f; mount --bind -o ro /srv/data /mnt/b; cat /mnt/b/f; ' +
      'grep " /mnt/b " /proc/self/mountinfo; mount --move /mnt/b /mnt/c; cat /mnt/c/f; grep -c /mnt/b /proc/mounts');
    const lines = r.output.split('\n');
    expect(lines[0]).toBe('hi');
    expect(lines[1]).toMatch(/^\d+ 1 0:1 \/srv\/data \/mnt\/b ro - rootfs rootfs rw,size=\d+k,nr_inodes=\d+$/);
    expect(lines.slice(2, 4)).toEqual(['hi', '0']);
  });

  it('explains failures as libmount does, with exit status 32', () => {
    const r = run('mount -t nosuchfs none /mnt; echo rc=$?; mount -t tmpfs none /nope; echo rc=$?; mount -t tmpfs -o bogus=1 none /mnt; echo rc=$?; ' +
      'mount /mnt; echo rc=$?; mount -t tmpfs none /etc/passwd; echo rc=$?');
    const hint = '       dmesg(1) may have more information after failed mount system call.\n';
    expect(r.output).toBe(
      "mount: /mnt: unknown filesystem type 'nosuchfs'.\n" + hint + 'rc=32\n' +
      'mount: /nope: mount point does not exist.\n' + hint + 'rc=32\n' +
      'mount: /mnt: wrong fs type, bad option, bad superblock on none, missing codepage or helper program, or other error.\n' + hint + 'rc=32\n' +
      "mount: /mnt: can't find in /etc/fstab.\nrc=1\n" +
      'mount: /etc/passwd: mount point is not a directory.\n' + hint + 'rc=32\n',
    );
  });
});

describe('unprivileged', () => {
  it('mount and umount need root: util-linux says so, exit status 32', () => {
    const r = run('su user -c "mount -t tmpfs none /mnt; echo rc=\\$?; umount /proc; echo rc=\\$?"');
    expect(r.output).toBe(
      'mount: /mnt: must be superuser to use mount.\n       dmesg(1) may have more information after failed mount system call.\nrc=32\n' +
      'umount: /proc: must be superuser to unmount.\nrc=32\n',
    );
  });
});

describe('umount', () => {
  it('is "target is busy" while a process has its cwd inside; -l detaches anyway', () => {
    const r = run('mkdir /mnt/t; mount -t tmpfs t /mnt/t; (cd /mnt/t && sleep 5) & sleep 1; umount /mnt/t; echo rc=$?; ' +
      'umount -l /mnt/t; echo rc=$?; grep -c /mnt/t /proc/mounts; wait');
    expect(r.output).toBe('umount: /mnt/t: target is busy.\nrc=32\nrc=0\n0\n');
  });

  it('unmounts by source name too; not mounted / no mount point messages', () => {
    const r = run('mkdir /mnt/t; mount -t tmpfs scratch /mnt/t; umount -v scratch; umount /mnt/t; echo rc=$?; umount /nope; echo rc=$?');
    expect(r.output).toBe('umount: /mnt/t unmounted\numount: /mnt/t: not mounted.\nrc=32\numount: /nope: no mount point specified.\nrc=32\n');
  });

  it('-R takes the mounts below first', () => {
    const r = run('mkdir /mnt/a; mount -t tmpfs a /mnt/a; mkdir /mnt/a/b; mount -t tmpfs b /mnt/a/b; umount /mnt/a; umount -Rv /mnt/a');
    expect(r.output).toBe('umount: /mnt/a: target is busy.\numount: /mnt/a/b unmounted\numount: /mnt/a unmounted\n');
  });
});

describe('/proc/self/mountinfo', () => {
  it('every line has Linux\'s fields; ids are unique, parents exist, st_dev agrees with stat', () => {
    const r = run("mkdir /mnt/t; mount -t tmpfs -o size=64k t /mnt/t; mount --make-shared /mnt/t; cat /proc/self/mountinfo; echo ==; stat -c '%Hd:%Ld' /mnt/t; echo ==; cat /proc/self/mounts");
    const [info, dev, mounts] = r.output.split('==\n');
    const lines = info!.split('\n').filter(Boolean);
    expect(lines.length).toBe(mounts!.split('\n').filter(Boolean).length);
    const parsed = lines.map((l) => {
      const m = MOUNTINFO.exec(l);
      expect(m, l).not.toBeNull();
      return m!;
    });
    const ids = parsed.map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of parsed) expect(ids).toContain(m[2]);
    const t = parsed.find((m) => m[6] === '/mnt/t')!;
    expect(`${t[3]}:${t[4]}`).toBe(dev!.trim());
    expect(t[0]).toMatch(/ \/ \/mnt\/t rw,relatime shared:1 - tmpfs t rw,size=64k$/);
  });
});

describe('df', () => {
  it('shows real filesystems only, in coreutils\' columns; -h and -T; a FILE argument', () => {
    const r = run('mkdir /mnt/t; mount -t tmpfs -o size=1m t /mnt/t; dd if=/dev/zero of=/mnt/t/f bs=1024 count=100 2>/dev/null; df; echo ==; df -hT /mnt/t/f');
    const [all, one] = r.output.split('==\n');
    const lines = all!.split('\n').filter(Boolean);
    expect(lines[0]).toBe('Filesystem     1K-blocks  Used Available Use% Mounted on');
    expect(lines.some((l) => /^proc|^sysfs/.test(l))).toBe(false);
    expect(lines[lines.length - 1]).toBe('t                   1024   100       924  10% /mnt/t');
    expect(one).toBe('Filesystem     Type   Size  Used Avail Use% Mounted on\nt              tmpfs  1.0M  100K  924K  10% /mnt/t\n');
  });
});

describe('findmnt', () => {
  it('draws the mount tree from mountinfo\'s parent ids; bind mounts show their root; -t and a target', () => {
    const r = run('mkdir -p /mnt/a /srv/d; mount -t tmpfs a /mnt/a; mkdir /mnt/a/b; mount -t tmpfs b /mnt/a/b; mount --bind /srv/d /mnt/a; ' +
      'findmnt -t tmpfs,rootfs; echo ==; findmnt -n -o TARGET,SOURCE,PROPAGATION /mnt/a/b; findmnt /nope; echo rc=$?');
    const [tree, rest] = r.output.split('==\n');
    const lines = tree!.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^TARGET +SOURCE +FSTYPE +OPTIONS$/);
    expect(lines[1]).toMatch(/^\/ +rootfs +rootfs +rw,size=\d+k,nr_inodes=\d+$/);
    const mnt = lines.filter((l) => l.includes('/mnt'));
    expect(mnt[0]).toMatch(/^`-\/mnt\/a +a +tmpfs +rw,relatime$/);
    expect(mnt[1]).toMatch(/^ {2}\|-\/mnt\/a\/b +b +tmpfs +rw,relatime$/);
    expect(mnt[2]).toMatch(/^ {2}`-\/mnt\/a +rootfs\[\/srv\/d\] +rootfs +rw,size=/);
    // /dev/shm's parent (/dev, devtmpfs) is filtered out: it starts a tree of its own.
    expect(lines[lines.length - 1]).toMatch(/^\/dev\/shm +tmpfs +tmpfs /);
    // Column widths count the headings even when they are not printed (libsmartcols does).
    expect(rest).toBe('/mnt/a/b b      private\nrc=1\n');
  });
});
