// ss's column layout against iproute2 6.1's own output on the host: the same socket records (four
// Unix sockets of the host) rendered into a pipe, and onto 80-, 120- and 50-column terminals.

import { describe, expect, it } from 'vitest';
import { COL_NETID, SsTable } from '../../../../../emulator/userland/bin/iproute2/ss_render';

const SOCKETS = [
  ['u_str', 'ESTAB', '0', '0', '*', '1589', '*', '1590'],
  ['u_seq', 'LISTEN', '0', '3', '/tmp/c_ss/sq', '746364', '*', '0'],
  ['u_str', 'ESTAB', '0', '0', '*', '1590', '*', '1589'],
  ['u_dgr', 'UNCONN', '0', '0', '@abstractname', '746363', '*', '0'],
];

function render(width: number): string {
  const t = new SsTable();
  t.header();
  // As sock_state_print and sock_addr_print fill the fields: queues as %-6d, addresses with their delimiter.
  for (const [netid, state, rq, wq, la, lp, ra, rp] of SOCKETS) t.row([netid!, state!, rq!.padEnd(6), wq!.padEnd(6), la + ' ', lp!, ra + ' ', rp!, '']);
  return t.render(width);
}

describe('ss columns', () => {
  it('into a pipe: measured widths only', () => {
    expect(render(-1)).toBe(
      "Netid State  Recv-Q Send-Q Local Address:Port   Peer Address:PortProcess\n" +
      "u_str ESTAB  0      0                  * 1589              * 1590       \n" +
      "u_seq LISTEN 0      3       /tmp/c_ss/sq 746364            * 0          \n" +
      "u_str ESTAB  0      0                  * 1590              * 1589       \n" +
      "u_dgr UNCONN 0      0      @abstractname 746363            * 0          \n",
    );
  });

  it('on an 80-column terminal: the spare width spread over the columns', () => {
    expect(render(80)).toBe(
      "Netid State   Recv-Q  Send-Q   Local Address:Port     Peer Address:Port Process \n" +
      "u_str ESTAB   0       0                    * 1589                * 1590         \n" +
      "u_seq LISTEN  0       3         /tmp/c_ss/sq 746364              * 0            \n" +
      "u_str ESTAB   0       0                    * 1590                * 1589         \n" +
      "u_dgr UNCONN  0       0        @abstractname 746363              * 0            \n",
    );
  });

  it('on a 120-column terminal', () => {
    expect(render(120)).toBe(
      "Netid      State       Recv-Q      Send-Q           Local Address:Port              Peer Address:Port      Process      \n" +
      "u_str      ESTAB       0           0                            * 1589                         * 1590                   \n" +
      "u_seq      LISTEN      0           3                 /tmp/c_ss/sq 746364                       * 0                      \n" +
      "u_str      ESTAB       0           0                            * 1590                         * 1589                   \n" +
      "u_dgr      UNCONN      0           0                @abstractname 746363                       * 0                      \n",
    );
  });

  it('on a 50-column terminal: columns past the width continue on the next screen line, aligned', () => {
    expect(render(50)).toBe(
      "Netid State  Recv-Q Send-Q   Local Address:Port            Peer Address:Port        Process         \n" +
      "u_str ESTAB  0      0                    * 1589                       * 1590                        \n" +
      "u_seq LISTEN 0      3         /tmp/c_ss/sq 746364                     * 0                           \n" +
      "u_str ESTAB  0      0                    * 1590                       * 1589                        \n" +
      "u_dgr UNCONN 0      0        @abstractname 746363                     * 0                           \n",
    );
  });

  it('a disabled column takes no space and no delimiter', () => {
    const t = new SsTable();
    t.disable(COL_NETID);
    t.header();
    expect(t.render(-1)).toBe('State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
  });
});
