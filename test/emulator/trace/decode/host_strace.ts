// Test helper: the same musl corpus program under the host's strace and under ours inside a
// machine, reduced to the lines of some calls, with what differs between two machines masked
// (stack and heap addresses, pids, the time left on a timeout).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInMachine } from '../../../machine';
import { buildMusl } from '../../arch/x86/musl';

export const hasStrace = spawnSync('strace', ['-V']).status === 0;

/** strace -f of corpus/<name>.c on the host and in a machine: the lines whose call matches `calls`. */
export function straceBoth(name: string, calls: RegExp, mask: (line: string) => string = (l) => l): { host: string[]; ours: string[] } {
  const bin = buildMusl(name);
  const dir = mkdtempSync(join(tmpdir(), 'ringside-strace-'));
  let host: string;
  try {
    writeFileSync(join(dir, 'p'), bin, { mode: 0o755 });
    const r = spawnSync('strace', ['-f', '-o', join(dir, 'log'), join(dir, 'p')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`host strace failed: ${r.stderr}`);
    host = readFileSync(join(dir, 'log'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ours = runInMachine('strace -f -o /tmp/log /tmp/p > /dev/null; cat /tmp/log', { files: [{ path: '/tmp/p', data: bin, mode: 0o755 }] }).output;
  const pick = (log: string) =>
    log
      .split('\n')
      .map((l) => l.replace(/^\d+ +/, ''))
      .filter((l) => calls.test(l))
      .map((l) => mask(l.replace(/0x7ff[0-9a-f]+/g, 'ADDR').replace(/pid=\d+/g, 'pid=N')));
  return { host: pick(host), ours: pick(ours) };
}
