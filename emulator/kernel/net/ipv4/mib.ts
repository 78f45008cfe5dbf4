// The SNMP MIB counters (include/uapi/linux/snmp.h; net/ipv4/proc.c prints them in /proc/net/snmp).
// Each line of that file is a header of names and a line of values; the names here are in the
// order Linux prints them, and a counter nothing updates stays 0 as it does on a quiet Linux.

export const IP_MIB = [
  'Forwarding', 'DefaultTTL', 'InReceives', 'InHdrErrors', 'InAddrErrors', 'ForwDatagrams', 'InUnknownProtos',
  'InDiscards', 'InDelivers', 'OutRequests', 'OutDiscards', 'OutNoRoutes', 'ReasmTimeout', 'ReasmReqds', 'ReasmOKs',
  'ReasmFails', 'FragOKs', 'FragFails', 'FragCreates', 'OutTransmits',
] as const;

export const ICMP_MIB = [
  'InMsgs', 'InErrors', 'InCsumErrors', 'InDestUnreachs', 'InTimeExcds', 'InParmProbs', 'InSrcQuenchs', 'InRedirects',
  'InEchos', 'InEchoReps', 'InTimestamps', 'InTimestampReps', 'InAddrMasks', 'InAddrMaskReps', 'OutMsgs', 'OutErrors',
  'OutRateLimitGlobal', 'OutRateLimitHost', 'OutDestUnreachs', 'OutTimeExcds', 'OutParmProbs', 'OutSrcQuenchs',
  'OutRedirects', 'OutEchos', 'OutEchoReps', 'OutTimestamps', 'OutTimestampReps', 'OutAddrMasks', 'OutAddrMaskReps',
] as const;

export const TCP_MIB = [
  'RtoAlgorithm', 'RtoMin', 'RtoMax', 'MaxConn', 'ActiveOpens', 'PassiveOpens', 'AttemptFails', 'EstabResets',
  'CurrEstab', 'InSegs', 'OutSegs', 'RetransSegs', 'InErrs', 'OutRsts', 'InCsumErrors',
] as const;

export const UDP_MIB = [
  'InDatagrams', 'NoPorts', 'InErrors', 'OutDatagrams', 'RcvbufErrors', 'SndbufErrors', 'InCsumErrors', 'IgnoredMulti',
  'MemErrors',
] as const;

/** The TcpExt counters we keep (netstat -s shows them; /proc/net/netstat). */
export const TCPEXT_MIB = ['ListenOverflows', 'ListenDrops'] as const;

type Counters<N extends readonly string[]> = Record<N[number], number>;

export interface Mib {
  ip: Counters<typeof IP_MIB>;
  icmp: Counters<typeof ICMP_MIB>;
  /** IcmpMsg: per-type counts, "InType3" → n. */
  icmpmsg: Map<string, number>;
  tcp: Counters<typeof TCP_MIB>;
  udp: Counters<typeof UDP_MIB>;
  udplite: Counters<typeof UDP_MIB>;
  tcpext: Counters<typeof TCPEXT_MIB>;
  ip6: { InReceives: number; InDelivers: number; OutRequests: number; InNoRoutes: number; OutNoRoutes: number };
  icmp6: { InMsgs: number; OutMsgs: number; InDestUnreachs: number; OutDestUnreachs: number };
  udp6: Counters<typeof UDP_MIB>;
}

function zero<N extends readonly string[]>(names: N): Counters<N> {
  return Object.fromEntries(names.map((n) => [n, 0])) as Counters<N>;
}

export function new_mib(): Mib {
  const ip = zero(IP_MIB);
  // Forwarding: 2 means "not a router" (net.ipv4.ip_forward = 0); DefaultTTL is ip_default_ttl.
  ip.Forwarding = 2;
  ip.DefaultTTL = 64;
  const tcp = zero(TCP_MIB);
  // RFC 2012's constants: the RTO algorithm (1, "other": Linux's own), its bounds in ms, and -1
  // for "no fixed limit on connections".
  tcp.RtoAlgorithm = 1;
  tcp.RtoMin = 200;
  tcp.RtoMax = 120000;
  tcp.MaxConn = -1;
  return {
    ip, icmp: zero(ICMP_MIB), icmpmsg: new Map(), tcp, udp: zero(UDP_MIB), udplite: zero(UDP_MIB), tcpext: zero(TCPEXT_MIB),
    ip6: { InReceives: 0, InDelivers: 0, OutRequests: 0, InNoRoutes: 0, OutNoRoutes: 0 },
    icmp6: { InMsgs: 0, OutMsgs: 0, InDestUnreachs: 0, OutDestUnreachs: 0 },
    udp6: zero(UDP_MIB),
  };
}

function pair(prefix: string, names: readonly string[], values: Record<string, number>): string {
  return `${prefix}: ${names.join(' ')}\n${prefix}: ${names.map((n) => values[n]).join(' ')}\n`;
}

/** /proc/net/snmp (snmp_seq_show). */
export function snmp_seq_show(mib: Mib, currEstab: number): string {
  let out = pair('Ip', IP_MIB, mib.ip) + pair('Icmp', ICMP_MIB, mib.icmp);
  // IcmpMsg lists only the types seen, In before Out, by type number; nothing at all if none.
  const types = [...mib.icmpmsg.keys()].sort((a, b) => {
    const dir = (s: string) => (s.startsWith('In') ? 0 : 1);
    return dir(a) - dir(b) || Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, ''));
  });
  if (types.length) out += `IcmpMsg: ${types.join(' ')}\nIcmpMsg: ${types.map((k) => mib.icmpmsg.get(k)).join(' ')}\n`;
  out += pair('Tcp', TCP_MIB, { ...mib.tcp, CurrEstab: currEstab });
  out += pair('Udp', UDP_MIB, mib.udp) + pair('UdpLite', UDP_MIB, mib.udplite);
  return out;
}

export function icmpmsg_inc(mib: Mib, dir: 'In' | 'Out', type: number): void {
  const k = `${dir}Type${type}`;
  mib.icmpmsg.set(k, (mib.icmpmsg.get(k) ?? 0) + 1);
}
