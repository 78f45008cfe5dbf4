// Block devices on a booted machine: the RAM disk sda with its MBR partitions, loop devices over
// files, and the tools that show them. Formats are Linux's (/proc/partitions: block/genhd.c's
// show_partition) and util-linux 2.38's, checked against golden files written from the host's.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all_bdevs } from '../../emulator/kernel/block/genhd';
import { uevent_recent } from '../../emulator/kernel/base/kobject_uevent';
import { major, minor } from '../../emulator/uapi/stat';
import { kernelBugs, runInMachine } from '../machine';

const GOLDEN = join(__dirname, 'golden', 'block');
const golden = (name: string) => readFileSync(join(GOLDEN, name), 'utf8');

function run(command: string) {
  const r = runInMachine(command);
  expect(kernelBugs(r.machine)).toEqual([]);
  return r;
}

describe('/proc/partitions', () => {
  it('lists sda and the partitions the kernel found in its MBR', () => {
    const r = run('cat /proc/partitions');
    expect(r.output).toBe(golden('proc_partitions.txt'));
    expect(r.status).toBe(0);
  });

  it('agrees with the block layer: one line per non-empty block device, sizes in KiB', () => {
    const r = run('cat /proc/partitions');
    const lines = r.output.split('\n').slice(2).filter(Boolean);
    const bdevs = all_bdevs(r.machine.kernel).filter((b) => b.nrSects > 0);
    expect(lines.map((l) => l.trim().split(/ +/))).toEqual(
      bdevs.map((b) => [String(major(b.devt)), String(minor(b.devt)), String(b.nrSects / 2), b.name]),
    );
  });
});

describe('sysfs', () => {
  it('every partition in /proc/partitions has /sys/class/block/<name> with its dev and size (in sectors)', () => {
    const r = run('for n in sda sda1 sda2; do cat /sys/class/block/$n/dev /sys/class/block/$n/size; done; cat /sys/block/sda/sda2/start /sys/block/sda/sda2/partition /sys/block/sda/removable /sys/block/sda/ro; ' +
      'cat /sys/block/sda/queue/logical_block_size /sys/block/sda/queue/rotational /sys/block/loop0/queue/rotational; readlink /sys/dev/block/8:1');
    expect(r.output).toBe('8:0\n131072\n8:1\n65536\n8:2\n63488\n67584\n2\n0\n0\n512\n0\n1\n../../devices/virtual/block/sda/sda1\n');
  });

  it('the stat counters count the I/O', () => {
    const r = run('cat /sys/block/sda/sda1/stat; dd if=/dev/sda1 of=/dev/null bs=512 count=8 2>/dev/null; cat /sys/block/sda/sda1/stat');
    const [before, after] = r.output.split('\n').map((l) => l.trim().split(/ +/).map(Number));
    expect(before!.length).toBe(17);
    expect(after![0]! - before![0]!).toBe(8); // reads completed
    expect(after![2]! - before![2]!).toBe(8); // sectors read
  });
});

describe('reading the disk', () => {
  it('dd of the first sector shows the MBR signature 55 aa at its end', () => {
    const r = run('mknod /dev/sda b 8 0 2>/dev/null; dd if=/dev/sda bs=512 count=1 2>/dev/null | od -A d -t x1 | tail -2');
    expect(r.output).toBe('0000496 00 00 00 00 00 00 00 00 00 00 00 00 00 00 55 aa\n0000512\n');
  });
});

/** A 3 KiB image starting with "hello\n". */
const MKIMG = "printf 'hello\\n' > /tmp/img; dd if=/dev/zero bs=1 count=3066 >> /tmp/img 2>/dev/null";

describe('lsblk', () => {
  it('draws sda and its partitions as a tree (ASCII without a UTF-8 locale)', () => {
    expect(run('lsblk').output).toBe(golden('lsblk.txt'));
    expect(run('LANG=C.UTF-8 lsblk').output).toBe(golden('lsblk_utf8.txt'));
  });

  it('shows an attached loop device, and all of them with -a', () => {
    expect(run(`${MKIMG}; losetup -f /tmp/img; lsblk`).output).toBe(golden('lsblk_loop.txt'));
    const r = run('lsblk -a -d -n -o NAME,SIZE');
    expect(r.output.split('\n').filter(Boolean)).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `loop${i}    0B`), 'sda     64M',
    ]);
  });

  it('-l, -r, -b, -p and a device argument', () => {
    // The last column is not padded: a disk's empty PKNAME leaves only the separator.
    expect(run('lsblk -l -n -o NAME,PKNAME').output).toBe('sda  \nsda1 sda\nsda2 sda\n');
    expect(run('lsblk -r').output).toBe('NAME MAJ:MIN RM SIZE RO TYPE MOUNTPOINTS\nsda 8:0 0 64M 0 disk \nsda1 8:1 0 32M 0 part \nsda2 8:2 0 31M 0 part \n');
    expect(run('lsblk -b -d -o NAME,SIZE /dev/sda').output).toBe('NAME     SIZE\nsda  67108864\n');
    expect(run('lsblk -p -n /dev/sda2').output).toBe('/dev/sda2   8:2    0   31M  0 part \n');
    const bad = run('lsblk /dev/null');
    expect(bad.output).toBe('lsblk: /dev/null: not a block device\n');
    expect(bad.status).toBe(32);
  });
});

describe('losetup and loop devices', () => {
  it('losetup -f --show attaches the first free device; reading it gives the file\'s bytes', () => {
    const r = run(`${MKIMG}; losetup -f --show /tmp/img; dd if=/dev/loop0 bs=6 count=1 2>/dev/null; od -A d -c /tmp/img; echo ==; od -A d -c /dev/loop0`);
    const [head, file, dev] = r.output.split(/\n==\n|(?<=hello\n)/);
    expect(head).toBe('/dev/loop0\nhello\n');
    expect(file).toMatch(/^0000000 {3}h {3}e {3}l {3}l {3}o {2}\\n {2}\\0/);
    expect(dev).toBe(file + '\n');
  });

  it('lists as util-linux 2.38 does (-l, -a, one device), reads sysfs, and detaches', () => {
    const r = run(`${MKIMG}; losetup -f /tmp/img; losetup -l; losetup -a; losetup /dev/loop0; cat /sys/block/loop0/loop/backing_file /sys/block/loop0/size; losetup -f; losetup -d /dev/loop0; losetup -a; ls /sys/block/loop0`);
    const [list, rest] = [golden('losetup_list.txt'), r.output];
    expect(rest.startsWith(list)).toBe(true);
    const lines = rest.slice(list.length).split('\n');
    expect(lines[0]).toMatch(/^\/dev\/loop0: \[0001\]:\d+ \(\/tmp\/img\)$/);
    expect(lines[1]).toBe(lines[0]);
    expect(lines.slice(2, 5)).toEqual(['/tmp/img', '6', '/dev/loop1']);
    expect(lines.slice(5)).not.toContain('loop');
  });

  it('attach and detach send "change" uevents for the disk', () => {
    const r = run(`${MKIMG}; losetup -f /tmp/img; losetup -d /dev/loop0`);
    const loop0 = uevent_recent(r.machine.kernel).filter((e) => e.devpath === '/devices/virtual/block/loop0');
    expect(loop0.map((e) => e.action)).toEqual(['add', 'change', 'change']);
  });

  it('-o offset, -r read-only, and the errors', () => {
    const r = run(`${MKIMG}; losetup -o 1024 -r -f --show /tmp/img; blockdev --getsize64 --getro /dev/loop0; losetup -a; dd if=/tmp/img of=/dev/loop0 bs=512 count=1; losetup -d /dev/loop3; echo rc=$?; losetup -f /nope; echo rc=$?`);
    expect(r.output.split('\n').slice(0, 4)).toEqual(['/dev/loop0', '2048', '1', expect.stringMatching(/^\/dev\/loop0: \[0001\]:\d+ \(\/tmp\/img\), offset 1024$/)]);
    expect(r.output).toContain("dd: error writing '/dev/loop0': Operation not permitted");
    expect(r.output).toContain('losetup: /dev/loop3: detach failed: No such device or address\nrc=1\n');
    expect(r.output).toContain('losetup: /nope: failed to set up loop device: No such file or directory\nrc=1\n');
  });
});

describe('partitions of a loop device', () => {
  it('losetup -P scans the image\'s MBR: partitions on the extended major 259, cut at the end of the image, gone on detach', () => {
    const r = run('dd if=/dev/sda of=/tmp/img bs=512 count=1 2>/dev/null; dd if=/dev/zero bs=1024 count=2047 >> /tmp/img 2>/dev/null; ' +
      'losetup -P -f --show /tmp/img; lsblk /dev/loop0; grep loop /proc/partitions; dmesg | grep "loop[0]: "; losetup -d /dev/loop0; ls /dev/loop0p1');
    expect(r.output.replace(/^\[ *\d+\.\d+\] /gm, '')).toBe(
      '/dev/loop0\n' +
      'NAME      MAJ:MIN RM    SIZE RO TYPE MOUNTPOINTS\nloop0       7:0    0      2M  0 loop \n`-loop0p1 259:0    0 1023.5K  0 part \n' +
      '   7        0       2047 loop0\n 259        0       1023 loop0p1\n' +
      'loop0: detected capacity change from 0 to 4095\nloop0: p1 size 65536 extends beyond EOD, truncated\n' +
      'loop0: p2 start 67584 is beyond EOD, truncated\n loop0: loop0p1\n' +
      "ls: cannot access '/dev/loop0p1': No such file or directory\n",
    );
  });
});

describe('blockdev', () => {
  it('answers the BLK ioctls and reports', () => {
    expect(run('blockdev --getsize64 --getsz --getss --getpbsz --getbsz --getro /dev/sda1').output).toBe('33554432\n65536\n512\n512\n4096\n0\n');
    expect(run('blockdev --report /dev/sda /dev/sda2').output).toBe(
      'RO    RA   SSZ   BSZ   StartSec            Size   Device\n' +
      'rw   256   512  4096          0        67108864   /dev/sda\n' +
      'rw   256   512  4096      67584        32505856   /dev/sda2\n',
    );
    const r = run('blockdev --getsize64 /dev/null');
    expect(r.output).toBe('blockdev: ioctl error on GETSIZE64: Inappropriate ioctl for device\n');
    expect(r.status).toBe(1);
  });
});
