// What the AT&T and Intel printers share: hex numbers as objdump writes them, the symbol
// lookup they call for branch targets and rip-relative addresses, and the line layout
// "mnemonic<pad to 6> operands        # comment".

import type { Instruction } from './types';

/** Names an address: " <sym+0x10>", or "" when nothing is known. */
export type Symbolizer = (addr: bigint) => string;

export const hex = (v: bigint) => `0x${v.toString(16)}`;

/** A signed displacement: "0x10", "-0x8". */
export const signedHex = (v: bigint) => (v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);

/** A branch target: "401000 <_start>". */
export const target = (addr: bigint, sym: Symbolizer) => `${addr.toString(16)}${sym(addr)}`;

/** Prefix words and mnemonic, padded to 6 columns and a space when operands follow. */
export function layout(insn: Instruction, mnemonic: string, operands: string[], comment = ''): string {
  const head = [...insn.prefixes, mnemonic].filter((s) => s).join(' ');
  if (!operands.length) return head;
  return `${head.padEnd(6)} ${operands.join(',')}${comment}`;
}

/** The "        # 402003 <val>" objdump adds after a rip-relative operand. */
export function ripComment(insn: Instruction, sym: Symbolizer): string {
  for (const o of insn.operands) {
    if (o.kind === 'mem' && o.ripTarget !== undefined) return `        # ${target(o.ripTarget, sym)}`;
  }
  return '';
}

/** The undecodable: "(bad)", or the bytes left at a section's end. */
export function badText(insn: Instruction, bytes: Uint8Array): string | null {
  if (insn.bad === 'bad') return [...insn.prefixes, '(bad)'].join(' ');
  if (insn.bad === 'truncated') return `.byte ${[...bytes].map((b) => `0x${b.toString(16)}`).join(',')}`;
  return null;
}
