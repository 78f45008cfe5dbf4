// The decoded-instruction cache: basic blocks keyed by their start address.
//
// A basic block is a run of instructions entered at the top and left at the bottom: decoding
// stops after a branch, call, return, syscall or trap, or at a length limit. Each address space
// has one cache (threads sharing an MM share their code). A block remembers the pages its bytes
// came from; the MM tells the cache when such a page is written or unmapped (MM.codePages and
// onCodeWrite), and every block on it is dropped, so self-modifying code, a debugger's breakpoint
// (PTRACE_POKETEXT) or new code mapped at an old address is decoded afresh.
//
// Limitation: a store that rewrites an instruction later in the *same* block takes effect the
// next time the block is entered, not immediately (hardware would notice at once).

import type { MM } from '../../kernel/mm/mm';
import { Decoder, Flow } from './decode';
import type { Insn } from './insn';
import { CpuFault, type Mmu } from './mmu';
import { vdsoMark } from './vdso/vdso_mark';

/** Longest block, in instructions: bounds decode work and the instructions run between budget checks. */
const MAX_BLOCK = 64;

export class Block {
  /** Cleared when the block's code changes; chained blocks check it before jumping in. */
  valid = true;
  /** The two most recent successors, to skip the cache lookup on the next jump (block chaining). */
  succ1: Block | null = null;
  succ2: Block | null = null;

  constructor(
    readonly addr: number,
    /** Address after the last instruction (the fall-through). */
    readonly end: number,
    readonly insns: Insn[],
    /** The first and last page the block's bytes lie on. */
    readonly firstVpn: number,
    readonly lastVpn: number,
  ) {}
}

export class CodeCache {
  private readonly blocks = new Map<number, Block>();
  /** Page number → the blocks with bytes on it. */
  private readonly byPage = new Map<number, Block[]>();
  /** The vDSO's entry points (offset in the image → function name), to mark calls for the trace. */
  vdsoEntries: ReadonlyMap<number, string> | null = null;

  constructor(private readonly mm: MM) {
    mm.onCodeWrite = (vpn) => this.invalidatePage(vpn);
  }

  /** The block at `addr`, decoding it on a miss. A fetch fault on its first instruction throws. */
  lookup(addr: number, mem: Mmu): Block {
    return this.blocks.get(addr) ?? this.build(addr, mem);
  }

  private build(addr: number, mem: Mmu): Block {
    const dec = new Decoder(mem);
    const insns: Insn[] = [];
    const vdsoName = this.mm.vdsoBase && this.vdsoEntries ? this.vdsoEntries.get(addr - this.mm.vdsoBase) : undefined;
    if (vdsoName !== undefined) insns.push(vdsoMark(addr, vdsoName));
    let a = addr;
    for (;;) {
      let i: Insn;
      try {
        i = dec.decode(a);
      } catch (e) {
        // A fetch fault after the first instruction ends the block there: the fault belongs to
        // the instruction that is actually reached, and is raised when it runs.
        if (e instanceof CpuFault && insns.length > (vdsoName === undefined ? 0 : 1)) break;
        throw e;
      }
      insns.push(i);
      a = i.next;
      if (dec.flow === Flow.End || insns.length >= MAX_BLOCK) break;
    }
    const block = new Block(addr, a, insns, Math.floor(addr / 4096), Math.floor((a - 1) / 4096));
    this.blocks.set(addr, block);
    for (let vpn = block.firstVpn; vpn <= block.lastVpn; vpn++) {
      let list = this.byPage.get(vpn);
      if (!list) {
        list = [];
        this.byPage.set(vpn, list);
        this.mm.codePages.add(vpn);
        // No TLB may keep writing this page behind the cache's back: ours drops its entry now,
        // those of other threads on this MM when they see mapGen move.
        mem.dropWrite(vpn);
        this.mm.mapGen++;
      }
      list.push(block);
    }
    return block;
  }

  /** Drop every block with bytes on page `vpn`. */
  invalidatePage(vpn: number): void {
    const list = this.byPage.get(vpn);
    if (!list) return;
    this.byPage.delete(vpn);
    for (const b of list) {
      b.valid = false;
      if (this.blocks.get(b.addr) === b) this.blocks.delete(b.addr);
    }
  }
}

const caches = new WeakMap<MM, CodeCache>();

/** The code cache of address space `mm`, made on first use. */
export function codeCacheOf(mm: MM): CodeCache {
  let c = caches.get(mm);
  if (!c) {
    c = new CodeCache(mm);
    caches.set(mm, c);
  }
  return c;
}
