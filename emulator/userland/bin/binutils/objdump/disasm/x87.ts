// The x87 floating-point escape opcodes D8-DF. With a memory operand the ModRM reg field picks
// the operation and the opcode the operand type; AT&T names the type in a suffix (s: float or
// short, l: double or int, ll: 64-bit int, t: 80-bit), Intel in the PTR size. With mod == 3
// the operands are stack registers st(i), and many encodings are single instructions.
//
// A wrinkle kept for compatibility: for DC and DE with st(i) as destination, AT&T assemblers
// have always swapped fsub/fsubr and fdiv/fdivr relative to Intel's names, and objdump
// prints each syntax's own name.

import type { MemSize } from './types';

/** [Intel name, AT&T name, memory size], or null for "(bad)". */
export type X87Mem = [string, string, MemSize] | null;

const m = (name: string, suffix: string, size: MemSize): X87Mem => [name, name + suffix, size];
const ARITH = ['fadd', 'fmul', 'fcom', 'fcomp', 'fsub', 'fsubr', 'fdiv', 'fdivr'];
const IARITH = ARITH.map((n) => 'fi' + n.slice(1));

/** Memory forms: [opcode - 0xd8][reg]. */
export const X87_MEM: X87Mem[][] = [
  ARITH.map((n) => m(n, 's', 4)),
  [m('fld', 's', 4), null, m('fst', 's', 4), m('fstp', 's', 4), m('fldenv', '', 0), m('fldcw', '', 2), m('fnstenv', '', 0), m('fnstcw', '', 2)],
  IARITH.map((n) => m(n, 'l', 4)),
  [m('fild', 'l', 4), m('fisttp', 'l', 4), m('fist', 'l', 4), m('fistp', 'l', 4), null, m('fld', 't', 10), null, m('fstp', 't', 10)],
  ARITH.map((n) => m(n, 'l', 8)),
  [m('fld', 'l', 8), m('fisttp', 'll', 8), m('fst', 'l', 8), m('fstp', 'l', 8), m('frstor', '', 0), null, m('fnsave', '', 0), m('fnstsw', '', 2)],
  IARITH.map((n) => m(n, 's', 2)),
  [m('fild', 's', 2), m('fisttp', 's', 2), m('fist', 's', 2), m('fistp', 's', 2), m('fbld', '', 10), m('fild', 'll', 8), m('fbstp', '', 10), m('fistp', 'll', 8)],
];

/**
 * Register forms (DF E0 is "fnstsw ax", handled in decode.ts), one row per reg field: the
 * operands ("st,sti": Intel "st,st(i)"; "sti,st"; "sti") and the Intel name, the AT&T name after a "/" when it differs; or, for a
 * row of distinct instructions, eight names by r/m (empty for "(bad)").
 */
export type X87Row = { ops: string; intel: string; att: string } | string[] | null;

const r = (ops: string, names: string): X87Row => {
  const [intel, att = intel] = names.split('/');
  return { ops, intel: intel!, att };
};
const row = (s: string) => s.split(',').map((n) => (n === '-' ? '' : n));

export const X87_REG: X87Row[][] = [
  ARITH.map((n) => r(n === 'fcom' || n === 'fcomp' ? 'sti' : 'st,sti', n)),
  [
    r('sti', 'fld'), r('sti', 'fxch'), row('fnop,-,-,-,-,-,-,-'), null,
    row('fchs,fabs,-,-,ftst,fxam,-,-'), row('fld1,fldl2t,fldl2e,fldpi,fldlg2,fldln2,fldz,-'),
    row('f2xm1,fyl2x,fptan,fpatan,fxtract,fprem1,fdecstp,fincstp'),
    row('fprem,fyl2xp1,fsqrt,fsincos,frndint,fscale,fsin,fcos'),
  ],
  [r('st,sti', 'fcmovb'), r('st,sti', 'fcmove'), r('st,sti', 'fcmovbe'), r('st,sti', 'fcmovu'), null, row('-,fucompp,-,-,-,-,-,-'), null, null],
  [
    r('st,sti', 'fcmovnb'), r('st,sti', 'fcmovne'), r('st,sti', 'fcmovnbe'), r('st,sti', 'fcmovnu'),
    row('fneni(8087 only),fndisi(8087 only),fnclex,fninit,fnsetpm(287 only),frstpm(287 only),-,-'),
    r('st,sti', 'fucomi'), r('st,sti', 'fcomi'), null,
  ],
  [r('sti,st', 'fadd'), r('sti,st', 'fmul'), null, null, r('sti,st', 'fsubr/fsub'), r('sti,st', 'fsub/fsubr'), r('sti,st', 'fdivr/fdiv'), r('sti,st', 'fdiv/fdivr')],
  [r('sti', 'ffree'), null, r('sti', 'fst'), r('sti', 'fstp'), r('sti', 'fucom'), r('sti', 'fucomp'), null, null],
  [r('sti,st', 'faddp'), r('sti,st', 'fmulp'), null, row('-,fcompp,-,-,-,-,-,-'), r('sti,st', 'fsubrp/fsubp'), r('sti,st', 'fsubp/fsubrp'), r('sti,st', 'fdivrp/fdivp'), r('sti,st', 'fdivp/fdivrp')],
  [r('sti', 'ffreep'), null, null, null, row('fnstsw,-,-,-,-,-,-,-'), r('st,sti', 'fucomip'), r('st,sti', 'fcomip'), null],
];
