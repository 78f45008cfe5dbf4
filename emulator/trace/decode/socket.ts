// The socket calls as strace prints them:
//
//   socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3
//   accept(3, {sa_family=AF_UNIX}, [110 => 2]) = 5
//   recvfrom(7, "first", 5, 0, {sa_family=AF_UNIX, sun_path="/tmp/d1"}, [110 => 17]) = 5
//   getsockopt(3, SOL_SOCKET, SO_PEERCRED, {pid=17167, uid=0, gid=0}, [12]) = 0
//   sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="F", iov_len=1}], msg_iovlen=1,
//           msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[9]}],
//           msg_controllen=24, msg_flags=0}, 0) = 1
//
// An address length the kernel updates prints as `[in => out]`: the value going in is captured when
// the call is entered (ArgSpec.capture), since by the exit the kernel has overwritten it.

import * as S from '../../uapi/socket';
import * as IN from '../../uapi/in';
import * as TCP from '../../uapi/tcp';
import { errnoName } from '../../uapi/errno';
import { arrayLimit, formatList } from './arrays';
import { outArg, pure, type ArgContext, type ArgDecoder, type ArgSpec } from './context';
import { enumMap, formatEnum, formatFlags, type FlagTable } from './flags';
import { hex, int32, succeeded } from './numbers';
import { readMem, readStruct } from './requests';
import { sockaddrArg } from './sockaddr';
import { formatBuffer } from './strings';
import type { Decode } from './types';

const FAMILY = enumMap([
  [S.AF_UNSPEC, 'AF_UNSPEC'], [S.AF_UNIX, 'AF_UNIX'], [S.AF_INET, 'AF_INET'], [S.AF_INET6, 'AF_INET6'],
  [S.AF_NETLINK, 'AF_NETLINK'], [17, 'AF_PACKET'],
]);
const TYPE = enumMap([
  [S.SOCK_STREAM, 'SOCK_STREAM'], [S.SOCK_DGRAM, 'SOCK_DGRAM'], [S.SOCK_RAW, 'SOCK_RAW'], [S.SOCK_RDM, 'SOCK_RDM'],
  [S.SOCK_SEQPACKET, 'SOCK_SEQPACKET'], [S.SOCK_PACKET, 'SOCK_PACKET'],
]);
const IPPROTO = enumMap([[0, 'IPPROTO_IP'], [1, 'IPPROTO_ICMP'], [6, 'IPPROTO_TCP'], [17, 'IPPROTO_UDP'], [58, 'IPPROTO_ICMPV6'], [255, 'IPPROTO_RAW']]);
const NETLINK = enumMap([
  [0, 'NETLINK_ROUTE'], [4, 'NETLINK_SOCK_DIAG'], [9, 'NETLINK_AUDIT'], [15, 'NETLINK_KOBJECT_UEVENT'], [16, 'NETLINK_GENERIC'],
]);
const MSG_FLAGS: FlagTable = [
  [S.MSG_OOB, 'MSG_OOB'], [S.MSG_PEEK, 'MSG_PEEK'], [S.MSG_DONTROUTE, 'MSG_DONTROUTE'], [S.MSG_CTRUNC, 'MSG_CTRUNC'],
  [0x10, 'MSG_PROBE'], [S.MSG_TRUNC, 'MSG_TRUNC'], [S.MSG_DONTWAIT, 'MSG_DONTWAIT'], [S.MSG_EOR, 'MSG_EOR'],
  [S.MSG_WAITALL, 'MSG_WAITALL'], [0x200, 'MSG_FIN'], [0x400, 'MSG_SYN'], [0x800, 'MSG_CONFIRM'], [0x1000, 'MSG_RST'],
  [0x2000, 'MSG_ERRQUEUE'], [S.MSG_NOSIGNAL, 'MSG_NOSIGNAL'], [0x8000, 'MSG_MORE'], [0x10000, 'MSG_WAITFORONE'],
  [0x20000000, 'MSG_FASTOPEN'], [S.MSG_CMSG_CLOEXEC, 'MSG_CMSG_CLOEXEC'],
];
const SHUT = enumMap([[S.SHUT_RD, 'SHUT_RD'], [S.SHUT_WR, 'SHUT_WR'], [S.SHUT_RDWR, 'SHUT_RDWR']]);
const LEVEL = enumMap([[0, 'SOL_IP'], [S.SOL_SOCKET, 'SOL_SOCKET'], [6, 'SOL_TCP'], [17, 'SOL_UDP'], [41, 'SOL_IPV6'], [270, 'SOL_NETLINK']]);
/** SOL_SOCKET option names; 20/21 are the time-val-32/64 "_OLD" options that libcs still use on x86-64. */
const SO = enumMap([
  [S.SO_DEBUG, 'SO_DEBUG'], [S.SO_REUSEADDR, 'SO_REUSEADDR'], [S.SO_TYPE, 'SO_TYPE'], [S.SO_ERROR, 'SO_ERROR'],
  [S.SO_DONTROUTE, 'SO_DONTROUTE'], [S.SO_BROADCAST, 'SO_BROADCAST'], [S.SO_SNDBUF, 'SO_SNDBUF'], [S.SO_RCVBUF, 'SO_RCVBUF'],
  [S.SO_KEEPALIVE, 'SO_KEEPALIVE'], [S.SO_OOBINLINE, 'SO_OOBINLINE'], [S.SO_LINGER, 'SO_LINGER'], [S.SO_REUSEPORT, 'SO_REUSEPORT'],
  [S.SO_PASSCRED, 'SO_PASSCRED'], [S.SO_PEERCRED, 'SO_PEERCRED'], [S.SO_RCVLOWAT, 'SO_RCVLOWAT'], [S.SO_SNDLOWAT, 'SO_SNDLOWAT'],
  [S.SO_RCVTIMEO, 'SO_RCVTIMEO_OLD'], [S.SO_SNDTIMEO, 'SO_SNDTIMEO_OLD'], [S.SO_ACCEPTCONN, 'SO_ACCEPTCONN'],
  [S.SO_SNDBUFFORCE, 'SO_SNDBUFFORCE'], [S.SO_RCVBUFFORCE, 'SO_RCVBUFFORCE'], [S.SO_PROTOCOL, 'SO_PROTOCOL'], [S.SO_DOMAIN, 'SO_DOMAIN'],
]);
/** Options whose value is an int (printed `[1]`). */
const INT_OPTIONS = new Set([
  S.SO_DEBUG, S.SO_REUSEADDR, S.SO_TYPE, S.SO_ERROR, S.SO_DONTROUTE, S.SO_BROADCAST, S.SO_SNDBUF, S.SO_RCVBUF, S.SO_KEEPALIVE,
  S.SO_OOBINLINE, S.SO_REUSEPORT, S.SO_PASSCRED, S.SO_RCVLOWAT, S.SO_SNDLOWAT, S.SO_ACCEPTCONN, S.SO_SNDBUFFORCE, S.SO_RCVBUFFORCE,
  S.SO_PROTOCOL, S.SO_DOMAIN,
]);
const SCM = enumMap([[S.SCM_RIGHTS, 'SCM_RIGHTS'], [S.SCM_CREDENTIALS, 'SCM_CREDENTIALS']]);
/** Option names at the IP, TCP and IPv6 levels (strace's sockipoptions, socktcpoptions, sockipv6options). */
const IP_OPTS = enumMap([
  [IN.IP_TOS, 'IP_TOS'], [IN.IP_TTL, 'IP_TTL'], [IN.IP_HDRINCL, 'IP_HDRINCL'], [IN.IP_OPTIONS, 'IP_OPTIONS'],
  [IN.IP_PKTINFO, 'IP_PKTINFO'], [IN.IP_MTU_DISCOVER, 'IP_MTU_DISCOVER'], [IN.IP_RECVERR, 'IP_RECVERR'],
  [IN.IP_RECVTTL, 'IP_RECVTTL'], [IN.IP_RECVTOS, 'IP_RECVTOS'], [IN.IP_MTU, 'IP_MTU'], [IN.IP_FREEBIND, 'IP_FREEBIND'],
]);
const TCP_OPTS = enumMap([
  [TCP.TCP_NODELAY, 'TCP_NODELAY'], [TCP.TCP_MAXSEG, 'TCP_MAXSEG'], [TCP.TCP_CORK, 'TCP_CORK'], [TCP.TCP_KEEPIDLE, 'TCP_KEEPIDLE'],
  [TCP.TCP_KEEPINTVL, 'TCP_KEEPINTVL'], [TCP.TCP_KEEPCNT, 'TCP_KEEPCNT'], [TCP.TCP_SYNCNT, 'TCP_SYNCNT'], [TCP.TCP_LINGER2, 'TCP_LINGER2'],
  [TCP.TCP_DEFER_ACCEPT, 'TCP_DEFER_ACCEPT'], [TCP.TCP_WINDOW_CLAMP, 'TCP_WINDOW_CLAMP'], [TCP.TCP_INFO, 'TCP_INFO'],
  [TCP.TCP_QUICKACK, 'TCP_QUICKACK'], [TCP.TCP_CONGESTION, 'TCP_CONGESTION'],
]);
const IPV6_OPTS = enumMap([
  [IN.IPV6_UNICAST_HOPS, 'IPV6_UNICAST_HOPS'], [IN.IPV6_MTU_DISCOVER, 'IPV6_MTU_DISCOVER'], [IN.IPV6_MTU, 'IPV6_MTU'],
  [IN.IPV6_RECVERR, 'IPV6_RECVERR'], [IN.IPV6_V6ONLY, 'IPV6_V6ONLY'], [IN.IPV6_TCLASS, 'IPV6_TCLASS'],
]);
const OPTS_BY_LEVEL = new Map([[IN.SOL_IP, { names: IP_OPTS, prefix: 'IP_' }], [IN.SOL_TCP, { names: TCP_OPTS, prefix: 'TCP_' }],
  [IN.SOL_IPV6, { names: IPV6_OPTS, prefix: 'IPV6_' }]]);
/** Options at those levels whose value is an int. */
const INT_LEVEL_OPTIONS = new Map<number, Set<number>>([
  [IN.SOL_IP, new Set([IN.IP_TOS, IN.IP_TTL, IN.IP_HDRINCL, IN.IP_MTU_DISCOVER, IN.IP_RECVERR, IN.IP_RECVTTL, IN.IP_RECVTOS, IN.IP_MTU, IN.IP_FREEBIND])],
  [IN.SOL_TCP, new Set([TCP.TCP_NODELAY, TCP.TCP_MAXSEG, TCP.TCP_CORK, TCP.TCP_KEEPIDLE, TCP.TCP_KEEPINTVL, TCP.TCP_KEEPCNT, TCP.TCP_SYNCNT,
    TCP.TCP_LINGER2, TCP.TCP_DEFER_ACCEPT, TCP.TCP_WINDOW_CLAMP, TCP.TCP_QUICKACK])],
  [IN.SOL_IPV6, new Set([IN.IPV6_UNICAST_HOPS, IN.IPV6_MTU_DISCOVER, IN.IPV6_MTU, IN.IPV6_RECVERR, IN.IPV6_V6ONLY, IN.IPV6_TCLASS])],
]);

export const socketFamilyArg = pure((a) => formatEnum(int32(a.value) >>> 0, FAMILY, 'AF_'));

export const socketTypeArg = pure((a) => {
  const v = a.value >>> 0;
  const base = formatEnum(v & S.SOCK_TYPE_MASK, TYPE, 'SOCK_');
  const known = S.SOCK_CLOEXEC | S.SOCK_NONBLOCK;
  const named = formatFlags(v & known, [[S.SOCK_CLOEXEC, 'SOCK_CLOEXEC'], [S.SOCK_NONBLOCK, 'SOCK_NONBLOCK']], '');
  const unknown = v & ~S.SOCK_TYPE_MASK & ~known;
  return [base, named, unknown ? `${hex(unknown)} /* SOCK_??? */` : ''].filter(Boolean).join('|');
});

/** The protocol means something only within its family. */
export const socketProtocolArg = pure((a) => {
  const family = int32(a.call.args[0]!), p = int32(a.value);
  if (family === S.AF_INET || family === S.AF_INET6) return formatEnum(p >>> 0, IPPROTO, 'IPPROTO_');
  if (family === S.AF_NETLINK) return formatEnum(p >>> 0, NETLINK, 'NETLINK_');
  return String(p);
});

export const acceptFlagsArg = pure((a) => formatFlags(a.value, [[S.SOCK_CLOEXEC, 'SOCK_CLOEXEC'], [S.SOCK_NONBLOCK, 'SOCK_NONBLOCK']]));
export const msgFlagsArg = pure((a) => formatFlags(a.value, MSG_FLAGS));
export const shutdownHowArg = pure((a) => formatEnum(int32(a.value) >>> 0, SHUT, 'SHUT_'));
export const sockoptLevelArg = pure((a) => formatEnum(int32(a.value) >>> 0, LEVEL, 'SOL_'));
export const sockoptNameArg = pure((a) => {
  const level = int32(a.call.args[1]!);
  if (level === S.SOL_SOCKET) return formatEnum(int32(a.value) >>> 0, SO, 'SO_');
  const l = OPTS_BY_LEVEL.get(level);
  return l ? formatEnum(int32(a.value) >>> 0, l.names, l.prefix) : String(int32(a.value));
});

/** A socklen_t the caller sets and the kernel updates: `[110 => 19]`, or `[110]` when unchanged or failed. */
export const socklenInOutSpec: ArgSpec = {
  phase: 'exit',
  capture: function* (a) {
    if (a.value === 0) return null;
    const f = yield* readStruct(a.value, 4);
    return f ? f.s32(0) : null;
  },
  decode: function* (a) {
    if (a.value === 0) return 'NULL';
    const before = a.saved;
    const f = succeeded(a.call.ret) ? yield* readStruct(a.value, 4) : null;
    const after = f ? f.s32(0) : null;
    if (before === null || before === undefined) return after === null ? hex(a.value) : `[${after}]`;
    return after === null || after === before ? `[${before}]` : `[${before} => ${after}]`;
  },
};

/** An address the kernel writes (accept, getsockname, recvfrom): decoded with the length it reported. */
export const sockaddrOutSpec: ArgSpec = outArg(function* (a: ArgContext) {
  const lenPtr = a.call.args[a.index! + 1]!;
  const f = lenPtr ? yield* readStruct(lenPtr, 4) : null;
  return yield* sockaddrArg({ ...a, length: f ? f.s32(0) : 0 });
});

/** recvfrom's address is only filled in when the call succeeds and the caller asked. */
export const recvfromAddrSpec: ArgSpec = {
  phase: 'exit',
  decode: function* (a) {
    if (a.value === 0) return 'NULL';
    return yield* sockaddrOutSpec.decode(a);
  },
};

// ---- socket options ----------------------------------------------------------------------------

function* formatOptval(a: ArgContext, len: number): Decode {
  if (a.value === 0) return 'NULL';
  const level = int32(a.call.args[1]!), name = int32(a.call.args[2]!);
  if (level === S.SOL_SOCKET && INT_OPTIONS.has(name) && len >= 4) {
    const f = yield* readStruct(a.value, 4);
    if (!f) return hex(a.value);
    // SO_ERROR's value is an errno, printed by name.
    if (name === S.SO_ERROR && f.s32(0) > 0) return `[${errnoName(f.s32(0)) ?? f.s32(0)}]`;
    return `[${f.s32(0)}]`;
  }
  if (INT_LEVEL_OPTIONS.get(level)?.has(name) && len >= 4) {
    const f = yield* readStruct(a.value, 4);
    return f ? `[${f.s32(0)}]` : hex(a.value);
  }
  if (level === S.SOL_SOCKET && name === S.SO_PEERCRED && len >= S.UCRED_SIZE) {
    const f = yield* readStruct(a.value, S.UCRED_SIZE);
    return f ? `{pid=${f.s32(0)}, uid=${f.u32(4)}, gid=${f.u32(8)}}` : hex(a.value);
  }
  return yield* formatBuffer(a.value, len, a.opts);
}

export const setsockoptValArg: ArgDecoder = (a) => formatOptval(a, int32(a.call.args[4]!));

export const getsockoptValSpec: ArgSpec = outArg(function* (a: ArgContext) {
  const f = yield* readStruct(a.call.args[4]!, 4);
  return yield* formatOptval(a, f ? f.s32(0) : 0);
});

// ---- sendmsg / recvmsg ---------------------------------------------------------------------------

/** The control messages: SCM_RIGHTS as a list of descriptors, SCM_CREDENTIALS as the ucred. */
function* formatCmsgs(addr: number, len: number): Decode {
  const b = yield* readMem(addr, Math.min(len, 4096));
  if (!b) return hex(addr);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const items: string[] = [];
  for (let off = 0; off + 16 <= b.length; ) {
    const clen = Number(v.getBigUint64(off, true));
    const level = v.getInt32(off + 8, true), type = v.getInt32(off + 12, true);
    if (clen < 16) break;
    const dataEnd = Math.min(off + clen, b.length);
    let text = `{cmsg_len=${clen}, cmsg_level=${formatEnum(level >>> 0, LEVEL, 'SOL_')}, cmsg_type=`;
    if (level === S.SOL_SOCKET && type === S.SCM_RIGHTS) {
      const fds: number[] = [];
      for (let p = off + 16; p + 4 <= dataEnd; p += 4) fds.push(v.getInt32(p, true));
      text += `SCM_RIGHTS, cmsg_data=[${fds.join(', ')}]}`;
    } else if (level === S.SOL_SOCKET && type === S.SCM_CREDENTIALS && dataEnd - off >= 28) {
      text += `SCM_CREDENTIALS, cmsg_data={pid=${v.getInt32(off + 16, true)}, uid=${v.getUint32(off + 20, true)}, gid=${v.getUint32(off + 24, true)}}}`;
    } else {
      text += level === S.SOL_SOCKET ? formatEnum(type >>> 0, SCM, 'SCM_') : String(type);
      text += '}';
    }
    items.push(text);
    off += S.CMSG_ALIGN(clen);
  }
  return `[${items.join(', ')}]`;
}

/**
 * struct msghdr. `filled` is how many bytes of data to show across the iovecs (sendmsg: all of
 * them; recvmsg: what the call returned); `exit` says the kernel has written the header back.
 */
function* formatMsghdr(a: ArgContext, filled: number, exit: boolean): Decode {
  const f = yield* readStruct(a.value, S.MSGHDR_SIZE);
  if (!f) return hex(a.value);
  const name = Number(f.u64(S.MSGHDR.name));
  const namelen = f.s32(S.MSGHDR.namelen);
  const iov = Number(f.u64(S.MSGHDR.iov));
  const iovlen = Number(f.u64(S.MSGHDR.iovlen));
  const control = Number(f.u64(S.MSGHDR.control));
  const controllen = Number(f.u64(S.MSGHDR.controllen));
  let out = '{msg_name=';
  out += name === 0 || namelen === 0 ? (name === 0 ? 'NULL' : hex(name)) : yield* sockaddrArg({ ...a, value: name, length: namelen });
  const before = a.saved;
  out += `, msg_namelen=${exit && typeof before === 'number' && before !== namelen ? `${before} => ${namelen}` : namelen}`;
  // The iovecs, with the data they carry.
  const shown = Math.min(iovlen, arrayLimit(a.opts), 1024);
  const vec = iov && shown ? yield* readStruct(iov, shown * 16) : null;
  if (iov === 0) out += ', msg_iov=NULL';
  else if (!vec) out += `, msg_iov=${hex(iov)}`;
  else {
    const items: string[] = [];
    let left = filled;
    for (let k = 0; k < shown; k++) {
      const base = Number(vec.u64(k * 16)), len = Number(vec.u64(k * 16 + 8));
      const n = Math.max(0, Math.min(len, left));
      left -= n;
      items.push(`{iov_base=${yield* formatBuffer(base, n, a.opts)}, iov_len=${len}}`);
    }
    out += `, msg_iov=${formatList(items, iovlen > shown)}`;
  }
  out += `, msg_iovlen=${iovlen}`;
  if (control !== 0 && controllen > 0) out += `, msg_control=${yield* formatCmsgs(control, controllen)}`;
  out += `, msg_controllen=${controllen}, msg_flags=${formatFlags(f.s32(S.MSGHDR.flags), MSG_FLAGS)}}`;
  return out;
}

/** sendmsg's message, at entry: all the data it sends. */
export const msghdrInArg: ArgDecoder = function* (a) {
  if (a.value === 0) return 'NULL';
  const f = yield* readStruct(a.value, S.MSGHDR_SIZE);
  if (!f) return hex(a.value);
  const iov = Number(f.u64(S.MSGHDR.iov)), iovlen = Math.min(Number(f.u64(S.MSGHDR.iovlen)), 1024);
  const vec = iov && iovlen ? yield* readStruct(iov, iovlen * 16) : null;
  let total = 0;
  for (let k = 0; vec && k < iovlen; k++) total += Number(vec.u64(k * 16 + 8));
  return yield* formatMsghdr(a, total, false);
};

/** recvmsg's message, at exit: the received data and what the kernel wrote into the header. */
export const msghdrOutSpec: ArgSpec = {
  ...outArg(function* (a: ArgContext) {
    return yield* formatMsghdr(a, a.call.ret ?? 0, true);
  }),
  capture: function* (a) {
    const f = a.value ? yield* readStruct(a.value, S.MSGHDR_SIZE) : null;
    return f ? f.s32(S.MSGHDR.namelen) : null;
  },
};
