// Socket addresses, spelled as the C that would build them:
// `{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}`,
// `{sa_family=AF_UNIX, sun_path="/run/sock"}` (abstract names as `@"name"`),
// `{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}`. The length is the argument after it.

import * as S from '../../uapi/socket';
import type { Decode } from './types';
import type { ArgDecoder } from './context';
import { hex } from './numbers';
import { quote } from './quote';
import { readMem } from './requests';
import { Fields } from './struct';
import { in6_ntop } from '../../uapi/in';

const FAMILIES: Record<number, string> = {
  [S.AF_UNSPEC]: 'AF_UNSPEC', [S.AF_UNIX]: 'AF_UNIX', [S.AF_INET]: 'AF_INET', [S.AF_INET6]: 'AF_INET6', [S.AF_NETLINK]: 'AF_NETLINK',
};

const be16 = (b: Uint8Array, off: number) => (b[off]! << 8) | b[off + 1]!;

/** IPv6 text form, as inet_ntop writes it for strace. */
const ipv6 = (b: Uint8Array): string => in6_ntop(b);

function formatFamily(f: Fields, len: number): string {
  const b = f.bytes;
  const family = f.u16(0);
  const name = `sa_family=${FAMILIES[family] ?? family}`;
  switch (family) {
    case S.AF_UNIX: {
      const path = b.subarray(S.SOCKADDR_UN.path, len);
      if (path.length === 0) return `{${name}}`;
      const abstract = path[0] === 0;
      const text = abstract ? path.subarray(1) : new Fields(path).cstr(0, path.length);
      return `{${name}, sun_path=${abstract ? '@' : ''}${quote(text, { xflag: 0 })}}`;
    }
    case S.AF_INET:
      // Shorter than a sockaddr_in: strace shows the bytes it has as sa_data.
      if (len < S.SOCKADDR_IN_SIZE) return `{${name}, sa_data=${quote(b.subarray(2, len), { xflag: 0 })}}`;
      return `{${name}, sin_port=htons(${be16(b, S.SOCKADDR_IN.port)}), sin_addr=inet_addr("${[...b.subarray(4, 8)].join('.')}")}`;
    case S.AF_INET6: {
      if (len < S.SOCKADDR_IN6_SIZE) return `{${name}, sa_data=${quote(b.subarray(2, len), { xflag: 0 })}}`;
      const flow = new DataView(b.buffer, b.byteOffset).getUint32(S.SOCKADDR_IN6.flowinfo);
      return `{${name}, sin6_port=htons(${be16(b, S.SOCKADDR_IN6.port)}), sin6_flowinfo=htonl(${flow}), inet_pton(AF_INET6, "${ipv6(b.subarray(8, 24))}", &sin6_addr), sin6_scope_id=${f.u32(S.SOCKADDR_IN6.scope_id)}}`;
    }
    case S.AF_NETLINK:
      return `{${name}, nl_pid=${f.u32(S.SOCKADDR_NL.pid)}, nl_groups=${f.u32(S.SOCKADDR_NL.groups).toString(16).padStart(8, '0')}}`;
    default:
      return `{${name}, sa_data=${quote(b.subarray(2, len), { xflag: 0 })}}`;
  }
}

/** The minimum length each family needs to be decoded. */
const MIN_LENGTH: Record<number, number> = {
  [S.AF_INET]: S.SOCKADDR_IN_SIZE - 8, [S.AF_NETLINK]: S.SOCKADDR_NL_SIZE,
};

export const sockaddrArg: ArgDecoder = function* (a): Decode {
  if (a.value === 0) return 'NULL';
  const len = Math.min(a.length ?? 0, 2 + S.UNIX_PATH_MAX);
  const b = len >= 2 ? yield* readMem(a.value, len) : null;
  if (!b) return hex(a.value);
  const f = new Fields(b);
  return len < (MIN_LENGTH[f.u16(0)] ?? 2) ? hex(a.value) : formatFamily(f, len);
};
