// Block devices on a booted machine: the RAM disk sda with its MBR partitions, loop devices over
// files, and the tools that show them. Formats are Linux's (/proc/partitions: block/genhd.c's
// show_partition) and util-linux 2.38's, checked against golden files written from the host's.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all_bdevs } from '../../emulator/kernel/block/genhd';
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

describe('reading the disk', () => {
  it('dd of the first sector shows the MBR signature 55 aa at its end', () => {
    const r = run('mknod /dev/sda b 8 0 2>/dev/null; dd if=/dev/sda bs=512 count=1 2>/dev/null | od -A d -t x1 | tail -2');
    expect(r.output).toBe('0000496 00 00 00 00 00 00 00 00 00 00 00 00 00 00 55 aa\n0000512\n');
  });
});
