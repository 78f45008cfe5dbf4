// Little-endian field readers over a copy of tracee memory (x86-64 is little-endian). Structures
// are read once with one 'mem' request, then picked apart here, the way strace's umove() works.

export class Fields {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8 = (off: number): number => this.view.getUint8(off);
  u16 = (off: number): number => this.view.getUint16(off, true);
  u32 = (off: number): number => this.view.getUint32(off, true);
  s32 = (off: number): number => this.view.getInt32(off, true);
  /** An unsigned 64-bit field as a bigint (exact). */
  u64 = (off: number): bigint => this.view.getBigUint64(off, true);
  /** A signed 64-bit field as a number (time_t, off_t, long). */
  s64 = (off: number): number => Number(this.view.getBigInt64(off, true));
  /** A NUL-terminated char array inside the structure (utsname fields, d_name). */
  cstr(off: number, max: number): Uint8Array {
    const field = this.bytes.subarray(off, off + max);
    const nul = field.indexOf(0);
    return nul < 0 ? field : field.subarray(0, nul);
  }
}
