// nc over TCP and UDP on the loopback: a listener and a client in two processes, netcat-openbsd's
// messages (measured with Debian's nc 1.219 on this host), and the connection's life in
// /proc/net/tcp — LISTEN, ESTABLISHED both ways, then the active closer's TIME_WAIT.

import { describe, expect, test } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

describe('nc over TCP and UDP', () => {
  test('TCP both ways over IPv4 and IPv6, with -v messages; UDP; -z; errors', () => {
    const r = runInMachine(
      'nc -lv 127.0.0.1 5000 > /tmp/got 2> /tmp/err & sleep 0.1; echo hello | nc -v -N 127.0.0.1 5000; wait; cat /tmp/got /tmp/err; ' +
        '(echo reply | nc -N -l -6 ::1 5001) & sleep 0.1; nc -6 ::1 5001 < /dev/null; wait; ' +
        'nc -lu 5002 > /tmp/u & sleep 0.1; echo dgram | nc -u -q 0 127.0.0.1 5002; sleep 0.1; kill $!; cat /tmp/u; ' +
        'nc -l 5003 & sleep 0.1; nc -zv localhost 5003; echo "z $?"; wait; ' +
        'nc 127.0.0.1 5009; echo $?; nc -zv 127.0.0.1 5009; echo $?; nc 127.0.0.1; echo $?; nc 127.0.0.1 99999; echo $?; ' +
        'nc nosuchhost 80; echo $?; nc -l 10.9.9.9 5000; echo $?',
    );
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toMatch(
      new RegExp(
        '^Connection to 127\\.0\\.0\\.1 5000 port \\[tcp/\\*\\] succeeded!\\n' +
          'hello\\nListening on localhost 5000\\nConnection received on localhost \\d+\\n' +
          'reply\\n' +
          'dgram\\n' +
          'Connection to localhost \\(127\\.0\\.0\\.1\\) 5003 port \\[tcp/\\*\\] succeeded!\\nz 0\\n' +
          'nc: connect to 127\\.0\\.0\\.1 port 5009 \\(tcp\\) failed: Connection refused\\n1\\n' +
          'nc: connect to 127\\.0\\.0\\.1 port 5009 \\(tcp\\) failed: Connection refused\\n1\\n' +
          'nc: missing port number\\n1\\nnc: port number too large: 99999\\n1\\n' +
          'nc: getaddrinfo for host "nosuchhost" port 80: Name or service not known\\n1\\n' +
          'nc: Cannot assign requested address\\n1\\n$',
      ),
    );
  });

  test('/proc/net/tcp follows the connection: LISTEN, ESTABLISHED, then TIME_WAIT on the side that closed first', () => {
    const r = runInMachine(
      'nc -l 127.0.0.1 8080 > /dev/null & sleep 0.1; (sleep 1; echo x) | nc -N 127.0.0.1 8080 & sleep 0.5; ' +
        'cut -c1-39 /proc/net/tcp; head -2 /proc/net/tcp | tail -1; wait; cut -c1-39 /proc/net/tcp; grep -c "" /proc/net/tcp6; head -c 149 /proc/net/tcp | wc -c; ' +
        'grep Tcp: /proc/net/snmp | tail -1 | cut -d" " -f6-10',
    );
    expect(kernelBugs(r.machine)).toEqual([]);
    const all = r.output.split('\n');
    // The listener's whole row, as get_tcp4_sock prints it (rto 1 s, cwnd 10, ssthresh 0), padded to 149.
    const full = all.splice(4, 1)[0]!;
    expect(full).toMatch(/^ {3}0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 {5}0 {8}0 \d+ 1 [0-9a-f]{16} 100 0 0 10 0 +$/);
    expect(full).toHaveLength(149);
    const lines = all;
    const header = '  sl  local_address rem_address   st tx';
    expect(lines[0]).toBe(header);
    expect(lines[1]).toBe('   0: 0100007F:1F90 00000000:0000 0A 00');
    // The two ends of the connection; the client's port is ephemeral (even: connect()'s parity).
    // (Linux lists them in hash-bucket order, so either may come first.)
    const ends = [lines[2]!.slice(6), lines[3]!.slice(6)].sort();
    expect(ends[0]).toMatch(/^0100007F:1F90 0100007F:([0-9A-F]{4}) 01 00$/);
    expect(ends[1]).toMatch(/^0100007F:([0-9A-F]{4}) 0100007F:1F90 01 00$/);
    const port = parseInt(/0100007F:([0-9A-F]{4}) 01 00$/.exec(ends[0]!)![1]!, 16);
    expect(port).toBeGreaterThanOrEqual(32768);
    expect(port % 2).toBe(0);
    // The client (-N) sends its FIN first; the listener, reading EOF, closes too: the client closed
    // actively and waits in TIME_WAIT, the listener's side is gone.
    expect(lines[4]).toBe(header);
    expect(lines[5]).toMatch(/^ {3}0: 0100007F:[0-9A-F]{4} 0100007F:1F90 06 00$/);
    expect(lines[6]).toBe('1');
    expect(lines[7]).toBe('149');
    // ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab
    expect(lines[8]).toBe('1 1 0 0 0');
  });
});
