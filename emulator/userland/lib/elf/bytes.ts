// A growable little-endian byte buffer: how the toolchain builds object files and executables.
// Offsets are plain numbers (files stay far below 2^53); 64-bit fields take bigint or number.

export class ByteWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  /** Bytes written so far (the next write goes here). */
  length = 0;

  private reserve(n: number): number {
    const at = this.length;
    if (at + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, at + n));
      bigger.set(this.buf);
      this.buf = bigger;
      this.view = new DataView(bigger.buffer);
    }
    this.length += n;
    return at;
  }

  u8(v: number): this {
    const at = this.reserve(1);
    this.buf[at] = v & 0xff;
    return this;
  }
  u16(v: number): this {
    const at = this.reserve(2); // first: reserving may replace the buffer and its view
    this.view.setUint16(at, v & 0xffff, true);
    return this;
  }
  u32(v: number): this {
    const at = this.reserve(4);
    this.view.setUint32(at, v >>> 0, true);
    return this;
  }
  u64(v: number | bigint): this {
    const at = this.reserve(8);
    this.view.setBigUint64(at, BigInt.asUintN(64, BigInt(v)), true);
    return this;
  }
  bytes(b: Uint8Array): this {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
    return this;
  }
  /** Zero bytes up to a multiple of `align`. */
  align(align: number): this {
    if (align > 1) this.zeros((align - (this.length % align)) % align);
    return this;
  }
  zeros(n: number): this {
    this.reserve(n);
    return this;
  }
  /** Zero-fill up to absolute offset `off` (which must not be behind us). */
  padTo(off: number): this {
    return this.zeros(off - this.length);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
