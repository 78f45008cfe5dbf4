// TCP and UDP over loopback, native Linux against the machine: the same C program (glibc, static)
// runs on the host and in the machine, and every result and errno must agree — bind rules,
// connect/accept, half-close, resets, non-blocking connect, poll masks, UDP truncation and
// ICMP-driven ECONNREFUSED, IPv6 and dual-stack sockets.

import { describe, expect, it } from 'vitest';
import { build, hasStaticLibc, runNative } from '../../../arch/x86/gcc';
import { kernelBugs, runInMachine } from '../../../../machine';
import { INET_PROGRAM } from './inet_program';

describe('TCP/UDP over loopback: native Linux and the machine agree', () => {
  it.skipIf(!hasStaticLibc)('gives the same results and errnos for the same calls', () => {
    const bin = build(INET_PROGRAM, ['-D_GNU_SOURCE', '-include', 'sys/ioctl.h']);
    const native = runNative(bin);
    expect(native.status).toBe(0);
    expect(native.stdout).toContain('connect-refused -1 ECONNREFUSED\n');
    expect(native.stdout).toContain('accepted len 28 family 10 addr ::ffff:127.0.0.1\n');
    const r = runInMachine('/tmp/inet', { files: [{ path: '/tmp/inet', data: bin, mode: 0o755 }] }, 60_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(native.stdout);
  });
});
