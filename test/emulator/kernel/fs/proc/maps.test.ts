// /proc/<pid>/maps: one line per VMA, in the exact layout of the reference capture.

import { describe, expect, it } from 'vitest';
import { MM } from '../../../../../emulator/kernel/mm/mm';
import { VM_GROWSDOWN } from '../../../../../emulator/kernel/mm/vma';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../../../../../emulator/uapi/mman';
import { makedev } from '../../../../../emulator/uapi/stat';
import { readReference } from '../../../../reference';
import { procKernel, UTask } from './fixture';

/** The maps capture of a static program (linux-facts.md 2.4). */
const REFERENCE = (() => {
  const facts = readReference('linux-facts.md');
  const start = facts.indexOf('```\n', facts.indexOf('### 2.4')) + 4;
  return facts.slice(start, facts.indexOf('```', start));
})();

describe('/proc/<pid>/maps', () => {
  it('lays out each VMA as Linux does, names at column 73', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const mm = new MM(k.phys);
    const file = { dev: makedev(0xfe, 0), ino: 2147057, path: '/tmp/demo/p' };
    mm.mapArea(0x400000, 0x401000, PROT_READ, 0, '', file, 0);
    mm.mapArea(0x401000, 0x402000, PROT_READ | PROT_EXEC, 0, '', file, 0x1000);
    mm.mapArea(0x402000, 0x403000, PROT_READ | PROT_WRITE, 0, '', file, 0x2000);
    mm.mapArea(0x7f051ea94000, 0x7f051ea98000, PROT_READ, 0, '[vvar]');
    mm.mapArea(0x7f051ea98000, 0x7f051ea9a000, PROT_READ, 0, '[vvar_vclock]');
    mm.mapArea(0x7f051ea9a000, 0x7f051ea9c000, PROT_READ | PROT_EXEC, 0, '[vdso]');
    mm.mapArea(0x7ffea6b4e000, 0x7ffea6b6f000, PROT_READ | PROT_WRITE, VM_GROWSDOWN, '[stack]');
    u.t.mm = mm;
    const want = REFERENCE.split('\n').filter((l) => l && !l.includes('[vsyscall]')).join('\n') + '\n';
    expect(root.get(`/proc/${u.t.tid}/maps`)).toBe(want);
  });

  it('ends an anonymous unnamed mapping with one space, and is private to the owner', () => {
    const { k, root } = procKernel();
    const u = new UTask(k, 1000, 1000);
    const other = new UTask(k, 2000, 2000);
    const line = root.get(`/proc/${u.t.tid}/maps`).split('\n')[0]!;
    expect(line).toBe('10000000-11000000 rw-p 00000000 00:00 0                                  [scratch]');
    u.t.mm!.mapArea(0x20000000, 0x20001000, PROT_READ, 0);
    expect(root.get(`/proc/${u.t.tid}/maps`).split('\n')[1]).toBe('20000000-20001000 r--p 00000000 00:00 0 ');
    expect(other.open(`/proc/${u.t.tid}/maps`, 0)).toBe(-13); // EACCES
  });
});
