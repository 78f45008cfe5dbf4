// futex and the SysV/POSIX IPC calls, against lines strace 6.1 printed on Linux (x86-64).

import { describe, expect, it } from 'vitest';
import { FakeTracee, line } from './helpers';

const t = new FakeTracee();
const A = 0x7fff99038e5c;

describe('futex as strace prints it', () => {
  it('prints only the arguments each operation reads', () => {
    expect(line(t, 'futex', [A, 128, 1, 0, 0, 0], -11)).toBe('futex(0x7fff99038e5c, FUTEX_WAIT_PRIVATE, 1, NULL) = -1 EAGAIN (Resource temporarily unavailable)');
    expect(line(t, 'futex', [A, 1, 1, 0, 0, 0], 0)).toBe('futex(0x7fff99038e5c, FUTEX_WAKE, 1)    = 0');
    const ts = t.struct(16, [[0, 8, 1], [8, 8, 5]]);
    expect(line(t, 'futex', [A, 9 | 128 | 256, 0, ts, 0, 0xffffffff], -110)).toBe(
      'futex(0x7fff99038e5c, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, {tv_sec=1, tv_nsec=5}, FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out)',
    );
    expect(line(t, 'futex', [A, 4 | 128, 1, 2147483647, A, 0], 0)).toBe('futex(0x7fff99038e5c, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2147483647, 0x7fff99038e5c, 0) = 0');
    expect(line(t, 'futex', [A, 3, 1, 2, A, 0], 0)).toBe('futex(0x7fff99038e5c, FUTEX_REQUEUE, 1, 2, 0x7fff99038e5c) = 0');
    expect(line(t, 'futex', [A, 5 | 128, 1, 1, A, 0x04000001], 0)).toBe(
      'futex(0x7fff99038e5c, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x7fff99038e5c, FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1) = 0',
    );
    expect(line(t, 'futex', [A, 10, 1, 0, 0, 5], 0)).toBe('futex(0x7fff99038e5c, FUTEX_WAKE_BITSET, 1, 0x5) = 0');
  });
});
