// poll, select and epoll as strace prints them: corpus/poll.c under the host's strace and under
// ours must give the same lines (the poll of 2^30 entries, which shows uninitialised stack, left out).

import { describe, expect, test } from 'vitest';
import { hasMuslGcc } from '../../arch/x86/musl';
import { hasStrace, straceBoth } from './host_strace';

describe.skipIf(!hasMuslGcc || !hasStrace)('poll-family lines against the real strace', () => {
  test('every poll, select and epoll line matches', () => {
    const { host, ours } = straceBoth('poll', /^(poll|ppoll|select|pselect6|epoll_\w+)\((?!.*1073741824)/, (l) => l.replace(/left \{[^}]*\}/g, 'left {…}'));
    expect(host.length).toBeGreaterThan(30);
    expect(ours).toEqual(host);
  });
});
