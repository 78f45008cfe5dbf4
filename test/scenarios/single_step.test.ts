// single-step, the lab's stepi loop on ptrace: one line per machine instruction of the study
// text's NASM program, with the syscall's result in rax on the line after the `syscall`.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';
import { readReference } from '../reference';

const OPEN = { path: '/root/open.asm', data: new TextEncoder().encode(readReference('raw/open.asm')), mode: 0o644 };
const STEP = '/usr/libexec/ringside/single-step';

describe('single-step', () => {
  it('steps through ./open instruction by instruction (PTRACE_SINGLESTEP on the x86 CPU)', () => {
    const r = runInMachine(`nasm -f elf64 open.asm -o open.o && ld open.o -o open && ${STEP} ./open`, { files: [OPEN] });
    const lines = r.output.trim().split('\n');
    // The addresses objdump shows for the program (reference §2.3), then its exit.
    expect(lines.map((l) => l.split(' ')[0])).toEqual([
      '0000000000401000', '0000000000401005', '000000000040100f', '0000000000401014',
      '0000000000401016', '000000000040101b', '0000000000401020', '+++',
    ]);
    expect(lines[3]).toContain(' rax=0x2 rdi=0x402000 rsi=0x0 ');
    expect(lines[4]).toContain(' rax=0x3 '); // open's result: fd 3
    expect(lines[7]).toBe('+++ exited with 0 +++');
    expect(r.status).toBe(0);
    expect(kernelBugs(r.machine)).toEqual([]);
  });

  it('refuses a TypeScript program, which has no instructions, and bad usage with status 2', () => {
    expect(runInMachine(`${STEP} true`)).toMatchObject({
      output: 'single-step: true: no instructions to step (a TypeScript program traps only at syscalls)\n',
      status: 1,
    });
    expect(runInMachine(`${STEP} -n x true`).status).toBe(2);
    expect(runInMachine(`${STEP} -n 3 ./missing`).output).toContain("single-step: cannot run './missing'");
  });
});
