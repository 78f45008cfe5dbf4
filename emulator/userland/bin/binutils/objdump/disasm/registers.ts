// Register names by size and number (0-15, the REX bit making 8-15). Byte registers 4-7 are
// ah/ch/dh/bh without a REX prefix and spl/bpl/sil/dil with one.

const Q = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'];
const D = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];
const W = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const B_REX = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil'];
const B_LEGACY = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh'];

/** A general register of `size` bytes; `rex` says whether any REX prefix is present. */
export function gpr(n: number, size: number, rex: boolean): string {
  if (n >= 8) {
    const m = `r${n}`;
    return size === 8 ? m : size === 4 ? `${m}d` : size === 2 ? `${m}w` : `${m}b`;
  }
  if (size === 8) return Q[n]!;
  if (size === 4) return D[n]!;
  if (size === 2) return W[n]!;
  return (rex ? B_REX : B_LEGACY)[n]!;
}

/** The name of an address register: 64-bit, or 32-bit under an address-size (67) prefix. */
export function addrReg(n: number, addr32: boolean): string {
  return gpr(n, addr32 ? 4 : 8, true);
}

export const xmm = (n: number) => `xmm${n}`;
export const mmx = (n: number) => `mm${n & 7}`;
