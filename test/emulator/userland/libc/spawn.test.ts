// posix_spawn in a kernel without a filesystem: the parent sleeps until the child has tried to
// exec (vfork), and a child that cannot exec reports status 127.

import { describe, expect, it } from 'vitest';
import { bareKernel, runToIdle, spawn } from '../../kernel/fixture';
import { posix_spawn } from '../../../../emulator/userland/libc/spawn';
import { waitpid, WEXITSTATUS } from '../../../../emulator/userland/libc/wait';

describe('posix_spawn', () => {
  it('reports a child that cannot exec as status 127 (vfork-style, without a filesystem)', () => {
    const k = bareKernel();
    let status = -1;
    let pid = 0;
    spawn(k, function* () {
      pid = yield* posix_spawn('/bin/true', ['true'], [], [{ action: 'close', fd: 5 }]);
      [, status] = yield* waitpid(pid);
      return 0;
    });
    runToIdle(k);
    expect(pid).toBeGreaterThan(1);
    expect(WEXITSTATUS(status)).toBe(127);
  });
});
