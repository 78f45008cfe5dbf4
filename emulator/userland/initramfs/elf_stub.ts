// The ELF file behind each TypeScript program in /bin: a genuine ELF64 x86-64 executable header
// (so `file`, `readelf` and binfmt_elf see an ordinary static binary) whose PT_NOTE "Ringside"
// names the program the TypeScript runtime runs in place of machine code.

const encoder = new TextEncoder();
const BASE = 0x400000;
export const STUB_ENTRY = 0x401000;

export function elfStub(program: string): Uint8Array {
  const name = encoder.encode('Ringside\0');
  const desc = encoder.encode(program + '\0');
  const align4 = (n: number) => (n + 3) & ~3;
  const noteSize = 12 + align4(name.length) + align4(desc.length);
  const phnum = 3;
  const phoff = 64;
  const noteOff = phoff + phnum * 56;
  const fileSize = noteOff + noteSize;
  const b = new Uint8Array(fileSize);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]); // ELF, 64-bit, little endian, version 1, SYSV ABI
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 62, true); // EM_X86_64
  v.setUint32(20, 1, true);
  v.setBigUint64(24, BigInt(STUB_ENTRY), true);
  v.setBigUint64(32, BigInt(phoff), true);
  v.setBigUint64(40, 0n, true); // no section headers
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, phnum, true);
  v.setUint16(58, 64, true);
  const ph = (i: number, type: number, flags: number, off: number, vaddr: number, filesz: number, memsz: number, align: number) => {
    const o = phoff + i * 56;
    v.setUint32(o, type, true);
    v.setUint32(o + 4, flags, true);
    v.setBigUint64(o + 8, BigInt(off), true);
    v.setBigUint64(o + 16, BigInt(vaddr), true);
    v.setBigUint64(o + 24, BigInt(vaddr), true);
    v.setBigUint64(o + 32, BigInt(filesz), true);
    v.setBigUint64(o + 40, BigInt(memsz), true);
    v.setBigUint64(o + 48, BigInt(align), true);
  };
  // The whole file, read+execute, with the entry page after it.
  ph(0, 1 /* PT_LOAD */, 5 /* R+X */, 0, BASE, fileSize, STUB_ENTRY + 0x10 - BASE, 0x1000);
  ph(1, 4 /* PT_NOTE */, 4 /* R */, noteOff, BASE + noteOff, noteSize, noteSize, 4);
  ph(2, 0x6474e551 /* PT_GNU_STACK */, 6 /* RW */, 0, 0, 0, 0, 16);
  v.setUint32(noteOff, name.length, true);
  v.setUint32(noteOff + 4, desc.length, true);
  v.setUint32(noteOff + 8, 1, true);
  b.set(name, noteOff + 12);
  b.set(desc, noteOff + 12 + align4(name.length));
  return b;
}
