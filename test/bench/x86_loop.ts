// A hand-made x86-64 ELF for the x86_mips figure: a tight integer loop of four instructions per
// iteration, then exit(0). No toolchain needed on the host.
//
//   mov ecx, N          b9 imm32
//   L: add eax, ecx     01 c8
//   xor edx, eax        31 c2
//   dec ecx             ff c9
//   jnz L               75 f8
//   mov eax, 60         b8 3c 00 00 00
//   xor edi, edi        31 ff
//   syscall             0f 05

/** Guest instructions the loop runs for `iterations`. */
export const loopInstructions = (iterations: number) => 4 * iterations + 4;

export function x86LoopElf(iterations: number): Uint8Array {
  const code = [
    0xb9, iterations & 0xff, (iterations >>> 8) & 0xff, (iterations >>> 16) & 0xff, iterations >>> 24,
    0x01, 0xc8, 0x31, 0xc2, 0xff, 0xc9, 0x75, 0xf8,
    0xb8, 0x3c, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05,
  ];
  const base = 0x400000, codeOff = 64 + 56;
  const size = codeOff + code.length;
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]); // ELF, 64-bit, little endian, version 1
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 62, true); // EM_X86_64
  v.setUint32(20, 1, true);
  v.setBigUint64(24, BigInt(base + codeOff), true); // e_entry
  v.setBigUint64(32, 64n, true); // e_phoff
  v.setUint16(52, 64, true); // e_ehsize
  v.setUint16(54, 56, true); // e_phentsize
  v.setUint16(56, 1, true); // e_phnum
  v.setUint32(64, 1, true); // PT_LOAD
  v.setUint32(68, 5, true); // PF_R | PF_X
  v.setBigUint64(64 + 16, BigInt(base), true); // p_vaddr
  v.setBigUint64(64 + 24, BigInt(base), true); // p_paddr
  v.setBigUint64(64 + 32, BigInt(size), true); // p_filesz
  v.setBigUint64(64 + 40, BigInt(size), true); // p_memsz
  v.setBigUint64(64 + 48, 0x1000n, true); // p_align
  b.set(code, codeOff);
  return b;
}
