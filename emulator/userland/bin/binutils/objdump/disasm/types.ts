// What the decoder hands the two printers: one instruction as a mnemonic, the prefixes objdump
// names in front of it, and operands in Intel order (destination first). The AT&T printer
// reverses them and adds a size suffix where nothing else tells the size.

/** A memory operand's size, as Intel syntax names it ("DWORD PTR"); 0 for lea's bare address. */
export type MemSize = 0 | 1 | 2 | 4 | 8 | 10 | 16;

export type Operand =
  /**
   * `port`: the dx of in/out, which AT&T writes "(%dx)". `count`: a shift's cl or a port's dx,
   * which do not tell the operand size (so AT&T still writes "sarl %cl,(%rax)", "insb").
   */
  | { kind: 'reg'; name: string; port?: boolean; count?: boolean }
  | { kind: 'imm'; value: bigint }
  /** A branch or call target: an absolute address printed with its symbol. */
  | { kind: 'rel'; target: bigint }
  | {
      kind: 'mem';
      size: MemSize;
      /** An fs:/gs: override (the other segment prefixes do nothing in 64-bit mode). */
      seg?: string;
      base?: string;
      index?: string;
      scale: number;
      /** Signed displacement; `hasDisp` says whether the encoding carried one (so "0x0" prints). */
      disp: bigint;
      hasDisp: boolean;
      /** A string instruction's implicit operand: printed with its segment (es:/ds:) always. */
      stringSeg?: string;
      /** For rip-relative operands: the address they name, for the "# 402003 <val>" comment. */
      ripTarget?: bigint;
    };

export interface Instruction {
  /** Bytes consumed. */
  length: number;
  /** Intel mnemonic. */
  intel: string;
  /** AT&T mnemonic when it differs by more than a size suffix (movzbl, cltq…). */
  att?: string;
  /** Prefix words printed before the mnemonic ("lock", "rep", "cs", "data16", "rex.W"…). */
  prefixes: string[];
  /** AT&T operands written out where Intel shows none (monitor's "%rax,%ecx,%edx"). */
  attOperands?: string;
  /** When AT&T names fewer prefixes than Intel (the 67 of "loopl"). */
  attPrefixes?: string[];
  operands: Operand[];
  /** AT&T: the size suffix to add when no register operand gives the size (b, w, l, q). */
  suffix?: string;
  /** Indirect call/jmp: AT&T prints "*" before the operand. */
  indirect?: boolean;
  /** Intel prints the implicit shift count "1" of D0/D1 (AT&T leaves it out). */
  shiftOne?: boolean;
  /** Undecodable: printed "(bad)" (or ".byte 0x.." when the section ends mid-instruction). */
  bad?: 'bad' | 'truncated';
}
