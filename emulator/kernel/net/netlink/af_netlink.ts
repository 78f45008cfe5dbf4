// Netlink sockets (net/netlink/af_netlink.c): datagram sockets between user space and the kernel,
// one "protocol" per kernel subsystem (NETLINK_ROUTE for interfaces/addresses/routes,
// NETLINK_KOBJECT_UEVENT for device events, NETLINK_GENERIC for families registered at run time …).
//
// Every socket of a protocol has a port id (nl_pid). The kernel's socket is port 0; a user socket
// gets one when it binds, or on its first send (autobind: the process id for the first socket of a
// process, then negative numbers). A message sent to port 0 goes to the kernel's `input` callback
// at once (in the sender's context, as Linux's netlink_unicast_kernel); what the kernel answers is
// queued on the sender's receive queue. Sockets may also join multicast groups (numbered from 1;
// bind(2)'s nl_groups is the legacy mask of the first 32) and then receive what the kernel
// broadcasts to them: link changes, new addresses, uevents.
//
// Requests are validated message by message as netlink_rcv_skb does: a header shorter than 16
// bytes or longer than what is left ends the batch silently; a message without NLM_F_REQUEST, or
// of a control type, is only acknowledged if asked; an error becomes an NLMSG_ERROR carrying -errno
// and the request's header (and its payload, unless NETLINK_CAP_ACK). A dump request (NLM_F_DUMP)
// starts a dump: the kernel fills one buffer now and the next each time the reader has drained
// half its receive buffer, then ends with NLMSG_DONE.
//
// Simplified: the receive buffer is charged with the bytes of each message rather than the sk_buff
// truesize (so more messages fit before ENOBUFS than on Linux); no mmap rings, no NETLINK_PKTINFO
// control message, one network namespace.

import {
  EADDRINUSE, EAGAIN, EBUSY, ECONNREFUSED, EFAULT, EINTR, EINVAL, EMSGSIZE, ENOBUFS, ENOPROTOOPT, EOPNOTSUPP, EPERM,
  EPROTONOSUPPORT, ESOCKTNOSUPPORT, ESRCH,
} from '../../../uapi/errno';
import { O_NONBLOCK } from '../../../uapi/fcntl';
import {
  MAX_LINKS, NETLINK_ADD_MEMBERSHIP, NETLINK_BROADCAST_ERROR, NETLINK_CAP_ACK, NETLINK_DROP_MEMBERSHIP, NETLINK_EXT_ACK,
  NETLINK_GET_STRICT_CHK, NETLINK_LIST_MEMBERSHIPS, NETLINK_NO_ENOBUFS, NETLINK_PKTINFO, NETLINK_USERSOCK,
  NLM_F_ACK, NLM_F_ACK_TLVS, NLM_F_CAPPED, NLM_F_MULTI, NLM_F_REQUEST, NLMSG_ALIGN, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN,
  NLMSG_MIN_TYPE, NLMSGERR_ATTR_MSG, NLMSGHDR, NlBuilder, SOCKADDR_NL_SIZE, SOL_NETLINK, type NlMsg,
} from '../../../uapi/netlink';
import { POLLERR, POLLIN, POLLOUT, POLLRDNORM, POLLWRBAND, POLLWRNORM } from '../../../uapi/poll';
import { AF_NETLINK, AF_UNSPEC, MSG_DONTWAIT, MSG_PEEK, MSG_TRUNC, SOCK_DGRAM, SOCK_RAW, SS_CONNECTED, SS_UNCONNECTED } from '../../../uapi/socket';
import type { Kernel } from '../../kernel';
import { poll_wait } from '../../fs/fs';
import { get_user_i32, put_user_i32, put_user_u32 } from '../../mm/uaccess';
import { sleepOn, sleepUntil } from '../../sched/wait';
import type { Task } from '../../sched/task';
import { WaitQueue } from '../../sched/waitqueue';
import { net_capture_emit } from '../capture/tap';
import { sock_alloc, sock_alloc_kern, type NetProtoFamily, type ProtoOps, type RecvMsg, type SendMsg, type Socket } from '../socket';
import { hashed_ptr } from '../../printk/hashed_ptr';

/** netlink_kernel_cfg->flags: what unprivileged sockets may do. */
export const NL_CFG_F_NONROOT_RECV = 1, NL_CFG_F_NONROOT_SEND = 2;
/** NLMSG_GOODSIZE: a page less the sk_buff overhead, the least a dump buffer holds. */
export const NLMSG_GOODSIZE = 3776;
/** SKB_WITH_OVERHEAD(32768): the most a dump buffer grows to, following the reader's recv size. */
const NLMSG_DUMP_MAX = 32448;

/** A message batch on its way to a socket (the sk_buff with its netlink_skb_parms). */
export interface NlSkb {
  data: Uint8Array;
  /** The sender's port id (0: the kernel). */
  portid: number;
  /** The group it was multicast to (0: unicast). */
  dst_group: number;
  /** The sending socket, for a message from user space. */
  sk: NetlinkSock | null;
  /** The sending task (a request's credentials are its), or null for the kernel. */
  task: Task | null;
}

/** struct netlink_ext_ack: the text an error carries back when the socket asked for extended acks. */
export interface ExtAck {
  msg: string | null;
}

/** struct netlink_callback: a dump in progress. */
export interface NetlinkCallback {
  /** The request that started it (a copy). */
  nlh: NlMsg;
  /** The requester's port id and whether it was privileged (its credentials at the request). */
  portid: number;
  privileged: boolean;
  /** cb->args: where the dump callback stopped. */
  args: number[];
  /** Free state for the dump callback. */
  data: unknown;
  dump: NetlinkDumpFn;
}

/**
 * A dump callback: add whole messages to `b` (using nl_dump_fits so a message that would pass
 * `budget` is not added), record in cb.args where to resume, and return how many bytes were added
 * (0: the dump is over) or -errno.
 */
export type NetlinkDumpFn = (cb: NetlinkCallback, b: NlBuilder, budget: number) => number;

/** struct netlink_kernel_cfg. */
export interface NetlinkKernelCfg {
  /** Number of multicast groups. */
  groups: number;
  flags?: number;
  /** Messages sent to the kernel (port 0). */
  input?: (skb: NlSkb) => void;
  /** A socket joins group `group` (ADD_MEMBERSHIP or bind); -errno refuses. */
  bind?: (group: number) => number;
}

/** struct netlink_sock. */
export class NetlinkSock {
  portid = 0;
  bound = false;
  /** Multicast groups joined (numbers from 1). */
  readonly groups = new Set<number>();
  dst_portid = 0;
  dst_group = 0;
  readonly queue: NlSkb[] = [];
  /** Bytes queued (sk_rmem_alloc). */
  rmem = 0;
  /** sk_drops: messages lost to a full receive buffer. */
  drops = 0;
  /** The largest recv(2) size seen, which sizes dump buffers (max_recvmsg_len). */
  max_recvmsg_len = 0;
  /** NETLINK_F_* option flags. */
  cap_ack = false;
  ext_ack = false;
  no_enobufs = false;
  pktinfo = false;
  broadcast_error = false;
  strict_chk = false;
  /** The dump in progress (cb_running). */
  cb: NetlinkCallback | null = null;
  readonly wq = new WaitQueue();
  /** For the kernel's socket of the protocol. */
  kernel_cfg: NetlinkKernelCfg | null = null;

  constructor(
    readonly table: NetlinkTable,
    readonly sock: Socket,
  ) {}

  get protocol(): number {
    return this.table.protocol;
  }
  get isKernel(): boolean {
    return this.kernel_cfg !== null;
  }
}

/** struct netlink_table: one protocol's sockets by port id, and its group count. */
export class NetlinkTable {
  /** Bound sockets (the kernel's at port 0 first), in the order they bound. */
  readonly socks = new Map<number, NetlinkSock>();
  /** Sockets that joined at least one group (mc_list). */
  readonly mc_list = new Set<NetlinkSock>();
  kernelSk: NetlinkSock | null = null;
  groups = 0;
  flags = 0;
  registered = false;

  constructor(readonly protocol: number) {}
}

/** Per machine: the tables, the autobind rover, and a key for hashing socket addresses in /proc. */
export class NetlinkState {
  readonly tables: NetlinkTable[] = [];
  rover = -4096;
  readonly key: number;
  private readonly ids = new WeakMap<NetlinkSock, number>();
  private nextId = 1;

  constructor(readonly kernel: Kernel) {
    for (let i = 0; i < MAX_LINKS; i++) this.tables.push(new NetlinkTable(i));
    this.key = kernel.random.nextU32();
  }

  /** %pK of a socket: a hash of its number, stable for its life. */
  hashedAddress(nlk: NetlinkSock): string {
    let id = this.ids.get(nlk);
    if (id === undefined) this.ids.set(nlk, (id = this.nextId++));
    return hashed_ptr(this.key, id);
  }
}

const states = new WeakMap<Kernel, NetlinkState>();
/** Who registers kernel sockets when a machine's Netlink first comes to life (rtnetlink, uevent, genl …). */
const initcalls: ((kernel: Kernel) => void)[] = [];

/** Register a protocol's initcall (its netlink_kernel_create), run once per machine. */
export function netlink_register_init(fn: (kernel: Kernel) => void): void {
  initcalls.push(fn);
}

/**
 * The machine's Netlink state. Made on first use (a netlink socket, /proc/net/netlink, a uevent
 * to broadcast), when the protocols' kernel sockets are created — Linux creates them at boot.
 */
export function netlink_state(kernel: Kernel): NetlinkState {
  let s = states.get(kernel);
  if (!s) {
    states.set(kernel, (s = new NetlinkState(kernel)));
    // netlink_add_usersock_entry: NETLINK_USERSOCK exists for user-to-user messages, 32 groups.
    const us = s.tables[NETLINK_USERSOCK]!;
    us.registered = true;
    us.groups = 32;
    us.flags = NL_CFG_F_NONROOT_RECV;
    for (const fn of initcalls) fn(kernel);
  }
  return s;
}

/** Only while a machine's Netlink exists (to skip work nobody can see). */
export function netlink_state_if_any(kernel: Kernel): NetlinkState | undefined {
  return states.get(kernel);
}

const nlk_sk = (sock: Socket): NetlinkSock => sock.sk as NetlinkSock;
const capable_net_admin = (t: Task | null): boolean => t === null || t.cred.euid === 0;

/** netlink_kernel_create: the kernel's socket of `unit`, port 0. */
export function netlink_kernel_create(kernel: Kernel, unit: number, cfg: NetlinkKernelCfg): NetlinkSock {
  const s = states.get(kernel) ?? netlink_state(kernel);
  const table = s.tables[unit]!;
  const sock = sock_alloc_kern(kernel, AF_NETLINK, SOCK_DGRAM, unit, netlink_ops);
  const nlk = new NetlinkSock(table, sock);
  sock.sk = nlk;
  nlk.kernel_cfg = cfg;
  nlk.bound = true;
  table.kernelSk = nlk;
  table.groups = Math.max(cfg.groups, 32);
  table.flags = cfg.flags ?? 0;
  table.registered = true;
  table.socks.set(0, nlk);
  return nlk;
}

// ---- delivery -----------------------------------------------------------------------------------

/** __netlink_sendskb: queue on a user socket, show it to captures, wake readers. */
function netlink_sendskb(kernel: Kernel, nlk: NetlinkSock, skb: NlSkb): void {
  net_capture_emit(kernel, 'nlmon0', skb.data, { kind: 'netlink', protocol: nlk.protocol, toKernel: false });
  nlk.queue.push(skb);
  nlk.rmem += skb.data.length;
  nlk.wq.wakeAll();
}

/** netlink_overrun: a message lost to a full buffer; the next recv reports ENOBUFS. */
function netlink_overrun(nlk: NetlinkSock): void {
  if (!nlk.no_enobufs) {
    nlk.sock.err = ENOBUFS;
    nlk.wq.wakeAll();
  }
  nlk.drops++;
}

/**
 * netlink_unicast: deliver to the socket bound to `portid` of `from`'s protocol (port 0: the
 * kernel's input). A full receiver drops a kernel message (ENOBUFS for the reader) and makes a
 * user sender wait, or fail with EAGAIN when it may not.
 */
export function netlink_unicast(from: NetlinkSock, data: Uint8Array, portid: number, t: Task | null, nonblock: boolean): number {
  const kernel = from.sock.kernel;
  const dst = from.table.socks.get(portid);
  if (!dst) return -ECONNREFUSED;
  const skb: NlSkb = { data, portid: from.portid, dst_group: 0, sk: from.isKernel ? null : from, task: t };
  if (dst.isKernel) {
    const input = dst.kernel_cfg!.input;
    if (!input) return -ECONNREFUSED;
    net_capture_emit(kernel, 'nlmon0', data, { kind: 'netlink', protocol: dst.protocol, toKernel: true });
    input(skb);
    return data.length;
  }
  if (dst.rmem > dst.sock.rcvbuf) {
    if (from.isKernel || nonblock || !t) {
      if (from.isKernel) netlink_overrun(dst);
      return from.isKernel ? -ENOBUFS : -EAGAIN;
    }
    return waitFor(t, from.sock.sndtimeo, dst.wq);
  }
  netlink_sendskb(kernel, dst, skb);
  return data.length;
}

/**
 * netlink_broadcast: a copy to every member of `group` but the socket at `exclude`. -ESRCH when
 * nobody was listening (callers that only notify ignore it, as nlmsg_notify does).
 */
export function netlink_broadcast(from: NetlinkSock, data: Uint8Array, exclude: number, group: number): number {
  const kernel = from.sock.kernel;
  let delivered = false;
  for (const nlk of from.table.mc_list) {
    if (nlk === from || !nlk.groups.has(group) || (exclude !== 0 && nlk.portid === exclude)) continue;
    if (nlk.rmem > nlk.sock.rcvbuf) {
      netlink_overrun(nlk);
      continue;
    }
    netlink_sendskb(kernel, nlk, { data, portid: from.portid, dst_group: group, sk: null, task: null });
    delivered = true;
  }
  return delivered ? 0 : -ESRCH;
}

/** netlink_has_listeners: whether building a notification is worth it. */
export function netlink_has_listeners(ksk: NetlinkSock, group: number): boolean {
  for (const nlk of ksk.table.mc_list) if (nlk.groups.has(group)) return true;
  return false;
}

// ---- requests to the kernel: validation, acknowledgement, dumps ----------------------------------

/**
 * netlink_rcv_skb: run `cb` on each request in the batch and acknowledge as Linux does. `cb`
 * returns 0, -errno, or -EINTR when it started a dump (no ack then, even if asked).
 */
export function netlink_rcv_skb(skb: NlSkb, cb: (skb: NlSkb, nlh: NlMsg, extack: ExtAck) => number): void {
  const buf = skb.data;
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let off = 0;
  while (buf.length - off >= NLMSG_HDRLEN) {
    const len = v.getUint32(off, true);
    if (len < NLMSG_HDRLEN || len > buf.length - off) return;
    const nlh: NlMsg = {
      len,
      type: v.getUint16(off + NLMSGHDR.type, true),
      flags: v.getUint16(off + NLMSGHDR.flags, true),
      seq: v.getUint32(off + NLMSGHDR.seq, true),
      pid: v.getUint32(off + NLMSGHDR.pid, true),
      raw: buf.subarray(off, off + len),
      payload: buf.subarray(off + NLMSG_HDRLEN, off + len),
    };
    const extack: ExtAck = { msg: null };
    let err = 0;
    let skip = false;
    // Only requests are handled by the kernel; control messages are skipped.
    if (nlh.flags & NLM_F_REQUEST && nlh.type >= NLMSG_MIN_TYPE) {
      err = cb(skb, nlh, extack);
      if (err === -EINTR) skip = true;
    }
    if (!skip && (nlh.flags & NLM_F_ACK || err)) netlink_ack(skb, nlh, err, extack);
    off += Math.min(NLMSG_ALIGN(len), buf.length - off);
  }
}

/** netlink_ack: NLMSG_ERROR with `err` (0: a plain acknowledgement) and the request's header. */
export function netlink_ack(skb: NlSkb, nlh: NlMsg, err: number, extack: ExtAck | null): void {
  const from = skb.sk;
  if (!from) return;
  const ksk = from.table.kernelSk;
  if (!ksk) return;
  let flags = 0;
  const withPayload = err !== 0 && !from.cap_ack;
  if (!withPayload) flags |= NLM_F_CAPPED;
  const msg = from.ext_ack && extack?.msg ? extack.msg : null;
  if (msg) flags |= NLM_F_ACK_TLVS;
  const b = new NlBuilder();
  b.nlmsg_put(NLMSG_ERROR, flags, nlh.seq, from.portid);
  const e = new Uint8Array(4);
  new DataView(e.buffer).setInt32(0, err, true);
  b.put(e);
  // The original header (with its length as sent), and the payload unless capped.
  b.put(withPayload ? nlh.raw : nlh.raw.subarray(0, NLMSG_HDRLEN));
  if (msg) b.nla_put_string(NLMSGERR_ATTR_MSG, msg);
  b.nlmsg_end();
  netlink_unicast(ksk, b.bytes(), from.portid, null, true);
}

/** Send a reply (built by the caller) to the requester. */
export function nlmsg_unicast(ksk: NetlinkSock, data: Uint8Array, portid: number): number {
  const r = netlink_unicast(ksk, data, portid, null, true);
  return r < 0 ? r : 0;
}

/**
 * Add one message to a dump buffer if it fits in `budget` (a message alone in an empty buffer
 * always goes, as Linux sizes the buffer for it): `fill` writes it; returns false, with the
 * buffer as it was, when it does not fit.
 */
export function nl_dump_fits(b: NlBuilder, budget: number, fill: (b: NlBuilder) => void): boolean {
  const start = b.len;
  fill(b);
  if (b.len > budget && start > 0) {
    b.len = start;
    return false;
  }
  return true;
}

/** netlink_dump_start: begin a dump for the request's sender; returns -EINTR (no ack) as Linux. */
export function netlink_dump_start(ksk: NetlinkSock, skb: NlSkb, nlh: NlMsg, dump: NetlinkDumpFn, data: unknown = null): number {
  const nlk = skb.sk;
  if (!nlk) return -ECONNREFUSED;
  if (nlk.cb) return -EBUSY;
  nlk.cb = {
    nlh: { ...nlh, raw: nlh.raw.slice(), payload: nlh.payload.slice() },
    portid: nlk.portid,
    privileged: capable_net_admin(skb.task),
    args: [0, 0, 0, 0, 0, 0],
    data,
    dump,
  };
  const r = netlink_dump(nlk);
  if (r < 0) {
    nlk.cb = null;
    return r;
  }
  return -EINTR;
}

/** netlink_dump: one more buffer of the dump, or its NLMSG_DONE. */
function netlink_dump(nlk: NetlinkSock): number {
  const cb = nlk.cb;
  const ksk = nlk.table.kernelSk;
  if (!cb || !ksk) return 0;
  if (nlk.rmem >= nlk.sock.rcvbuf) return 0;
  const budget = Math.max(NLMSG_GOODSIZE, nlk.max_recvmsg_len);
  const b = new NlBuilder();
  const n = cb.dump(cb, b, budget);
  if (n < 0) {
    nlk.cb = null;
    return n;
  }
  if (n > 0) {
    netlink_sendskb(nlk.sock.kernel, nlk, { data: b.bytes(), portid: 0, dst_group: 0, sk: null, task: null });
    return 0;
  }
  // The end: NLMSG_DONE with the dump's status (0), flagged as part of the multipart answer.
  b.nlmsg_put(NLMSG_DONE, NLM_F_MULTI, cb.nlh.seq, cb.portid);
  b.put(new Uint8Array(4));
  b.nlmsg_end();
  nlk.cb = null;
  netlink_sendskb(nlk.sock.kernel, nlk, { data: b.bytes(), portid: 0, dst_group: 0, sk: null, task: null });
  return 0;
}

// ---- the socket operations ----------------------------------------------------------------------

function waitFor(t: Task, timeoutNs: number, ...queues: WaitQueue[]): number {
  if (!timeoutNs) return sleepOn(t, ...queues);
  t.restart ??= {};
  if (t.restart.sockDeadline === undefined) t.restart.sockDeadline = t.kernel.clock.now() + timeoutNs;
  const r = sleepUntil(t, t.restart.sockDeadline as number, ...queues);
  return r === 0 ? -EAGAIN : r;
}

const groupMask = (group: number): number => (group > 0 && group <= 32 ? (1 << (group - 1)) >>> 0 : 0);

function sockaddr_nl(portid: number, groups: number): Uint8Array {
  const a = new Uint8Array(SOCKADDR_NL_SIZE);
  const v = new DataView(a.buffer);
  v.setUint16(0, AF_NETLINK, true);
  v.setUint32(4, portid >>> 0, true);
  v.setUint32(8, groups >>> 0, true);
  return a;
}

function parse_sockaddr_nl(addr: Uint8Array): { family: number; pid: number; groups: number } | number {
  if (addr.length < SOCKADDR_NL_SIZE) return -EINVAL;
  const v = new DataView(addr.buffer, addr.byteOffset, addr.byteLength);
  return { family: v.getUint16(0, true), pid: v.getUint32(4, true) | 0, groups: v.getUint32(8, true) };
}

/** The legacy group mask of the first 32 groups (nlk->groups[0]). */
function groups0(nlk: NetlinkSock): number {
  let m = 0;
  for (const g of nlk.groups) m |= groupMask(g);
  return m >>> 0;
}

function netlink_insert(nlk: NetlinkSock, portid: number): number {
  const table = nlk.table;
  if (nlk.bound) return nlk.portid === portid ? 0 : -EINVAL;
  if (table.socks.has(portid)) return -EADDRINUSE;
  nlk.portid = portid;
  nlk.bound = true;
  table.socks.set(portid, nlk);
  return 0;
}

/** netlink_autobind: the process id if free, else a negative number. */
function netlink_autobind(nlk: NetlinkSock, t: Task): number {
  const s = netlink_state(nlk.sock.kernel);
  let portid = t.tgid;
  while (nlk.table.socks.has(portid)) {
    if (s.rover === -4096) s.rover = -0x80000000 + (nlk.sock.kernel.random.nextU32() % (0x80000000 - 4096));
    else if (s.rover >= -4096) s.rover = -4097;
    portid = s.rover--;
  }
  return netlink_insert(nlk, portid);
}

function update_groups(nlk: NetlinkSock): void {
  if (nlk.groups.size) nlk.table.mc_list.add(nlk);
  else nlk.table.mc_list.delete(nlk);
}

/** netlink_allowed: the protocol lets everyone do it, or the caller has CAP_NET_ADMIN. */
const netlink_allowed = (nlk: NetlinkSock, flag: number, t: Task): boolean => (nlk.table.flags & flag) !== 0 || capable_net_admin(t);

function netlink_bind(sock: Socket, t: Task, addr: Uint8Array): number {
  const nlk = nlk_sk(sock);
  const a = parse_sockaddr_nl(addr);
  if (typeof a === 'number') return a;
  if (a.family !== AF_NETLINK) return -EINVAL;
  let groups = a.groups;
  if (groups) {
    if (!netlink_allowed(nlk, NL_CFG_F_NONROOT_RECV, t)) return -EPERM;
    if (nlk.table.groups < 32) groups &= (1 << nlk.table.groups) - 1;
  }
  if (nlk.bound && a.pid !== nlk.portid) return -EINVAL;
  for (let g = 1; g <= 32; g++) {
    if (groups & groupMask(g)) {
      const r = nlk.table.kernelSk?.kernel_cfg?.bind?.(g) ?? 0;
      if (r < 0) return r;
    }
  }
  if (!nlk.bound) {
    const r = a.pid ? netlink_insert(nlk, a.pid) : netlink_autobind(nlk, t);
    if (r < 0) return r;
  }
  if (!groups && !nlk.groups.size) return 0;
  // bind replaces the first 32 groups with the mask.
  for (let g = 1; g <= 32; g++) {
    if (groups & groupMask(g)) nlk.groups.add(g);
    else nlk.groups.delete(g);
  }
  update_groups(nlk);
  return 0;
}

function netlink_connect(sock: Socket, t: Task, addr: Uint8Array): number {
  const nlk = nlk_sk(sock);
  if (addr.length < 2) return -EINVAL;
  if ((addr[0]! | (addr[1]! << 8)) === AF_UNSPEC) {
    sock.state = SS_UNCONNECTED;
    nlk.dst_portid = nlk.dst_group = 0;
    return 0;
  }
  const a = parse_sockaddr_nl(addr);
  if (typeof a === 'number') return a;
  if (a.family !== AF_NETLINK) return -EINVAL;
  if (a.groups && !netlink_allowed(nlk, NL_CFG_F_NONROOT_SEND, t)) return -EPERM;
  if (!nlk.bound) {
    const r = netlink_autobind(nlk, t);
    if (r < 0) return r;
  }
  sock.state = SS_CONNECTED;
  nlk.dst_portid = a.pid;
  nlk.dst_group = ffs(a.groups);
  return 0;
}

const ffs = (x: number): number => (x === 0 ? 0 : 32 - Math.clz32(x & -x));

function netlink_getname(sock: Socket, peer: boolean): Uint8Array | number {
  const nlk = nlk_sk(sock);
  if (peer) return sockaddr_nl(nlk.dst_portid, groupMask(nlk.dst_group));
  return sockaddr_nl(nlk.portid, groups0(nlk));
}

function netlink_poll(sock: Socket, _t: Task, pt: Parameters<ProtoOps['poll']>[2]): number {
  const nlk = nlk_sk(sock);
  poll_wait(pt, nlk.wq);
  let mask = POLLOUT | POLLWRNORM | POLLWRBAND;
  if (sock.err) mask |= POLLERR;
  if (nlk.queue.length) mask |= POLLIN | POLLRDNORM;
  return mask;
}

function netlink_sendmsg(sock: Socket, t: Task, msg: SendMsg, flags: number): number {
  const nlk = nlk_sk(sock);
  if (msg.rights) return -EOPNOTSUPP;
  let dst_portid = nlk.dst_portid;
  let dst_group = nlk.dst_group;
  if (msg.name) {
    const a = parse_sockaddr_nl(msg.name);
    if (typeof a === 'number') return a;
    if (a.family !== AF_NETLINK) return -EINVAL;
    dst_portid = a.pid;
    dst_group = ffs(a.groups);
    if ((dst_group || dst_portid) && !netlink_allowed(nlk, NL_CFG_F_NONROOT_SEND, t)) return -EPERM;
  }
  if (!nlk.bound) {
    const r = netlink_autobind(nlk, t);
    if (r < 0) return r;
  }
  if (msg.data.length > sock.sndbuf - 32) return -EMSGSIZE;
  const data = msg.data.slice();
  // The copy to the group goes once, even if the unicast that follows has to wait and the call
  // runs again when it wakes.
  if (dst_group && !t.restart?.nlBroadcastDone) {
    netlink_broadcast(nlk, data, dst_portid, dst_group);
    t.restart = { ...(t.restart ?? {}), nlBroadcastDone: true };
  }
  const nonblock = (flags & MSG_DONTWAIT) !== 0 || (sock.file !== null && (sock.file.f_flags & O_NONBLOCK) !== 0);
  return netlink_unicast(nlk, data, dst_portid, t, nonblock);
}

function netlink_recvmsg(sock: Socket, t: Task, size: number, flags: number): RecvMsg | number {
  const nlk = nlk_sk(sock);
  const nonblock = (flags & MSG_DONTWAIT) !== 0 || (sock.file !== null && (sock.file.f_flags & O_NONBLOCK) !== 0);
  // A pending error (a lost message: ENOBUFS) is reported before anything queued.
  if (sock.err) {
    const e = sock.err;
    sock.err = 0;
    return -e;
  }
  const skb = nlk.queue[0];
  if (!skb) {
    if (nonblock) return -EAGAIN;
    return waitFor(t, sock.rcvtimeo, nlk.wq);
  }
  if (!(flags & MSG_PEEK)) {
    nlk.queue.shift();
    nlk.rmem -= skb.data.length;
    // Room again: a user sender waiting for it (netlink_attachskb) may go on.
    nlk.wq.wakeAll();
  }
  nlk.max_recvmsg_len = Math.min(Math.max(nlk.max_recvmsg_len, size), NLMSG_DUMP_MAX);
  const out: RecvMsg = {
    data: skb.data.slice(0, Math.min(size, skb.data.length)),
    name: sockaddr_nl(skb.portid, groupMask(skb.dst_group)),
    rights: null,
    creds: null,
    flags: skb.data.length > size ? MSG_TRUNC : 0,
    length: skb.data.length,
  };
  if (nlk.cb && nlk.rmem <= sock.rcvbuf / 2) {
    const r = netlink_dump(nlk);
    if (r < 0) sock.err = -r;
  }
  return out;
}

function netlink_release(sock: Socket): void {
  const nlk = nlk_sk(sock);
  const table = nlk.table;
  if (nlk.bound && table.socks.get(nlk.portid) === nlk) table.socks.delete(nlk.portid);
  table.mc_list.delete(nlk);
  nlk.groups.clear();
  nlk.cb = null;
  nlk.queue.length = 0;
  nlk.rmem = 0;
  nlk.wq.wakeAll();
}

const boolOpts: Record<number, keyof Pick<NetlinkSock, 'cap_ack' | 'ext_ack' | 'no_enobufs' | 'pktinfo' | 'broadcast_error' | 'strict_chk'>> = {
  [NETLINK_CAP_ACK]: 'cap_ack',
  [NETLINK_EXT_ACK]: 'ext_ack',
  [NETLINK_NO_ENOBUFS]: 'no_enobufs',
  [NETLINK_PKTINFO]: 'pktinfo',
  [NETLINK_BROADCAST_ERROR]: 'broadcast_error',
  [NETLINK_GET_STRICT_CHK]: 'strict_chk',
};

function netlink_setsockopt(sock: Socket, t: Task, level: number, optname: number, optval: number, optlen: number): number {
  const nlk = nlk_sk(sock);
  if (level !== SOL_NETLINK) return -ENOPROTOOPT;
  let val = 0;
  if (optlen >= 4) {
    val = get_user_i32(t, optval);
    if (Number.isNaN(val)) return -EFAULT;
  }
  switch (optname) {
    case NETLINK_ADD_MEMBERSHIP:
    case NETLINK_DROP_MEMBERSHIP: {
      if (!netlink_allowed(nlk, NL_CFG_F_NONROOT_RECV, t)) return -EPERM;
      if (!val || val - 1 >= nlk.table.groups) return -EINVAL;
      if (!nlk.bound) {
        const r = netlink_autobind(nlk, t);
        if (r < 0) return r;
      }
      if (optname === NETLINK_ADD_MEMBERSHIP) {
        const r = nlk.table.kernelSk?.kernel_cfg?.bind?.(val) ?? 0;
        if (r < 0) return r;
        nlk.groups.add(val);
      } else nlk.groups.delete(val);
      update_groups(nlk);
      return 0;
    }
    default: {
      const key = boolOpts[optname];
      if (!key) return -ENOPROTOOPT;
      if (optlen < 4) return -EINVAL;
      nlk[key] = val !== 0;
      return 0;
    }
  }
}

function netlink_getsockopt(sock: Socket, t: Task, level: number, optname: number, optval: number, optlen: number): number {
  const nlk = nlk_sk(sock);
  if (level !== SOL_NETLINK) return -ENOPROTOOPT;
  const len = get_user_i32(t, optlen);
  if (Number.isNaN(len)) return -EFAULT;
  if (len < 0) return -EINVAL;
  if (optname === NETLINK_LIST_MEMBERSHIPS) {
    // The group bitmap as u32 words; the length written back is what the whole map needs.
    const words = Math.ceil(nlk.table.groups / 32);
    for (let i = 0; i < words && (i + 1) * 4 <= len; i++) {
      let m = 0;
      for (const g of nlk.groups) if (((g - 1) >> 5) === i) m |= 1 << ((g - 1) & 31);
      if (put_user_u32(t, optval + i * 4, m >>> 0) < 0) return -EFAULT;
    }
    return put_user_i32(t, optlen, words * 4) < 0 ? -EFAULT : 0;
  }
  const key = boolOpts[optname];
  if (!key) return -ENOPROTOOPT;
  if (len < 4) return -EINVAL;
  if (put_user_i32(t, optval, nlk[key] ? 1 : 0) < 0 || put_user_i32(t, optlen, 4) < 0) return -EFAULT;
  return 0;
}

export const netlink_ops: ProtoOps = {
  family: AF_NETLINK,
  release: (sock) => netlink_release(sock),
  bind: netlink_bind,
  connect: (sock, t, addr) => netlink_connect(sock, t, addr),
  listen: () => -EOPNOTSUPP,
  accept: () => -EOPNOTSUPP,
  getname: netlink_getname,
  poll: netlink_poll,
  sendmsg: netlink_sendmsg,
  recvmsg: netlink_recvmsg,
  shutdown: () => -EOPNOTSUPP,
  inq: (sock) => nlk_sk(sock).queue[0]?.data.length ?? 0,
  peercred: () => null,
  setsockopt: netlink_setsockopt,
  getsockopt: netlink_getsockopt,
};

/** netlink_create: SOCK_RAW or SOCK_DGRAM of a registered protocol. */
export const netlink_family_ops: NetProtoFamily = {
  family: AF_NETLINK,
  create(t, type, protocol) {
    if (type !== SOCK_RAW && type !== SOCK_DGRAM) return -ESOCKTNOSUPPORT;
    if (protocol < 0 || protocol >= MAX_LINKS) return -EPROTONOSUPPORT;
    const s = netlink_state(t.kernel);
    const table = s.tables[protocol]!;
    if (!table.registered) return -EPROTONOSUPPORT;
    const sock = sock_alloc(t, AF_NETLINK, type, protocol, netlink_ops);
    sock.sk = new NetlinkSock(table, sock);
    return sock;
  },
};
