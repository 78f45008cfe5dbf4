// Intel syntax (-M intel): destination first, bare register names and numbers, memory as
// "SIZE PTR seg:[base+index*scale+disp]" (lea's address has no size), the implicit shift
// count written as 1.

import type { Instruction, MemSize, Operand } from './types';
import { badText, hex, layout, ripComment, signedHex, target, type Symbolizer } from './syntax';

const PTR: Record<MemSize, string> = {
  0: '', 1: 'BYTE PTR ', 2: 'WORD PTR ', 4: 'DWORD PTR ', 8: 'QWORD PTR ', 10: 'TBYTE PTR ', 16: 'XMMWORD PTR ',
};

function operand(o: Operand, sym: Symbolizer): string {
  switch (o.kind) {
    case 'reg':
      return o.name;
    case 'imm':
      return hex(o.value);
    case 'rel':
      return target(o.target, sym);
    case 'mem': {
      let s = PTR[o.size];
      const seg = o.stringSeg ?? o.seg;
      if (!o.base && !o.index) return `${s}${seg ?? 'ds'}:${hex(BigInt.asUintN(64, o.disp))}`; // absolute
      if (seg) s += `${seg}:`;
      const parts: string[] = [];
      if (o.base) parts.push(o.base);
      if (o.index) parts.push(`${o.index}*${o.scale}`);
      let inner = parts.join('+');
      if (o.hasDisp) {
        // rip-relative displacements print unsigned ("rip+0xffffffffffffffcc"); others signed
        const d = o.base === 'rip' ? hex(BigInt.asUintN(64, o.disp)) : signedHex(o.disp);
        inner += d.startsWith('-') ? d : `+${d}`;
      }
      return `${s}[${inner}]`;
    }
  }
}

/** One instruction in Intel syntax (without the address and bytes columns). */
export function formatIntel(insn: Instruction, bytes: Uint8Array, sym: Symbolizer): string {
  const bad = badText(insn, bytes);
  if (bad) return bad;
  const ops = insn.operands.map((o) => operand(o, sym));
  if (insn.shiftOne) ops.push('1');
  return layout(insn, insn.intel, ops, ripComment(insn, sym));
}
