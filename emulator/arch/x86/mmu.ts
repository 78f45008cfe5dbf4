// The CPU's view of memory: a small TLB in front of the kernel's page tables (MM.userPage).
//
// Like a hardware TLB it caches translations — here, from a page number to the frame's bytes —
// separately for reads and writes, and is flushed when the kernel changes the page tables
// (MM.mapGen moves: a fault, munmap, mprotect, fork's copy-on-write). An access that misses, or
// that crosses a page boundary, takes the slow path, which walks the page tables, faults pages in,
// and raises #PF when the kernel says the access is not allowed. A page holding decoded code is
// never given a write entry, so every write to it goes through the slow path and reaches the
// decoded-instruction cache (MM.codePages).

import { PF_PROT, PF_USER, PF_WRITE, PF_INSTR, X86_TRAP_GP, X86_TRAP_PF, type Trap } from '../../uapi/traps';
import { ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, FAULT_ACCERR, type MM } from '../../kernel/mm/mm';

/** An exception raised in the middle of an instruction; run() catches it and reports the trap. */
export class CpuFault {
  constructor(readonly trap: Trap) {}
}

/** Direct-mapped by page number; an empty slot holds NaN, which equals no page number. */
const TLB_SIZE = 256;
const TLB_MASK = TLB_SIZE - 1;
/** The lowest address outside the lower canonical half (user space). */
const CANONICAL_TOP = 0x800000000000;

export class Mmu {
  private readonly rTag = new Float64Array(TLB_SIZE).fill(NaN);
  private readonly rView: DataView[] = new Array<DataView>(TLB_SIZE);
  private readonly wTag = new Float64Array(TLB_SIZE).fill(NaN);
  private readonly wView: DataView[] = new Array<DataView>(TLB_SIZE);
  private gen: number;
  /** The high half of the last rd64. */
  vh = 0;

  constructor(readonly mm: MM) {
    this.gen = mm.mapGen;
  }

  /** Forget every translation (the kernel changed the page tables). */
  flush(): void {
    this.rTag.fill(NaN);
    this.wTag.fill(NaN);
    this.gen = this.mm.mapGen;
  }

  /** Call before running user code: drops the TLB if the kernel touched the page tables meanwhile. */
  sync(): void {
    if (this.mm.mapGen !== this.gen) this.flush();
  }

  /** Drop the write translation of page `vpn` (it now holds decoded code). */
  dropWrite(vpn: number): void {
    const s = vpn & TLB_MASK;
    if (this.wTag[s] === vpn) this.wTag[s] = NaN;
  }

  /**
   * Walk the page tables for `addr` (the slow path): the frame's bytes, with the TLB refilled, or
   * a #PF / #GP thrown as a CpuFault.
   */
  translate(addr: number, access: number): Uint8Array {
    if (!(addr >= 0 && addr < CANONICAL_TOP)) throw new CpuFault(badAddress(addr, access));
    const r = this.mm.userPage(addr, access);
    if (this.mm.mapGen !== this.gen) this.flush();
    if (typeof r === 'number') {
      const code = PF_USER | (r === FAULT_ACCERR ? PF_PROT : 0) | (access === ACCESS_WRITE ? PF_WRITE : 0) | (access === ACCESS_EXEC ? PF_INSTR : 0);
      throw new CpuFault({ vector: X86_TRAP_PF, addr, errorCode: code, message: `page fault at 0x${addr.toString(16)}` });
    }
    const vpn = Math.floor(addr / 4096);
    const s = vpn & TLB_MASK;
    if (access === ACCESS_READ) {
      this.rTag[s] = vpn;
      this.rView[s] = new DataView(r.buffer, r.byteOffset, 4096);
    } else if (access === ACCESS_WRITE && !this.mm.codePages.has(vpn)) {
      this.wTag[s] = vpn;
      this.wView[s] = new DataView(r.buffer, r.byteOffset, 4096);
    }
    return r;
  }

  rd8(a: number): number {
    const vpn = Math.floor(a / 4096);
    const s = vpn & TLB_MASK;
    if (this.rTag[s] === vpn) return this.rView[s]!.getUint8(a & 4095);
    return this.translate(a, ACCESS_READ)[a & 4095]!;
  }

  rd16(a: number): number {
    const vpn = Math.floor(a / 4096);
    const s = vpn & TLB_MASK;
    const o = a & 4095;
    if (this.rTag[s] === vpn && o <= 4094) return this.rView[s]!.getUint16(o, true);
    return this.rd8(a) | (this.rd8(a + 1) << 8);
  }

  /** A 32-bit load, as a signed int32. */
  rd32(a: number): number {
    const vpn = Math.floor(a / 4096);
    const s = vpn & TLB_MASK;
    const o = a & 4095;
    if (this.rTag[s] === vpn && o <= 4092) return this.rView[s]!.getInt32(o, true);
    return this.rd8(a) | (this.rd8(a + 1) << 8) | (this.rd8(a + 2) << 16) | (this.rd8(a + 3) << 24);
  }

  /** A 64-bit load: returns the low half, the high half in `vh`. */
  rd64(a: number): number {
    const vpn = Math.floor(a / 4096);
    const s = vpn & TLB_MASK;
    const o = a & 4095;
    if (this.rTag[s] === vpn && o <= 4088) {
      const v = this.rView[s]!;
      this.vh = v.getInt32(o + 4, true);
      return v.getInt32(o, true);
    }
    const lo = this.rd32(a);
    this.vh = this.rd32(a + 4);
    return lo;
  }

  wr8(a: number, v: number): void {
    const vpn = Math.floor(a / 4096);
    const s = vpn & TLB_MASK;
    if (this.wTag[s] === vpn) this.wView[s]!.setUint8(a & 4095, v);
    else this.translate(a, ACCESS_WRITE)[a & 4095] = v;
  }

  wr16(a: number, v: number): void {
    const vpn = Math.floor(a / 4096);
    const s = vpn & TLB_MASK;
    const o = a & 4095;
    if (this.wTag[s] === vpn && o <= 4094) this.wView[s]!.setUint16(o, v, true);
    else this.wrSlow(a, v, 0, 2);
  }

  wr32(a: number, v: number): void {
    const vpn = Math.floor(a / 4096);
    const s = vpn & TLB_MASK;
    const o = a & 4095;
    if (this.wTag[s] === vpn && o <= 4092) this.wView[s]!.setInt32(o, v, true);
    else this.wrSlow(a, v, 0, 4);
  }

  wr64(a: number, lo: number, hi: number): void {
    const vpn = Math.floor(a / 4096);
    const s = vpn & TLB_MASK;
    const o = a & 4095;
    if (this.wTag[s] === vpn && o <= 4088) {
      const w = this.wView[s]!;
      w.setInt32(o, lo, true);
      w.setInt32(o + 4, hi, true);
    } else this.wrSlow(a, lo, hi, 8);
  }

  /**
   * A write that misses the TLB or crosses a page: both pages are checked before any byte is
   * written, so a faulting store changes nothing (as on hardware).
   */
  private wrSlow(a: number, lo: number, hi: number, n: number): void {
    const first = this.translate(a, ACCESS_WRITE);
    const o = a & 4095;
    const second = o + n > 4096 ? this.translate(a + (4096 - o), ACCESS_WRITE) : first;
    for (let i = 0; i < n; i++) {
      const byte = (i < 4 ? lo >>> (8 * i) : hi >>> (8 * (i - 4))) & 0xff;
      if (o + i < 4096) first[o + i] = byte;
      else second[o + i - 4096] = byte;
    }
  }

  /** Write `n` bytes from `src` at `off` (SSE stores), checking both pages first as wrSlow does. */
  writeBytes(a: number, src: Uint8Array, off: number, n: number): void {
    this.translate(a, ACCESS_WRITE);
    if ((a & 4095) + n > 4096) this.translate(a + n - 1, ACCESS_WRITE);
    for (let i = 0; i < n; i++) this.wr8(a + i, src[off + i]!);
  }

  /** Instruction fetch of one byte (checks PROT_EXEC); used only by the decoder. */
  fetch8(a: number): number {
    return this.translate(a, ACCESS_EXEC)[a & 4095]!;
  }
}

/** An address outside user space: #PF for the kernel half (a protection fault), #GP if non-canonical. */
function badAddress(addr: number, access: number): Trap {
  if (addr < 0 && addr >= -CANONICAL_TOP) {
    const code = PF_USER | PF_PROT | (access === ACCESS_WRITE ? PF_WRITE : 0) | (access === ACCESS_EXEC ? PF_INSTR : 0);
    return { vector: X86_TRAP_PF, addr, errorCode: code, message: `page fault at ${addr}` };
  }
  return { vector: X86_TRAP_GP, message: `non-canonical address ${addr}` };
}
