import { describe, expect, it } from 'vitest';
import { LINKTYPE_ETHERNET, LINKTYPE_NETLINK, PCAPNG_DIR_INBOUND, writePcapng } from '../../../emulator/trace/pcapng';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Walk the blocks of a little-endian pcapng file (checking each trailing length). */
function blocks(file: Uint8Array): { type: number; body: DataView; bytes: Uint8Array }[] {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out = [];
  for (let off = 0; off < file.length; ) {
    const type = v.getUint32(off, true);
    const len = v.getUint32(off + 4, true);
    expect(len % 4).toBe(0);
    expect(v.getUint32(off + len - 4, true)).toBe(len);
    out.push({ type, body: new DataView(file.buffer, file.byteOffset + off + 8, len - 12), bytes: file.subarray(off, off + len) });
    off += len;
  }
  return out;
}

/** Options from `off` in a block body: code → value bytes. */
function options(body: DataView, off: number): Map<number, Uint8Array> {
  const m = new Map<number, Uint8Array>();
  for (;;) {
    const code = body.getUint16(off, true);
    const len = body.getUint16(off + 2, true);
    if (code === 0) {
      expect(len).toBe(0);
      expect(off + 4).toBe(body.byteLength);
      return m;
    }
    m.set(code, new Uint8Array(body.buffer, body.byteOffset + off + 4, len));
    off += 4 + ((len + 3) & ~3);
  }
}

describe('pcapng writer', () => {
  it('writes the section header block byte for byte', () => {
    const f = writePcapng([], []);
    // type, total length 44, byte-order magic, version 1.0, section length -1,
    // shb_userappl (4) "Ringside" (8 bytes, no padding), opt_endofopt, total length again.
    expect(hex(f)).toBe(
      '0a0d0d0a' + '2c000000' + '4d3c2b1a' + '0100' + '0000' + 'ffffffffffffffff' +
        '0400' + '0800' + hex(Buffer.from('Ringside')) + '00000000' + '2c000000',
    );
  });

  it('writes one IDB per interface with if_name padded to 4 bytes and if_tsresol 9', () => {
    const f = writePcapng([{ linktype: LINKTYPE_ETHERNET, name: 'lo', snaplen: 262144 }, { linktype: LINKTYPE_NETLINK, name: 'nlmon0' }], []);
    const [shb, lo, nl] = blocks(f);
    expect(shb!.type).toBe(0x0a0d0d0a);
    expect(lo!.type).toBe(1);
    expect(lo!.body.getUint16(0, true)).toBe(1);
    expect(lo!.body.getUint16(2, true)).toBe(0);
    expect(lo!.body.getUint32(4, true)).toBe(262144);
    // linktype, reserved, snaplen | if_name (2) len 2 "lo" + 2 pad | if_tsresol (9) len 1 = 9 + 3 pad | end
    expect(hex(lo!.bytes)).toBe('01000000' + '28000000' + '0100' + '0000' + '00000400' + '0200' + '0200' + '6c6f0000' + '0900' + '0100' + '09000000' + '00000000' + '28000000');
    const o = options(nl!.body, 8);
    expect(Buffer.from(o.get(2)!).toString()).toBe('nlmon0');
    expect([...o.get(9)!]).toEqual([9]);
    expect(nl!.body.getUint16(0, true)).toBe(253);
  });

  it('writes EPBs with a 64-bit timestamp, the lengths, zero padding and epb_flags', () => {
    const ts = 1767225600_123456789n;
    const f = writePcapng(
      [{ linktype: LINKTYPE_ETHERNET, name: 'lo' }],
      [
        { iface: 0, tsNs: ts, data: Uint8Array.of(1, 2, 3, 4, 5), flags: PCAPNG_DIR_INBOUND },
        { iface: 0, tsNs: ts + 1n, data: Uint8Array.of(9, 9, 9, 9), origLen: 70000 },
      ],
    );
    const [, , a, b] = blocks(f);
    expect(a!.type).toBe(6);
    expect(a!.body.getUint32(0, true)).toBe(0);
    const tsHigh = a!.body.getUint32(4, true), tsLow = a!.body.getUint32(8, true);
    expect((BigInt(tsHigh) << 32n) | BigInt(tsLow)).toBe(ts);
    expect(a!.body.getUint32(12, true)).toBe(5);
    expect(a!.body.getUint32(16, true)).toBe(5);
    expect(hex(new Uint8Array(a!.body.buffer, a!.body.byteOffset + 20, 8))).toBe('0102030405000000');
    expect([...options(a!.body, 28).get(2)!]).toEqual([1, 0, 0, 0]);
    // No flags, no options at all: the block ends right after the data.
    expect(b!.body.getUint32(16, true)).toBe(70000);
    expect(b!.body.byteLength).toBe(24);
  });

  it('grows its buffer past 64 KiB', () => {
    const big = new Uint8Array(200_000).fill(7);
    const f = writePcapng([{ linktype: LINKTYPE_ETHERNET, name: 'lo' }], [{ iface: 0, tsNs: 0n, data: big }, { iface: 0, tsNs: 0n, data: big }]);
    const bs = blocks(f);
    expect(bs.length).toBe(4);
    expect(bs[3]!.body.getUint32(12, true)).toBe(200_000);
  });
});
