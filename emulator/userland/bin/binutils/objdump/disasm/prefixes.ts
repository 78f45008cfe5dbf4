// Instruction prefixes: the legacy ones (lock, rep, segment, operand and address size) and REX,
// and which of them an instruction used. objdump names the ones that did nothing: "rep" on a
// ret, "cs" in 64-bit mode, a second 66 as "data16", a REX whose bits changed nothing as
// "rex.W", F2/F3 on a locked instruction as the xacquire/xrelease hints.

export const REX_W = 8, REX_R = 4, REX_X = 2, REX_B = 1;

const LEGACY = new Set([0xf0, 0xf2, 0xf3, 0x2e, 0x36, 0x3e, 0x26, 0x64, 0x65, 0x66, 0x67]);
const PREFIX_NAME: Record<number, string> = {
  0xf0: 'lock', 0xf2: 'repnz', 0xf3: 'repz', 0x2e: 'cs', 0x36: 'ss', 0x3e: 'ds', 0x26: 'es',
  0x64: 'fs', 0x65: 'gs', 0x66: 'data16', 0x67: 'addr32',
};

export const isLegacyPrefix = (b: number) => LEGACY.has(b);
export const isRex = (b: number) => b >= 0x40 && b <= 0x4f;

/** "rex", "rex.W", "rex.WRXB"…: a REX prefix named by its bits. */
export function rexName(rex: number): string {
  const bits = (rex & REX_W ? 'W' : '') + (rex & REX_R ? 'R' : '') + (rex & REX_X ? 'X' : '') + (rex & REX_B ? 'B' : '');
  return bits ? `rex.${bits}` : 'rex';
}

/** The prefixes of one instruction, and what became of them while it was decoded. */
export class Prefixes {
  /** Legacy prefix bytes, in order. */
  readonly bytes: number[] = [];
  rex = 0;
  /** REX bits that changed something. */
  rexUsed = 0;
  /** A byte register 4-7 was named: spl/bpl/sil/dil, so even a bare REX (40) did its job. */
  byteReg = false;
  /** Prefix bytes that did their job (a repeated one is named all the same). */
  readonly used = new Set<number>();
  /** 66 selected an SSE table entry, so it no longer sets the operand size. */
  mand66 = false;
  /** The prefix a prefix-keyed table consumed. */
  mandatory = 0;

  has(b: number): boolean {
    return this.bytes.includes(b);
  }

  /** An fs:/gs: override of a memory operand (the other segments do nothing in 64-bit mode). */
  segOverride(): string | undefined {
    for (let i = this.bytes.length - 1; i >= 0; i--) {
      const b = this.bytes[i]!;
      if (b === 0x64 || b === 0x65) {
        this.used.add(b);
        return b === 0x64 ? 'fs' : 'gs';
      }
    }
    return undefined;
  }

  /** Forget what was used: for "(bad)", where every prefix but a consumed mandatory one is named. */
  reset(): void {
    this.used.clear();
    if (this.mandatory) this.used.add(this.mandatory);
    this.rexUsed = 0;
    this.byteReg = false;
  }

  /**
   * The words to print before the mnemonic, in byte order: unused legacy prefixes, repeats of
   * used ones, then the REX if any of its bits did nothing. `flags` are the instruction's table
   * flags (rep, bnd, ind, xchg, hlemov); `memDest` whether it writes memory.
   */
  names(flags: Set<string>, memDest: boolean, withRex = true): string[] {
    // F2/F3 as lock elision hints: on a locked write to memory, on xchg with memory (locked
    // without saying so), and F3 on a mov to memory
    const hle = memDest && (flags.has('xchg') || (flags.has('hlemov') && this.has(0xf3)) || this.has(0xf0));
    const out: string[] = [];
    this.bytes.forEach((b, i) => {
      const last = this.bytes.lastIndexOf(b) === i;
      if (last && this.used.has(b)) return;
      if ((b === 0xf2 || b === 0xf3) && hle) out.push(b === 0xf2 ? 'xacquire' : 'xrelease');
      else if (b === 0xf3 && flags.has('rep')) out.push('rep');
      else if (b === 0xf2 && flags.has('bnd')) out.push('bnd');
      else if (b === 0x3e && flags.has('ind')) out.push('notrack');
      else out.push(PREFIX_NAME[b]!);
    });
    const unusedBits = (this.rex & 0xf & ~this.rexUsed) !== 0;
    if (withRex && this.rex && (unusedBits || ((this.rex & 0xf) === 0 && !this.byteReg))) out.push(rexName(this.rex));
    return out;
  }
}
