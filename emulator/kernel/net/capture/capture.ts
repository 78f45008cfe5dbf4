// A capture of everything this machine's sockets carry, written out as pcapng: what tcpdump -i lo,
// tcpdump -i nlmon0 and (had Linux one) a Unix-socket tap would record, as three interfaces of one
// file that Wireshark opens.
//
//   lo (and any other net_device)  LINKTYPE_ETHERNET (1). Linux's lo has an Ethernet header with zero
//       addresses (loopback_setup uses eth_header_ops), so tcpdump -i lo writes EN10MB frames with
//       00:00:00:00:00:00 on both sides; our lo carries bare IP packets, so the capture adds that
//       same 14-byte header. Every lo packet passes a tap twice, out and back in; like libpcap
//       (which drops PACKET_OUTGOING on the loopback interface) we keep the incoming copy.
//       Simplified: other devices (dummy, veth) get zero MAC addresses too and both directions,
//       marked in epb_flags.
//   nlmon0  LINKTYPE_NETLINK (253): the 16-byte "Linux cooked capture" header libpcap puts before
//       each message of an ARPHRD_NETLINK device — packet type (PACKET_USER 6 for a message a user
//       socket receives, PACKET_KERNEL 7 for one the kernel receives), ARPHRD_NETLINK (824), address
//       length 0, 8 address bytes, the Netlink family — all big-endian; then the messages in host
//       (little-endian) order, which Wireshark's netlink dissector reads.
//   unix    LINKTYPE_USER0 (147): Unix sockets have no link type, so each buffer queued on a Unix
//       socket gets this machine's own 16-byte header (big-endian):
//         u16 socket type (SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_SEQPACKET 5)  u16 header length (16)
//         u32 sending socket's inode   u32 receiving socket's inode   u32 sending process's pid
//       then the data. The receiver's inode is 0 while a connection waits in accept's queue (its
//       socket has no inode until accept grafts one, as /proc/net/unix shows). Wireshark shows it as "DLT_USER0" bytes.

import { writePcapng, LINKTYPE_ETHERNET, LINKTYPE_NETLINK, LINKTYPE_USER0, PCAPNG_DIR_INBOUND, PCAPNG_DIR_OUTBOUND, type PcapngInterface, type PcapngPacket } from '../../../trace/pcapng';
import { ARPHRD_NETLINK, IFF_LOOPBACK } from '../../../uapi/if';
import type { Kernel } from '../../kernel';
import { dev_add_tap } from '../core/dev';
import { init_net } from '../core/net_namespace';
import { net_capture_register, type CaptureIface, type CaptureMeta, type CaptureSink } from './tap';

/** include/uapi/linux/if_packet.h: sll_pkttype of a Netlink message to a user socket / to the kernel. */
const PACKET_USER = 6, PACKET_KERNEL = 7;
const ETH_HLEN = 14, SLL_HLEN = 16, UNIX_HLEN = 16;

/** The IDB's if_description for each link type, so a reader of the file learns what it holds. */
const DESCRIPTIONS: Record<number, string> = {
  [LINKTYPE_NETLINK]: 'Netlink messages as nlmon sees them',
  [LINKTYPE_USER0]: 'Unix socket data; 16-byte header (big-endian): u16 socket type, u16 header length, u32 sender inode, u32 receiver inode, u32 sender pid',
};

/** What the capture keeps unless told otherwise: 64 MiB of packet bytes, then it counts drops. */
const DEFAULT_LIMIT = 64 << 20;
/** The snap length tcpdump uses by default (MAXIMUM_SNAPLEN): longer packets are cut there. */
const SNAPLEN = 262144;

export interface NetCaptureOptions {
  /** Bytes of packets to keep at most; later packets are counted in `dropped`. */
  limitBytes?: number;
}

export class NetCapture implements CaptureSink {
  readonly interfaces: PcapngInterface[] = [];
  readonly packets: PcapngPacket[] = [];
  /** Packets not kept because the limit was reached. */
  dropped = 0;
  private bytes = 0;
  private readonly limit: number;
  private readonly ifIndex = new Map<string, number>();
  private readonly unregister: () => void;
  private readonly removeTap: () => void;

  constructor(readonly kernel: Kernel, opts: NetCaptureOptions = {}) {
    this.limit = opts.limitBytes ?? DEFAULT_LIMIT;
    this.unregister = net_capture_register(this);
    this.removeTap = dev_add_tap(init_net(kernel), (skb, outgoing) => {
      // On loopback each packet is seen going out and coming in: keep it once.
      if (outgoing && skb.dev.flags & IFF_LOOPBACK) return;
      this.packet(skb.dev.name, skb.data, { kind: 'ip', ethertype: skb.protocol, outgoing });
    });
  }

  /** Stop capturing; what was captured stays. */
  stop(): void {
    this.unregister();
    this.removeTap();
  }

  packet(iface: CaptureIface, bytes: Uint8Array, meta: CaptureMeta): void {
    if (this.bytes + bytes.length > this.limit) {
      this.dropped++;
      return;
    }
    this.bytes += bytes.length;
    const { sec, nsec } = this.kernel.clock.realtimeSpec();
    const tsNs = BigInt(sec) * 1_000_000_000n + BigInt(nsec);
    let frame: Uint8Array;
    let flags = 0;
    let linktype: number;
    switch (meta.kind) {
      case 'ip': {
        linktype = LINKTYPE_ETHERNET;
        frame = new Uint8Array(ETH_HLEN + bytes.length);
        // Destination and source MAC: zero, as lo's. Then the ethertype.
        frame[12] = meta.ethertype >> 8;
        frame[13] = meta.ethertype & 0xff;
        frame.set(bytes, ETH_HLEN);
        flags = meta.outgoing ? PCAPNG_DIR_OUTBOUND : PCAPNG_DIR_INBOUND;
        break;
      }
      case 'netlink': {
        linktype = LINKTYPE_NETLINK;
        frame = new Uint8Array(SLL_HLEN + bytes.length);
        const v = new DataView(frame.buffer);
        v.setUint16(0, meta.toKernel ? PACKET_KERNEL : PACKET_USER);
        v.setUint16(2, ARPHRD_NETLINK);
        v.setUint16(4, 0); // no link-layer address
        v.setUint16(14, meta.protocol);
        frame.set(bytes, SLL_HLEN);
        break;
      }
      case 'unix': {
        linktype = LINKTYPE_USER0;
        frame = new Uint8Array(UNIX_HLEN + bytes.length);
        const v = new DataView(frame.buffer);
        v.setUint16(0, meta.type);
        v.setUint16(2, UNIX_HLEN);
        v.setUint32(4, meta.fromIno);
        v.setUint32(8, meta.toIno);
        v.setUint32(12, meta.pid);
        frame.set(bytes, UNIX_HLEN);
        break;
      }
    }
    const data = frame.length > SNAPLEN ? frame.slice(0, SNAPLEN) : frame;
    this.packets.push({ iface: this.iface(iface, linktype), tsNs, data, origLen: frame.length, flags });
  }

  /** The interface's index, adding its IDB the first time it carries something. */
  private iface(name: string, linktype: number): number {
    const key = `${name}\0${linktype}`;
    let i = this.ifIndex.get(key);
    if (i === undefined) {
      i = this.interfaces.length;
      this.interfaces.push({ name, linktype, snaplen: SNAPLEN, description: DESCRIPTIONS[linktype] });
      this.ifIndex.set(key, i);
    }
    return i;
  }

  /** The capture as a pcapng file. */
  toPcapng(): Uint8Array {
    return writePcapng(this.interfaces, this.packets);
  }
}

/** Start capturing everything this machine's sockets carry (until .stop()). */
export function net_capture_start(kernel: Kernel, opts?: NetCaptureOptions): NetCapture {
  return new NetCapture(kernel, opts);
}
