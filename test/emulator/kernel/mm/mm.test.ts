import { describe, expect, it } from 'vitest';
import { MM, FAULT_ACCERR, FAULT_MAPERR, FAULT_OK, FAULT_OOM } from '../../../../emulator/kernel/mm/mm';
import { PhysMem } from '../../../../emulator/kernel/mm/page';
import { PROT_READ, PROT_WRITE } from '../../../../emulator/uapi/mman';

const RW = PROT_READ | PROT_WRITE;

describe('address spaces', () => {
  it('maps pages on first touch and reads back what was written across a page boundary', () => {
    const phys = new PhysMem(64);
    const mm = new MM(phys);
    mm.mapArea(0x10000, 0x13000, RW, 0);
    expect(phys.used).toBe(0);
    const data = Uint8Array.from({ length: 6000 }, (_, i) => i & 0xff);
    expect(mm.writeFrom(0x10ff0, data)).toBe(FAULT_OK);
    expect(phys.used).toBe(3);
    const out = new Uint8Array(6000);
    expect(mm.readInto(0x10ff0, out)).toBe(FAULT_OK);
    expect(out).toEqual(data);
  });

  it('reports unmapped and forbidden accesses instead of throwing', () => {
    const mm = new MM(new PhysMem(8));
    mm.mapArea(0x10000, 0x11000, PROT_READ, 0);
    expect(mm.writeFrom(0x10000, new Uint8Array(1))).toBe(FAULT_ACCERR);
    expect(mm.readInto(0x20000, new Uint8Array(1))).toBe(FAULT_MAPERR);
    expect(mm.readInto(-5, new Uint8Array(1))).toBe(FAULT_MAPERR);
    expect(mm.readInto(2 ** 60, new Uint8Array(1))).toBe(FAULT_MAPERR);
    expect(mm.readInto(0.5, new Uint8Array(1))).toBe(FAULT_MAPERR);
  });

  it('copies on write after fork and frees frames with the last mapping', () => {
    const phys = new PhysMem(16);
    const parent = new MM(phys);
    parent.mapArea(0x10000, 0x11000, RW, 0);
    parent.writeFrom(0x10000, Uint8Array.of(1, 2, 3));
    const child = parent.fork();
    expect(phys.used).toBe(1);
    child.writeFrom(0x10000, Uint8Array.of(9));
    expect(phys.used).toBe(2);
    const a = new Uint8Array(3);
    const b = new Uint8Array(3);
    parent.readInto(0x10000, a);
    child.readInto(0x10000, b);
    expect([...a]).toEqual([1, 2, 3]);
    expect([...b]).toEqual([9, 2, 3]);
    child.destroy();
    parent.destroy();
    expect(phys.used).toBe(0);
  });

  it('meets the memory limit with FAULT_OOM', () => {
    const mm = new MM(new PhysMem(2));
    mm.mapArea(0x10000, 0x20000, RW, 0);
    expect(mm.fill(0x10000, 3 * 4096, 1)).toBe(FAULT_OOM);
  });

  it('splits VMAs on munmap and mprotect, and unmapping a huge range is quick', () => {
    const mm = new MM(new PhysMem(16));
    mm.mapArea(0x10000, 0x14000, RW, 0);
    mm.protectRange(0x11000, 0x12000, PROT_READ);
    expect(mm.vmas.map((v) => [v.start, v.end, v.prot])).toEqual([
      [0x10000, 0x11000, RW],
      [0x11000, 0x12000, PROT_READ],
      [0x12000, 0x14000, RW],
    ]);
    mm.unmapRange(0, 2 ** 46);
    expect(mm.vmas).toEqual([]);
  });

  it('reads C strings up to a limit', () => {
    const mm = new MM(new PhysMem(4));
    mm.mapArea(0x10000, 0x12000, RW, 0);
    mm.writeFrom(0x10ffe, new TextEncoder().encode('hello\0'));
    expect(new TextDecoder().decode(mm.readCString(0x10ffe, 100) as Uint8Array)).toBe('hello');
    expect((mm.readCString(0x10ffe, 3) as Uint8Array).length).toBe(3);
    expect(mm.readCString(0x30000, 3)).toBe(FAULT_MAPERR);
  });
});
