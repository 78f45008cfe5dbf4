// A pretend tracee for the decoder tests: a sparse memory that structures and strings are written
// into, and the fd links -y asks for. It answers DecodeRequests the way strace's driver would.

import type { DecodeAnswer, DecodeRequest } from '../../../../emulator/trace/decode/types';

export class FakeTracee {
  private readonly bytes = new Map<number, number>();
  readonly links = new Map<number, string>();
  /** Where the next alloc() puts data (a stack-like user address). */
  private next = 0x7ffc_0000_1000;

  write(addr: number, data: Uint8Array | number[]): number {
    data.forEach((b, i) => this.bytes.set(addr + i, b & 0xff));
    return addr;
  }

  /** Places `data` at a fresh address and returns it. */
  alloc(data: Uint8Array | number[] | string): number {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const addr = this.next;
    this.next += Math.ceil((bytes.length + 1) / 16) * 16 + 16;
    return this.write(addr, bytes);
  }

  /** A NUL-terminated string at a fresh address. */
  cstr(s: string | Uint8Array): number {
    const b = typeof s === 'string' ? new TextEncoder().encode(s) : s;
    return this.alloc([...b, 0]);
  }

  /** A structure built from little-endian fields: [offset, size, value]. */
  struct(size: number, fields: readonly (readonly [off: number, size: 1 | 2 | 4 | 8, value: number | bigint])[]): number {
    const b = new Uint8Array(size);
    const v = new DataView(b.buffer);
    for (const [off, n, value] of fields) {
      if (n === 8) v.setBigUint64(off, BigInt.asUintN(64, BigInt(value)), true);
      else if (n === 4) v.setUint32(off, Number(value) >>> 0, true);
      else if (n === 2) v.setUint16(off, Number(value), true);
      else v.setUint8(off, Number(value));
    }
    return this.alloc(b);
  }

  /** A NULL-terminated pointer array. */
  pointers(ptrs: number[]): number {
    return this.struct((ptrs.length + 1) * 8, ptrs.map((p, i) => [i * 8, 8, p] as const));
  }

  private read(addr: number, len: number): Uint8Array | null {
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      const b = this.bytes.get(addr + i);
      if (b === undefined) return null;
      out[i] = b;
    }
    return out;
  }

  answer = (req: DecodeRequest): DecodeAnswer => {
    switch (req.kind) {
      case 'mem':
        return this.read(req.addr, req.len);
      case 'str': {
        const out: number[] = [];
        for (let i = 0; i < req.max; i++) {
          const b = this.bytes.get(req.addr + i);
          if (b === undefined) return out.length ? { bytes: new Uint8Array(out), terminated: false } : null;
          if (b === 0) return { bytes: new Uint8Array(out), terminated: true };
          out.push(b);
        }
        return { bytes: new Uint8Array(out), terminated: false };
      }
      case 'fd':
        return this.links.get(req.fd) ?? null;
    }
  };
}
