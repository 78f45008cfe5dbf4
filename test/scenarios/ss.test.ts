// ss: which sockets each option selects, iproute2 6.1's columns (measured widths into a pipe, the
// screen width spread over the columns on a terminal), -p from /proc/PID/fd, -H, `state`, errors.

import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

/** The same commands natively in a new network namespace with lo up (Debian's socat and ss), or null. */
function runNative(script: string): string | null {
  if (spawnSync('unshare', ['-n', 'true']).status !== 0 || spawnSync('socat', ['-V']).status !== 0 || spawnSync('ss', ['-V']).status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'ringside-ss-'));
  try {
    writeFileSync(join(dir, 's.sh'), script);
    // setsid + kill 0: the servers left running end with the namespace's shell.
    spawnSync('timeout', ['30', 'setsid', 'unshare', '-n', 'sh', '-c', `ip link set lo up; sh ${join(dir, 's.sh')} > ${join(dir, 'out')} 2> ${join(dir, 'err')}; kill 0`]);
    return readFileSync(join(dir, 'out'), 'utf8');
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ephemeral ports masked, and each table's rows sorted (Linux lists them in hash order). */
function canonical(out: string): string {
  return out
    .replace(/:\d{5}\b/g, ':EPH')
    .split(/^(?=State|Recv-Q)/m)
    .map((t) => {
      const [head, ...rows] = t.split('\n').filter((l) => l !== '');
      return [head, ...rows.sort()].join('\n');
    })
    .join('\n');
}

describe('ss', () => {
  test('Unix sockets: -x, -a, -l, -p, -H and state filters', () => {
    const r = runInMachine(
      'nc -lU /tmp/s & nc -lU @abs & sleep 0.1; (sleep 1 | nc -U /tmp/s &); sleep 0.1; ' +
        'echo "## -xa"; ss -xa | cat; echo "## -xlp"; ss -xlp | cat; echo "## -H state listening"; ss -H -x state listening | cat; ' +
        'echo "## tty"; ss -x; echo "## -t"; ss -t | cat; echo "## proc"; PROC_ROOT=/proc ss -xa | cat; echo "## -e"; ss -xae | cat; kill %1 %2',
    );
    expect(kernelBugs(r.machine)).toEqual([]);
    const sections = Object.fromEntries(
      r.output.split(/^## /m).filter(Boolean).map((s) => [s.slice(0, s.indexOf('\n')), s.slice(s.indexOf('\n') + 1)]),
    );
    const inos = [...sections['-xa']!.matchAll(/^u_str \S+ +\d+ +\d+ +\S+ (\d+)/gm)].map((m) => m[1]);
    expect(inos.length).toBe(4);
    const [lis, abs, cli, acc] = inos;
    // Into a pipe: each column as wide as its widest entry; "Port" and "Process" have no gap
    // before them, and every line is padded to the last column's width. From NETLINK_SOCK_DIAG:
    // a listener's Send-Q is its backlog, and each end of a connection names the other's inode.
    expect(sections['-xa']).toBe(
      'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
        `u_str LISTEN 0      5             /tmp/s ${lis}               * 0          \n` +
        `u_str LISTEN 0      5               @abs ${abs}               * 0          \n` +
        `u_str ESTAB  0      0                  * ${cli}               * ${acc}          \n` +
        `u_str ESTAB  0      0             /tmp/s ${acc}               * ${cli}          \n`,
    );
    expect(sections['-xlp']).toMatch(new RegExp(`^u_str LISTEN 0      5             /tmp/s ${lis}               \\* 0    users:\\(\\("nc",pid=\\d+,fd=3\\)\\)$`, 'm'));
    // One state selected: no State column.
    expect(sections['-H state listening']).toBe(`u_str 0      5      /tmp/s ${lis} * 0\nu_str 0      5        @abs ${abs} * 0\n`);
    // With PROC_ROOT set ss reads /proc/net/unix instead: no queues, no peers, sorted by inode.
    expect(sections['proc']).toBe(
      'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
        `u_str LISTEN 0      0             /tmp/s ${lis}               * 0          \n` +
        `u_str LISTEN 0      0               @abs ${abs}               * 0          \n` +
        `u_str ESTAB  0      0                  * ${cli}               * 0          \n` +
        `u_str ESTAB  0      0             /tmp/s ${acc}               * 0          \n`,
    );
    // -e: the shutdown state, the socket file's inode and device, a listener's waiting peers.
    expect(sections['-e']).toMatch(new RegExp(`^u_str LISTEN 0      5             /tmp/s ${lis}               \\* 0    <-> ino:\\d+ dev:\\d+/\\d+ peers:$`, 'm'));
    expect(sections['-e']).toMatch(new RegExp(`^u_str LISTEN 0      5               @abs ${abs}               \\* 0    <-> peers: +$`, 'm'));
    // On the 80-column console the spare width is spread over the columns.
    const tty = sections['tty']!.split('\n');
    expect(tty[0]).toBe('Netid  State  Recv-Q  Send-Q   Local Address:Port   Peer Address:Port  Process  ');
    expect(tty.slice(0, -1).every((l) => l.length === 80)).toBe(true);
    // Only TCP: no Netid column (and no TCP sockets).
    expect(sections['-t']).toBe('State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
  });

  test('TCP and UDP: listeners, connections, TIME-WAIT with its timer, -p, -4, -H', () => {
    const r = runInMachine(
      'socat TCP-LISTEN:8080,reuseaddr,fork EXEC:"tr a-z A-Z" & sleep 0.1; (sleep 5 | socat - TCP:127.0.0.1:8080 &); sleep 0.1; ' +
        'echo "## -ta"; ss -ta | cat; echo "## -tlp"; ss -tlp | cat; echo hello | socat - TCP:localhost:8080; ' +
        'echo "## tw"; ss -tn state time-wait -o | cat; echo "## -4taH"; ss -4 -t -a -H | cat; ' +
        'echo "## udp"; socat UDP-LISTEN:5353 - & sleep 0.1; ss -ua | cat',
    );
    expect(kernelBugs(r.machine)).toEqual([]);
    const sections = Object.fromEntries(
      r.output.split(/^## /m).filter(Boolean).map((s) => [s.slice(0, s.indexOf('\n')), s.slice(s.indexOf('\n') + 1)]),
    );
    const port = /127\.0\.0\.1:(\d+) +127\.0\.0\.1:8080/.exec(sections['-ta']!)![1]!;
    const p = port.padEnd(5);
    // Only TCP: no Netid column. Into a pipe, the measured widths.
    expect(sections['-ta']).toBe(
      'State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n' +
        'LISTEN 0      5            0.0.0.0:8080       0.0.0.0:*           \n' +
        `ESTAB  0      0          127.0.0.1:${p}    127.0.0.1:8080        \n` +
        `ESTAB  0      0          127.0.0.1:8080     127.0.0.1:${p}       \n`,
    );
    expect(sections['-tlp']).toMatch(/^LISTEN 0 {6}5 {12}0\.0\.0\.0:8080 {6}0\.0\.0\.0:\* {4}users:\(\("socat",pid=\d+,fd=3\)\)$/m);
    expect(r.output).toContain('HELLO\n');
    // The closed connection waits in TIME-WAIT on the side that closed first (the client): timer 60 s.
    expect(sections['tw']).toMatch(/^0 {6}0 {10}127\.0\.0\.1:\d+ {4}127\.0\.0\.1:8080 timer:\(timewait,1min,0\)\n$/m);
    expect(sections['-4taH']!.split('\n')[0]).toBe('LISTEN    0      5        0.0.0.0:8080    0.0.0.0:*    ');
    expect(sections['-4taH']).toMatch(/^TIME-WAIT 0 {6}0 {6}127\.0\.0\.1:\d+ 127\.0\.0\.1:8080 $/m);
    expect(sections['udp']).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' + 'UNCONN 0      0            0.0.0.0:5353      0.0.0.0:*          \n',
    );
  });

  test('Netlink sockets: the kernel\'s of each protocol and a process\'s, from /proc/net/netlink', () => {
    const r = runInMachine('udevadm monitor --kernel > /dev/null & sleep 0.1; ss -a -f netlink | cat; ss -an -f netlink -H | grep " 15:"; kill %1');
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toMatch(
      new RegExp(
        '^State  Recv-Q Send-Q Local Address:Port +Peer Address:PortProcess\\n' +
          'UNCONN 0      0 +rtnl:kernel +\\* +\\n(?:.*\\n)*' +
          'UNCONN 0      0 +uevent:udevadm/(\\d+) +\\* +\\n',
      ),
    );
    // -n: protocol numbers and port ids.
    expect(r.output).toMatch(/^UNCONN 0 +0 +15:0 +\*\s*\nUNCONN 0 +0 +15:\d+ +\*\s*$/m);
  });

  test('TCP tables as Debian\'s ss prints them natively for the same sockets', () => {
    const script = 'socat TCP-LISTEN:8080,reuseaddr,fork EXEC:cat & sleep 0.3; (sleep 3 | socat - TCP:127.0.0.1:8080 &); sleep 0.3; ss -tan | cat; ss -tln | cat';
    const native = runNative(script);
    const r = runInMachine(script + '; kill %1');
    expect(kernelBugs(r.machine)).toEqual([]);
    if (native === null) return;
    expect(canonical(native)).toContain('LISTEN 0      5            0.0.0.0:8080');
    expect(canonical(r.output)).toBe(canonical(native));
  });

  test('-s: the summary from /proc/net/sockstat and /proc/net/snmp, in print_summary\'s layout', () => {
    const r = runInMachine('socat TCP-LISTEN:8080,reuseaddr,fork EXEC:cat & sleep 0.1; echo x | socat - TCP:127.0.0.1:8080 > /dev/null; ss -s; grep TCP: /proc/net/sockstat; kill %1');
    const m = /^TCP: inuse (\d+) orphan (\d+) tw (\d+) alloc (\d+)/m.exec(r.output)!;
    const [inuse, orphan, tw, alloc] = m.slice(1).map(Number) as [number, number, number, number];
    expect(tw).toBe(1);
    expect(r.output).toMatch(
      new RegExp(
        `^Total: \\d+\\nTCP:   ${alloc + tw} \\(estab \\d+, closed ${alloc - (inuse - tw)}, orphaned ${orphan}, timewait ${tw}\\)\\n\\n` +
          'Transport Total     IP        IPv6\\n' +
          'RAW\\t  0         0         0        \\n' +
          'UDP\\t  0         0         0        \\n' +
          `TCP\\t  ${String(inuse).padEnd(9)} ${String(inuse).padEnd(9)} 0        \\n`,
      ),
    );
  });

  test('bad options and states exit 255 with the usage or the message', () => {
    const r = runInMachine('ss -Q 2>&1 | head -2; ss -Q 2>/dev/null; echo "rc=$?"; ss -f bogus 2>&1 | head -1; ss -x state bogus; echo "rc=$?"; ss -V');
    expect(r.output).toBe(
      "ss: invalid option -- 'Q'\nUsage: ss [ OPTIONS ]\nrc=255\n" + 'ss: "bogus" is invalid family\n' + 'ss: wrong state name: bogus\nrc=255\n' + 'ss utility, iproute2-6.1.0\n',
    );
  });
});
