// The opcode maps, as data. Each entry is written "mnemonic OPERANDS flags", operands in Intel
// order (destination first), in the operand notation of the Intel manual's opcode tables:
//
//   E  the ModRM r/m operand (register or memory)      G  the ModRM reg field, a general register
//   M  r/m, memory only                                 Z  register in the opcode's low 3 bits
//   I  immediate (Is: a byte sign-extended to the operand size)
//   J  relative branch target                           O  a 64-bit absolute address (moffs)
//   X  ds:[rsi], Y es:[rdi] (string instructions)      F  r/m of a "default 64-bit" operand
//   V  xmm from the reg field   W  xmm or memory from r/m   U  xmm from r/m, register only
//   P  mm from the reg field    Q  mm or memory from r/m    N  mm from r/m, register only
//   S  a segment register from the reg field
//
// and a size letter: b byte, w word, d dword, q qword, x 128 bits, v the operand size (16/32/64
// by the 66 prefix and REX.W), y dword or qword by REX.W, z word for 16-bit operands else dword;
// two letters after E give the register size, then the memory size (Edb: pextrb's eax or byte).
// Literal operands: AL, CL, DX (the port), rAX (the operand-size accumulator), 1 (the implicit
// shift count), XMM0 (the blend mask), FS, GS. A mnemonic "a/b/c" is picked by the operand size (16/32/64); "a/b" by REX.W.
//
// Flags: d64 (the operand size is 64 without a prefix: push, pop, near branches), nosuf (AT&T
// never adds a size suffix), bnd (an F2 prefix prints as "bnd"), rep (F3 prints as "rep", not
// "repz"), ind (an indirect branch: AT&T's "*"), movx (AT&T names it movzbl, movswq…), memsuf
// (AT&T adds the suffix for a memory operand even beside an xmm register: cvtsi2sdl), xchg and
// hlemov (which F2/F3 turn into the xacquire/xrelease hints), w16 (under 66 both syntaxes add
// "w": pushw, retw, callw), cmpcc and pclmul (an immediate that is a predicate in the name:
// cmpltsd, pclmulhqlqdq), osz66 (in a prefix-keyed table, 66 still only sets the operand size).
//
// The 0F map's entries may depend on a mandatory prefix: { _: none, p66, pF3, pF2 }.
// A group entry is indexed by the ModRM reg field, and may hold a separate table for mod == 3.

export interface Entry {
  names: string[];
  att?: string[];
  ops: string[];
  flags: Set<string>;
}

export interface Group {
  group: (Entry | null)[];
  /** Entries used when mod == 3, indexed by reg (or a function of the whole ModRM byte). */
  reg?: (Entry | null)[] | ((modrm: number) => Entry | null);
}

export interface Mandatory {
  _?: Slot;
  p66?: Slot;
  pF3?: Slot;
  pF2?: Slot;
}

export type Slot = Entry | Group | null;
export type MapSlot = Slot | Mandatory;

/** Parse one "mnemonic OPERANDS flags…" entry; an "att=x/y/z" flag gives AT&T names. */
export function e(spec: string): Entry {
  const [name, ops = '', ...rest] = spec.split(' ');
  const flags = new Set<string>();
  let att: string[] | undefined;
  for (const f of rest) {
    if (f.startsWith('att=')) att = f.slice(4).split('/');
    else flags.add(f);
  }
  return { names: name!.split('/'), att, ops: ops && ops !== '-' ? ops.split(',') : [], flags };
}

const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
const ALU = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
const SHIFT = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'shl', 'sar'];

const grp = (names: string[], ops: string, flags = ''): Group => ({
  group: names.map((n) => (n ? e(`${n} ${ops} ${flags}`.trim()) : null)),
});

/** An entry for a memory operand and another (or "(bad)") for a register one. */
const byMod = (mem: Entry | null, reg: Entry | null): Group => ({
  group: new Array(8).fill(mem),
  reg: new Array(8).fill(reg),
});

// ---- The one-byte map ----------------------------------------------------------------------

export const ONE_BYTE: Slot[] = new Array(256).fill(null);
{
  const o = ONE_BYTE;
  ALU.forEach((m, i) => {
    const b = i * 8;
    o[b] = e(`${m} Eb,Gb`);
    o[b + 1] = e(`${m} Ev,Gv`);
    o[b + 2] = e(`${m} Gb,Eb`);
    o[b + 3] = e(`${m} Gv,Ev`);
    o[b + 4] = e(`${m} AL,Ib`);
    o[b + 5] = e(`${m} rAX,Iz`);
  });
  for (let r = 0; r < 8; r++) {
    o[0x50 + r] = e('push Zv d64');
    o[0x58 + r] = e('pop Zv d64');
    o[0x91 + r] = e('xchg Zv,rAX');
    o[0xb0 + r] = e('mov Zb,Ib');
    o[0xb8 + r] = e('mov Zv,Iv');
  }
  o[0x90] = e('nop'); // decode.ts: xchg with REX.B, pause with F3, "xchg ax,ax" with 66
  o[0x63] = e('movsxd Gv,Ed att=movslq');
  o[0x68] = e('push Iz d64 w16');
  o[0x69] = e('imul Gv,Ev,Iz');
  o[0x6a] = e('push Is d64 w16');
  o[0x6b] = e('imul Gv,Ev,Is');
  o[0x6c] = e('ins Yb,DX rep');
  o[0x6d] = e('ins Yz,DX rep');
  o[0x6e] = e('outs DX,Xb rep');
  o[0x6f] = e('outs DX,Xz rep');
  CC.forEach((c, i) => (o[0x70 + i] = e(`j${c} Jb d64 bnd nosuf`)));
  o[0x80] = grp(ALU, 'Eb,Ib');
  o[0x81] = grp(ALU, 'Ev,Iz');
  o[0x83] = grp(ALU, 'Ev,Is');
  o[0x84] = e('test Eb,Gb');
  o[0x85] = e('test Ev,Gv');
  o[0x86] = e('xchg Eb,Gb xchg');
  o[0x87] = e('xchg Ev,Gv xchg');
  o[0x88] = e('mov Eb,Gb hlemov');
  o[0x89] = e('mov Ev,Gv hlemov');
  o[0x8a] = e('mov Gb,Eb');
  o[0x8b] = e('mov Gv,Ev');
  o[0x8c] = e('mov Evw,Sw'); // a segment register: to a full-size register, or a word of memory
  o[0x8d] = e('lea Gv,M');
  o[0x8e] = e('mov Sw,Evw');
  o[0x8f] = grp(['pop'], 'Fv', 'd64');
  o[0x98] = e('cbw/cwde/cdqe - att=cbtw/cwtl/cltq');
  o[0x99] = e('cwd/cdq/cqo - att=cwtd/cltd/cqto');
  o[0x9b] = e('fwait');
  o[0x9c] = e('pushfw/pushf/pushf - d64');
  o[0x9d] = e('popfw/popf/popf - d64');
  o[0x9e] = e('sahf');
  o[0x9f] = e('lahf');
  o[0xa0] = e('movabs AL,Ob');
  o[0xa1] = e('movabs rAX,Ov');
  o[0xa2] = e('movabs Ob,AL');
  o[0xa3] = e('movabs Ov,rAX');
  o[0xa4] = e('movs Yb,Xb rep');
  o[0xa5] = e('movs Yv,Xv rep');
  o[0xa6] = e('cmps Xb,Yb');
  o[0xa7] = e('cmps Xv,Yv');
  o[0xa8] = e('test AL,Ib');
  o[0xa9] = e('test rAX,Iz');
  o[0xaa] = e('stos Yb,AL rep');
  o[0xab] = e('stos Yv,rAX rep');
  o[0xac] = e('lods AL,Xb rep');
  o[0xad] = e('lods rAX,Xv rep');
  o[0xae] = e('scas AL,Yb');
  o[0xaf] = e('scas rAX,Yv');
  o[0xc0] = grp(SHIFT, 'Eb,Ib');
  o[0xc1] = grp(SHIFT, 'Ev,Ib');
  o[0xc2] = e('ret Iw d64 bnd nosuf w16');
  o[0xc3] = e('ret - d64 bnd w16');
  o[0xc6] = grp(['mov'], 'Eb,Ib', 'hlemov');
  o[0xc7] = grp(['mov'], 'Ev,Iz', 'hlemov');
  o[0xc8] = e('enter Iw,Ib d64 nosuf w16');
  o[0xc9] = e('leave - d64 w16');
  o[0xca] = e('retfw/retf/retfq Iw nosuf att=lretw/lret/lretq');
  o[0xcb] = e('retfw/retf/retfq - att=lretw/lret/lretq');
  o[0xcc] = e('int3');
  o[0xcd] = e('int Ib nosuf');
  o[0xcf] = e('iretw/iret/iretq');
  o[0xd0] = grp(SHIFT, 'Eb,1');
  o[0xd1] = grp(SHIFT, 'Ev,1');
  o[0xd2] = grp(SHIFT, 'Eb,CL');
  o[0xd3] = grp(SHIFT, 'Ev,CL');
  o[0xd7] = e('xlat Xlat nosuf');
  o[0xe0] = e('loopne Jb d64 nosuf');
  o[0xe1] = e('loope Jb d64 nosuf');
  o[0xe2] = e('loop Jb d64 nosuf');
  o[0xe3] = e('jrcxz Jb d64 nosuf');
  o[0xe4] = e('in AL,Ib');
  o[0xe5] = e('in eAX,Ib');
  o[0xe6] = e('out Ib,AL');
  o[0xe7] = e('out Ib,eAX');
  o[0xe8] = e('call Jz d64 bnd nosuf w16');
  o[0xe9] = e('jmp Jz d64 bnd nosuf w16');
  o[0xeb] = e('jmp Jb d64 bnd nosuf');
  o[0xec] = e('in AL,DX');
  o[0xed] = e('in eAX,DX');
  o[0xee] = e('out DX,AL');
  o[0xef] = e('out DX,eAX');
  o[0xf1] = e('int1');
  o[0xf4] = e('hlt');
  o[0xf5] = e('cmc');
  o[0xf6] = grp(['test', 'test', 'not', 'neg', 'mul', 'imul', 'div', 'idiv'], 'Eb');
  o[0xf7] = grp(['test', 'test', 'not', 'neg', 'mul', 'imul', 'div', 'idiv'], 'Ev');
  // test takes an immediate that the others do not
  (o[0xf6] as Group).group[0] = (o[0xf6] as Group).group[1] = e('test Eb,Ib');
  (o[0xf7] as Group).group[0] = (o[0xf7] as Group).group[1] = e('test Ev,Iz');
  o[0xf8] = e('clc');
  o[0xf9] = e('stc');
  o[0xfa] = e('cli');
  o[0xfb] = e('sti');
  o[0xfc] = e('cld');
  o[0xfd] = e('std');
  o[0xfe] = grp(['inc', 'dec'], 'Eb');
  o[0xff] = {
    group: [
      e('inc Ev'), e('dec Ev'), e('call Fv d64 bnd ind nosuf'), e('lcall Mp ind'),
      e('jmp Fv d64 bnd ind nosuf'), e('ljmp Mp ind'), e('push Fv d64'), null,
    ],
  };
}

// ---- The two-byte map (0F xx) ----------------------------------------------------------------

export const TWO_BYTE: MapSlot[] = new Array(256).fill(null);
{
  const t = TWO_BYTE;
  /** A packed-integer op: MMX without a prefix, SSE2 (xmm) with 66. */
  const pk = (m: string, op = 0) => (t[op] = { _: e(`${m} P,Qq`), p66: e(`${m} V,Wx`) });
  // 0F 01: descriptor tables with memory; with mod 3, single instructions by the whole ModRM
  // (monitor and mwait name their implicit registers in AT&T only: decode.ts)
  const sys01: Record<number, string> = {
    0xc1: 'vmcall', 0xc2: 'vmlaunch', 0xc3: 'vmresume', 0xc4: 'vmxoff', 0xc8: 'monitor', 0xc9: 'mwait',
    0xca: 'clac', 0xcb: 'stac', 0xd0: 'xgetbv', 0xd1: 'xsetbv', 0xd5: 'xend', 0xd6: 'xtest',
    0xd8: 'vmrun', 0xd9: 'vmmcall', 0xda: 'vmload', 0xdb: 'vmsave', 0xdc: 'stgi', 0xdd: 'clgi',
    0xf8: 'swapgs', 0xf9: 'rdtscp',
  };
  t[0x01] = {
    group: ['sgdt', 'sidt', 'lgdt', 'lidt', 'smsw', null, 'lmsw', 'invlpg'].map((n) => (n ? e(`${n} M nosuf`) : null)),
    reg: (m) => (sys01[m] ? e(sys01[m]!) : null),
  };
  t[0x05] = e('syscall');
  t[0x06] = e('clts');
  t[0x07] = e('sysretd/sysretq - att=sysretl/sysretq');
  t[0x08] = e('invd');
  t[0x09] = { _: e('wbinvd'), pF3: e('wbnoinvd') };
  t[0x0e] = e('femms');
  t[0x30] = e('wrmsr');
  t[0x32] = e('rdmsr');
  t[0x33] = e('rdpmc');
  t[0x34] = e('sysenter');
  t[0xaa] = e('rsm');
  t[0x0b] = e('ud2');
  t[0x0d] = byMod(null, null);
  (t[0x0d] as Group).group = [0, 1, 2, 3, 4, 5, 6, 7].map((r) => e(`${r === 1 ? 'prefetchw' : 'prefetch'} Mb nosuf`));
  t[0x10] = { _: e('movups V,Wx'), p66: e('movupd V,Wx'), pF3: e('movss V,Wd'), pF2: e('movsd V,Wq') };
  t[0x11] = { _: e('movups Wx,V'), p66: e('movupd Wx,V'), pF3: e('movss Wd,V'), pF2: e('movsd Wq,V') };
  t[0x12] = {
    _: byMod(e('movlps V,Mq'), e('movhlps V,U')), p66: byMod(e('movlpd V,Mq'), null),
    pF3: e('movsldup V,Wx'), pF2: e('movddup V,Wq'),
  };
  t[0x13] = { _: byMod(e('movlps Mq,V'), null), p66: byMod(e('movlpd Mq,V'), null) };
  t[0x14] = { _: e('unpcklps V,Wx'), p66: e('unpcklpd V,Wx') };
  t[0x15] = { _: e('unpckhps V,Wx'), p66: e('unpckhpd V,Wx') };
  t[0x16] = {
    _: byMod(e('movhps V,Mq'), e('movlhps V,U')), p66: byMod(e('movhpd V,Mq'), null), pF3: e('movshdup V,Wx'),
  };
  t[0x17] = { _: byMod(e('movhps Mq,V'), null), p66: byMod(e('movhpd Mq,V'), null) };
  // 0F 18-1F: hint nops ("nopl 0x0(%rax)" is the compilers' multi-byte nop), prefetch hints
  const nop = e('nop Ev');
  for (let op = 0x18; op <= 0x1f; op++) t[op] = { group: new Array(8).fill(nop), reg: new Array(8).fill(nop) };
  (t[0x18] as Group).group.splice(0, 4, e('prefetchnta Mb nosuf'), e('prefetcht0 Mb nosuf'), e('prefetcht1 Mb nosuf'), e('prefetcht2 Mb nosuf'));
  // (F3 0F 1E FA/FB, endbr64/endbr32, are picked out in decode.ts)
  t[0x28] = { _: e('movaps V,Wx'), p66: e('movapd V,Wx') };
  t[0x29] = { _: e('movaps Wx,V'), p66: e('movapd Wx,V') };
  t[0x2a] = { _: e('cvtpi2ps V,Qq'), p66: e('cvtpi2pd V,Qq'), pF3: e('cvtsi2ss V,Ey memsuf'), pF2: e('cvtsi2sd V,Ey memsuf') };
  t[0x2b] = { _: e('movntps Mx,V'), p66: e('movntpd Mx,V'), pF3: e('movntss Md,V'), pF2: e('movntsd Mq,V') };
  t[0x2c] = { _: e('cvttps2pi P,Wq'), p66: e('cvttpd2pi P,Wx'), pF3: e('cvttss2si Gy,Wd'), pF2: e('cvttsd2si Gy,Wq') };
  t[0x2d] = { _: e('cvtps2pi P,Wq'), p66: e('cvtpd2pi P,Wx'), pF3: e('cvtss2si Gy,Wd'), pF2: e('cvtsd2si Gy,Wq') };
  t[0x2e] = { _: e('ucomiss V,Wd'), p66: e('ucomisd V,Wq') };
  t[0x2f] = { _: e('comiss V,Wd'), p66: e('comisd V,Wq') };
  t[0x31] = e('rdtsc');
  t[0xa2] = e('cpuid');
  CC.forEach((c, i) => {
    t[0x40 + i] = e(`cmov${c} Gv,Ev`);
    t[0x80 + i] = e(`j${c} Jz d64 bnd nosuf`);
    t[0x90 + i] = grp(new Array(8).fill(`set${c}`), 'Eb', 'nosuf');
  });
  t[0x50] = { _: e('movmskps Gy,U'), p66: e('movmskpd Gy,U') };
  const fp = (op: number, m: string, scalar = true) =>
    (t[op] = scalar
      ? { _: e(`${m}ps V,Wx`), p66: e(`${m}pd V,Wx`), pF3: e(`${m}ss V,Wd`), pF2: e(`${m}sd V,Wq`) }
      : { _: e(`${m}ps V,Wx`), p66: e(`${m}pd V,Wx`) });
  fp(0x51, 'sqrt');
  t[0x52] = { _: e('rsqrtps V,Wx'), pF3: e('rsqrtss V,Wd') };
  t[0x53] = { _: e('rcpps V,Wx'), pF3: e('rcpss V,Wd') };
  fp(0x54, 'and', false);
  fp(0x55, 'andn', false);
  fp(0x56, 'or', false);
  fp(0x57, 'xor', false);
  fp(0x58, 'add');
  fp(0x59, 'mul');
  fp(0x5c, 'sub');
  fp(0x5d, 'min');
  fp(0x5e, 'div');
  fp(0x5f, 'max');
  t[0x5a] = { _: e('cvtps2pd V,Wq'), p66: e('cvtpd2ps V,Wx'), pF3: e('cvtss2sd V,Wd'), pF2: e('cvtsd2ss V,Wq') };
  t[0x5b] = { _: e('cvtdq2ps V,Wx'), p66: e('cvtps2dq V,Wx'), pF3: e('cvttps2dq V,Wx') };
  ['punpcklbw', 'punpcklwd', 'punpckldq', 'packsswb', 'pcmpgtb', 'pcmpgtw', 'pcmpgtd', 'packuswb',
    'punpckhbw', 'punpckhwd', 'punpckhdq', 'packssdw'].forEach((m, i) => pk(m, 0x60 + i));
  t[0x6c] = { p66: e('punpcklqdq V,Wx') };
  t[0x6d] = { p66: e('punpckhqdq V,Wx') };
  t[0x6e] = { _: e('movd/movq P,Ey'), p66: e('movd/movq V,Ey') };
  t[0x6f] = { _: e('movq P,Qq'), p66: e('movdqa V,Wx'), pF3: e('movdqu V,Wx') };
  t[0x70] = { _: e('pshufw P,Qq,Ib'), p66: e('pshufd V,Wx,Ib'), pF3: e('pshufhw V,Wx,Ib'), pF2: e('pshuflw V,Wx,Ib') };
  const shiftImm = (names: string[]): Mandatory => ({
    _: { group: [], reg: names.map((n) => (n ? e(`${n} N,Ib`) : null)) },
    p66: { group: [], reg: names.map((n) => (n ? e(`${n} U,Ib`) : null)) },
  });
  t[0x71] = shiftImm(['', '', 'psrlw', '', 'psraw', '', 'psllw', '']);
  t[0x72] = shiftImm(['', '', 'psrld', '', 'psrad', '', 'pslld', '']);
  t[0x73] = shiftImm(['', '', 'psrlq', '', '', '', 'psllq', '']);
  ((t[0x73] as Mandatory).p66 as Group).reg = ['', '', 'psrlq', 'psrldq', '', '', 'psllq', 'pslldq'].map((n) => (n ? e(`${n} U,Ib`) : null));
  pk('pcmpeqb', 0x74);
  pk('pcmpeqw', 0x75);
  pk('pcmpeqd', 0x76);
  t[0x77] = e('emms');
  t[0x7c] = { p66: e('haddpd V,Wx'), pF2: e('haddps V,Wx') };
  t[0x7d] = { p66: e('hsubpd V,Wx'), pF2: e('hsubps V,Wx') };
  t[0xd0] = { p66: e('addsubpd V,Wx'), pF2: e('addsubps V,Wx') };
  t[0xe6] = { p66: e('cvttpd2dq V,Wx'), pF3: e('cvtdq2pd V,Wq'), pF2: e('cvtpd2dq V,Wx') };
  t[0xf0] = { pF2: e('lddqu V,M') };
  t[0xa0] = e('push FS d64 w16');
  t[0xa1] = e('pop FS d64 w16');
  t[0xa8] = e('push GS d64 w16');
  t[0xa9] = e('pop GS d64 w16');
  t[0xb9] = e('ud1 Gv,Ev');
  t[0x7e] = { _: e('movd/movq Ey,P'), p66: e('movd/movq Ey,V'), pF3: e('movq V,Wq') };
  t[0x7f] = { _: e('movq Qq,P'), p66: e('movdqa Wx,V'), pF3: e('movdqu Wx,V') };
  t[0xa3] = e('bt Ev,Gv');
  t[0xa4] = e('shld Ev,Gv,Ib');
  t[0xa5] = e('shld Ev,Gv,CL');
  t[0xab] = e('bts Ev,Gv');
  t[0xac] = e('shrd Ev,Gv,Ib');
  t[0xad] = e('shrd Ev,Gv,CL');
  t[0xae] = {
    group: [e('fxsave M'), e('fxrstor M'), e('ldmxcsr Md nosuf'), e('stmxcsr Md nosuf'), e('xsave M'), e('xrstor M'), null, e('clflush Mb nosuf')],
    reg: [null, null, null, null, null, e('lfence'), e('mfence'), e('sfence')],
  };
  t[0xaf] = e('imul Gv,Ev');
  t[0xb0] = e('cmpxchg Eb,Gb');
  t[0xb1] = e('cmpxchg Ev,Gv');
  t[0xb3] = e('btr Ev,Gv');
  t[0xb6] = e('movzx Gv,Eb movx');
  t[0xb7] = e('movzx Gv,Ew movx');
  t[0xb8] = { pF3: e('popcnt Gv,Ev') }; // (jmpe without a prefix: not in 64-bit mode)
  t[0xba] = { group: [null, null, null, null, e('bt Ev,Ib'), e('bts Ev,Ib'), e('btr Ev,Ib'), e('btc Ev,Ib')] };
  t[0xbb] = e('btc Ev,Gv');
  t[0xbc] = { _: e('bsf Gv,Ev'), p66: e('bsf Gv,Ev osz66'), pF3: e('tzcnt Gv,Ev') };
  t[0xbd] = { _: e('bsr Gv,Ev'), p66: e('bsr Gv,Ev osz66'), pF3: e('lzcnt Gv,Ev') };
  t[0xbe] = e('movsx Gv,Eb movx');
  t[0xbf] = e('movsx Gv,Ew movx');
  t[0xc0] = e('xadd Eb,Gb');
  t[0xc1] = e('xadd Ev,Gv');
  t[0xc2] = { _: e('cmpps V,Wx,Ib cmpcc'), p66: e('cmppd V,Wx,Ib cmpcc'), pF3: e('cmpss V,Wd,Ib cmpcc'), pF2: e('cmpsd V,Wq,Ib cmpcc') };
  t[0xc3] = { _: e('movnti My,Gy') };
  t[0xc4] = { _: e('pinsrw P,Edw,Ib'), p66: e('pinsrw V,Edw,Ib') };
  t[0xc5] = { _: e('pextrw Gd,N,Ib'), p66: e('pextrw Gd,U,Ib') };
  t[0xc6] = { _: e('shufps V,Wx,Ib'), p66: e('shufpd V,Wx,Ib') };
  for (let r = 0; r < 8; r++) t[0xc8 + r] = e('bswap Zy');
  const ops: [number, string][] = [
    [0xd1, 'psrlw'], [0xd2, 'psrld'], [0xd3, 'psrlq'], [0xd4, 'paddq'], [0xd5, 'pmullw'],
    [0xd8, 'psubusb'], [0xd9, 'psubusw'], [0xda, 'pminub'], [0xdb, 'pand'], [0xdc, 'paddusb'],
    [0xdd, 'paddusw'], [0xde, 'pmaxub'], [0xdf, 'pandn'], [0xe0, 'pavgb'], [0xe1, 'psraw'],
    [0xe2, 'psrad'], [0xe3, 'pavgw'], [0xe4, 'pmulhuw'], [0xe5, 'pmulhw'], [0xe8, 'psubsb'],
    [0xe9, 'psubsw'], [0xea, 'pminsw'], [0xeb, 'por'], [0xec, 'paddsb'], [0xed, 'paddsw'],
    [0xee, 'pmaxsw'], [0xef, 'pxor'], [0xf1, 'psllw'], [0xf2, 'pslld'], [0xf3, 'psllq'],
    [0xf4, 'pmuludq'], [0xf5, 'pmaddwd'], [0xf6, 'psadbw'], [0xf8, 'psubb'], [0xf9, 'psubw'],
    [0xfa, 'psubd'], [0xfb, 'psubq'], [0xfc, 'paddb'], [0xfd, 'paddw'], [0xfe, 'paddd'],
  ];
  for (const [op, m] of ops) pk(m, op);
  t[0xd6] = { p66: e('movq Wq,V'), pF3: e('movq2dq V,N'), pF2: e('movdq2q P,U') };
  t[0xd7] = { _: e('pmovmskb Gy,N'), p66: e('pmovmskb Gy,U') };
  t[0xe7] = { _: e('movntq Mq,P'), p66: e('movntdq Mx,V') };
  t[0xff] = e('ud0 Gd,Ed');
}

// ---- The three-byte maps (0F 38 xx and 0F 3A xx): SSSE3, SSE4.1/4.2, movbe, crc32 ----------

export const THREE_38: MapSlot[] = new Array(256).fill(null);
export const THREE_3A: MapSlot[] = new Array(256).fill(null);
{
  const t = THREE_38;
  ['pshufb', 'phaddw', 'phaddd', 'phaddsw', 'pmaddubsw', 'phsubw', 'phsubd', 'phsubsw', 'psignb', 'psignw', 'psignd', 'pmulhrsw']
    .forEach((m, i) => (t[i] = { _: e(`${m} P,Qq`), p66: e(`${m} V,Wx`) }));
  ['pabsb', 'pabsw', 'pabsd'].forEach((m, i) => (t[0x1c + i] = { _: e(`${m} P,Qq`), p66: e(`${m} V,Wx`) }));
  const x = (op: number, spec: string) => (t[op] = { p66: e(spec) });
  x(0x10, 'pblendvb V,Wx,XMM0');
  x(0x14, 'blendvps V,Wx,XMM0');
  x(0x15, 'blendvpd V,Wx,XMM0');
  x(0x17, 'ptest V,Wx');
  // pmovsx/pmovzx read as many bytes as they widen into 16
  const widen = ['bw Wq', 'bd Wd', 'bq Ww', 'wd Wq', 'wq Wd', 'dq Wq'];
  widen.forEach((w, i) => {
    const [suffix, src] = w.split(' ');
    x(0x20 + i, `pmovsx${suffix} V,${src}`);
    x(0x30 + i, `pmovzx${suffix} V,${src}`);
  });
  x(0x28, 'pmuldq V,Wx');
  x(0x29, 'pcmpeqq V,Wx');
  x(0x2a, 'movntdqa V,Mx');
  x(0x2b, 'packusdw V,Wx');
  x(0x37, 'pcmpgtq V,Wx');
  ['pminsb', 'pminsd', 'pminuw', 'pminud', 'pmaxsb', 'pmaxsd', 'pmaxuw', 'pmaxud'].forEach((m, i) => x(0x38 + i, `${m} V,Wx`));
  x(0x40, 'pmulld V,Wx');
  x(0x41, 'phminposuw V,Wx');
  t[0xf0] = { _: e('movbe Gv,Mv'), p66: e('movbe Gv,Mv osz66'), pF2: e('crc32 Gy,Eb memsuf') };
  t[0xf1] = { _: e('movbe Mv,Gv'), p66: e('movbe Mv,Gv osz66'), pF2: e('crc32 Gy,Ev memsuf') };
}
{
  const t = THREE_3A;
  const x = (op: number, spec: string) => (t[op] = { p66: e(spec) });
  ['roundps V,Wx', 'roundpd V,Wx', 'roundss V,Wd', 'roundsd V,Wq', 'blendps V,Wx', 'blendpd V,Wx', 'pblendw V,Wx']
    .forEach((s, i) => x(0x08 + i, `${s},Ib`));
  t[0x0f] = { _: e('palignr P,Qq,Ib'), p66: e('palignr V,Wx,Ib') };
  // "Edb": a dword register, or a byte in memory
  x(0x14, 'pextrb Edb,V,Ib');
  x(0x15, 'pextrw Edw,V,Ib');
  x(0x16, 'pextrd/pextrq Ey,V,Ib');
  x(0x17, 'extractps Ed,V,Ib');
  x(0x20, 'pinsrb V,Edb,Ib');
  x(0x21, 'insertps V,Wd,Ib');
  x(0x22, 'pinsrd/pinsrq V,Ey,Ib');
  x(0x40, 'dpps V,Wx,Ib');
  x(0x41, 'dppd V,Wx,Ib');
  x(0x42, 'mpsadbw V,Wx,Ib');
  x(0x44, 'pclmulqdq V,Wx,Ib pclmul');
  ['pcmpestrm', 'pcmpestri', 'pcmpistrm', 'pcmpistri'].forEach((m, i) => x(0x60 + i, `${m} V,Wx,Ib`));
}
