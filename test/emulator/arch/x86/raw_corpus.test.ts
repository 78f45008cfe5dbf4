// The raw-syscall corpus: the same kinds of programs as the musl corpus (corpus_raw/*.c), built at
// test time with `gcc -static -nostdlib` — no libc at all, every syscall an inline `syscall`
// instruction, our own _start and signal trampoline — run natively and inside a machine; stdout
// and exit status must match.

import { readFileSync } from 'node:fs';
import { describe, test } from 'vitest';
import { CORE_CORPUS, expectSameAsNative, type CorpusCase } from './corpus_run';
import { buildRaw, hasGcc, RAW_START } from './gcc';

const source = (name: string) => readFileSync(new URL(`corpus_raw/${name}.c`, import.meta.url), 'utf8');

describe.skipIf(!hasGcc)('gcc -static -nostdlib corpus', () => {
  test.each<CorpusCase>([...CORE_CORPUS])('$name matches the native run', (c) => {
    expectSameAsNative(buildRaw(RAW_START + source(c.name)), c);
  });
});
