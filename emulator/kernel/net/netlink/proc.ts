// /proc/net/netlink (af_netlink.c: netlink_seq_show): one line per bound Netlink socket, protocol
// by protocol, the kernel's own socket (port 0) first.
//
//   sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode
//   0000000073446259 0   0          00000000 0        0        0     2        0        739603
//
// sk is the socket's address as %pK prints it (hashed, see NetlinkState.hashedAddress); Groups is
// the mask of the first 32 groups; Locks is the reference count, 2 for a socket with its file as
// on Linux. An unbound socket has no port and is not listed (it is not in the hash table).

import type { Kernel } from '../../kernel';
import { netlink_state } from './af_netlink';

export function netlink_seq_show(k: Kernel): string {
  const s = netlink_state(k);
  let out = 'sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n';
  for (const table of s.tables) {
    for (const nlk of table.socks.values()) {
      let groups = 0;
      for (const g of nlk.groups) if (g <= 32) groups |= 1 << (g - 1);
      const cols = [
        s.hashedAddress(nlk),
        String(table.protocol).padEnd(3),
        String(nlk.portid >>> 0).padEnd(10),
        (groups >>> 0).toString(16).padStart(8, '0'),
        String(nlk.rmem).padEnd(8),
        '0'.padEnd(8),
        String(nlk.cb ? 1 : 0).padEnd(5),
        '2'.padEnd(8),
        String(nlk.drops).padEnd(8),
        String(nlk.sock.inode.ino).padEnd(8),
      ];
      out += cols.join(' ') + '\n';
    }
  }
  return out;
}
