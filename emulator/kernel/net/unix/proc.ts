// /proc/net/unix (af_unix.c: unix_seq_show): one line per Unix socket of the machine.
//
//   Num       RefCount Protocol Flags    Type St Inode Path
//   00000000e6e084d9: 00000002 00000000 00010000 0001 01 14122 /tmp/demo/x.sock
//
// Num is the socket's kernel address as %pK prints it: hashed, so it identifies a socket without
// revealing where it lives; here a hash of the socket's number with a key chosen at boot. RefCount
// is derived from what holds the socket (its file and its peer) rather than counted.

import { SS_CONNECTED, SS_CONNECTING, SS_UNCONNECTED } from '../../../uapi/socket';
import type { Kernel } from '../../kernel';
import { unix_net, type UnixSock } from './af_unix';

/** __SO_ACCEPTCON: the Flags bit of a listening socket. */
const SO_ACCEPTCON = 1 << 16;

const hex = (n: number, width: number) => (n >>> 0).toString(16).toUpperCase().padStart(width, '0');

function state(u: UnixSock): number {
  if (u.sock) return u.connected ? SS_CONNECTED : SS_UNCONNECTED;
  // An embryo waiting in a listener's queue has no struct socket yet.
  return SS_CONNECTING;
}

function path(u: UnixSock): string {
  if (!u.addr || u.addr.length <= 2) return '';
  const name = u.addr.subarray(2);
  if (name[0] === 0) return ' ' + Array.from(name, (b) => (b === 0 ? '@' : String.fromCharCode(b))).join('');
  const end = name.indexOf(0);
  return ' ' + String.fromCharCode(...(end < 0 ? name : name.subarray(0, end)));
}

export function unix_seq_show(k: Kernel): string {
  const net = unix_net(k);
  let out = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
  for (const u of net.all) {
    const refs = 2 + (u.peer && u.connected ? 1 : 0);
    const num = net.hashedAddress(u);
    out += `${num}: ${hex(refs, 8)} 00000000 ${hex(u.listening ? SO_ACCEPTCON : 0, 8)} ${hex(u.type, 4)} ${hex(state(u), 2)} ${String(u.ino).padStart(5)}${path(u)}\n`;
  }
  return out;
}
