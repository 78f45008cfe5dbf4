// The capture's framing per interface, read back by tshark (Debian's, where installed) as the
// independent reader: lo as Ethernet with zero addresses (each packet once), nlmon0 as
// LINKTYPE_NETLINK with the cooked header, Unix data as LINKTYPE_USER0 with our header.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { net_capture_start } from '../../../../../emulator/kernel/net/capture/capture';
import { net_capture_emit, net_capture_enabled } from '../../../../../emulator/kernel/net/capture/tap';
import { dev_get_by_name, dev_queue_xmit } from '../../../../../emulator/kernel/net/core/dev';
import { init_net } from '../../../../../emulator/kernel/net/core/net_namespace';
import { Machine } from '../../../../../emulator/machine/machine';
import { LINKTYPE_ETHERNET, LINKTYPE_NETLINK, LINKTYPE_USER0, PCAPNG_DIR_INBOUND } from '../../../../../emulator/trace/pcapng';
import { kernelBugs } from '../../../../machine';

const hasTshark = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** tshark's fields for each frame of a pcapng file, tab-separated. */
function tshark(file: Uint8Array, fields: string[], filter = ''): string[] {
  const path = join(mkdtempSync(join(tmpdir(), 'ringside-pcap-')), 'c.pcapng');
  writeFileSync(path, file);
  const out = execFileSync('tshark', ['-r', path, ...(filter ? ['-Y', filter] : []), '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').filter((l) => l !== '');
}

/** A UDP datagram 127.0.0.1:40000 → 127.0.0.1:53 carrying "hi", with a correct header checksum. */
function udpPacket(): Uint8Array {
  const p = new Uint8Array(20 + 8 + 2);
  const v = new DataView(p.buffer);
  v.setUint8(0, 0x45);
  v.setUint16(2, p.length);
  v.setUint8(8, 64);
  v.setUint8(9, 17);
  p.set([127, 0, 0, 1], 12);
  p.set([127, 0, 0, 1], 16);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += v.getUint16(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  v.setUint16(10, ~sum & 0xffff);
  v.setUint16(20, 40000);
  v.setUint16(22, 53);
  v.setUint16(24, 10);
  p.set([0x68, 0x69], 28);
  return p;
}

function bootedMachine(command = 'true'): Machine {
  const m = new Machine({ init: ['/sbin/init', '-c', command] });
  m.boot();
  return m;
}

describe('net capture', () => {
  it('keeps a loopback packet once, as an Ethernet frame with zero addresses', () => {
    const m = bootedMachine();
    const lo = dev_get_by_name(init_net(m.kernel), 'lo')!;
    expect(net_capture_enabled(m.kernel)).toBe(false);
    const c = net_capture_start(m.kernel);
    expect(net_capture_enabled(m.kernel)).toBe(true);
    dev_queue_xmit({ data: udpPacket(), protocol: 0x0800, dev: lo });
    c.stop();
    dev_queue_xmit({ data: udpPacket(), protocol: 0x0800, dev: lo });
    expect(c.interfaces).toEqual([expect.objectContaining({ name: 'lo', linktype: LINKTYPE_ETHERNET })]);
    // Our datagram once (the stack may answer it: an ICMP port unreachable, also captured once).
    const udp = c.packets.filter((p) => p.data[14 + 9] === 17);
    expect(udp.length).toBe(1);
    const p = udp[0]!;
    expect(p.flags).toBe(PCAPNG_DIR_INBOUND);
    expect(Buffer.from(p.data.subarray(0, 14)).toString('hex')).toBe('0'.repeat(24) + '0800');
    expect(p.data.length).toBe(14 + 30);
    if (hasTshark) {
      expect(tshark(c.toPcapng(), ['frame.interface_name', 'frame.protocols', 'ip.src', 'udp.dstport', 'eth.src'], 'udp && !icmp')).toEqual([
        'lo\teth:ethertype:ip:udp:dns\t127.0.0.1\t53\t00:00:00:00:00:00',
      ]);
    }
  });

  it('frames Netlink messages with the cooked header nlmon and libpcap give them', () => {
    const m = bootedMachine();
    const c = net_capture_start(m.kernel);
    // An RTM_GETLINK dump request (nlmsghdr + ifinfomsg) going to the kernel's NETLINK_ROUTE socket.
    const msg = new Uint8Array(32);
    const v = new DataView(msg.buffer);
    v.setUint32(0, 32, true);
    v.setUint16(4, 18, true); // RTM_GETLINK
    v.setUint16(6, 0x301, true); // NLM_F_REQUEST | NLM_F_DUMP
    v.setUint32(8, 1, true);
    net_capture_emit(m.kernel, 'nlmon0', msg, { kind: 'netlink', protocol: 0, toKernel: true });
    net_capture_emit(m.kernel, 'nlmon0', msg, { kind: 'netlink', protocol: 15, toKernel: false });
    c.stop();
    expect(c.interfaces).toEqual([expect.objectContaining({ name: 'nlmon0', linktype: LINKTYPE_NETLINK })]);
    const head = (i: number) => Buffer.from(c.packets[i]!.data.subarray(0, 16)).toString('hex');
    // packet type PACKET_KERNEL (7) / PACKET_USER (6), ARPHRD_NETLINK (824), no address, the family.
    expect(head(0)).toBe('0007' + '0338' + '0000' + '0000000000000000' + '0000');
    expect(head(1)).toBe('0006' + '0338' + '0000' + '0000000000000000' + '000f');
    if (hasTshark) {
      const rows = tshark(c.toPcapng(), ['frame.interface_name', 'frame.protocols', 'netlink.family', 'netlink.hdr_len']);
      expect(rows[0]).toBe('nlmon0\tnetlink:netlink-route\t0x0000\t32');
      expect(rows[1]).toMatch(/^nlmon0\tnetlink\S*\t0x000f\t32$/);
    }
  });

  it('records Unix socket data from both ends of a connection with our USER0 header', () => {
    const m = new Machine({ init: ['/sbin/init', '-c', 'nc -lU /tmp/s > /tmp/got & sleep 0.1; echo hello | nc -N -U /tmp/s; wait; echo ok'] });
    const c = net_capture_start(m.kernel);
    let out = '';
    m.onConsoleOutput((b) => (out += Buffer.from(b).toString()));
    m.boot();
    for (let i = 0; i < 200 && m.run(200).state !== 'halted'; i++);
    c.stop();
    expect(out).toContain('ok');
    expect(kernelBugs(m)).toEqual([]);
    const unix = c.packets.filter((p) => c.interfaces[p.iface]!.linktype === LINKTYPE_USER0);
    const hello = unix.filter((p) => Buffer.from(p.data.subarray(16)).toString() === 'hello\n');
    expect(hello.length).toBe(1);
    const v = new DataView(hello[0]!.data.buffer, hello[0]!.data.byteOffset);
    expect(v.getUint16(0)).toBe(1); // SOCK_STREAM
    expect(v.getUint16(2)).toBe(16);
    expect(v.getUint32(4)).toBeGreaterThan(0); // the client's socket inode
    if (hasTshark) {
      const rows = tshark(c.toPcapng(), ['frame.interface_name', 'frame.len']);
      expect(rows).toContain('unix\t22');
    }
  });
});
