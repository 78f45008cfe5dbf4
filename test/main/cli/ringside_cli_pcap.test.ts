// `ringside run --pcap FILE`: the capture file the CLI writes, read back by tshark (Debian's, where
// installed) as the independent reader, with the expected packet count and protocols.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, parseRunArgs } from '../../../main/cli/ringside_cli';

const hasTshark = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (s: string | Uint8Array) => out.push(typeof s === 'string' ? s : Buffer.from(s).toString()), isTTY: false },
      stderr: { write: (s: string) => err.push(s) },
    },
  };
}

describe('ringside run --pcap', () => {
  it('parses --pcap FILE and --pcap=FILE; a missing file name is a usage error', async () => {
    expect(parseRunArgs(['--pcap', 'x.pcapng', 'true']).pcap).toBe('x.pcapng');
    expect(parseRunArgs(['--pcap=y.pcapng', 'true']).pcap).toBe('y.pcapng');
    expect(parseRunArgs(['true']).pcap).toBe(null);
    const t = io();
    expect(await main(['run', '--pcap'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/^ringside: option '--pcap' requires an argument\nUsage: ringside run .*\[--pcap FILE\]/);
  });

  it('writes a pcapng of the Netlink and Unix socket traffic that tshark reads back', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ringside-')), 'c.pcapng');
    const t = io();
    // ss asks NETLINK_SOCK_DIAG for the listener (one request, one answer, NLMSG_DONE), then nc talks.
    const cmd = '(echo pong | nc -N -lU /tmp/s > /tmp/got) & sleep 0.1; ss -xl > /dev/null; echo ping | nc -U /tmp/s; wait; cat /tmp/got';
    expect(await main(['run', '--pcap', file, '--', cmd], t.io)).toBe(0);
    expect(t.out.join('')).toBe('pong\nping\n');
    const bytes = readFileSync(file);
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    if (!hasTshark) return;
    const rows = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.interface_name', '-e', 'frame.protocols', '-e', 'data.data'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter((l) => l);
    expect(rows.slice(0, 3).map((r) => r.split('\t').slice(0, 2).join(' '))).toEqual([
      'nlmon0 netlink:netlink-sock_diag', // the dump request (to the kernel)
      'nlmon0 netlink:netlink-sock_diag', // the listener's SOCK_DIAG_BY_FAMILY message
      'nlmon0 netlink:data', // NLMSG_DONE
    ]);
    // One buffer each way: the header (type 1, length 16, two inodes, a pid), then the text.
    const unix = rows.slice(3);
    expect(unix.length).toBe(2);
    const payloads = unix.map((r) => {
      const [iface, protos, data] = r.split('\t');
      expect(iface).toBe('unix');
      expect(protos).toBe('user_dlt:data');
      expect(data!.slice(0, 8)).toBe('00010010');
      return Buffer.from(data!.slice(32), 'hex').toString();
    });
    expect(payloads.sort()).toEqual(['ping\n', 'pong\n']);
  });

  it('captures a TCP conversation over lo once per packet, as Ethernet frames tshark decodes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ringside-')), 'tcp.pcapng');
    const t = io();
    const cmd = 'socat TCP-LISTEN:8080,reuseaddr EXEC:"tr a-z A-Z" & sleep 0.1; echo hello | socat - TCP:127.0.0.1:8080';
    expect(await main(['run', '--pcap', file, '--', cmd], t.io)).toBe(0);
    expect(t.out.join('')).toBe('HELLO\n');
    if (!hasTshark) return;
    const rows = execFileSync('tshark', ['-r', file, '-Y', 'tcp', '-T', 'fields', '-e', 'frame.interface_name', '-e', 'frame.protocols', '-e', 'eth.src', '-e', 'tcp.flags.str', '-e', 'tcp.srcport', '-e', 'tcp.dstport', '-e', 'tcp.len', '-e', 'tcp.payload'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter((l) => l)
      .map((l) => l.split('\t'));
    for (const r of rows) expect(r.slice(0, 3)).toEqual(['lo', 'eth:ethertype:ip:tcp', '00:00:00:00:00:00']);
    const flags = (r: string[]) => r[3]!.replace(/·/g, '');
    const client = rows[0]![4]!;
    // The handshake, each segment once (lo's outgoing copy is not kept).
    expect(rows.slice(0, 3).map((r) => `${flags(r)} ${r[4]}>${r[5]}`)).toEqual([`S ${client}>8080`, `AS 8080>${client}`, `A ${client}>8080`]);
    // The data both ways, and a FIN from each side.
    const data = rows.filter((r) => r[6] !== '0').map((r) => `${r[4]}>${r[5]} ${Buffer.from(r[7]!, 'hex').toString()}`);
    expect(data).toEqual([`${client}>8080 hello\n`, `8080>${client} HELLO\n`]);
    expect(rows.filter((r) => flags(r).includes('F')).map((r) => r[4])).toEqual([client, '8080']);
  });

  it('nc over TCP: nine segments, as Linux sends them on lo for a one-line exchange', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ringside-')), 'nc.pcapng');
    const t = io();
    expect(await main(['run', '--pcap', file, '--', 'nc -l 7000 > /tmp/o & sleep 0.1; echo via-nc | nc -N 127.0.0.1 7000; wait; cat /tmp/o'], t.io)).toBe(0);
    expect(t.out.join('')).toBe('via-nc\n');
    if (!hasTshark) return;
    const rows = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.protocols', '-e', 'tcp.flags.str', '-e', 'tcp.dstport', '-e', 'tcp.payload'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter((l) => l)
      .map((l) => l.split('\t'));
    expect(rows.every((r) => r[0] === 'eth:ethertype:ip:tcp')).toBe(true);
    // The handshake, the line and its ACK, then each side's FIN and its ACK.
    expect(rows.map((r) => `${r[1]!.replace(/·/g, '')}${r[2] === '7000' ? '>' : '<'}`)).toEqual(['S>', 'AS<', 'A>', 'AP>', 'A<', 'AF>', 'A<', 'AF<', 'A>']);
    expect(Buffer.from(rows[3]![3]!, 'hex').toString()).toBe('via-nc\n');
  });
});
