// Test and bench helper: build a program of the corpus (test/emulator/arch/x86/corpus/*.c) with
// `musl-gcc -static -O2` into a temporary directory at run time. The binaries are never committed;
// callers skip (or report null) when the host has no musl-gcc (Debian: musl-tools).

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const hasMuslGcc = spawnSync('musl-gcc', ['--version']).status === 0;

/** The bytes of corpus/<name>.c built as a static musl binary. */
export function buildMusl(name: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-musl-'));
  try {
    const source = fileURLToPath(new URL(`corpus/${name}.c`, import.meta.url));
    execFileSync('musl-gcc', ['-static', '-O2', '-o', join(dir, name), source], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(join(dir, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
