// AT&T syntax, objdump's default: source before destination, "%" on registers, "$" on
// immediates, memory as "seg:disp(base,index,scale)", "*" on indirect branch operands, and a
// b/w/l/q suffix on the mnemonic when no register operand gives the size ("movl $0x1,(%rax)").

import type { Instruction, Operand } from './types';
import { badText, hex, layout, ripComment, signedHex, target, type Symbolizer } from './syntax';

function operand(o: Operand, sym: Symbolizer): string {
  switch (o.kind) {
    case 'reg':
      return o.port ? `(%${o.name})` : `%${o.name}`;
    case 'imm':
      return `$${hex(o.value)}`;
    case 'rel':
      return target(o.target, sym);
    case 'mem': {
      const seg = o.stringSeg ?? o.seg;
      let s = seg ? `%${seg}:` : '';
      if (!o.base && !o.index) return s + hex(BigInt.asUintN(64, o.disp)); // an absolute address
      if (o.hasDisp) s += signedHex(o.disp);
      s += `(${o.base ? `%${o.base}` : ''}`;
      if (o.index) s += `,%${o.index},${o.scale}`;
      return s + ')';
    }
  }
}

/** One instruction in AT&T syntax (without the address and bytes columns). */
export function formatAtt(insn: Instruction, bytes: Uint8Array, sym: Symbolizer): string {
  const bad = badText(insn, bytes);
  if (bad) return bad;
  const ops = insn.attOperands ? [insn.attOperands] : insn.operands.map((o) => operand(o, sym));
  if (insn.indirect && ops.length) ops[0] = `*${ops[0]}`;
  // enter keeps its operands in Intel order; everything else is reversed
  if (!insn.intel.startsWith('enter')) ops.reverse();
  if (insn.attPrefixes) insn = { ...insn, prefixes: insn.attPrefixes };
  return layout(insn, (insn.att ?? insn.intel) + (insn.suffix ?? ''), ops, ripComment(insn, sym));
}
