// `ringside run --session FILE` writes the same session format as the desktop app's Export trace…,
// with the same trace lines as `--trace FILE` (jsonl).

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../main/cli/ringside_cli';
import { parseSession } from '../../../emulator/api/session';

describe('ringside run --session', () => {
  it('writes a session that parses, with the console, the processes and the trace of the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-'));
    const session = join(dir, 'run.ringside');
    const trace = join(dir, 'run.jsonl');
    const out: string[] = [];
    const io = { stdout: { write: (s: string | Uint8Array) => out.push(String(s)), isTTY: false }, stderr: { write: () => {} } };
    expect(await main(['run', '--seed', '3', '--session', session, '--trace', trace, '--', 'cat /etc/hostname'], io)).toBe(0);
    const text = readFileSync(session, 'utf8');
    const r = parseSession(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.session.header.machine).toMatchObject({ seed: 3, init: ['/sbin/init', '-c', 'cat /etc/hostname'], state: 'halted', exitStatus: 0 });
    expect(r.session.transcript).toContain('ringside');
    expect(r.session.processes.some((p) => p.pid === 1)).toBe(true);
    // The trace lines are --trace's jsonl (minus context switches, which a session leaves out).
    const jsonl = readFileSync(trace, 'utf8').split('\n').filter((l) => l && !l.includes('"kind":"switch"'));
    expect(text.split('\n').slice(3).filter(Boolean)).toEqual(jsonl);
    expect(r.session.events.some((e) => e.kind === 'sys_enter' && e.name === 'openat' && JSON.stringify(e.strings).includes('/etc/hostname'))).toBe(true);
  });

  it('wants a file name', async () => {
    const err: string[] = [];
    const io = { stdout: { write: () => {} }, stderr: { write: (s: string) => err.push(s) } };
    expect(await main(['run', '--session'], io)).toBe(2);
    expect(err.join('')).toMatch(/option '--session' requires an argument/);
  });
});
