// The x86-64 general registers by name. `num` is the 4-bit register number (the low 3 bits go in
// ModRM/SIB/opcode, the fourth in a REX bit). Two byte-register quirks: spl/bpl/sil/dil exist only
// with a REX prefix (without one, numbers 4-7 mean ah/ch/dh/bh), so those two sets cannot meet in
// one instruction.

export interface Reg {
  name: string;
  num: number;
  /** Operand size in bytes. */
  size: 1 | 2 | 4 | 8 | 16;
  /** An SSE register (xmm0-xmm15). */
  xmm?: boolean;
  /** spl, bpl, sil, dil: a REX prefix is needed to name them. */
  needsRex?: boolean;
  /** ah, ch, dh, bh: no REX prefix may be present. */
  high8?: boolean;
  /** rip: only as a base in memory operands. */
  rip?: boolean;
}

const REGS = new Map<string, Reg>();

function add(name: string, num: number, size: Reg['size'], extra: Partial<Reg> = {}): void {
  REGS.set(name, { name, num, size, ...extra });
}

const LEGACY = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
LEGACY.forEach((r, i) => {
  add('r' + r, i, 8);
  add('e' + r, i, 4);
  add(r, i, 2);
});
['al', 'cl', 'dl', 'bl'].forEach((r, i) => add(r, i, 1));
['ah', 'ch', 'dh', 'bh'].forEach((r, i) => add(r, i + 4, 1, { high8: true }));
['spl', 'bpl', 'sil', 'dil'].forEach((r, i) => add(r, i + 4, 1, { needsRex: true }));
for (let n = 8; n < 16; n++) {
  add(`r${n}`, n, 8);
  add(`r${n}d`, n, 4);
  add(`r${n}w`, n, 2);
  add(`r${n}b`, n, 1);
  add(`r${n}l`, n, 1); // Intel's name for the low byte
}
add('rip', 0, 8, { rip: true });
for (let n = 0; n < 16; n++) add(`xmm${n}`, n, 16, { xmm: true });

export function lookupReg(name: string): Reg | undefined {
  return REGS.get(name.toLowerCase());
}

/** Register numbers that matter to the encoder. */
export const RSP = 4, RBP = 5, R12 = 12, R13 = 13;
