// How the object graph describes one socket, family by family — as `ss` and /proc/net/* do, each
// family its own way (af_unix's unix_diag, inet_diag, netlink_diag). A family adds itself with one
// entry in SOCK_DESCRIBERS: a function from the struct socket to a node kind, a label, details, the
// inode of a connected peer (for the peer edge) and any groups it is a member of (Netlink multicast).
// Reads only; nothing here changes a socket.

import type { GraphDetailValue, GraphNodeKind } from '../api/graph';
import type { Socket } from '../kernel/net/socket';
import type { UnixSock } from '../kernel/net/unix/af_unix';
import type { NetlinkSock } from '../kernel/net/netlink/af_netlink';
import { inet_net, type InetSock } from '../kernel/net/ipv4/inet_sock';
import { addr_text } from '../kernel/net/ipv4/net_trace';
import { AF_INET, AF_INET6, AF_NETLINK, AF_UNIX, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM } from '../uapi/socket';
import { IPPROTO_UDP } from '../uapi/in';
import { TCP_ESTABLISHED, TCP_LISTEN } from '../uapi/tcp';
import { NETLINK_GENERIC, NETLINK_KOBJECT_UEVENT, NETLINK_ROUTE, NETLINK_SOCK_DIAG } from '../uapi/netlink';

export type SockDetails = Record<string, GraphDetailValue>;

/** A group a socket belongs to, drawn as a node of its own ("netlink-group"). */
export interface SockGroup {
  /** Stable id, e.g. "nlgroup:0:1" (protocol, group number). */
  id: string;
  kind: GraphNodeKind;
  label: string;
  details: SockDetails;
}

export interface SockDescription {
  kind: GraphNodeKind;
  /** "unix stream /tmp/s", "netlink route 1234". */
  label: string;
  details: SockDetails;
  /** The socket inode of the other end of a connection, if there is one. */
  peerIno?: number;
  groups?: SockGroup[];
}

export type SockDescriber = (sock: Socket) => SockDescription;

const TYPE_NAMES: Record<number, string> = { [SOCK_STREAM]: 'stream', [SOCK_DGRAM]: 'dgram', [SOCK_SEQPACKET]: 'seqpacket' };
const typeName = (type: number) => TYPE_NAMES[type] ?? `type ${type}`;

/** A sockaddr_un's name as ss prints it: the path, or "@name" for an abstract one (NULs as '@'). */
export function unix_addr_name(addr: Uint8Array | null): string {
  if (!addr || addr.length <= 2) return '';
  const name = addr.subarray(2);
  if (name[0] === 0) return Array.from(name, (b) => (b === 0 ? '@' : String.fromCharCode(b))).join('');
  const end = name.indexOf(0);
  return String.fromCharCode(...(end < 0 ? name : name.subarray(0, end)));
}

/** AF_UNIX: stream/dgram/seqpacket, listening or connected, a path or @abstract name. */
function describe_unix(sock: Socket): SockDescription {
  const u = sock.sk as UnixSock;
  const name = unix_addr_name(u.addr);
  // ss's states for Unix sockets: LISTEN, ESTAB (connected), UNCONN.
  const state = u.listening ? 'LISTEN' : u.peer && (u.connected || sock.type === SOCK_DGRAM) ? 'ESTAB' : 'UNCONN';
  const details: SockDetails = { family: 'AF_UNIX', type: typeName(sock.type), state, inode: u.ino };
  if (name) details.name = name;
  if (u.peer) {
    const peerName = unix_addr_name(u.peer.addr);
    if (peerName) details.peer = peerName;
  }
  details['recv-q'] = u.queued;
  details['send-q'] = u.wmem;
  if (u.listening) details.backlog = `${u.acceptq.length}/${u.backlog}`;
  const label = `unix ${typeName(sock.type)}${name ? ' ' + name : ''}${u.listening ? ' (listen)' : ''}`;
  const desc: SockDescription = { kind: 'unix', label, details };
  if (u.peer && u.peer.ino !== 0) desc.peerIno = u.peer.ino;
  return desc;
}

const NETLINK_NAMES: Record<number, string> = {
  [NETLINK_ROUTE]: 'route',
  [NETLINK_SOCK_DIAG]: 'sock_diag',
  [NETLINK_KOBJECT_UEVENT]: 'kobject_uevent',
  [NETLINK_GENERIC]: 'generic',
};
const netlinkName = (protocol: number) => NETLINK_NAMES[protocol] ?? `proto ${protocol}`;

/** The best-known groups' names (rtnetlink.h's RTNLGRP_*, the uevent socket's kernel/udev groups). */
const GROUP_NAMES: Record<number, Record<number, string>> = {
  [NETLINK_ROUTE]: { 1: 'link', 3: 'neigh', 5: 'ipv4-ifaddr', 7: 'ipv4-route', 9: 'ipv6-ifaddr', 11: 'ipv6-route' },
  [NETLINK_KOBJECT_UEVENT]: { 1: 'kernel', 2: 'udev' },
};

/** AF_NETLINK: the protocol and port id, and a node per multicast group it joined. */
function describe_netlink(sock: Socket): SockDescription {
  const nl = sock.sk as NetlinkSock;
  const proto = netlinkName(nl.protocol);
  const groups = [...nl.groups].sort((a, b) => a - b);
  const details: SockDetails = { family: 'AF_NETLINK', protocol: proto, portid: nl.portid, 'recv-q': nl.rmem, drops: nl.drops };
  if (groups.length > 0) details.groups = groups.join(',');
  return {
    kind: 'netlink',
    label: `netlink ${proto} ${nl.portid}`,
    details,
    groups: groups.map((g) => ({
      id: `nlgroup:${nl.protocol}:${g}`,
      kind: 'netlink-group',
      label: `${proto} group ${g}${GROUP_NAMES[nl.protocol]?.[g] ? ` (${GROUP_NAMES[nl.protocol]![g]})` : ''}`,
      details: { protocol: proto, group: g },
    })),
  };
}

/** ss's names of the TCP states (tcp_states.h order, from TCP_ESTABLISHED = 1). */
const TCP_STATE_NAMES = ['', 'ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'];

/** An endpoint as ss prints it: 127.0.0.1:5000, [::1]:5000 (addresses are kept v4-mapped for AF_INET). */
function inet_endpoint(sk: InetSock, addr: Uint8Array, port: number): string {
  return sk.family === AF_INET ? `${addr_text(addr, 12, false)}:${port}` : `[${addr_text(addr, 0, true)}]:${port}`;
}

const sameAddr = (a: Uint8Array, b: Uint8Array) => a.every((x, i) => x === b[i]);

/**
 * AF_INET/AF_INET6: TCP or UDP, its state and endpoints. Over loopback both ends of a connection
 * are in this machine, so the peer is the socket whose four-tuple is ours reversed (as the
 * ehash lookup of a segment's receiver finds it).
 */
function describe_inet(sock: Socket): SockDescription {
  const sk = sock.sk as InetSock;
  const udp = sk.protocol === IPPROTO_UDP;
  const state = udp ? (sk.state === TCP_ESTABLISHED ? 'ESTAB' : 'UNCONN') : (TCP_STATE_NAMES[sk.state] ?? String(sk.state));
  const local = inet_endpoint(sk, sk.saddr, sk.sport);
  const details: SockDetails = { family: sk.family === AF_INET ? 'AF_INET' : 'AF_INET6', state, local };
  if (sk.dport) details.remote = inet_endpoint(sk, sk.daddr, sk.dport);
  // UDP keeps whole datagrams (sk_rmem_alloc counts their bytes); TCP a byte stream each way.
  details['recv-q'] = udp ? sk.rmem : sk.rcvq.length;
  if (!udp) details['send-q'] = sk.writeq.length;
  if (sk.state === TCP_LISTEN) details.backlog = `${sk.acceptq.length}/${sk.backlog}`;
  const kind = udp ? 'udp' : 'tcp';
  const label = `${kind} ${local}${sk.state === TCP_LISTEN ? ' (listen)' : sk.dport ? ` → ${details.remote as string}` : ''}`;
  const desc: SockDescription = { kind, label, details };
  if (sk.dport) {
    for (const o of inet_net(sock.kernel).all) {
      if (o === sk || o.protocol !== sk.protocol || o.sport !== sk.dport || o.dport !== sk.sport || !o.sock) continue;
      if (sameAddr(o.saddr, sk.daddr) && sameAddr(o.daddr, sk.saddr)) {
        desc.peerIno = o.sock.inode.ino;
        break;
      }
    }
  }
  return desc;
}

/** The describer for each address family; a family not here is drawn as a plain "socket". */
export const SOCK_DESCRIBERS = new Map<number, SockDescriber>([
  [AF_UNIX, describe_unix],
  [AF_NETLINK, describe_netlink],
  [AF_INET, describe_inet],
  [AF_INET6, describe_inet],
]);

export function describe_sock(sock: Socket): SockDescription {
  const describe = SOCK_DESCRIBERS.get(sock.family);
  if (describe && sock.sk) return describe(sock);
  return {
    kind: 'socket',
    label: `socket family ${sock.family} ${typeName(sock.type)}`,
    details: { family: sock.family, type: typeName(sock.type), protocol: sock.protocol, inode: sock.inode.ino },
  };
}
