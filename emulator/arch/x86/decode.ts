// The instruction decoder: bytes at an address → one Insn (insn.ts) with its executor chosen.
//
// An x86-64 instruction is, in order (Intel SDM vol. 2, chapter 2):
//   legacy prefixes  66 (operand size), 67 (address size), f2/f3 (repne/rep, or SSE selectors),
//                    f0 (lock: ignored, every instruction here is atomic), 2e 36 3e 26 (segment
//                    overrides that mean nothing in 64-bit mode), 64/65 (fs/gs: add that base);
//   REX              40-4f, immediately before the opcode: W (64-bit operand), R (extends
//                    ModRM.reg), X (extends SIB.index), B (extends ModRM.rm, SIB.base or the
//                    register in the opcode);
//   opcode           one byte, or 0f and a second byte (0f 38 / 0f 3a and a third);
//   ModRM            mod (2 bits: 3 = register operand, else memory with 0/1/4 bytes of
//                    displacement), reg (a register or an opcode extension, the "/digit"), rm;
//   SIB              when rm = 100 in a memory operand: scale, index, base;
//   displacement     8 or 32 bits, sign-extended; mod = 00 with rm = 101 is RIP-relative
//                    (relative to the next instruction), and SIB base = 101 with mod = 00 is
//                    "no base, disp32";
//   immediate        1, 2 or 4 bytes (8 only for mov r64, imm64), sign-extended to the operand.
// The operand size is 8 with REX.W, else 2 with 66, else 4; push, pop, call, ret and the near
// branches default to 8.

import { RAX } from './cpu';
import { ADC, SBB, TEST, ALU32_RI, ALU32_RR, alu64RI, alu64RR, aluRegRm, aluRmImm, aluRmReg, incDec, incDec32R, neg, not } from './alu';
import { bitScan, bitTest, popcnt } from './bits';
import { callRel, callRm, jcc, jmpRel, jmpRm, jnz, jz, loop, ret } from './branch';
import { HOT } from './hot';
import { Insn, type Exec } from './insn';
import { CpuFault, type Mmu } from './mmu';
import {
  bswap, cbw, cmov, cmpxchg, cwd, lea, leave, mov32Load, mov32RR, mov32Store, mov64Load, mov64RR, mov64Store,
  movRegRm, movRmImm, movRmReg, movsx, movzx, popReg, popRm, pushImm, pushReg, pushRm, setcc, xadd, xchg,
} from './mov';
import { divide, imul2, imul3, mul1 } from './muldiv';
import { eaAbs, eaBase, eaBaseIndex, eaGeneric } from './operands';
import { shift, shiftDouble } from './shift';
import { decodeSse } from './sse_decode';
import { fwait } from './x87';
import { decodeX87 } from './x87_decode';
import { stringOp } from './string';
import { cpuid, flagOp, int3, lahf, nop, popf, privileged, pushf, rdtsc, rdtscp, sahf, syscall, undefinedOpcode } from './system';

/** The longest legal instruction; a longer one raises #GP, as on hardware. */
const MAX_INSN = 15;

/** What the block builder needs to know about a decoded instruction. */
export const enum Flow {
  /** Execution continues with the next instruction. */
  Next,
  /** A branch, call, return, syscall or trap: the basic block ends here. */
  End,
}

/** An instruction that cannot be decoded (or run): raised as #UD when executed. */
class Undecodable {}

export class Decoder {
  private page: Uint8Array | null = null;
  private pageVpn = -1;
  pos = 0;
  start = 0;
  // prefixes of the current instruction
  opsize = false;
  addrsize = false;
  rep = 0;
  seg = 0;
  rex = 0;
  /** Set by an executor choice that ends the basic block. */
  flow = Flow.Next;

  constructor(private readonly mem: Mmu) {}

  /** The next instruction byte (an instruction fetch: needs PROT_EXEC). */
  u8(): number {
    const a = this.pos;
    if (a - this.start >= MAX_INSN) throw new Undecodable();
    const vpn = Math.floor(a / 4096);
    if (vpn !== this.pageVpn) {
      this.page = this.mem.translate(a, 2 /* ACCESS_EXEC */);
      this.pageVpn = vpn;
    }
    this.pos = a + 1;
    return this.page![a & 4095]!;
  }

  s8(): number {
    return (this.u8() << 24) >> 24;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  s32(): number {
    return this.u8() | (this.u8() << 8) | (this.u8() << 16) | (this.u8() << 24);
  }

  /** Decode the instruction at `addr`. Fetch faults propagate as CpuFault. */
  decode(addr: number): Insn {
    const i = new Insn(undefinedOpcode, eaAbs);
    i.addr = addr;
    this.start = this.pos = addr;
    this.flow = Flow.Next;
    try {
      this.decodeInto(i);
    } catch (e) {
      if (!(e instanceof Undecodable)) throw e;
      i.fn = this.pos - addr >= MAX_INSN ? privileged : undefinedOpcode;
      this.flow = Flow.End;
      if (i.fn === privileged) i.bytes = 'instruction longer than 15 bytes';
    }
    i.next = this.pos;
    if (i.fn === undefinedOpcode || i.fn === privileged) {
      this.flow = Flow.End;
      if (!i.bytes) i.bytes = this.hexBytes(addr, this.pos);
    }
    if (i.rm < 0 && i.ripRel) i.disp += i.next;
    i.hot = HOT.get(i.fn) ?? 0;
    return i;
  }

  private hexBytes(from: number, to: number): string {
    const out: string[] = [];
    for (let a = from; a < Math.max(to, from + 1) && a < from + MAX_INSN; a++) {
      try {
        out.push(this.mem.fetch8(a).toString(16).padStart(2, '0'));
      } catch (e) {
        if (e instanceof CpuFault) break;
        throw e;
      }
    }
    return out.join(' ');
  }

  /** Operand size for a "v" operand: 8 with REX.W, 2 with 66, else 4. */
  private vsize(): number {
    return this.rex & 8 ? 8 : this.opsize ? 2 : 4;
  }

  /** Operand size of instructions that default to 64 bits (push, pop, …): 2 with 66, else 8. */
  private qsize(): number {
    return this.opsize && !(this.rex & 8) ? 2 : 8;
  }

  /** A byte-register number: without REX, 4-7 are AH, CH, DH, BH (numbered 16-19). */
  private byteReg(r: number): number {
    return this.rex === 0 && r >= 4 && r < 8 ? r + 12 : r;
  }

  /**
   * Parse ModRM (and SIB and displacement) into `i`. `byteReg`/`byteRm`: the reg/rm field names a
   * byte register. Returns ModRM.reg without REX.R (the /digit of group opcodes).
   */
  modrm(i: Insn, byteReg = false, byteRm = byteReg): number {
    const m = this.u8();
    const mod = m >> 6, regField = (m >> 3) & 7, rmField = m & 7;
    const rex = this.rex;
    const reg = regField | ((rex & 4) << 1);
    i.reg = byteReg ? this.byteReg(reg) : reg;
    if (mod === 3) {
      const rm = rmField | ((rex & 1) << 3);
      i.rm = byteRm ? this.byteReg(rm) : rm;
      return regField;
    }
    i.rm = -1;
    i.base = -1;
    i.index = -1;
    i.scale = 1;
    if (rmField === 4) {
      const sib = this.u8();
      const base = sib & 7;
      const index = ((sib >> 3) & 7) | ((rex & 2) << 2);
      i.scale = 1 << (sib >> 6);
      i.index = index === 4 ? -1 : index;
      if (base === 5 && mod === 0) i.disp = this.s32();
      else i.base = base | ((rex & 1) << 3);
    } else if (rmField === 5 && mod === 0) {
      i.disp = this.s32();
      i.ripRel = true;
    } else i.base = rmField | ((rex & 1) << 3);
    if (mod === 1) i.disp = this.s8();
    else if (mod === 2) i.disp = this.s32();
    i.seg = this.seg;
    i.addr32 = this.addrsize;
    i.ea = this.seg || this.addrsize ? eaGeneric : i.base < 0 ? (i.index < 0 ? eaAbs : eaGeneric) : i.index < 0 ? eaBase : eaBaseIndex;
    return regField;
  }

  /** An immediate of `n` bytes (1, 2 or 4), sign-extended and stored for operand size i.size. */
  imm(i: Insn, n: number): void {
    const v = n === 1 ? this.s8() : n === 2 ? (this.u16() << 16) >> 16 : this.s32();
    setImm(i, v);
  }

  private end(i: Insn, fn: Exec): void {
    i.fn = fn;
    this.flow = Flow.End;
  }

  private decodeInto(i: Insn): void {
    // ---- prefixes ----
    let b: number;
    for (;;) {
      b = this.u8();
      if (b === 0x66) this.opsize = true;
      else if (b === 0x67) this.addrsize = true;
      else if (b === 0xf2 || b === 0xf3) this.rep = b;
      else if (b === 0x64 || b === 0x65) this.seg = b - 0x60;
      else if (b === 0xf0 || b === 0x2e || b === 0x36 || b === 0x3e || b === 0x26) continue;
      else if ((b & 0xf0) === 0x40) {
        this.rex = b;
        b = this.u8();
        // A REX prefix not directly before the opcode is ignored.
        if (b === 0x66 || b === 0x67 || b === 0xf2 || b === 0xf3 || b === 0x64 || b === 0x65 || b === 0xf0 || (b & 0xf0) === 0x40) {
          this.rex = 0;
          this.pos--;
          continue;
        }
        break;
      } else break;
    }
    i.rep = this.rep;
    try {
      if (b === 0x0f) this.twoByte(i, this.u8());
      else this.oneByte(i, b);
    } finally {
      this.opsize = this.addrsize = false;
      this.rep = this.seg = this.rex = 0;
    }
  }

  private oneByte(i: Insn, b: number): void {
    const lowNibble = b & 7;
    if (b < 0x40 && lowNibble < 6) {
      // 00-3f: the eight ALU ops, each in six forms.
      i.op = b >> 3;
      i.size = b & 1 ? this.vsize() : 1;
      if (lowNibble < 4) {
        this.modrm(i, i.size === 1);
        if (lowNibble < 2) i.fn = fastRR(i) ?? aluRmReg;
        else if (i.rm >= 0 && (i.size === 4 || i.size === 8)) {
          const r = i.reg;
          i.reg = i.rm;
          i.rm = r;
          i.fn = fastRR(i)!;
        } else i.fn = aluRegRm;
      } else {
        i.rm = RAX;
        this.imm(i, i.size === 1 ? 1 : i.size === 2 ? 2 : 4);
        i.fn = fastRI(i) ?? aluRmImm;
      }
      return;
    }
    if (b >= 0x50 && b <= 0x57) { i.size = this.qsize(); i.rm = (b & 7) | ((this.rex & 1) << 3); i.fn = pushReg; return; }
    if (b >= 0x58 && b <= 0x5f) { i.size = this.qsize(); i.rm = (b & 7) | ((this.rex & 1) << 3); i.fn = popReg; return; }
    if (b >= 0x70 && b <= 0x7f) { i.op = b & 15; this.branchTarget(i, 1); this.end(i, jccFor(i.op)); return; }
    if (b >= 0x91 && b <= 0x97) { i.size = this.vsize(); i.reg = (b & 7) | ((this.rex & 1) << 3); i.rm = RAX; i.fn = xchg; return; }
    if (b >= 0xb0 && b <= 0xb7) { i.size = 1; i.rm = this.byteReg((b & 7) | ((this.rex & 1) << 3)); this.imm(i, 1); i.fn = movRmImm; return; }
    if (b >= 0xb8 && b <= 0xbf) {
      i.size = this.vsize();
      i.rm = (b & 7) | ((this.rex & 1) << 3);
      if (i.size === 8) {
        i.imm = this.s32();
        i.immH = this.s32();
      } else this.imm(i, i.size);
      i.fn = movRmImm;
      return;
    }
    if (b >= 0xd8 && b <= 0xdf) { decodeX87(this, i, b); return; }
    switch (b) {
      case 0x63: i.size = this.vsize(); i.op = 4; this.modrm(i); i.fn = movsx; return;
      case 0x68: i.size = this.qsize(); this.imm(i, i.size === 2 ? 2 : 4); i.fn = pushImm; return;
      case 0x6a: i.size = this.qsize(); this.imm(i, 1); i.fn = pushImm; return;
      case 0x69: case 0x6b:
        i.size = this.vsize();
        this.modrm(i);
        this.imm(i, b === 0x6b ? 1 : i.size === 2 ? 2 : 4);
        i.fn = imul3;
        return;
      case 0x80: case 0x81: case 0x83:
        i.size = b === 0x80 ? 1 : this.vsize();
        i.op = this.modrm(i, i.size === 1);
        this.imm(i, b === 0x81 ? (i.size === 2 ? 2 : 4) : 1);
        i.fn = fastRI(i) ?? aluRmImm;
        return;
      case 0x84: case 0x85:
        i.size = b === 0x84 ? 1 : this.vsize();
        i.op = TEST;
        this.modrm(i, i.size === 1);
        i.fn = fastRR(i) ?? aluRmReg;
        return;
      case 0x86: case 0x87: i.size = b === 0x86 ? 1 : this.vsize(); this.modrm(i, i.size === 1); i.fn = xchg; return;
      case 0x88: case 0x89: {
        i.size = b === 0x88 ? 1 : this.vsize();
        this.modrm(i, i.size === 1);
        const reg = i.rm >= 0;
        i.fn = i.size === 8 ? (reg ? mov64RR : mov64Store) : i.size === 4 ? (reg ? mov32RR : mov32Store) : movRmReg;
        return;
      }
      case 0x8a: case 0x8b: {
        i.size = b === 0x8a ? 1 : this.vsize();
        this.modrm(i, i.size === 1);
        if (i.rm >= 0 && i.size >= 4) {
          const r = i.reg;
          i.reg = i.rm;
          i.rm = r;
          i.fn = i.size === 8 ? mov64RR : mov32RR;
        } else i.fn = i.size === 8 ? mov64Load : i.size === 4 ? mov32Load : movRegRm;
        return;
      }
      case 0x8d:
        i.size = this.vsize();
        this.modrm(i);
        if (i.rm >= 0) throw new Undecodable();
        i.fn = lea;
        return;
      case 0x8f: i.size = this.qsize(); if (this.modrm(i) !== 0) throw new Undecodable(); i.fn = popRm; return;
      case 0x90:
        if (this.rex & 1) { i.size = this.vsize(); i.reg = 8; i.rm = RAX; i.fn = xchg; } // xchg r8, rax
        else i.fn = nop; // nop, and pause (f3 90)
        return;
      case 0x98: i.size = this.vsize(); i.fn = cbw; return;
      case 0x99: i.size = this.vsize(); i.fn = cwd; return;
      case 0x9b: i.fn = fwait; return; // fwait: deliver a pending unmasked x87 exception
      case 0x9c: i.fn = pushf; return;
      case 0x9d: i.fn = popf; return;
      case 0x9e: i.fn = sahf; return;
      case 0x9f: i.fn = lahf; return;
      case 0xa8: case 0xa9:
        i.size = b === 0xa8 ? 1 : this.vsize();
        i.op = TEST;
        i.rm = RAX;
        this.imm(i, i.size === 1 ? 1 : i.size === 2 ? 2 : 4);
        i.fn = aluRmImm;
        return;
      case 0xa4: case 0xa5: case 0xa6: case 0xa7: case 0xaa: case 0xab: case 0xac: case 0xad: case 0xae: case 0xaf:
        i.size = b & 1 ? this.vsize() : 1;
        i.op = b & 0xfe;
        i.seg = this.seg;
        i.addr32 = this.addrsize;
        i.fn = stringOp;
        return;
      case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3:
        i.size = b & 1 ? this.vsize() : 1;
        i.op = this.modrm(i, i.size === 1);
        if (b < 0xc2) i.imm2 = this.u8();
        else i.imm2 = b < 0xd2 ? 1 : -1; // -1: the count is in cl
        i.fn = shift;
        return;
      case 0xc2: i.imm = this.u16(); this.end(i, ret); return;
      case 0xc3: this.end(i, ret); return;
      case 0xc6: case 0xc7:
        i.size = b === 0xc6 ? 1 : this.vsize();
        if (this.modrm(i, i.size === 1) !== 0) throw new Undecodable();
        this.imm(i, i.size === 1 ? 1 : i.size === 2 ? 2 : 4);
        i.fn = movRmImm;
        return;
      case 0xc9: i.fn = leave; return;
      case 0xcc: this.end(i, int3); return;
      case 0xcd: // int n: Linux gives user mode no gates but int3 (and int 0x80, the 32-bit ABI, not modelled): #GP
        this.u8();
        i.bytes = this.hexBytes(this.start, this.pos);
        this.end(i, privileged);
        return;
      case 0xe0: case 0xe1: case 0xe2: case 0xe3:
        i.op = b & 3;
        i.addr32 = this.addrsize;
        this.branchTarget(i, 1);
        this.end(i, loop);
        return;
      case 0xe8: this.branchTarget(i, 4); this.end(i, callRel); return;
      case 0xe9: this.branchTarget(i, 4); this.end(i, jmpRel); return;
      case 0xeb: this.branchTarget(i, 1); this.end(i, jmpRel); return;
      case 0xf4: case 0xfa: case 0xfb: case 0xe4: case 0xe5: case 0xe6: case 0xe7: case 0xec: case 0xed: case 0xee: case 0xef:
        i.bytes = this.hexBytes(this.start, this.pos);
        this.end(i, privileged); // hlt, cli, sti, in, out
        return;
      case 0xf5: case 0xf8: case 0xf9: case 0xfc: case 0xfd: i.op = b; i.fn = flagOp; return;
      case 0xf6: case 0xf7: {
        i.size = b === 0xf6 ? 1 : this.vsize();
        const d = this.modrm(i, i.size === 1);
        i.op = d;
        switch (d) {
          case 0: case 1: i.op = TEST; this.imm(i, i.size === 1 ? 1 : i.size === 2 ? 2 : 4); i.fn = aluRmImm; return;
          case 2: i.fn = not; return;
          case 3: i.fn = neg; return;
          case 4: case 5: i.fn = mul1; return;
          default: i.fn = divide; return;
        }
      }
      case 0xfe: case 0xff: {
        i.size = b === 0xfe ? 1 : this.vsize();
        const d = this.modrm(i, i.size === 1);
        i.op = d;
        if (d < 2) { i.fn = i.size === 4 && i.rm >= 0 ? incDec32R : incDec; return; }
        if (b === 0xfe) throw new Undecodable();
        i.size = 8;
        if (d === 2) this.end(i, callRm);
        else if (d === 4) this.end(i, jmpRm);
        else if (d === 6) { i.size = this.qsize(); i.fn = pushRm; }
        else throw new Undecodable(); // far call/jmp
        return;
      }
    }
    throw new Undecodable();
  }

  /** A relative branch: read the displacement and resolve it to an absolute target in imm2. */
  private branchTarget(i: Insn, n: number): void {
    const d = n === 1 ? this.s8() : this.s32();
    i.imm2 = this.pos + d;
  }

  private twoByte(i: Insn, b: number): void {
    if (b >= 0x40 && b <= 0x4f) { i.size = this.vsize(); i.op = b & 15; this.modrm(i); i.fn = cmov; return; }
    if (b >= 0x80 && b <= 0x8f) { i.op = b & 15; this.branchTarget(i, 4); this.end(i, jccFor(i.op)); return; }
    if (b >= 0x90 && b <= 0x9f) { i.op = b & 15; i.size = 1; this.modrm(i, true); i.fn = setcc; return; }
    if (b >= 0xc8 && b <= 0xcf) { i.size = this.rex & 8 ? 8 : 4; i.rm = (b & 7) | ((this.rex & 1) << 3); i.fn = bswap; return; }
    if (b >= 0x18 && b <= 0x1f) { this.modrm(i); i.fn = nop; return; } // hint nops, prefetch, endbr64 (f3 0f 1e fa)
    switch (b) {
      case 0x05: this.end(i, syscall); return;
      case 0x0b: throw new Undecodable(); // ud2
      case 0x0d: this.modrm(i); i.fn = nop; return; // prefetchw
      case 0x31: this.end(i, rdtsc); return; // ends the block, so the counter is current for the next one
      case 0x01:
        if (this.u8() !== 0xf9) throw new Undecodable(); // of the 0f 01 group, user mode has only rdtscp here
        this.end(i, rdtscp);
        return;
      case 0xa2: i.fn = cpuid; return;
      case 0xa3: case 0xab: case 0xb3: case 0xbb:
        i.size = this.vsize();
        i.op = (b >> 3) & 3; // 0 bt, 1 bts, 2 btr, 3 btc
        this.modrm(i);
        i.imm2 = -1; // the bit offset is the register operand
        i.fn = bitTest;
        return;
      case 0xba: {
        i.size = this.vsize();
        const d = this.modrm(i);
        if (d < 4) throw new Undecodable();
        i.op = d - 4;
        i.imm2 = this.u8();
        i.fn = bitTest;
        return;
      }
      case 0xa4: case 0xa5: case 0xac: case 0xad:
        i.size = this.vsize();
        i.op = b >= 0xac ? 1 : 0; // 0 shld, 1 shrd
        this.modrm(i);
        i.imm2 = b & 1 ? -1 : this.u8();
        i.fn = shiftDouble;
        return;
      case 0xaf: i.size = this.vsize(); this.modrm(i); i.fn = imul2; return;
      case 0xc3: // movnti m, reg: a store with a non-temporal hint (glibc's memset/memcpy for large sizes)
        i.size = this.rex & 8 ? 8 : 4;
        this.modrm(i);
        if (i.rm >= 0) throw new Undecodable();
        i.fn = i.size === 8 ? mov64Store : mov32Store;
        return;
      case 0xb0: case 0xb1: i.size = b === 0xb0 ? 1 : this.vsize(); this.modrm(i, i.size === 1); i.fn = cmpxchg; return;
      case 0xc0: case 0xc1: i.size = b === 0xc0 ? 1 : this.vsize(); this.modrm(i, i.size === 1); i.fn = xadd; return;
      case 0xb6: case 0xb7: case 0xbe: case 0xbf:
        i.size = this.vsize();
        i.op = b & 1 ? 2 : 1;
        this.modrm(i, false, i.op === 1);
        i.fn = b < 0xbe ? movzx : movsx;
        return;
      case 0xb8:
        if (this.rep !== 0xf3) throw new Undecodable();
        i.size = this.vsize();
        this.modrm(i);
        i.fn = popcnt;
        return;
      case 0xbc: case 0xbd:
        i.size = this.vsize();
        // bsf, bsr; with f3: tzcnt, lzcnt (op bit 1)
        i.op = (b & 1) | (this.rep === 0xf3 ? 2 : 0);
        this.modrm(i);
        i.fn = bitScan;
        return;
    }
    decodeSse(this, i, b);
  }

  // Accessors the SSE decoder needs.
  get prefix66(): boolean {
    return this.opsize;
  }
  get rexW(): boolean {
    return (this.rex & 8) !== 0;
  }
  undecodable(): never {
    throw new Undecodable();
  }
}

/** The executor of jcc with condition `cc`: je/jne have their own. */
function jccFor(cc: number): Exec {
  return cc === 4 ? jz : cc === 5 ? jnz : jcc;
}

/** The fast executor for an ALU op between two 32- or 64-bit registers, if the operands fit. */
function fastRR(i: Insn): Exec | null {
  if (i.rm < 0 || i.op === ADC || i.op === SBB) return null;
  return i.size === 4 ? ALU32_RR[i.op]! : i.size === 8 ? alu64RR : null;
}

/** The fast executor for an ALU op between a 32- or 64-bit register and an immediate. */
function fastRI(i: Insn): Exec | null {
  if (i.rm < 0 || i.op === ADC || i.op === SBB) return null;
  return i.size === 4 ? ALU32_RI[i.op]! : i.size === 8 ? alu64RI : null;
}

/** Store an immediate sign-extended to i.size (high half for 8-byte operands). */
function setImm(i: Insn, v: number): void {
  switch (i.size) {
    case 1: i.imm = v & 0xff; break;
    case 2: i.imm = v & 0xffff; break;
    case 4: i.imm = v | 0; break;
    default: i.imm = v | 0; i.immH = v >> 31;
  }
}
