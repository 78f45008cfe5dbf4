// The string instructions: movs, cmps, stos, lods, scas (a4-af), with rep (f3: repeat rcx times;
// for cmps/scas "while equal") and repne (f2: cmps/scas "while not equal").
//
// The source is [rsi] (a segment override applies to it), the destination [rdi]; both step by the
// element size, backwards when DF is set. With 0x67 the registers are esi, edi and ecx. A fault in
// the middle of a rep leaves rsi, rdi and rcx where the faulting element is, as the hardware does,
// so the kernel can report it and a handler could resume it.

import { RAX, RCX, RDI, RSI, type Cpu } from './cpu';
import { alu, CMP } from './alu';
import { DF, getZF } from './flags';
import type { Insn } from './insn';
import { getReg, readMem, setReg, writeMem } from './operands';

const TWO32 = 4294967296;
const MOVS = 0xa4, CMPS = 0xa6, STOS = 0xaa, LODS = 0xac;

function getAddr(c: Cpu, r: number, a32: boolean): number {
  return a32 ? c.lo[r]! >>> 0 : c.get64(r);
}

function setAddr(c: Cpu, r: number, v: number, a32: boolean): void {
  if (a32) setReg(c, r, 4, v | 0, 0);
  else c.set64(r, v);
}

export function stringOp(c: Cpu, i: Insn): void {
  const size = i.size;
  const a32 = i.addr32;
  const step = c.eflags & DF ? -size : size;
  const segBase = i.seg === 4 ? c.fsBase : i.seg === 5 ? c.gsBase : 0;
  const op = i.op;
  const rep = i.rep;
  let si = getAddr(c, RSI, a32), di = getAddr(c, RDI, a32);
  let count = rep ? getAddr(c, RCX, a32) : 1;
  // rcx is a 64-bit count; a negative JavaScript value means the top bit is set (a huge count).
  if (count < 0) count += TWO32 * TWO32;
  const acc = getReg(c, RAX, size), accH = c.vh;
  try {
    while (count > 0) {
      switch (op) {
        case MOVS: {
          const v = readMem(c, segBase + si, size);
          writeMem(c, di, size, v, c.vh);
          si += step;
          di += step;
          break;
        }
        case STOS:
          writeMem(c, di, size, acc, accH);
          di += step;
          break;
        case LODS: {
          const v = readMem(c, segBase + si, size);
          setReg(c, RAX, size, v, c.vh);
          si += step;
          break;
        }
        case CMPS: {
          const a = readMem(c, segBase + si, size), ah = c.vh;
          const b = readMem(c, di, size), bh = c.vh;
          alu(c, CMP, size, a, ah, b, bh);
          si += step;
          di += step;
          break;
        }
        default: { // SCAS
          const b = readMem(c, di, size), bh = c.vh;
          alu(c, CMP, size, acc, accH, b, bh);
          di += step;
        }
      }
      count--;
      // cmps/scas under rep stop when the comparison disagrees with the prefix.
      if (rep && (op === CMPS || op > LODS) && getZF(c) !== (rep === 0xf3 ? 1 : 0)) break;
    }
  } finally {
    if (op !== STOS && op < 0xae) setAddr(c, RSI, si, a32);
    if (op !== LODS) setAddr(c, RDI, di, a32);
    if (rep) setAddr(c, RCX, count, a32);
  }
}
