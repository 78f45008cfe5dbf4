// The capture registry: where the socket families hand their traffic to whoever is capturing.
//
// Linux has one mechanism per kind of traffic: packets crossing a net_device reach packet sockets
// through the ptype_all taps (dev_add_pack(ETH_P_ALL), what tcpdump -i lo opens); Netlink messages
// reach the nlmon device through netlink_deliver_tap (af_netlink.c), which clones every message a
// socket receives — the kernel's and each user socket's, one copy per receiving socket of a
// multicast — onto nlmon0, where tcpdump -i nlmon0 sees them. Unix sockets have no tap at all.
//
// Here the families call one function, net_capture_emit, with the bytes and what they are; the
// capture (capture.ts) frames them as its interface's link type wants. With no capture running it
// returns at its first line, so the hooks cost one comparison.

import type { Kernel } from '../../kernel';

/** What a captured buffer is; the capture builds the link-layer header from it. */
export type CaptureMeta =
  /** A packet crossing a net_device (from the network header on), in or out. */
  | { kind: 'ip'; ethertype: number; outgoing: boolean }
  /** One Netlink message batch as a socket receives it: `protocol` is the family (NETLINK_ROUTE …). */
  | { kind: 'netlink'; protocol: number; toKernel: boolean }
  /** Data queued on a Unix socket: the socket type and both ends' inode numbers. */
  | { kind: 'unix'; type: number; fromIno: number; toIno: number; pid: number };

/** The interfaces a capture shows: a net_device's name, nlmon0 for Netlink, unix for Unix sockets. */
export type CaptureIface = string;

export interface CaptureSink {
  readonly kernel: Kernel;
  packet(iface: CaptureIface, bytes: Uint8Array, meta: CaptureMeta): void;
}

/** Captures running on any machine: the hooks test this first. */
let active = 0;
const sinks = new WeakMap<Kernel, Set<CaptureSink>>();

/** Whether anything captures on this machine (to skip building bytes nobody will see). */
export function net_capture_enabled(kernel: Kernel): boolean {
  return active !== 0 && (sinks.get(kernel)?.size ?? 0) !== 0;
}

/**
 * Hand one buffer to every capture of this machine. The bytes are copied by the capture, so the
 * caller may reuse them.
 */
export function net_capture_emit(kernel: Kernel, iface: CaptureIface, bytes: Uint8Array, meta: CaptureMeta): void {
  if (active === 0) return;
  const set = sinks.get(kernel);
  if (!set) return;
  for (const s of set) s.packet(iface, bytes, meta);
}

export function net_capture_register(sink: CaptureSink): () => void {
  let set = sinks.get(sink.kernel);
  if (!set) sinks.set(sink.kernel, (set = new Set()));
  set.add(sink);
  active++;
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    set.delete(sink);
    active--;
  };
}
