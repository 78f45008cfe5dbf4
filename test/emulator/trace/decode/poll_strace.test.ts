// poll, select and epoll as strace prints them: the same musl program (corpus/poll.c) under the
// host's strace and under ours inside a machine must give the same lines, once the things that
// differ between two machines are masked (stack addresses, the time left on a timeout, and the
// contents of uninitialised stack the program hands to poll on purpose).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runInMachine } from '../../../machine';
import { buildMusl, hasMuslGcc } from '../../arch/x86/musl';

const hasStrace = spawnSync('strace', ['-V']).status === 0;
const FAMILY = /^(poll|ppoll|select|pselect6|epoll_\w+)\(/;

function normalise(log: string): string[] {
  return log
    .split('\n')
    .filter((l) => FAMILY.test(l) && !l.includes('1073741824'))
    .map((l) => l.replace(/0x7ff[0-9a-f]+/g, 'ADDR').replace(/left \{[^}]*\}/g, 'left {…}'));
}

describe.skipIf(!hasMuslGcc || !hasStrace)('poll-family lines against the real strace', () => {
  test('every poll, select and epoll line matches', () => {
    const bin = buildMusl('poll');
    const dir = mkdtempSync(join(tmpdir(), 'ringside-poll-'));
    let host: string;
    try {
      writeFileSync(join(dir, 'p'), bin, { mode: 0o755 });
      const r = spawnSync('strace', ['-o', join(dir, 'log'), join(dir, 'p')], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      host = readFileSync(join(dir, 'log'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const ours = runInMachine('strace -o /tmp/log /tmp/p > /dev/null; cat /tmp/log', { files: [{ path: '/tmp/p', data: bin, mode: 0o755 }] });
    const expected = normalise(host);
    expect(expected.length).toBeGreaterThan(30);
    expect(normalise(ours.output)).toEqual(expected);
  });
});
