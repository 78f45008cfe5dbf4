// The musl corpus: small C programs (corpus/*.c) built at test time with `musl-gcc -static -O2`,
// run natively on the host and inside a machine; stdout and exit status must match. This is code
// no one here wrote: musl's startup, stdio, malloc, qsort and syscall wrappers as a real toolchain
// compiled them. The programs print only what is the same on both sides (no pids, no /proc counts).

import { describe, expect, test } from 'vitest';
import { kernelBugs, runInMachine } from '../../../machine';
import { runNative } from './gcc';
import { buildMusl, hasMuslGcc } from './musl';

/** Single-quote a word for the machine's shell (the corpus arguments contain no quotes). */
const quote = (s: string) => `'${s}'`;

interface Case {
  name: string;
  args: string[];
  env: Record<string, string>;
}

describe.skipIf(!hasMuslGcc)('musl-gcc -static corpus', () => {
  test.each<Case>([
    { name: 'hello', args: [], env: {} },
    { name: 'args', args: ['x', 'two words', ''], env: { CORPUS_A: '1', CORPUS_B: 'b c' } },
    { name: 'forkpipe', args: [], env: {} },
    { name: 'signals', args: [], env: {} },
    { name: 'fileio', args: [], env: {} },
    // 20k rather than the program's default 100k keeps this under a few seconds (see x86_sort_ms).
    { name: 'sort', args: ['20000'], env: {} },
    { name: 'procdir', args: [], env: {} },
    { name: 'clock', args: [], env: {} },
  ])('$name matches the native run', ({ name, args, env }) => {
    const bin = buildMusl(name);
    const native = runNative(bin, args, env);
    expect(native.stdout).not.toBe('');

    // The same file name as the native run, so argv[0] agrees.
    const assignments = Object.entries(env).map(([k, v]) => `${k}=${quote(v)} `).join('');
    const cmd = `${assignments}/tmp/p ${args.map(quote).join(' ')}; echo "status=$?"`;
    const r = runInMachine(cmd, { files: [{ path: '/tmp/p', data: bin, mode: 0o755 }] });
    const log = r.machine.kernel.log.records.map((x) => x.text);
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(log.filter((l) => l.includes('invalid opcode'))).toEqual([]);
    expect(r.output).toBe(`${native.stdout}status=${native.status}\n`);
  });
});
