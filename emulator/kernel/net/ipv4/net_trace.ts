// The machine trace's view of a packet: one 'net' event per packet handed to a device, described
// from its bytes (addresses, ports, TCP flags, payload length). Built only while the trace is on.

import { IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_TCP, IPPROTO_UDP, in6_ntop } from '../../../uapi/in';
import type { NetDevice } from '../core/dev';
import type { InetNet } from './inet_sock';

const TCP_FLAG_NAMES: [number, string][] = [[0x02, 'SYN'], [0x01, 'FIN'], [0x04, 'RST'], [0x08, 'PSH'], [0x10, 'ACK'], [0x20, 'URG']];

/** Text of an address in a packet: dotted quad, or RFC 5952 IPv6 (inside brackets when a port follows). */
export function addr_text(b: Uint8Array, off: number, v6: boolean): string {
  if (!v6) return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
  return in6_ntop(b, off);
}

export function trace_net_packet(inet: InetNet, dev: NetDevice, buf: Uint8Array, hlen: number, protocol: number, v6: boolean): void {
  const kernel = inet.kernel;
  const t = inet.current;
  if (!kernel.trace.enabled || !t) return;
  const src = addr_text(buf, v6 ? 8 : 12, v6), dst = addr_text(buf, v6 ? 24 : 16, v6);
  const withPort = (a: string, port: number) => (v6 ? `[${a}]:${port}` : `${a}:${port}`);
  const port = (o: number) => (buf[hlen + o]! << 8) | buf[hlen + o + 1]!;
  let proto = 'IP', flags = '', len = buf.length - hlen, s = src, d = dst;
  if (protocol === IPPROTO_TCP) {
    proto = 'TCP';
    const f = buf[hlen + 13]!;
    flags = TCP_FLAG_NAMES.filter(([bit]) => f & bit).map(([, n]) => n).join(',');
    len -= (buf[hlen + 12]! >>> 4) * 4;
    s = withPort(src, port(0));
    d = withPort(dst, port(2));
  } else if (protocol === IPPROTO_UDP) {
    proto = 'UDP';
    len -= 8;
    s = withPort(src, port(0));
    d = withPort(dst, port(2));
  } else if (protocol === IPPROTO_ICMP || protocol === IPPROTO_ICMPV6) {
    proto = protocol === IPPROTO_ICMP ? 'ICMP' : 'ICMPv6';
  }
  kernel.traceEvent(t, { kind: 'net', dev: dev.name, proto, src: s, dst: d, flags, len });
}
