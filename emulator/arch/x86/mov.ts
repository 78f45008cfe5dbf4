// Data movement: mov and its widening forms, lea, push/pop, xchg, cmpxchg, xadd, the sign
// extensions of rax (cbw … cqo), cmovcc, setcc, bswap, leave.

import { RAX, RBP, RDX, RSP, type Cpu } from './cpu';
import { alu, ADD, CMP } from './alu';
import { cond, getZF } from './flags';
import type { Insn } from './insn';
import { getReg, readMem, readRM, setReg, sext, writeMem, writeRM } from './operands';

/** mov r/m, reg (88, 89). */
export function movRmReg(c: Cpu, i: Insn): void {
  const v = getReg(c, i.reg, i.size);
  writeRM(c, i, i.size, v, c.vh);
}

/** mov reg, r/m (8a, 8b). */
export function movRegRm(c: Cpu, i: Insn): void {
  const v = readRM(c, i, i.size);
  setReg(c, i.reg, i.size, v, c.vh);
}

/** mov r/m, imm (c6, c7) and mov reg, imm (b0-bf, with rm set to the register). */
export function movRmImm(c: Cpu, i: Insn): void {
  writeRM(c, i, i.size, i.imm, i.immH);
}

// Fast paths the decoder picks for 64-bit and 32-bit forms.

/** mov r64, r64. */
export function mov64RR(c: Cpu, i: Insn): void {
  c.lo[i.rm] = c.lo[i.reg]!;
  c.hi[i.rm] = c.hi[i.reg]!;
}

/** mov r32, r32 (zero-extends). */
export function mov32RR(c: Cpu, i: Insn): void {
  c.lo[i.rm] = c.lo[i.reg]!;
  c.hi[i.rm] = 0;
}

/** mov r64, [mem]. */
export function mov64Load(c: Cpu, i: Insn): void {
  const m = c.mem;
  c.lo[i.reg] = m.rd64(i.ea(c, i));
  c.hi[i.reg] = m.vh;
}

/** mov [mem], r64. */
export function mov64Store(c: Cpu, i: Insn): void {
  c.mem.wr64(i.ea(c, i), c.lo[i.reg]!, c.hi[i.reg]!);
}

/** mov r32, [mem]. */
export function mov32Load(c: Cpu, i: Insn): void {
  c.lo[i.reg] = c.mem.rd32(i.ea(c, i));
  c.hi[i.reg] = 0;
}

/** mov [mem], r32. */
export function mov32Store(c: Cpu, i: Insn): void {
  c.mem.wr32(i.ea(c, i), c.lo[i.reg]!);
}

/**
 * lea reg, [mem] (8d): the address itself, computed exactly in 32-bit halves, because compilers
 * also use lea for plain arithmetic (x*5 = [x + x*4]) on values far above any address.
 */
export function lea(c: Cpu, i: Insn): void {
  let l = (i.disp >>> 0), h = Math.floor(i.disp / 4294967296);
  if (i.base >= 0) {
    l += c.lo[i.base]! >>> 0;
    h += c.hi[i.base]!;
  }
  if (i.index >= 0) {
    l += (c.lo[i.index]! >>> 0) * i.scale;
    h += c.hi[i.index]! * i.scale;
  }
  h += Math.floor(l / 4294967296);
  setReg(c, i.reg, i.size, l | 0, i.addr32 ? 0 : h | 0);
}

/** movzx reg, r/m8 or r/m16 (0f b6, b7): `op` is the source size. */
export function movzx(c: Cpu, i: Insn): void {
  setReg(c, i.reg, i.size, readRM(c, i, i.op), 0);
}

/** movsx reg, r/m8 or r/m16 (0f be, bf) and movsxd reg, r/m32 (63): `op` is the source size. */
export function movsx(c: Cpu, i: Insn): void {
  const v = sext(readRM(c, i, i.op), i.op);
  setReg(c, i.reg, i.size, i.size === 2 ? v & 0xffff : v, v >> 31);
}

/** push r64 (50-57): `rm` is the register. */
export function pushReg(c: Cpu, i: Insn): void {
  if (i.size === 2) pushWord(c, c.lo[i.rm]! & 0xffff);
  else c.push64(c.lo[i.rm]!, c.hi[i.rm]!);
}

/** pop r64 (58-5f). */
export function popReg(c: Cpu, i: Insn): void {
  if (i.size === 2) setReg(c, i.rm, 2, popWord(c), 0);
  else {
    const v = c.pop64();
    c.lo[i.rm] = v;
    c.hi[i.rm] = c.vh;
  }
}

/** push imm (68, 6a), sign-extended to 64 bits. */
export function pushImm(c: Cpu, i: Insn): void {
  if (i.size === 2) pushWord(c, i.imm & 0xffff);
  else c.push64(i.imm, i.immH);
}

/** push r/m64 (ff /6). */
export function pushRm(c: Cpu, i: Insn): void {
  const v = readRM(c, i, i.size);
  if (i.size === 2) pushWord(c, v);
  else c.push64(v, c.vh);
}

/** pop r/m64 (8f /0): rsp is incremented before the address is computed, as the SDM specifies. */
export function popRm(c: Cpu, i: Insn): void {
  const v = i.size === 2 ? popWord(c) : c.pop64();
  writeRM(c, i, i.size, v, c.vh);
}

function pushWord(c: Cpu, v: number): void {
  const sp = c.get64(RSP) - 2;
  c.mem.wr16(sp, v);
  c.set64(RSP, sp);
}

function popWord(c: Cpu): number {
  const sp = c.get64(RSP);
  const v = c.mem.rd16(sp);
  c.set64(RSP, sp + 2);
  c.vh = 0;
  return v;
}

/** leave (c9): rsp = rbp; pop rbp. */
export function leave(c: Cpu): void {
  c.lo[RSP] = c.lo[RBP]!;
  c.hi[RSP] = c.hi[RBP]!;
  const v = c.pop64();
  c.lo[RBP] = v;
  c.hi[RBP] = c.vh;
}

/** xchg r/m, reg (86, 87, and 91-97 with rm = rax). */
export function xchg(c: Cpu, i: Insn): void {
  const size = i.size;
  const a = getReg(c, i.reg, size), ah = c.vh;
  if (i.rm >= 0) {
    const b = getReg(c, i.rm, size);
    setReg(c, i.reg, size, b, c.vh);
    setReg(c, i.rm, size, a, ah);
  } else {
    const ea = i.ea(c, i);
    const b = readMem(c, ea, size), bh = c.vh;
    writeMem(c, ea, size, a, ah);
    setReg(c, i.reg, size, b, bh);
  }
}

/** cmpxchg r/m, reg (0f b0, b1): compare with rax; equal → store reg, else load into rax. */
export function cmpxchg(c: Cpu, i: Insn): void {
  const size = i.size;
  const ea = i.rm >= 0 ? 0 : i.ea(c, i);
  const dest = i.rm >= 0 ? getReg(c, i.rm, size) : readMem(c, ea, size);
  const destH = c.vh;
  const acc = getReg(c, RAX, size);
  alu(c, CMP, size, acc, c.vh, dest, destH);
  if (getZF(c)) {
    const src = getReg(c, i.reg, size);
    if (i.rm >= 0) setReg(c, i.rm, size, src, c.vh);
    else writeMem(c, ea, size, src, c.vh);
  } else {
    // The destination is written back unchanged on failure (a locked read-modify-write).
    if (i.rm < 0) writeMem(c, ea, size, dest, destH);
    setReg(c, RAX, size, dest, destH);
  }
}

/** xadd r/m, reg (0f c0, c1): reg gets the old r/m, r/m gets the sum. */
export function xadd(c: Cpu, i: Insn): void {
  const size = i.size;
  const ea = i.rm >= 0 ? 0 : i.ea(c, i);
  const dest = i.rm >= 0 ? getReg(c, i.rm, size) : readMem(c, ea, size);
  const destH = c.vh;
  const src = getReg(c, i.reg, size);
  const sum = alu(c, ADD, size, dest, destH, src, c.vh);
  const sumH = c.vh;
  setReg(c, i.reg, size, dest, destH);
  if (i.rm >= 0) setReg(c, i.rm, size, sum, sumH);
  else writeMem(c, ea, size, sum, sumH);
}

/** cbw / cwde / cdqe (98): sign-extend the lower half of the accumulator into all of it. */
export function cbw(c: Cpu, i: Insn): void {
  const v = c.lo[RAX]!;
  if (i.size === 2) setReg(c, RAX, 2, (v << 24) >> 24, 0);
  else if (i.size === 4) setReg(c, RAX, 4, (v << 16) >> 16, 0);
  else c.hi[RAX] = v >> 31;
}

/** cwd / cdq / cqo (99): fill rdx with the accumulator's sign. */
export function cwd(c: Cpu, i: Insn): void {
  if (i.size === 2) setReg(c, RDX, 2, (c.lo[RAX]! << 16) >> 31, 0);
  else if (i.size === 4) setReg(c, RDX, 4, c.lo[RAX]! >> 31, 0);
  else setReg(c, RDX, 8, c.hi[RAX]! >> 31, c.hi[RAX]! >> 31);
}

/** cmovcc reg, r/m (0f 40-4f): the source is read even when the condition is false (it may fault); a 32-bit cmov always zero-extends. */
export function cmov(c: Cpu, i: Insn): void {
  const v = readRM(c, i, i.size), vh = c.vh;
  if (cond(c, i.op)) setReg(c, i.reg, i.size, v, vh);
  else if (i.size === 4) c.hi[i.reg] = 0;
}

/** setcc r/m8 (0f 90-9f). */
export function setcc(c: Cpu, i: Insn): void {
  writeRM(c, i, 1, cond(c, i.op) ? 1 : 0, 0);
}

/** bswap reg (0f c8-cf). */
export function bswap(c: Cpu, i: Insn): void {
  const r = i.rm;
  const sw = (x: number) => ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
  if (i.size === 8) {
    const lo = c.lo[r]!;
    c.lo[r] = sw(c.hi[r]!);
    c.hi[r] = sw(lo);
  } else setReg(c, r, 4, sw(c.lo[r]!), 0);
}
