// UNIX_DIAG messages byte for byte (net/unix/diag.c sk_diag_fill): a listener with a client waiting
// in its accept queue, and a connected pair, caught while the machine runs.

import { describe, expect, it } from 'vitest';
import { NlBuilder } from '../../../../../emulator/uapi/netlink';
import { unix_net, type UnixSock } from '../../../../../emulator/kernel/net/unix/af_unix';
import { sk_diag_fill, unix_sk_state } from '../../../../../emulator/kernel/net/unix/diag';
import { sock_gen_cookie } from '../../../../../emulator/kernel/net/core/sock_diag';
import { Machine } from '../../../../../emulator/machine/machine';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const le32 = (n: number) => hex(Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24));

/** Run until the console shows `marker`; the sockets the command made are still open then. */
function machineAt(command: string, marker: string): Machine {
  const m = new Machine({ init: ['/sbin/init', '-c', command] });
  let out = '';
  m.onConsoleOutput((b) => (out += Buffer.from(b).toString()));
  m.boot();
  for (let i = 0; i < 500 && !out.includes(marker); i++) m.run(20);
  expect(out).toContain(marker);
  return m;
}

/** The kernel's dev_t (MKDEV: major << 20 | minor) of a user-encoded one. */
const kdev = (d: number) => ((((d >>> 8) & 0xfff) << 20) | (d & 0xff) | ((d >>> 12) & 0xfff00)) >>> 0;

const ALL = { states: 0xffffffff, ino: 0, show: 0x7f, cookie: [0xffffffff, 0xffffffff] as [number, number] };

describe('unix_diag', () => {
  const m = machineAt(
    // The listener never accepts: the second client's connection stays in its queue. A socketpair-like
    // connected pair comes from the first nc -lU and its client.
    'nc -lU /tmp/a & sleep 0.1; (sleep 9 | nc -U /tmp/a &); sleep 0.1; ' +
      'socat -u ABSTRACT-LISTEN:q,fork OPEN:/dev/null & sleep 0.1; echo ready; read x',
    'ready',
  );
  const socks = [...unix_net(m.kernel).all];
  const byName = (name: string, state: number) => socks.find((u) => u.addr && Buffer.from(u.addr.subarray(2)).toString().replace(/\0+$/, '') === name && unix_sk_state(u) === state)!;

  it('a listener: name, VFS, empty ICONS, RQLEN as queued/backlog, shutdown, uid', () => {
    const lis = byName('/tmp/a', 10);
    expect(lis).toBeTruthy();
    const b = new NlBuilder();
    sk_diag_fill(m.kernel, b, lis, ALL, 4242, 123456, 2, lis.ino);
    const msg = b.bytes();
    const cookie = sock_gen_cookie(m.kernel, lis);
    const name = Buffer.from('/tmp/a\0');
    expect(hex(msg)).toBe(
      // nlmsghdr: length, SOCK_DIAG_BY_FAMILY (20), NLM_F_MULTI, seq, port
      le32(msg.length) + '1400' + '0200' + le32(123456) + le32(4242) +
        // unix_diag_msg: AF_UNIX, SOCK_STREAM, TCP_LISTEN, pad, inode, cookie
        '01' + '01' + '0a' + '00' + le32(lis.ino) + le32(Number(cookie)) + le32(0) +
        // UNIX_DIAG_NAME: "/tmp/a\0" (7 bytes, padded to 8)
        '0b00' + '0000' + hex(name) + '00' +
        // UNIX_DIAG_VFS: the socket file's inode and its filesystem's device
        '0c00' + '0100' + le32(lis.pathInode!.ino) + le32(kdev(lis.pathInode!.sb.dev)) +
        // UNIX_DIAG_ICONS: nobody waiting
        '0400' + '0300' +
        // UNIX_DIAG_RQLEN: 0 waiting, backlog 5 (nc listens with 5)
        '0c00' + '0400' + le32(0) + le32(5) +
        // UNIX_DIAG_SHUTDOWN: 0
        '0500' + '0600' + '00000000' +
        // UNIX_DIAG_UID: root
        '0800' + '0700' + le32(0),
    );
  });

  it('a connected pair: each names the other as PEER; the accepted end carries the listener name', () => {
    const client = socks.find((u) => !u.addr && u.connected && u.peer?.addr && unix_sk_state(u) === 1 && u.type === 1 && Buffer.from(u.peer.addr).includes(Buffer.from('/tmp/a')))!;
    expect(client).toBeTruthy();
    const server = client.peer as UnixSock;
    const show = { ...ALL, show: 0x04 | 0x01 }; // PEER | NAME
    const b = new NlBuilder();
    sk_diag_fill(m.kernel, b, client, show, 1, 1, 0, client.ino);
    // No name (unbound), the peer's inode, the shutdown byte.
    expect(hex(b.bytes().subarray(32))).toBe('0800' + '0200' + le32(server.ino) + '0500' + '0600' + '00000000');
    const b2 = new NlBuilder();
    sk_diag_fill(m.kernel, b2, server, show, 1, 1, 0, server.ino);
    expect(hex(b2.bytes().subarray(32))).toBe('0b00' + '0000' + hex(Buffer.from('/tmp/a\0')) + '00' + '0800' + '0200' + le32(client.ino) + '0500' + '0600' + '00000000');
  });

  it('an abstract name keeps its leading NUL; cookies stay the same for a socket', () => {
    const abs = byName('\0q', 10);
    expect(abs).toBeTruthy();
    const b = new NlBuilder();
    sk_diag_fill(m.kernel, b, abs, { ...ALL, show: 0x01 }, 1, 1, 0, abs.ino);
    expect(hex(b.bytes().subarray(32, 40))).toBe('0600' + '0000' + '0071' + '0000');
    expect(sock_gen_cookie(m.kernel, abs)).toBe(sock_gen_cookie(m.kernel, abs));
    expect(sock_gen_cookie(m.kernel, abs)).not.toBe(sock_gen_cookie(m.kernel, socks[0]!));
  });
});
