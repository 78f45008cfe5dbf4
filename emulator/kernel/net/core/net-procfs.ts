// /proc/net/dev (net/core/net-procfs.c dev_seq_show): each interface's counters from its
// rtnl_link_stats64, in the columns ifconfig and old tools parse.

import type { Kernel } from '../../kernel';
import { init_net } from './net_namespace';

export function dev_seq_show(k: Kernel): string {
  let out =
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  for (const dev of init_net(k).devices) {
    const s = dev.stats;
    out +=
      `${dev.name.padStart(6)}: ${String(s.rx_bytes).padStart(8)} ${String(s.rx_packets).padStart(7)} ` +
      `${String(s.rx_errors).padStart(4)} ${String(s.rx_dropped).padStart(4)} ${String(s.rx_fifo_errors).padStart(4)} ` +
      `${String(s.rx_frame_errors).padStart(5)} ${String(s.rx_compressed).padStart(10)} ${String(s.multicast).padStart(9)} ` +
      `${String(s.tx_bytes).padStart(8)} ${String(s.tx_packets).padStart(7)} ${String(s.tx_errors).padStart(4)} ` +
      `${String(s.tx_dropped).padStart(4)} ${String(s.tx_fifo_errors).padStart(4)} ${String(s.collisions).padStart(5)} ` +
      `${String(s.tx_carrier_errors).padStart(7)} ${String(s.tx_compressed).padStart(10)}\n`;
  }
  return out;
}
