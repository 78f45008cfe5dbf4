// TCP_INFO (net/ipv4/tcp.c tcp_get_info): struct tcp_info, the connection's state as `ss -i`
// reads it. The fields this model has are filled in; those about congestion control and timing
// we do not model keep the values a fresh Linux connection on lo shows (cwnd 10, no ssthresh).

import { TCP_CLOSE, TCP_LISTEN } from '../../../uapi/tcp';
import type { InetSock } from './inet_sock';
import { tcp_advmss, tcp_unsent } from './tcp_output';
import { ipv6_addr_v4mapped } from './inet_sock';

/** sizeof(struct tcp_info) in Linux 6.x. */
export const TCP_INFO_SIZE = 248;
/** tcpi_options bits. */
const TCPI_OPT_SACK = 2, TCPI_OPT_WSCALE = 4;

export function tcp_info(sk: InetSock): Uint8Array {
  const b = new Uint8Array(TCP_INFO_SIZE);
  const v = new DataView(b.buffer);
  b[0] = sk.state;
  if (sk.state === TCP_LISTEN) {
    // For a listener Linux reports the accept queue: unacked = its length, sacked = the backlog.
    v.setUint32(24, sk.acceptq.length, true);
    v.setUint32(28, sk.backlog, true);
    return b;
  }
  if (sk.state === TCP_CLOSE) return b;
  b[5] = TCPI_OPT_SACK | (sk.rcv_wscale ? TCPI_OPT_WSCALE : 0);
  b[6] = (sk.snd_wscale & 0xf) | ((sk.rcv_wscale & 0xf) << 4);
  v.setUint32(8, 200000 + 4000, true); // rto: TCP_RTO_MIN plus lo's tiny RTT, µs
  v.setUint32(12, 40000, true); // ato: TCP_ATO_MIN
  v.setUint32(16, sk.mss_cache, true); // snd_mss
  v.setUint32(20, sk.mss_cache, true); // rcv_mss
  v.setUint32(24, sk.snd_nxt !== sk.snd_una ? 1 : 0, true); // unacked segments
  v.setUint32(60, 65535, true); // pmtu
  v.setUint32(64, sk.rcvbuf >> 1, true); // rcv_ssthresh
  v.setUint32(76, 0x7fffffff, true); // snd_ssthresh: infinite
  v.setUint32(80, 10, true); // snd_cwnd: the initial window
  v.setUint32(84, tcp_advmss(!ipv6_addr_v4mapped(sk.daddr)), true);
  v.setUint32(88, 3, true); // reordering
  v.setUint32(144, tcp_unsent(sk), true); // notsent_bytes
  v.setUint32(228, sk.snd_wnd, true);
  v.setUint32(232, (sk.rcv_wnd_edge - sk.rcv_nxt) >>> 0, true);
  return b;
}
