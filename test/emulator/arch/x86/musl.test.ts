// The musl corpus: small C programs (corpus/*.c) built at test time with `musl-gcc -static -O2`,
// run natively on the host and inside a machine; stdout and exit status must match. This is code
// no one here wrote: musl's startup, stdio, malloc, qsort and syscall wrappers as a real toolchain
// compiled them. The programs print only what is the same on both sides (no pids, no /proc counts).

import { describe, test } from 'vitest';
import { CORE_CORPUS, expectSameAsNative, type CorpusCase } from './corpus_run';
import { buildMusl, hasMuslGcc } from './musl';

describe.skipIf(!hasMuslGcc)('musl-gcc -static corpus', () => {
  test.each<CorpusCase>([
    ...CORE_CORPUS,
    { name: 'float', args: [], env: {} },
    { name: 'sigfloat', args: [], env: {} },
    { name: 'fpe', args: [], env: {} },
    { name: 'ptracefp', args: [], env: {} },
    { name: 'clock', args: [], env: {} },
    { name: 'poll', args: [], env: {} },
    { name: 'unix', args: [], env: {} },
    { name: 'itimer', args: [], env: {} },
  ])('$name matches the native run', (c) => {
    expectSameAsNative(buildMusl(c.name), c);
  });
});
