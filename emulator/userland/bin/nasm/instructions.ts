// The instruction set: each mnemonic's operand forms and the encoding NASM picks for them
// (Intel SDM volume 2 for the opcodes) — the integer instructions compilers emit for plain C, and
// the SSE2 moves and packed-integer operations that libc string routines use. Where several encodings fit, NASM's optimiser (-Ox, the
// default) takes the shortest: a sign-extended 8-bit immediate, `mov eax, imm32` for a 64-bit mov
// of a small positive constant, 8-bit branch displacements. -O0 keeps the long forms.

import type { Value } from './expr';
import { AsmError } from './lexer';
import { appendImm, encodeOpReg, encodeRM, fitsS32, fitsU32, invalid, isConst, type EncodeContext, type Encoded, type Fixup } from './encode';
import type { ImmOperand, Operand, RegOperand } from './operands';
import { fitsImm8, isAcc, isRM, operationSize, sizeOf, type RM } from './operand_size';

type Handler = (ops: Operand[], cx: EncodeContext) => Encoded;

const table = new Map<string, Handler>();
const isXmm = (o: Operand | undefined): o is RegOperand => o?.k === 'reg' && !!o.reg.xmm;
/** Register an integer instruction: its forms take general registers only. */
const def = (names: string | string[], h: Handler) => defAny(names, (ops, cx) => (ops.some(isXmm) ? invalid() : h(ops, cx)));
const defAny = (names: string | string[], h: Handler) => (Array.isArray(names) ? names : [names]).forEach((n) => table.set(n, h));

export function lookupInstruction(mnemonic: string): Handler | undefined {
  return table.get(mnemonic.toLowerCase());
}

const count = (ops: Operand[], n: number) => ops.length === n || invalid();
const imm = (o: ImmOperand, cx: EncodeContext) => cx.value(o.expr);
const asImm = (o: Operand | undefined): ImmOperand | null => (o?.k === 'imm' ? o : null);
const asReg = (o: Operand | undefined): RegOperand | null => (o?.k === 'reg' ? o : null);
/** The immediate field size for an operation size: 64-bit operations take a sign-extended imm32. */
const immSize = (size: number) => (size === 8 ? 4 : size) as 1 | 2 | 4;

/** Opcode bytes, then an optional fixed tail, with no operands. */
const fixed = (bytes: number[]): Handler => (ops) => (count(ops, 0), { bytes: [...bytes], fixups: [] });

// ---- no operands ----------------------------------------------------------------------------
const NO_OPERANDS: Record<string, number[]> = {
  syscall: [0x0f, 0x05], sysenter: [0x0f, 0x34], cpuid: [0x0f, 0xa2], rdtsc: [0x0f, 0x31],
  rdtscp: [0x0f, 0x01, 0xf9], ud2: [0x0f, 0x0b], hlt: [0xf4], int3: [0xcc], int1: [0xf1], icebp: [0xf1],
  leave: [0xc9], pause: [0xf3, 0x90], clc: [0xf8], stc: [0xf9], cmc: [0xf5], cld: [0xfc], std: [0xfd],
  cli: [0xfa], sti: [0xfb], lahf: [0x9f], sahf: [0x9e], pushf: [0x9c], pushfq: [0x9c], popf: [0x9d],
  popfq: [0x9d], cbw: [0x66, 0x98], cwde: [0x98], cdqe: [0x48, 0x98], cwd: [0x66, 0x99], cdq: [0x99],
  cqo: [0x48, 0x99], endbr64: [0xf3, 0x0f, 0x1e, 0xfa], mfence: [0x0f, 0xae, 0xf0],
  lfence: [0x0f, 0xae, 0xe8], sfence: [0x0f, 0xae, 0xf8], xlatb: [0xd7],
  movsb: [0xa4], movsw: [0x66, 0xa5], movsq: [0x48, 0xa5], stosb: [0xaa], stosw: [0x66, 0xab],
  stosd: [0xab], stosq: [0x48, 0xab], lodsb: [0xac], lodsw: [0x66, 0xad], lodsd: [0xad],
  lodsq: [0x48, 0xad], cmpsb: [0xa6], cmpsw: [0x66, 0xa7], cmpsq: [0x48, 0xa7], scasb: [0xae],
  scasw: [0x66, 0xaf], scasd: [0xaf], scasq: [0x48, 0xaf],
};
for (const [name, bytes] of Object.entries(NO_OPERANDS)) def(name, fixed(bytes));
// movsd and cmpsd without operands are the string instructions (with operands, SSE2's).
def('movsd', fixed([0xa5]));
def('cmpsd', fixed([0xa7]));

def('nop', (ops, cx) => {
  if (ops.length === 0) return { bytes: [0x90], fixups: [] };
  count(ops, 1);
  const rm = isRM(ops[0]) ? ops[0] : invalid();
  return encodeRM({ size: operationSize(ops), opcode: [0x0f, 0x1f], reg: 0, rm }, cx);
});

def('ret', (ops, cx) => {
  if (ops.length === 0) return { bytes: [0xc3], fixups: [] };
  count(ops, 1);
  const bytes = [0xc2];
  const fixups: Fixup[] = [];
  appendImm(bytes, fixups, { size: 2, value: imm(asImm(ops[0]) ?? invalid(), cx) });
  return { bytes, fixups };
});

def('int', (ops, cx) => {
  count(ops, 1);
  const bytes = [0xcd];
  const fixups: Fixup[] = [];
  appendImm(bytes, fixups, { size: 1, value: imm(asImm(ops[0]) ?? invalid(), cx) });
  return { bytes, fixups };
});

// ---- the ALU group: add or adc sbb and sub xor cmp ------------------------------------------
['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'].forEach((name, n) => {
  def(name, (ops, cx) => {
    count(ops, 2);
    const [dst, src] = ops as [Operand, Operand];
    const size = operationSize(ops, asImm(src)?.size);
    const w = size === 1 ? 0 : 1;
    if (src.k === 'reg' && isRM(dst)) return encodeRM({ size, opcode: [n * 8 + w], reg: src.reg.num, regOp: src.reg, rm: dst }, cx);
    if (dst.k === 'reg' && src.k === 'mem') return encodeRM({ size, opcode: [n * 8 + 2 + w], reg: dst.reg.num, regOp: dst.reg, rm: src }, cx);
    const i = asImm(src);
    if (!i || !isRM(dst)) return invalid();
    const v = imm(i, cx);
    if (size === 1) {
      if (isAcc(dst)) return opImm(size, [n * 8 + 4], { size: 1, value: v });
      return encodeRM({ size, opcode: [0x80], reg: n, rm: dst, imm: { size: 1, value: v } }, cx);
    }
    if ((cx.optimize || i.size === 1) && fitsImm8(v, size, i)) {
      return encodeRM({ size, opcode: [0x83], reg: n, rm: dst, imm: { size: 1, value: v, signed: true } }, cx);
    }
    const field = { size: immSize(size), value: v, signed: size === 8 };
    if (isAcc(dst)) return opImm(size, [n * 8 + 5], field);
    return encodeRM({ size, opcode: [0x81], reg: n, rm: dst, imm: field }, cx);
  });
});

/** An accumulator form: [0x66 or REX.W] opcode immediate. */
function opImm(size: number, opcode: number[], field: { size: 1 | 2 | 4; value: Value; signed?: boolean }): Encoded {
  const bytes = [...(size === 2 ? [0x66] : size === 8 ? [0x48] : []), ...opcode];
  const fixups: Fixup[] = [];
  appendImm(bytes, fixups, field);
  return { bytes, fixups };
}

def('test', (ops, cx) => {
  count(ops, 2);
  let [a, b] = ops as [Operand, Operand];
  if (a.k === 'mem' && b.k === 'reg') [a, b] = [b, a];
  const size = operationSize(ops, asImm(b)?.size);
  const w = size === 1 ? 0 : 1;
  if (b.k === 'reg' && isRM(a)) return encodeRM({ size, opcode: [0x84 + w], reg: b.reg.num, regOp: b.reg, rm: a }, cx);
  if (a.k === 'reg' && b.k === 'mem') return encodeRM({ size, opcode: [0x84 + w], reg: a.reg.num, regOp: a.reg, rm: b }, cx);
  const i = asImm(b);
  if (!i || !isRM(a)) return invalid();
  const field = { size: immSize(size), value: imm(i, cx), signed: size === 8 };
  if (isAcc(a)) return opImm(size, [0xa8 + w], field);
  return encodeRM({ size, opcode: [0xf6 + w], reg: 0, rm: a, imm: field }, cx);
});

// ---- mov -------------------------------------------------------------------------------------
def('mov', (ops, cx) => {
  count(ops, 2);
  const [dst, src] = ops as [Operand, Operand];
  const size = operationSize(ops, asImm(src)?.size);
  const w = size === 1 ? 0 : 1;
  if (src.k === 'reg' && isRM(dst)) return encodeRM({ size, opcode: [0x88 + w], reg: src.reg.num, regOp: src.reg, rm: dst }, cx);
  if (dst.k === 'reg' && src.k === 'mem') return encodeRM({ size, opcode: [0x8a + w], reg: dst.reg.num, regOp: dst.reg, rm: src }, cx);
  const i = asImm(src);
  if (!i || !isRM(dst)) return invalid();
  const v = imm(i, cx);
  if (dst.k === 'reg' && size === 8) return movReg64Imm(dst, v, i, cx);
  if (dst.k === 'reg') return encodeOpReg(size, 0xb0 + w * 8, dst.reg, { size: immSize(size), value: v });
  return encodeRM({ size, opcode: [0xc6 + w], reg: 0, rm: dst, imm: { size: immSize(size), value: v, signed: size === 8 } }, cx);
});

/**
 * `mov r64, imm`: NASM's optimiser writes a constant that fits in 32 bits unsigned as
 * `mov r32, imm32` (the CPU zero-extends), a negative one that fits sign-extended as
 * `mov r/m64, imm32`, and anything else — or any address, whose final value it cannot know —
 * as the 10-byte `movabs r64, imm64`. `dword` asks for the sign-extended imm32 form.
 */
function movReg64Imm(dst: RegOperand, v: Value, i: ImmOperand, cx: EncodeContext): Encoded {
  const wantDword = i.size === 4;
  if (cx.optimize && !i.strict && (isConst(v) || v.unknown) && fitsU32(v.n)) {
    return encodeOpReg(4, 0xb8, dst.reg, { size: 4, value: v });
  }
  if (wantDword || (cx.optimize && !i.strict && isConst(v) && fitsS32(v.n))) {
    return encodeRM({ size: 8, opcode: [0xc7], reg: 0, rm: dst, imm: { size: 4, value: v, signed: true } }, cx);
  }
  return encodeOpReg(8, 0xb8, dst.reg, { size: 8, value: v });
}

/** movzx/movsx r, r/m8 or r/m16; movsx (or movsxd) r64, r/m32 is opcode 63. */
const extend = (signed: boolean): Handler => (ops, cx) => {
  count(ops, 2);
  const dst = asReg(ops[0]) ?? invalid();
  const src = isRM(ops[1]) ? ops[1] : invalid();
  const srcSize = sizeOf(src) || invalid();
  if (signed && srcSize === 4 && dst.reg.size === 8) return encodeRM({ size: 8, opcode: [0x63], reg: dst.reg.num, rm: src }, cx);
  if (srcSize >= dst.reg.size || srcSize > 2) return invalid();
  const op = (signed ? 0xbe : 0xb6) + (srcSize === 2 ? 1 : 0);
  return encodeRM({ size: dst.reg.size, opcode: [0x0f, op], reg: dst.reg.num, rm: src }, cx);
};
def('movzx', extend(false));
def('movsx', extend(true));
def('movsxd', (ops, cx) => {
  count(ops, 2);
  const dst = asReg(ops[0]) ?? invalid();
  const src = isRM(ops[1]) && sizeOf(ops[1]) !== 8 ? ops[1] : invalid();
  if (dst.reg.size !== 8 || (sizeOf(src) && sizeOf(src) !== 4)) return invalid();
  return encodeRM({ size: 8, opcode: [0x63], reg: dst.reg.num, rm: src }, cx);
});

def('lea', (ops, cx) => {
  count(ops, 2);
  const dst = asReg(ops[0]) ?? invalid();
  const src = ops[1]?.k === 'mem' ? ops[1] : invalid();
  return encodeRM({ size: dst.reg.size, opcode: [0x8d], reg: dst.reg.num, rm: src }, cx);
});

// ---- the stack -------------------------------------------------------------------------------
/** push and pop move 64 or 16 bits in 64-bit mode; the 32-bit forms are gone. */
function stackSize(o: RegOperand): number {
  if (o.reg.size === 4) throw new AsmError('instruction not supported in 64-bit mode');
  return o.reg.size === 8 || o.reg.size === 2 ? o.reg.size : invalid();
}
def('push', (ops, cx) => {
  count(ops, 1);
  const o = ops[0]!;
  if (o.k === 'reg') return encodeOpReg(stackSize(o), 0x50, o.reg, undefined, true);
  if (o.k === 'mem') return encodeRM({ size: o.size || 8, opcode: [0xff], reg: 6, rm: o, default64: true }, cx);
  const v = imm(o, cx);
  const short = (cx.optimize || o.size === 1) && fitsImm8(v, 8, o);
  const bytes = [short ? 0x6a : 0x68];
  const fixups: Fixup[] = [];
  appendImm(bytes, fixups, { size: short ? 1 : 4, value: v, signed: true });
  return { bytes, fixups };
});

def('pop', (ops, cx) => {
  count(ops, 1);
  const o = ops[0]!;
  if (o.k === 'reg') return encodeOpReg(stackSize(o), 0x58, o.reg, undefined, true);
  if (o.k === 'mem') return encodeRM({ size: o.size || 8, opcode: [0x8f], reg: 0, rm: o, default64: true }, cx);
  return invalid();
});

// ---- exchange and atomic read-modify-write ---------------------------------------------------
def('xchg', (ops, cx) => {
  count(ops, 2);
  let [a, b] = ops as [Operand, Operand];
  const size = operationSize(ops);
  // With the accumulator, the one-byte 90+r form; but `xchg eax, eax` is 87 c0, since 90 is nop
  // (which in 64-bit mode must not clear the upper half of rax).
  if (a.k === 'reg' && b.k === 'reg' && size > 1 && (isAcc(a) || isAcc(b))) {
    const other = isAcc(a) ? b : a;
    if (!(size === 4 && other.reg.num === 0)) return encodeOpReg(size, 0x90, other.reg);
  }
  // NASM puts the first register in ModRM.reg (87 /r with the operands the other way round).
  if (a.k === 'reg' && b.k === 'reg') [a, b] = [b, a];
  if (a.k === 'mem' && b.k === 'reg') [a, b] = [b, a];
  if (b.k !== 'reg' || !isRM(a)) {
    if (a.k !== 'reg' || !isRM(b)) return invalid();
    [a, b] = [b, a];
  }
  const r = b as RegOperand;
  return encodeRM({ size, opcode: [size === 1 ? 0x86 : 0x87], reg: r.reg.num, regOp: r.reg, rm: a as RM }, cx);
});

/** r/m, reg instructions with 8-bit and wider opcodes: cmpxchg, xadd. */
const rmReg = (op8: number[], op: number[]): Handler => (ops, cx) => {
  count(ops, 2);
  const [dst, src] = ops as [Operand, Operand];
  if (src.k !== 'reg' || !isRM(dst)) return invalid();
  const size = operationSize(ops);
  return encodeRM({ size, opcode: size === 1 ? op8 : op, reg: src.reg.num, regOp: src.reg, rm: dst }, cx);
};
def('cmpxchg', rmReg([0x0f, 0xb0], [0x0f, 0xb1]));
def('xadd', rmReg([0x0f, 0xc0], [0x0f, 0xc1]));

// ---- one-operand groups ----------------------------------------------------------------------
const unary = (op8: number, op: number, ext: number): Handler => (ops, cx) => {
  count(ops, 1);
  const rm = isRM(ops[0]) ? ops[0] : invalid();
  const size = operationSize(ops);
  return encodeRM({ size, opcode: [size === 1 ? op8 : op], reg: ext, rm }, cx);
};
def('inc', unary(0xfe, 0xff, 0));
def('dec', unary(0xfe, 0xff, 1));
def('not', unary(0xf6, 0xf7, 2));
def('neg', unary(0xf6, 0xf7, 3));
def('mul', unary(0xf6, 0xf7, 4));
def('div', unary(0xf6, 0xf7, 6));
def('idiv', unary(0xf6, 0xf7, 7));

/** imul: one operand (rdx:rax = rax * r/m), two (r *= r/m, or r *= imm), or three (r = r/m * imm). */
def('imul', (ops, cx) => {
  if (ops.length === 1) return unary(0xf6, 0xf7, 5)(ops, cx);
  const dst = asReg(ops[0]) ?? invalid();
  const size = dst.reg.size;
  if (size === 1) return invalid();
  if (ops.length === 2 && isRM(ops[1])) {
    operationSize(ops);
    return encodeRM({ size, opcode: [0x0f, 0xaf], reg: dst.reg.num, rm: ops[1] }, cx);
  }
  const src = ops.length === 2 ? dst : isRM(ops[1]) ? ops[1] : invalid();
  const i = asImm(ops[ops.length - 1]) ?? invalid();
  if (ops.length > 3) return invalid();
  operationSize([dst, src]);
  const v = imm(i, cx);
  const short = (cx.optimize || i.size === 1) && fitsImm8(v, size, i);
  return encodeRM({ size, opcode: [short ? 0x6b : 0x69], reg: dst.reg.num, rm: src, imm: { size: short ? 1 : immSize(size), value: v, signed: true } }, cx);
});

// ---- shifts and rotates: by 1 (d0/d1), by cl (d2/d3), by imm8 (c0/c1) --------------------------
['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar'].forEach((name, i) => {
  const ext = [0, 1, 2, 3, 4, 5, 4, 7][i]!;
  def(name, (ops, cx) => {
    count(ops, 2);
    const rm = isRM(ops[0]) ? ops[0] : invalid();
    const size = operationSize([rm]);
    const w = size === 1 ? 0 : 1;
    const by = ops[1]!;
    if (by.k === 'reg') return by.reg.name === 'cl' ? encodeRM({ size, opcode: [0xd2 + w], reg: ext, rm }, cx) : invalid();
    if (by.k !== 'imm') return invalid();
    const v = imm(by, cx);
    if (isConst(v) && v.n === 1n && !by.strict) return encodeRM({ size, opcode: [0xd0 + w], reg: ext, rm }, cx);
    return encodeRM({ size, opcode: [0xc0 + w], reg: ext, rm, imm: { size: 1, value: v } }, cx);
  });
});

// ---- bit tests and scans ---------------------------------------------------------------------
['bt', 'bts', 'btr', 'btc'].forEach((name, i) => {
  def(name, (ops, cx) => {
    count(ops, 2);
    const rm = isRM(ops[0]) ? ops[0] : invalid();
    const src = ops[1]!;
    if (src.k === 'reg') {
      const size = operationSize(ops);
      return size === 1 ? invalid() : encodeRM({ size, opcode: [0x0f, 0xa3 + i * 8], reg: src.reg.num, rm }, cx);
    }
    if (src.k !== 'imm') return invalid();
    const size = operationSize([rm]);
    return size === 1 ? invalid() : encodeRM({ size, opcode: [0x0f, 0xba], reg: 4 + i, rm, imm: { size: 1, value: imm(src, cx) } }, cx);
  });
});

/** reg, r/m instructions (not byte-sized), with an optional mandatory prefix. */
const regRM = (opcode: number[], prefix?: number): Handler => (ops, cx) => {
  count(ops, 2);
  const dst = asReg(ops[0]) ?? invalid();
  const src = isRM(ops[1]) ? ops[1] : invalid();
  const size = operationSize(ops);
  return size === 1 ? invalid() : encodeRM({ size, opcode, reg: dst.reg.num, rm: src, prefix }, cx);
};
def('bsf', regRM([0x0f, 0xbc]));
def('bsr', regRM([0x0f, 0xbd]));
def('tzcnt', regRM([0x0f, 0xbc], 0xf3));
def('lzcnt', regRM([0x0f, 0xbd], 0xf3));
def('popcnt', regRM([0x0f, 0xb8], 0xf3));

// ---- conditions: setcc, cmovcc, jcc ----------------------------------------------------------
const CONDITIONS: [number, string[]][] = [
  [0, ['o']], [1, ['no']], [2, ['b', 'c', 'nae']], [3, ['ae', 'nb', 'nc']], [4, ['e', 'z']],
  [5, ['ne', 'nz']], [6, ['be', 'na']], [7, ['a', 'nbe']], [8, ['s']], [9, ['ns']], [10, ['p', 'pe']],
  [11, ['np', 'po']], [12, ['l', 'nge']], [13, ['ge', 'nl']], [14, ['le', 'ng']], [15, ['g', 'nle']],
];
for (const [cc, names] of CONDITIONS) {
  for (const n of names) {
    def('set' + n, (ops, cx) => {
      count(ops, 1);
      const rm = isRM(ops[0]) ? ops[0] : invalid();
      if ((sizeOf(rm) || 1) !== 1) return invalid();
      return encodeRM({ size: 1, opcode: [0x0f, 0x90 + cc], reg: 0, rm }, cx);
    });
    def('cmov' + n, regRM([0x0f, 0x40 + cc]));
    def('j' + n, branch([0x70 + cc], [0x0f, 0x80 + cc], 'jcc'));
  }
}

// ---- jumps and calls -------------------------------------------------------------------------
/**
 * A relative branch. The optimiser takes the 2-byte form when the target is in this section and
 * within -128..127 of the next instruction (a target not placed yet is assumed near; if it then
 * is not, the statement stays long from that pass on). -O0 keeps jmp long but still sizes
 * conditional jumps. `short`/`near` decide outright.
 */
function branch(short: number[] | null, near: number[] | null, kind: 'jmp' | 'jcc' | 'call' | 'loop'): Handler {
  return (ops, cx) => {
    count(ops, 1);
    const o = ops[0]!;
    if (o.k !== 'imm') {
      if (kind === 'jmp' || kind === 'call') return encodeRM({ size: 8, opcode: [0xff], reg: kind === 'jmp' ? 4 : 2, rm: o, default64: true }, cx);
      return invalid();
    }
    const target = imm(o, cx);
    const shortLen = (short?.length ?? 0) + 1;
    const local = target.unknown || target.rel === cx.here.rel;
    const fits = target.unknown || (local && inS8(target.n - (cx.here.n + BigInt(shortLen))));
    // NASM sizes conditional jumps even at -O0.
    const optimizing = cx.optimize || kind === 'jcc';
    let useShort: boolean;
    if (!near || o.jump === 'short') useShort = true;
    else if (!short || o.jump === 'near' || cx.longBranch || !optimizing) useShort = false;
    else useShort = local && fits;
    if (near && !useShort && !o.jump && optimizing && local && !target.unknown) cx.needLongBranch();
    const bytes = [...(useShort ? short! : near!)];
    const fixups: Fixup[] = [];
    appendImm(bytes, fixups, { size: useShort ? 1 : 4, value: target, pcrel: true, plt: o.plt });
    return { bytes, fixups };
  };
}
const inS8 = (n: bigint) => n >= -128n && n <= 127n;

def('jmp', branch([0xeb], [0xe9], 'jmp'));
def('call', branch(null, [0xe8], 'call'));
def('loop', branch([0xe2], null, 'loop'));
def(['loope', 'loopz'], branch([0xe1], null, 'loop'));
def(['loopne', 'loopnz'], branch([0xe0], null, 'loop'));
def('jrcxz', branch([0xe3], null, 'loop'));
def('jecxz', branch([0x67, 0xe3], null, 'loop'));

/** Prefixes written as words before the mnemonic. */
export const PREFIXES: Record<string, number> = {
  lock: 0xf0, rep: 0xf3, repe: 0xf3, repz: 0xf3, repne: 0xf2, repnz: 0xf2,
};

// ---- SSE2: the integer and move instructions of libc's string routines -----------------------
const xmmRM = (o: Operand | undefined): o is RM => isXmm(o) || o?.k === 'mem';

/** op xmm, xmm/m128 (with a mandatory prefix; an 8-bit immediate for pshufd). */
const sse = (prefix: number | undefined, opcode: number[], withImm = false): Handler => (ops, cx) => {
  count(ops, withImm ? 3 : 2);
  const dst = isXmm(ops[0]) ? ops[0] : invalid();
  const src = xmmRM(ops[1]) ? ops[1] : invalid();
  const i = withImm ? asImm(ops[2]) ?? invalid() : null;
  return encodeRM({ size: 0, prefix, opcode, reg: dst.reg.num, rm: src, imm: i ? { size: 1, value: imm(i, cx) } : undefined }, cx);
};

/** A move with a load form (xmm ← xmm/mem, also used register to register) and a store form. */
const sseMove = (prefix: number | undefined, load: number, store: number): Handler => (ops, cx) => {
  count(ops, 2);
  const [dst, src] = ops as [Operand, Operand];
  if (isXmm(dst) && xmmRM(src)) return encodeRM({ size: 0, prefix, opcode: [0x0f, load], reg: dst.reg.num, rm: src }, cx);
  if (dst.k === 'mem' && isXmm(src)) return encodeRM({ size: 0, prefix, opcode: [0x0f, store], reg: src.reg.num, rm: dst }, cx);
  return invalid();
};
defAny('movdqa', sseMove(0x66, 0x6f, 0x7f));
defAny('movdqu', sseMove(0xf3, 0x6f, 0x7f));
defAny('movaps', sseMove(undefined, 0x28, 0x29));
defAny('movups', sseMove(undefined, 0x10, 0x11));

/**
 * movd/movq between an xmm register and a general register or memory (66 [REX.W] 0f 6e/7e);
 * movq between xmm registers or with memory is f3 0f 7e (load) and 66 0f d6 (store).
 */
const movdq = (size: 4 | 8): Handler => (ops, cx) => {
  count(ops, 2);
  const [dst, src] = ops as [Operand, Operand];
  const gprOrMem = (o: Operand) => (o.k === 'reg' && !o.reg.xmm && o.reg.size === size) || (o.k === 'mem' && (!o.size || o.size === size));
  if (size === 8 && isXmm(dst) && (isXmm(src) || src.k === 'mem')) return encodeRM({ size: 0, prefix: 0xf3, opcode: [0x0f, 0x7e], reg: dst.reg.num, rm: src as RM }, cx);
  if (size === 8 && dst.k === 'mem' && isXmm(src)) return encodeRM({ size: 0, prefix: 0x66, opcode: [0x0f, 0xd6], reg: src.reg.num, rm: dst }, cx);
  if (isXmm(dst) && gprOrMem(src)) return encodeRM({ size, prefix: 0x66, opcode: [0x0f, 0x6e], reg: dst.reg.num, rm: src as RM }, cx);
  if (isXmm(src) && gprOrMem(dst)) return encodeRM({ size, prefix: 0x66, opcode: [0x0f, 0x7e], reg: src.reg.num, rm: dst as RM }, cx);
  return invalid();
};
defAny('movd', movdq(4));
defAny('movq', movdq(8));

defAny('pmovmskb', (ops, cx) => {
  count(ops, 2);
  const dst = ops[0]?.k === 'reg' && !ops[0].reg.xmm && ops[0].reg.size >= 4 ? ops[0] : invalid();
  const src = isXmm(ops[1]) ? ops[1] : invalid();
  return encodeRM({ size: 0, prefix: 0x66, opcode: [0x0f, 0xd7], reg: dst.reg.num, rm: src }, cx);
});
defAny('pshufd', sse(0x66, [0x0f, 0x70], true));

const PACKED: Record<string, number> = {
  pxor: 0xef, por: 0xeb, pand: 0xdb, pandn: 0xdf, pcmpeqb: 0x74, pcmpeqw: 0x75, pcmpeqd: 0x76,
  pcmpgtb: 0x64, pcmpgtw: 0x65, pcmpgtd: 0x66, pminub: 0xda, pmaxub: 0xde,
  punpcklbw: 0x60, punpcklwd: 0x61, punpckldq: 0x62, punpcklqdq: 0x6c,
  punpckhbw: 0x68, punpckhwd: 0x69, punpckhdq: 0x6a, punpckhqdq: 0x6d,
  psubb: 0xf8, psubw: 0xf9, psubd: 0xfa, psubq: 0xfb, paddb: 0xfc, paddw: 0xfd, paddd: 0xfe, paddq: 0xd4,
};
for (const [name, op] of Object.entries(PACKED)) defAny(name, sse(0x66, [0x0f, op]));
