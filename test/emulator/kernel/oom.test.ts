// A program that eats all memory meets the OOM killer; the machine and everything else go on.

import { describe, expect, it } from 'vitest';
import { bareKernel, runToIdle, spawn } from './fixture';
import { raw_syscall, poke } from '../../../emulator/userland/libc/process';
import { fork } from '../../../emulator/userland/libc/unistd';
import { waitpid, WTERMSIG } from '../../../emulator/userland/libc/wait';
import { __NR } from '../../../emulator/uapi/unistd_64';
import { MAP_ANONYMOUS, MAP_PRIVATE, PROT_READ, PROT_WRITE } from '../../../emulator/uapi/mman';

describe('out of memory', () => {
  it('kills the process whose page fault cannot be satisfied', () => {
    const k = bareKernel();
    let status = -1;
    spawn(k, function* () {
      const pid = yield* fork(function* () {
        // 128 MiB is within the overcommit limit, but twice the machine's 64 MiB of RAM.
        const len = 128 << 20;
        const addr = yield* raw_syscall(__NR.mmap, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        for (let off = 0; off < len; off += 4096) poke(addr + off, Uint8Array.of(1));
        return 0;
      });
      [, status] = yield* waitpid(pid);
      return 0;
    });
    runToIdle(k);
    expect(WTERMSIG(status)).toBe(9);
    expect(k.log.format()).toMatch(/Out of memory: Killed process 2 \(test1\)/);
    expect(k.phys.used).toBe(0);
  });
});
