// The socket calls as strace prints them: corpus/unix.c (every Unix socket call, with addresses,
// messages, control data and options) under the host's strace and under ours give the same lines.
// The autobound name is random on both sides and is masked.

import { describe, expect, test } from 'vitest';
import { hasMuslGcc } from '../../arch/x86/musl';
import { hasStrace, straceBoth } from './host_strace';

const CALLS = /^(socket|socketpair|bind|connect|listen|accept4?|getsockname|getpeername|shutdown|sendto|recvfrom|sendmsg|recvmsg|setsockopt|getsockopt)\(/;

describe.skipIf(!hasMuslGcc || !hasStrace)('socket lines against the real strace', () => {
  test('every socket call line matches', () => {
    const { host, ours } = straceBoth('unix', CALLS, (l) => l.replace(/sun_path=@"[0-9a-f]{5}"/, 'sun_path=@"XXXXX"'));
    expect(host.length).toBeGreaterThan(60);
    expect(ours).toEqual(host);
  });
});
