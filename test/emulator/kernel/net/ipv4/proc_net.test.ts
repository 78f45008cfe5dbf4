// /proc/net/{snmp,dev,udp,udp6,tcp6,sockstat} after some UDP traffic, in the formats of this host's
// files (header lines compared where the host has them), with counters that moved for real — a
// datagram to a port nobody holds makes an ICMP port unreachable, counted on both sides — and the
// packets as 'net' events in the machine trace.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../../../../machine';
import type { NetEvent } from '../../../../../emulator/trace/events';

const host = (name: string): string | null => (existsSync(`/proc/net/${name}`) ? readFileSync(`/proc/net/${name}`, 'utf8') : null);

describe('/proc/net tables', () => {
  const r = runInMachine(
    'nc -lu 5002 > /dev/null & sleep 0.1; echo x | nc -u -q 0 127.0.0.1 5002; echo y | nc -u -q 0 127.0.0.1 5999; sleep 0.1; ' +
      'for f in udp snmp dev sockstat tcp6 udp6; do echo "== $f"; cat /proc/net/$f; done; kill %1',
  );
  const sections = new Map<string, string>();
  for (const part of r.output.split('== ').slice(1)) {
    const nl = part.indexOf('\n');
    sections.set(part.slice(0, nl), part.slice(nl + 1));
  }

  it('boots and runs without kernel bugs', () => {
    expect(kernelBugs(r.machine)).toEqual([]);
  });

  it('prints /proc/net/snmp with the host kernel\'s names and real counts', () => {
    const snmp = sections.get('snmp')!;
    const lines = snmp.trimEnd().split('\n');
    const theirs = host('snmp');
    if (theirs) {
      const names = (t: string) => t.split('\n').filter((l) => /^(Ip|Icmp|Tcp|Udp|UdpLite): [A-Z]/.test(l));
      expect(names(snmp)).toEqual(names(theirs));
    }
    const row = (prefix: string) => {
      const [head, vals] = lines.filter((l) => l.startsWith(`${prefix}: `));
      const n = head!.split(' ').slice(1), v = vals!.split(' ').slice(1).map(Number);
      return Object.fromEntries(n.map((k, i) => [k, v[i]]));
    };
    expect(row('Udp')).toMatchObject({ InDatagrams: 1, NoPorts: 1, OutDatagrams: 2 });
    expect(row('Icmp')).toMatchObject({ InMsgs: 1, InDestUnreachs: 1, OutMsgs: 1, OutDestUnreachs: 1 });
    expect(lines).toContain('IcmpMsg: InType3 OutType3');
    expect(row('Ip')).toMatchObject({ Forwarding: 2, DefaultTTL: 64, InReceives: 3, OutRequests: 3, InDelivers: 3 });
    expect(row('Tcp')).toMatchObject({ RtoAlgorithm: 1, RtoMin: 200, RtoMax: 120000, MaxConn: -1, ActiveOpens: 0 });
  });

  it('prints /proc/net/dev from lo\'s counters', () => {
    const dev = sections.get('dev')!.split('\n');
    const theirs = host('dev');
    if (theirs) expect(dev.slice(0, 2)).toEqual(theirs.split('\n').slice(0, 2));
    // Three packets each way through lo (two datagrams and the ICMP error), every one seen twice.
    expect(dev[2]).toMatch(/^ {4}lo: +\d+ +3 +0 +0 +0 +0 +0 +0 +\d+ +3 +0 +0 +0 +0 +0 +0$/);
  });

  it('prints /proc/net/udp with the bound listener, padded to 127 columns', () => {
    const udp = sections.get('udp')!.split('\n').filter(Boolean);
    const theirs = host('udp');
    if (theirs) expect(udp[0]).toBe(theirs.split('\n')[0]);
    expect(udp.every((l) => l.length === 127)).toBe(true);
    // The listener on 0.0.0.0:5002 (0x138A, bucket 0x8A) connected back to its first sender, which
    // also fixed its local address to the route's source (ip4_datagram_connect).
    expect(udp.slice(1)).toHaveLength(1);
    expect(udp[1]).toMatch(/^ {2}138: 0100007F:138A 0100007F:[0-9A-F]{4} 01 00000000:00000000 00:00000000 00000000 {5}0 {8}0 \d+ 2 [0-9a-f]{16} 0 +$/);
    expect(sections.get('udp6')).toMatch(/^ {2}sl {2}local_address {25}remote_address {24}st tx_queue rx_queue tr tm->when retrnsmt {3}uid {2}timeout inode ref pointer drops\n$/);
    expect(sections.get('tcp6')).toMatch(/^ {2}sl {2}local_address {25}remote_address {24}st tx_queue rx_queue tr tm->when retrnsmt {3}uid {2}timeout inode\n$/);
  });

  it('prints /proc/net/sockstat in its shape', () => {
    expect(sections.get('sockstat')).toMatch(
      /^sockets: used \d+\nTCP: inuse 0 orphan 0 tw 0 alloc 0 mem 0\nUDP: inuse 1 mem 0\nUDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n$/,
    );
  });

  it('records each packet on lo as a net event', () => {
    const net = r.machine.kernel.trace.since(0).filter((e): e is NetEvent => e.kind === 'net');
    expect(net.filter((e) => e.proto === 'UDP').map((e) => [e.dst, e.len])).toEqual([['127.0.0.1:5002', 2], ['127.0.0.1:5999', 2]]);
    expect(net.filter((e) => e.proto === 'ICMP').map((e) => [e.src, e.dst])).toEqual([['127.0.0.1', '127.0.0.1']]);
    expect(net.every((e) => e.dev === 'lo')).toBe(true);
  });
});
