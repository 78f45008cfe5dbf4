// Test helper: run a host-built corpus binary natively and inside a machine, and check that the
// machine printed the same and exited with the same status (the musl and the raw-syscall corpus).

import { expect } from 'vitest';
import { kernelBugs, runInMachine } from '../../../machine';
import { runNative } from './gcc';

export interface CorpusCase {
  name: string;
  args: string[];
  env: Record<string, string>;
}

/** The programs both corpora have (corpus/ for musl, corpus_raw/ without a libc), with their arguments. */
export const CORE_CORPUS: readonly CorpusCase[] = [
  { name: 'hello', args: [], env: {} },
  { name: 'args', args: ['x', 'two words', ''], env: { CORPUS_A: '1', CORPUS_B: 'b c' } },
  { name: 'forkpipe', args: [], env: {} },
  { name: 'signals', args: [], env: {} },
  { name: 'fileio', args: [], env: {} },
  // 20k rather than the program's default 100k keeps this under a few seconds (see x86_sort_ms).
  { name: 'sort', args: ['20000'], env: {} },
  { name: 'procdir', args: [], env: {} },
];

/** Single-quote a word for the machine's shell (the corpus arguments contain no quotes). */
const quote = (s: string) => `'${s}'`;

export function expectSameAsNative(bin: Uint8Array, { args, env }: CorpusCase): void {
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
}
