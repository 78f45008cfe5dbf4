// strace of the socket calls with internet addresses, the host's and ours: the same program (the
// differential test's) under the host strace and under the machine's, compared line by line for
// the calls whose arguments are fixed — sockaddr_in as {sa_family=AF_INET, sin_port=htons(…),
// sin_addr=inet_addr("…")}, sockaddr_in6 with inet_pton(AF_INET6, …), the IPPROTO_* levels and
// the option names — with ephemeral ports masked where they appear.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, hasStaticLibc } from '../../../arch/x86/gcc';
import { kernelBugs, runInMachine } from '../../../../machine';
import { INET_PROGRAM } from './inet_program';

const hasStrace = spawnSync('strace', ['-V']).status === 0;
const CALLS = /^(socket|bind|connect|listen|setsockopt|getsockopt|shutdown|getsockname|getpeername|accept4?|sendto|recvfrom)\(/;

function pick(log: string): string[] {
  return log
    .split('\n')
    .map((l) => l.replace(/^\d+ +/, ''))
    .filter((l) => CALLS.test(l))
    // tcp_info's contents (window scales, timings) depend on the host's buffers and clock.
    .filter((l) => !l.includes('TCP_INFO'))
    // Stack addresses and ephemeral ports differ between two systems; the fixed ports (47311…) stay.
    .map((l) => l.replace(/0x7ff[0-9a-f]+/g, 'ADDR'))
    .map((l) => l.replace(/htons\((\d+)\)/g, (m, p: string) => (Number(p) >= 47300 && Number(p) < 47400 ? m : 'htons(EPH)')));
}

describe('strace of inet socket calls', () => {
  it.skipIf(!hasStaticLibc || !hasStrace)('prints sockaddr_in and sockaddr_in6 as the host strace does', () => {
    const bin = build(INET_PROGRAM, ['-D_GNU_SOURCE', '-include', 'sys/ioctl.h']);
    const dir = mkdtempSync(join(tmpdir(), 'ringside-inet-strace-'));
    let host: string;
    try {
      writeFileSync(join(dir, 'p'), bin, { mode: 0o755 });
      const r = spawnSync('strace', ['-f', '-o', join(dir, 'log'), join(dir, 'p')], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      host = readFileSync(join(dir, 'log'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const r = runInMachine('strace -f -o /tmp/log /tmp/p > /dev/null; cat /tmp/log', { files: [{ path: '/tmp/p', data: bin, mode: 0o755 }] }, 60_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    const ours = pick(r.output), theirs = pick(host);
    expect(theirs.length).toBeGreaterThan(50);
    expect(theirs.some((l) => l.includes('inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6_addr)'))).toBe(true);
    expect(ours).toEqual(theirs);
  });
});
