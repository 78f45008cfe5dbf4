// A pcapng writer (the capture file format of Wireshark, tshark and tcpdump -w with pcapng; spec:
// IETF draft-ietf-opsawg-pcapng). A file is a list of blocks, each
//
//   block type (u32) | block total length (u32) | body … | block total length again (u32)
//
// with every field in the byte order of the Section Header Block's magic (we write little-endian)
// and every body padded to 4 bytes. We write the three blocks a capture needs:
//   SHB (0x0A0D0D0A) the section header: byte-order magic 0x1A2B3C4D, version 1.0, length unknown (-1)
//   IDB (0x00000001) one per interface: its LINKTYPE_*, snap length, if_name, if_tsresol
//   EPB (0x00000006) one per packet: interface index, 64-bit timestamp, captured and original
//                    length, the bytes, and epb_flags (the direction) when known
// Options are (code u16, length u16, value padded to 4) lists ended by opt_endofopt (0, 0).

/** Link-layer header types (tcpdump.org/linktypes.html) this machine writes. */
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_USER0 = 147;
export const LINKTYPE_NETLINK = 253;

const SHB_TYPE = 0x0a0d0d0a;
const IDB_TYPE = 0x00000001;
const EPB_TYPE = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const EPB_FLAGS = 2;

/** epb_flags bits 0-1: the packet's direction. */
export const PCAPNG_DIR_INBOUND = 1;
export const PCAPNG_DIR_OUTBOUND = 2;

export interface PcapngInterface {
  linktype: number;
  name: string;
  description?: string;
  /** Longest packet kept; 0 means no limit. */
  snaplen?: number;
}

export interface PcapngPacket {
  /** Index of the interface in the order the interfaces were given. */
  iface: number;
  /** Nanoseconds since the epoch (every IDB says if_tsresol 9). */
  tsNs: bigint;
  data: Uint8Array;
  /** Length on the wire when `data` was cut short; defaults to data.length. */
  origLen?: number;
  /** epb_flags, e.g. PCAPNG_DIR_INBOUND; omitted when 0. */
  flags?: number;
  comment?: string;
}

const utf8 = new TextEncoder();

const pad4 = (n: number) => (n + 3) & ~3;

interface Option {
  code: number;
  value: Uint8Array;
}

function optionsLength(opts: Option[]): number {
  if (opts.length === 0) return 0;
  return opts.reduce((n, o) => n + 4 + pad4(o.value.length), 4);
}

/** Grows a byte buffer as blocks are appended. */
class Out {
  buf = new Uint8Array(1 << 16);
  view = new DataView(this.buf.buffer);
  len = 0;

  reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buf.subarray(0, this.len));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }
  u16(v: number): void {
    this.view.setUint16(this.len, v, true);
    this.len += 2;
  }
  u32(v: number): void {
    this.view.setUint32(this.len, v >>> 0, true);
    this.len += 4;
  }
  bytes(b: Uint8Array): void {
    this.buf.set(b, this.len);
    this.len += b.length;
    this.len = pad4(this.len); // padding bytes are already zero: the buffer only grows
  }
  options(opts: Option[]): void {
    if (opts.length === 0) return;
    for (const o of opts) {
      this.u16(o.code);
      this.u16(o.value.length);
      this.bytes(o.value);
    }
    this.u16(OPT_ENDOFOPT);
    this.u16(0);
  }
  /** Start a block whose body (after type and length) is `body` bytes; returns its total length. */
  begin(type: number, body: number): number {
    const total = 12 + body;
    this.reserve(total);
    this.u32(type);
    this.u32(total);
    return total;
  }
}

function u32le(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
}

/** The whole file: one section, its interfaces, then its packets in the order given. */
export function writePcapng(interfaces: PcapngInterface[], packets: Iterable<PcapngPacket>, application = 'Ringside'): Uint8Array {
  const out = new Out();

  // Section Header Block.
  const shbOpts: Option[] = [{ code: SHB_USERAPPL, value: utf8.encode(application) }];
  let total = out.begin(SHB_TYPE, 16 + optionsLength(shbOpts));
  out.u32(BYTE_ORDER_MAGIC);
  out.u16(1); // major version
  out.u16(0); // minor version
  out.u32(0xffffffff); // section length: -1, not given
  out.u32(0xffffffff);
  out.options(shbOpts);
  out.u32(total);

  // Interface Description Blocks: timestamps in nanoseconds (if_tsresol 9 = 10^-9 s).
  for (const i of interfaces) {
    const opts: Option[] = [{ code: IF_NAME, value: utf8.encode(i.name) }];
    if (i.description) opts.push({ code: IF_DESCRIPTION, value: utf8.encode(i.description) });
    opts.push({ code: IF_TSRESOL, value: Uint8Array.of(9) });
    total = out.begin(IDB_TYPE, 8 + optionsLength(opts));
    out.u16(i.linktype);
    out.u16(0); // reserved
    out.u32(i.snaplen ?? 0);
    out.options(opts);
    out.u32(total);
  }

  // Enhanced Packet Blocks.
  for (const p of packets) {
    const opts: Option[] = [];
    if (p.flags) opts.push({ code: EPB_FLAGS, value: u32le(p.flags) });
    if (p.comment) opts.push({ code: OPT_COMMENT, value: utf8.encode(p.comment) });
    total = out.begin(EPB_TYPE, 20 + pad4(p.data.length) + optionsLength(opts));
    out.u32(p.iface);
    out.u32(Number(p.tsNs >> 32n));
    out.u32(Number(p.tsNs & 0xffffffffn));
    out.u32(p.data.length);
    out.u32(p.origLen ?? p.data.length);
    out.bytes(p.data);
    out.options(opts);
    out.u32(total);
  }
  return out.buf.slice(0, out.len);
}
