// Control transfer: jmp, jcc, call, ret, loop, jrcxz. Each of these ends a basic block (see
// block.ts): the block sets rip to its fall-through address before it runs, and a taken branch
// overwrites it. Relative targets are resolved by the decoder into absolute addresses (imm2).

import { CC_NONE, RCX, RSP, type Cpu } from './cpu';
import { ZF, cond } from './flags';
import type { Insn } from './insn';
import { readRM } from './operands';

/** Split a JavaScript integer address into the halves push64 wants. */
const hiOf = (a: number) => Math.floor(a / 4294967296) | 0;

export function jmpRel(c: Cpu, i: Insn): void {
  c.rip = i.imm2;
}

export function jcc(c: Cpu, i: Insn): void {
  if (cond(c, i.op)) c.rip = i.imm2;
}

/** ZF as the last flag-setting instruction left it (the commonest condition, so without cond()). */
function zero(c: Cpu): boolean {
  return c.ccOp !== CC_NONE ? c.ccRes === 0 && (c.ccSize !== 8 || c.ccResH === 0) : (c.eflags & ZF) !== 0;
}

/** je / jz. */
export function jz(c: Cpu, i: Insn): void {
  if (zero(c)) c.rip = i.imm2;
}

/** jne / jnz. */
export function jnz(c: Cpu, i: Insn): void {
  if (!zero(c)) c.rip = i.imm2;
}

/** jmp r/m64 (ff /4). */
export function jmpRm(c: Cpu, i: Insn): void {
  const lo = readRM(c, i, 8);
  c.rip = c.vh * 4294967296 + (lo >>> 0);
}

/** call rel32 (e8): push the return address, jump. */
export function callRel(c: Cpu, i: Insn): void {
  c.push64(i.next | 0, hiOf(i.next));
  c.rip = i.imm2;
}

/** call r/m64 (ff /2): the target is read before the push (call [rsp] uses the old rsp). */
export function callRm(c: Cpu, i: Insn): void {
  const lo = readRM(c, i, 8);
  const target = c.vh * 4294967296 + (lo >>> 0);
  c.push64(i.next | 0, hiOf(i.next));
  c.rip = target;
}

/** ret, and ret imm16 (c2) which also releases imm bytes of arguments. */
export function ret(c: Cpu, i: Insn): void {
  const lo = c.pop64();
  c.rip = c.vh * 4294967296 + (lo >>> 0);
  if (i.imm) c.set64(RSP, c.get64(RSP) + i.imm);
}

/**
 * loop / loope / loopne (e2, e1, e0): decrement rcx (ecx with 0x67) without touching flags, and
 * branch while it is non-zero (and ZF agrees). jrcxz (e3) branches when rcx is zero. `op` is the
 * opcode's low two bits.
 */
export function loop(c: Cpu, i: Insn): void {
  if (i.op === 3) {
    const zero = c.lo[RCX] === 0 && (i.addr32 || c.hi[RCX] === 0);
    if (zero) c.rip = i.imm2;
    return;
  }
  let zero: boolean;
  if (i.addr32) {
    c.lo[RCX] = c.lo[RCX]! - 1;
    c.hi[RCX] = 0;
    zero = c.lo[RCX] === 0;
  } else {
    const l = c.lo[RCX]!;
    c.lo[RCX] = l - 1;
    if (l === 0) c.hi[RCX] = c.hi[RCX]! - 1;
    zero = c.lo[RCX] === 0 && c.hi[RCX] === 0;
  }
  if (zero) return;
  if (i.op === 2 || (i.op === 1) === cond(c, 4)) c.rip = i.imm2;
}
