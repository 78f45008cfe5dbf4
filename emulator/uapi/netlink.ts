// Netlink (include/uapi/linux/netlink.h): the message header every Netlink message starts with,
// its flags and control types, the socket options at SOL_NETLINK, and the attribute (TLV) format
// the payloads are made of. The kernel and the libc both build and read messages with the small
// codec at the end of this file, so there is one definition of the byte layout.
//
//   struct nlmsghdr { u32 nlmsg_len; u16 nlmsg_type; u16 nlmsg_flags; u32 nlmsg_seq; u32 nlmsg_pid; }
//   struct nlattr   { u16 nla_len;   u16 nla_type; }            then the value, padded to 4 bytes

/** Netlink protocols (the third argument of socket(AF_NETLINK, …)). */
export const NETLINK_ROUTE = 0, NETLINK_UNUSED = 1, NETLINK_USERSOCK = 2, NETLINK_FIREWALL = 3, NETLINK_SOCK_DIAG = 4;
export const NETLINK_NFLOG = 5, NETLINK_XFRM = 6, NETLINK_SELINUX = 7, NETLINK_ISCSI = 8, NETLINK_AUDIT = 9;
export const NETLINK_FIB_LOOKUP = 10, NETLINK_CONNECTOR = 11, NETLINK_NETFILTER = 12, NETLINK_IP6_FW = 13;
export const NETLINK_DNRTMSG = 14, NETLINK_KOBJECT_UEVENT = 15, NETLINK_GENERIC = 16, NETLINK_SCSITRANSPORT = 18;
export const NETLINK_ECRYPTFS = 19, NETLINK_RDMA = 20, NETLINK_CRYPTO = 21, NETLINK_SMC = 22;
export const MAX_LINKS = 32;

/** nlmsg_flags. */
export const NLM_F_REQUEST = 0x01, NLM_F_MULTI = 0x02, NLM_F_ACK = 0x04, NLM_F_ECHO = 0x08;
export const NLM_F_DUMP_INTR = 0x10, NLM_F_DUMP_FILTERED = 0x20;
/** Modifiers to GET requests. */
export const NLM_F_ROOT = 0x100, NLM_F_MATCH = 0x200, NLM_F_ATOMIC = 0x400, NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
/** Modifiers to NEW requests. */
export const NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400, NLM_F_APPEND = 0x800;
/** Modifiers to DELETE requests. */
export const NLM_F_NONREC = 0x100, NLM_F_BULK = 0x200;
/** Flags of an NLMSG_ERROR acknowledgement. */
export const NLM_F_CAPPED = 0x100, NLM_F_ACK_TLVS = 0x200;

/** Control message types; the protocols' own types start at NLMSG_MIN_TYPE. */
export const NLMSG_NOOP = 1, NLMSG_ERROR = 2, NLMSG_DONE = 3, NLMSG_OVERRUN = 4, NLMSG_MIN_TYPE = 0x10;

/** struct nlmsghdr offsets and size. */
export const NLMSGHDR = { len: 0, type: 4, flags: 6, seq: 8, pid: 12 } as const;
export const NLMSG_HDRLEN = 16;
/** struct nlmsgerr: the error, then the header of the request it answers. */
export const NLMSGERR_SIZE = 4 + NLMSG_HDRLEN;
/** Attributes after an extended acknowledgement (enum nlmsgerr_attrs). */
export const NLMSGERR_ATTR_UNUSED = 0, NLMSGERR_ATTR_MSG = 1, NLMSGERR_ATTR_OFFS = 2, NLMSGERR_ATTR_COOKIE = 3;

/** Options at level SOL_NETLINK. */
export const SOL_NETLINK = 270;
export const NETLINK_ADD_MEMBERSHIP = 1, NETLINK_DROP_MEMBERSHIP = 2, NETLINK_PKTINFO = 3, NETLINK_BROADCAST_ERROR = 4;
export const NETLINK_NO_ENOBUFS = 5, NETLINK_RX_RING = 6, NETLINK_TX_RING = 7, NETLINK_LISTEN_ALL_NSID = 8;
export const NETLINK_LIST_MEMBERSHIPS = 9, NETLINK_CAP_ACK = 10, NETLINK_EXT_ACK = 11, NETLINK_GET_STRICT_CHK = 12;

/** struct sockaddr_nl is 12 bytes (family, pad, nl_pid, nl_groups); see SOCKADDR_NL in socket.ts. */
export const SOCKADDR_NL_SIZE = 12;

/** struct nlattr. */
export const NLA_HDRLEN = 4;
export const NLA_F_NESTED = 0x8000, NLA_F_NET_BYTEORDER = 0x4000, NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

export const NLMSG_ALIGN = (n: number): number => (n + 3) & ~3;
export const NLA_ALIGN = NLMSG_ALIGN;

// ---- the codec: building and reading messages ---------------------------------------------------

const te = new TextEncoder();

/**
 * A growing buffer of Netlink messages (an sk_buff being filled): nlmsg_put opens a message,
 * the put* calls append its payload, nest_start/nest_end bracket nested attributes, and
 * nlmsg_end writes the message's length into its header.
 */
export class NlBuilder {
  buf = new Uint8Array(256);
  len = 0;
  private msgStart = -1;

  private reserve(n: number): number {
    const at = this.len;
    if (at + n > this.buf.length) {
      const b = new Uint8Array(Math.max(this.buf.length * 2, at + n));
      b.set(this.buf.subarray(0, this.len));
      this.buf = b;
    }
    this.buf.fill(0, at, at + n);
    this.len = at + n;
    return at;
  }

  private view(): DataView {
    return new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** nlmsg_put: a header with a length filled in by nlmsg_end. Returns the header's offset. */
  nlmsg_put(type: number, flags: number, seq: number, pid: number): number {
    this.len = NLMSG_ALIGN(this.len);
    const at = this.reserve(NLMSG_HDRLEN);
    const v = this.view();
    v.setUint16(at + NLMSGHDR.type, type, true);
    v.setUint16(at + NLMSGHDR.flags, flags, true);
    v.setUint32(at + NLMSGHDR.seq, seq >>> 0, true);
    v.setUint32(at + NLMSGHDR.pid, pid >>> 0, true);
    this.msgStart = at;
    return at;
  }

  /** nlmsg_end: the current message's length (aligned, as Linux pads each message). */
  nlmsg_end(): void {
    this.len = NLMSG_ALIGN(this.len);
    this.view().setUint32(this.msgStart + NLMSGHDR.len, this.len - this.msgStart, true);
  }

  /** Raw bytes (a fixed header such as struct ifinfomsg), padded to 4. */
  put(bytes: Uint8Array): void {
    const at = this.reserve(NLA_ALIGN(bytes.length));
    this.buf.set(bytes, at);
  }

  /** nla_put: one attribute. */
  nla_put(type: number, value: Uint8Array): void {
    const at = this.reserve(NLA_ALIGN(NLA_HDRLEN + value.length));
    const v = this.view();
    v.setUint16(at, NLA_HDRLEN + value.length, true);
    v.setUint16(at + 2, type, true);
    this.buf.set(value, at + NLA_HDRLEN);
  }

  nla_put_u8(type: number, x: number): void {
    this.nla_put(type, Uint8Array.of(x));
  }
  nla_put_u16(type: number, x: number): void {
    this.nla_put(type, Uint8Array.of(x & 0xff, (x >> 8) & 0xff));
  }
  nla_put_u32(type: number, x: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, x >>> 0, true);
    this.nla_put(type, b);
  }
  nla_put_u64(type: number, x: number | bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(x), true);
    this.nla_put(type, b);
  }
  /** nla_put_string: the text with its NUL. */
  nla_put_string(type: number, s: string): void {
    const t = te.encode(s);
    const b = new Uint8Array(t.length + 1);
    b.set(t);
    this.nla_put(type, b);
  }

  /**
   * nla_nest_start_noflag (or, with `flagged`, nla_nest_start, which marks it NLA_F_NESTED): an
   * attribute whose value is more attributes; returns its offset for nest_end.
   */
  nest_start(type: number, flagged = false): number {
    const at = this.reserve(NLA_HDRLEN);
    this.view().setUint16(at + 2, type | (flagged ? NLA_F_NESTED : 0), true);
    return at;
  }
  nest_end(at: number): void {
    this.view().setUint16(at, this.len - at, true);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** One message as read from a buffer: its header fields and its payload (after the header). */
export interface NlMsg {
  len: number;
  type: number;
  flags: number;
  seq: number;
  pid: number;
  /** The whole message, header included. */
  raw: Uint8Array;
  payload: Uint8Array;
}

/**
 * The messages in a buffer, as NLMSG_OK/NLMSG_NEXT walk them: stops at the first header that does
 * not fit (nlmsg_len < 16 or past the end).
 */
export function nlmsg_parse_all(buf: Uint8Array): NlMsg[] {
  const out: NlMsg[] = [];
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let off = 0;
  while (off + NLMSG_HDRLEN <= buf.length) {
    const len = v.getUint32(off, true);
    if (len < NLMSG_HDRLEN || len > buf.length - off) break;
    out.push({
      len,
      type: v.getUint16(off + NLMSGHDR.type, true),
      flags: v.getUint16(off + NLMSGHDR.flags, true),
      seq: v.getUint32(off + NLMSGHDR.seq, true),
      pid: v.getUint32(off + NLMSGHDR.pid, true),
      raw: buf.subarray(off, off + len),
      payload: buf.subarray(off + NLMSG_HDRLEN, off + len),
    });
    off += NLMSG_ALIGN(len);
  }
  return out;
}

/** Attributes by type (the last of each type wins, as nla_parse fills its table), NLA_F_* masked off. */
export type NlAttrs = Map<number, Uint8Array>;

/** nla_parse: the attributes in `buf` (a truncated trailing attribute is ignored). */
export function nla_parse(buf: Uint8Array): NlAttrs {
  const out: NlAttrs = new Map();
  let off = 0;
  while (off + NLA_HDRLEN <= buf.length) {
    const len = buf[off]! | (buf[off + 1]! << 8);
    const type = (buf[off + 2]! | (buf[off + 3]! << 8)) & NLA_TYPE_MASK;
    if (len < NLA_HDRLEN || off + len > buf.length) break;
    out.set(type, buf.subarray(off + NLA_HDRLEN, off + len));
    off += NLA_ALIGN(len);
  }
  return out;
}

/** The attributes in order, repeats kept (for nested lists such as CTRL_ATTR_OPS). */
export function nla_list(buf: Uint8Array): { type: number; value: Uint8Array }[] {
  const out: { type: number; value: Uint8Array }[] = [];
  let off = 0;
  while (off + NLA_HDRLEN <= buf.length) {
    const len = buf[off]! | (buf[off + 1]! << 8);
    if (len < NLA_HDRLEN || off + len > buf.length) break;
    out.push({ type: (buf[off + 2]! | (buf[off + 3]! << 8)) & NLA_TYPE_MASK, value: buf.subarray(off + NLA_HDRLEN, off + len) });
    off += NLA_ALIGN(len);
  }
  return out;
}

const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
export const nla_get_u8 = (b: Uint8Array): number => b[0] ?? 0;
export const nla_get_u16 = (b: Uint8Array): number => (b.length >= 2 ? dv(b).getUint16(0, true) : 0);
export const nla_get_u32 = (b: Uint8Array): number => (b.length >= 4 ? dv(b).getUint32(0, true) : 0);
export const nla_get_u64 = (b: Uint8Array): bigint => (b.length >= 8 ? dv(b).getBigUint64(0, true) : 0n);
/** A string attribute up to its first NUL. */
export function nla_get_string(b: Uint8Array): string {
  const z = b.indexOf(0);
  return new TextDecoder().decode(z < 0 ? b : b.subarray(0, z));
}
