// ipc-semaphore refuses options it does not know and stray operands (usage, exit 2) instead of
// running its default count.

import { describe, expect, it } from 'vitest';
import { runInMachine } from '../../../../machine';

describe('ipc-semaphore arguments', () => {
  const P = '/usr/libexec/ringside/ipc-semaphore';
  const r = runInMachine(`${P} --bogus; echo rc=$?; ${P} 3 4; echo rc=$?; ${P} 1e2; echo rc=$?; ${P} 10; echo rc=$?`);

  it('gives usage for bad ones and runs a good count', () => {
    const usage = 'usage: ipc-semaphore [N] [--no-lock] [--posix] [--hold SECONDS]\nrc=2\n';
    expect(r.output).toBe(usage.repeat(3) + 'counter = 20 (expected 20, with the semaphore)\nrc=0\n');
  });
});
