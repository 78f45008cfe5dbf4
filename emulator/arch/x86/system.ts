// Instructions that talk to the machine rather than compute: syscall, the exceptions user code
// raises on purpose (int3, ud2, hlt), cpuid, rdtsc, and the flag instructions.

import { SYSCALL_TRAP, X86_TRAP_BP, X86_TRAP_GP, X86_TRAP_UD } from '../../uapi/traps';
import { RAX, RBX, RCX, RDX, type Cpu } from './cpu';
import { AF, CF, DF, PF, SF, ZF, getCF, patchFlags, readFlags, writeFlags } from './flags';
import type { Insn } from './insn';
import { CpuFault } from './mmu';

/** syscall (0f 05): the kernel entry. rcx and r11 get rip and rflags, as the hardware does. */
export function syscall(c: Cpu, i: Insn): void {
  c.set64(RCX, i.next);
  c.set64(11, readFlags(c));
  c.trap = SYSCALL_TRAP;
}

/** int3 (cc): a trap, so rip is already past it when SIGTRAP is delivered. */
export function int3(c: Cpu): void {
  c.trap = { vector: X86_TRAP_BP };
}

/** ud2 (0f 0b) and every byte sequence the decoder cannot run: #UD, with the bytes for the log. */
export function undefinedOpcode(_c: Cpu, i: Insn): void {
  throw new CpuFault({ vector: X86_TRAP_UD, message: undefinedMessage(i) });
}

/** The kernel log line for a #UD: where, and which bytes. */
function undefinedMessage(i: Insn): string {
  return `invalid opcode at ${i.addr.toString(16)}: ${i.bytes}`;
}

/** Privileged instructions (hlt, cli, sti, in, out …) raise #GP in user mode. */
export function privileged(_c: Cpu, i: Insn): void {
  throw new CpuFault({ vector: X86_TRAP_GP, message: `privileged instruction at ${i.addr.toString(16)}: ${i.bytes}` });
}

export function nop(): void {}

/** rdtsc (0f 31): the time-stamp counter, which here counts instructions since boot. */
export function rdtsc(c: Cpu): void {
  const t = c.tsc;
  c.set64(RAX, t % 4294967296);
  c.set64(RDX, Math.floor(t / 4294967296));
}

/** rdtscp (0f 01 f9): rdtsc, and TSC_AUX in ecx (the vDSO's getcpu reads the CPU number there). */
export function rdtscp(c: Cpu): void {
  rdtsc(c);
  c.set64(RCX, c.tscAux >>> 0);
}

const str4 = (s: string) => s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24);
const BRAND = 'Ringside x86-64 interpreter CPU\0'.padEnd(48, '\0');

/**
 * cpuid (0f a2): a plausible baseline x86-64 CPU — Intel, family 6, with FPU (x87.ts), TSC, CX8,
 * CMOV, MMX, FXSR (fxsave.ts), SSE and SSE2 (edx of leaf 1), POPCNT, and nothing newer (no SSE3,
 * no XSAVE, no AVX), so libc picks its SSE2 routines and saves state with fxsave; SYSCALL, NX,
 * RDTSCP, LM, LAHF and LZCNT in the extended leaves; cache geometry in leaves 2 and 4 (glibc sizes
 * its memcpy thresholds from them).
 * Where we differ: MMX is advertised but its instructions (on the mm registers) are #UD. It is
 * part of the x86-64 baseline glibc's ld.so checks before running a program marked
 * x86-64-baseline, and compilers do not emit it for 64-bit code.
 */
export function cpuid(c: Cpu): void {
  const leaf = c.lo[RAX]! >>> 0, sub = c.lo[RCX]! >>> 0;
  let a = 0, b = 0, cx = 0, d = 0;
  switch (leaf) {
    case 0: a = 7; b = str4('Genu'); d = str4('ineI'); cx = str4('ntel'); break;
    case 1:
      a = 0x000306c3; // family 6, model 0x3c, stepping 3
      b = (1 << 16) | (8 << 8); // one logical processor; clflush line 8*8 = 64 bytes
      cx = 1 << 23; // POPCNT
      d = (1 << 0) | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 19) | (1 << 23) | (1 << 24) | (1 << 25) | (1 << 26);
      break;
    case 2: a = 0x0000ff01; break; // one round; descriptor 0xff: "see leaf 4"
    case 4: {
      // type | level << 5 | self-initialising; ways-1 << 22 | line-1; sets-1
      const caches = [[0x121, 7, 63], [0x122, 7, 63], [0x143, 15, 1023], [0x163, 15, 8191]];
      const k = caches[sub];
      if (k) { a = k[0]!; b = (k[1]! << 22) | 63; cx = k[2]!; }
      break;
    }
    case 0x80000000: a = 0x80000008; break;
    case 0x80000001: cx = 1 | (1 << 5); d = (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29); break; // + RDTSCP
    case 0x80000002: case 0x80000003: case 0x80000004: {
      const o = (leaf - 0x80000002) * 16;
      a = str4(BRAND.slice(o, o + 4)); b = str4(BRAND.slice(o + 4, o + 8));
      cx = str4(BRAND.slice(o + 8, o + 12)); d = str4(BRAND.slice(o + 12, o + 16));
      break;
    }
    case 0x80000008: a = 0x3030; break; // 48 physical, 48 virtual address bits
  }
  c.lo[RAX] = a; c.hi[RAX] = 0;
  c.lo[RBX] = b; c.hi[RBX] = 0;
  c.lo[RCX] = cx; c.hi[RCX] = 0;
  c.lo[RDX] = d; c.hi[RDX] = 0;
}

/** clc, stc, cmc, cld, std (f8, f9, f5, fc, fd): `op` is the opcode. */
export function flagOp(c: Cpu, i: Insn): void {
  switch (i.op) {
    case 0xf8: patchFlags(c, CF, 0); break;
    case 0xf9: patchFlags(c, CF, CF); break;
    case 0xf5: patchFlags(c, CF, getCF(c) ^ 1); break;
    case 0xfc: c.eflags &= ~DF; break;
    default: c.eflags |= DF;
  }
}

/** pushf (9c). */
export function pushf(c: Cpu): void {
  c.push64(readFlags(c) & ~0x10000, 0);
}

/** popf (9d). */
export function popf(c: Cpu): void {
  writeFlags(c, c.pop64());
}

/** sahf (9e): SF, ZF, AF, PF, CF from ah. */
export function sahf(c: Cpu): void {
  patchFlags(c, SF | ZF | AF | PF | CF, (c.lo[RAX]! >> 8) & 0xff);
}

/** lahf (9f): ah = SF:ZF:0:AF:0:PF:1:CF. */
export function lahf(c: Cpu): void {
  const f = (readFlags(c) & 0xd5) | 2;
  c.lo[RAX] = (c.lo[RAX]! & ~0xff00) | (f << 8);
}
