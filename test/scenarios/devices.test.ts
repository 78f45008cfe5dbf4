// Devices on a booted machine: devtmpfs on /dev filled by the drivers, sysfs on /sys generated from
// the kobject tree, the uevents behind them, mknod, and the tools that read them (ls -l, stat,
// udevadm info, tree). Golden files follow the host's output (Linux 6.x, coreutils 9.1, systemd 252
// udevadm, tree 2.1.0 in the C locale).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devices_list } from '../../emulator/kernel/base/core';
import { uevent_recent } from '../../emulator/kernel/base/kobject_uevent';
import { KERNFS_DIR, KERNFS_FILE, type KernfsNode } from '../../emulator/kernel/fs/kernfs/dir';
import { sysfs_root_kn } from '../../emulator/kernel/fs/sysfs/sysfs';
import { major, minor } from '../../emulator/uapi/stat';
import type { MachineOptions } from '../../emulator/machine/machine';
import { kernelBugs, runInMachine } from '../machine';

const GOLDEN = join(__dirname, 'golden', 'devices');
const golden = (name: string) => readFileSync(join(GOLDEN, name), 'utf8');

function run(command: string, opts: MachineOptions = {}) {
  const r = runInMachine(command, opts);
  expect(kernelBugs(r.machine)).toEqual([]);
  return r;
}

describe('/dev', () => {
  it('ls -l /dev: the nodes devtmpfs made, with "major, minor" columns, and udev-style links', () => {
    const r = run('ls -l /dev');
    expect(r.output).toBe(golden('ls_dev.txt'));
  });

  it('every character device the kernel registered has its node, with its number', () => {
    const r = run('for f in /dev/*; do [ -c "$f" ] && stat -c "%n %t:%T" "$f"; done');
    const nodes = new Map(r.output.trim().split('\n').map((l) => {
      const [name, num] = l.split(' ');
      const [ma, mi] = num!.split(':').map((h) => parseInt(h, 16));
      return [name!.slice('/dev/'.length), `${ma}:${mi}`];
    }));
    for (const d of devices_list(r.machine.kernel).filter((d) => d.devt && !d.block)) {
      expect(nodes.get(d.nodeName)).toBe(`${major(d.devt)}:${minor(d.devt)}`);
    }
  });

  it('/proc/devices lists the major of every device that has a node', () => {
    const r = run('cat /proc/devices');
    const [chr, blk] = r.output.split('Block devices:\n');
    const majors = (text: string) => new Set(text.split('\n').map((l) => /^ *(\d+) /.exec(l)?.[1]).filter(Boolean).map(Number));
    const chrMajors = majors(chr!), blkMajors = majors(blk ?? '');
    const devs = devices_list(r.machine.kernel).filter((d) => d.devt);
    expect(devs.length).toBeGreaterThan(10);
    for (const d of devs) expect((d.block ? blkMajors : chrMajors).has(major(d.devt))).toBe(true);
  });

  it('/dev/char/M:m links lead to the node, and /dev/fd to /proc/self/fd', () => {
    const r = run('readlink /dev/char/1:3; readlink -f /dev/char/1:3; readlink /dev/fd /dev/stdin; ls -ld /dev/shm');
    expect(r.output).toMatch(/^\.\.\/null\n\/dev\/null\n\/proc\/self\/fd\n\/proc\/self\/fd\/0\ndrwxrwxrwt 2 root root 40 /);
  });

  it('stat shows the device type as coreutils does', () => {
    const r = run('stat /dev/null | grep Device');
    expect(r.output).toMatch(/^Device: \d+,\d+\tInode: \d+ +Links: 1 +Device type: 1,3\n$/);
  });

  it('mknod: a node anywhere, opened through its number; no driver is ENXIO; a bogus type is refused', () => {
    const r = run('mknod /tmp/mynull c 1 3 && echo hi > /tmp/mynull && ls -l /tmp/mynull; mknod /tmp/nx c 42 0; cat /tmp/nx; mknod /tmp/x q 1 3; echo $?');
    expect(r.output).toBe(
      'crw-r--r-- 1 root root 1, 3 Jan  1 00:00 /tmp/mynull\n' +
      'cat: /tmp/nx: No such device or address\n' +
      "mknod: invalid device type \u2018q\u2019\nTry 'mknod --help' for more information.\n1\n",
    );
  });

  it('/dev/mem is refused', () => {
    expect(run('cat /dev/mem').output).toBe('cat: /dev/mem: Operation not permitted\n');
  });
});

describe('/sys', () => {
  it('tree -L 1 /sys', () => {
    expect(run('tree -L 1 /sys').output).toBe(golden('tree_sys.txt'));
  });

  it('/sys/dev/char/1:3 leads to the device whose uevent says DEVNAME=null and whose dev is 1:3', () => {
    const r = run('readlink /sys/dev/char/1:3; cd /sys/dev/char/1:3 && cat dev uevent && readlink subsystem');
    expect(r.output).toBe('../../devices/virtual/mem/null\n1:3\nMAJOR=1\nMINOR=3\nDEVNAME=null\nDEVMODE=0666\n../../../../class/mem\n');
  });

  it('class links are relative, as on Linux', () => {
    expect(run('readlink /sys/class/mem/null /sys/class/tty/tty1 /sys/bus/cpu/devices/cpu0').output).toBe(
      '../../devices/virtual/mem/null\n../../devices/virtual/tty/tty1\n../../../devices/system/cpu/cpu0\n',
    );
  });

  it('tty0 says which virtual console is in front', () => {
    expect(run('cat /sys/class/tty/tty0/active; ls /sys/class/tty | cat').output).toBe('tty1\nconsole\nptmx\ntty\ntty0\ntty1\ntty2\ntty3\ntty4\ntty5\ntty6\n');
  });

  it('a device directory as ls -l shows it: attribute files are a page, links and directories 0', () => {
    expect(run('ls -l /sys/devices/virtual/mem/null').output).toBe(golden('ls_sys_null.txt'));
  });

  it('writing "add" to uevent sends one event and the seqnum counts it', () => {
    const r = run('a=$(cat /sys/kernel/uevent_seqnum); echo add > /sys/devices/virtual/mem/null/uevent; b=$(cat /sys/kernel/uevent_seqnum); echo $((b - a))');
    expect(r.output).toBe('1\n');
    const last = uevent_recent(r.machine.kernel).at(-1)!;
    expect(last.env.slice(0, 4)).toEqual(['ACTION=add', 'DEVPATH=/devices/virtual/mem/null', 'SUBSYSTEM=mem', 'SYNTH_UUID=0']);
  });

  it('garbage written to uevent is EINVAL; writing a read-only attribute is EACCES, even for root', () => {
    const r = run('echo bogus | dd of=/sys/devices/virtual/mem/null/uevent 2>&1 | head -1; echo 1 > /sys/devices/virtual/mem/null/dev');
    expect(r.output).toBe(
      "dd: error writing '/sys/devices/virtual/mem/null/uevent': Invalid argument\n" +
      'sh: 1: cannot create /sys/devices/virtual/mem/null/dev: Permission denied\n',
    );
  });

  it('one cpuN per CPU of the machine', () => {
    const r = run('ls -d /sys/devices/system/cpu/cpu[0-9]* | cat; cat /sys/devices/system/cpu/online', { cpus: 3 });
    expect(r.output).toBe('/sys/devices/system/cpu/cpu0\n/sys/devices/system/cpu/cpu1\n/sys/devices/system/cpu/cpu2\n0-2\n');
  });
});

describe('tree', () => {
  const setup = 'mkdir -p /tmp/tt/a/b && touch /tmp/tt/f /tmp/tt/.h && ln -s a /tmp/tt/l && ln -s nothere /tmp/tt/broken; cd /tmp; ';

  it('counts the top directory and links to directories as directories, as tree 2.x does', () => {
    expect(run(`${setup}tree tt; tree -a -d tt; tree -L 1 -f -F tt`).output).toBe(
      'tt\n|-- a\n|   `-- b\n|-- broken -> nothere\n|-- f\n`-- l -> a\n\n4 directories, 2 files\n' +
      'tt\n|-- a\n|   `-- b\n`-- l -> a\n\n4 directories\n' +
      'tt/\n|-- tt/a/\n|-- tt/broken -> nothere\n|-- tt/f\n`-- tt/l -> a/\n\n3 directories, 2 files\n',
    );
  });

  it('draws with UTF-8 lines in a UTF-8 locale; -p shows modes', () => {
    expect(run(`${setup}LANG=C.UTF-8 tree -p tt/a`).output).toBe('[drwxr-xr-x]  tt/a\n\u2514\u2500\u2500 [drwxr-xr-x]  b\n\n2 directories, 0 files\n');
  });

  it('errors as tree reports them', () => {
    expect(run(`${setup}tree nothere; echo $?; tree tt/f; tree -L 0 tt; echo $?; tree -Z 2>&1 | head -2`).output).toBe(
      'nothere  [error opening dir]\n\n0 directories, 0 files\n2\n' +
      'tt/f  [error opening dir]\n\n0 directories, 1 file\n' +
      'tree: Invalid level, must be greater than 0.\n1\n' +
      "tree: Invalid argument -`Z'.\nusage: tree [-acdfghilnpqrstuvxACDFJQNSUX] [-L level [-R]] [-H  baseHREF]\n",
    );
  });
});

describe('every sysfs attribute', () => {
  it('reads as text or -errno and takes garbage writes without a kernel bug', () => {
    const r = run('true');
    const files: KernfsNode[] = [];
    const walk = (kn: KernfsNode) => {
      for (const c of kn.children) {
        if (c.type === KERNFS_DIR) walk(c);
        else if (c.type === KERNFS_FILE) files.push(c);
      }
    };
    walk(sysfs_root_kn(r.machine.kernel));
    expect(files.length).toBeGreaterThan(100);
    for (const kn of files) {
      const text = kn.ops?.show?.(kn);
      if (typeof text === 'number') expect(text).toBeLessThan(0);
      else if (text !== undefined) expect(typeof text).toBe('string');
      for (const junk of ['', '\n', 'garbage\n', '-1', '99999999999999999999', '\0\xff']) {
        const w = kn.ops?.store?.(kn, junk);
        if (w !== undefined) expect(Number.isInteger(w)).toBe(true);
      }
    }
    expect(kernelBugs(r.machine)).toEqual([]);
  });
});

describe('udevadm', () => {
  it('udevadm info /dev/null', () => {
    expect(run('udevadm info /dev/null').output).toBe(golden('udevadm_info_null.txt'));
  });

  it('queries and the attribute walk', () => {
    const r = run('udevadm info -q path -n null; udevadm info --query=name /dev/tty1; udevadm info -q property -p /devices/virtual/mem/zero; udevadm info -a /dev/null');
    expect(r.output).toBe(golden('udevadm_queries.txt'));
  });

  it('trigger: one synthetic "change" per device in a class or on a bus; -n -v only lists them', () => {
    const r = run('udevadm trigger -n -v -s mem | head -3; a=$(cat /sys/kernel/uevent_seqnum); udevadm trigger; b=$(cat /sys/kernel/uevent_seqnum); echo $((b - a))');
    const lines = r.output.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual(['/sys/devices/virtual/mem/full', '/sys/devices/virtual/mem/kmsg', '/sys/devices/virtual/mem/mem']);
    const devs = devices_list(r.machine.kernel).filter((d) => d.class || d.bus);
    expect(Number(lines[3])).toBe(devs.length);
    const last = uevent_recent(r.machine.kernel).at(-1)!;
    expect(last.env[0]).toBe('ACTION=change');
    expect(last.env).toContain('SYNTH_UUID=0');
  });

  it('-e: a record per device in a class or on a bus', () => {
    const r = run("udevadm info -e | grep -c '^P: '");
    expect(Number(r.output)).toBe(devices_list(r.machine.kernel).filter((d) => d.class || d.bus).length);
  });

  it('a bus or a class directory is a "subsystem" record, as sd-device makes it', () => {
    expect(run('udevadm info /sys/bus/cpu /sys/class/mem').output).toBe(
      'P: /bus/cpu\nM: cpu\nU: subsystem\nE: DEVPATH=/bus/cpu\nE: SUBSYSTEM=subsystem\n\n' +
      'P: /class/mem\nM: mem\nU: subsystem\nE: DEVPATH=/class/mem\nE: SUBSYSTEM=subsystem\n\n',
    );
  });

  it('errors: no device, an unknown device, a bad query', () => {
    const r = run('udevadm info; echo $?; udevadm info /dev/nonexist; echo $?; udevadm info -q bogus /dev/null; echo $?');
    expect(r.output).toBe('A device name or path is required\n1\nUnknown device "/dev/nonexist": No such device\n1\nunknown query type\n1\n');
  });
});
