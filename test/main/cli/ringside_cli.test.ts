import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseRunArgs } from '../../../main/cli/ringside_cli';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (s: string | Uint8Array) => out.push(typeof s === 'string' ? s : Buffer.from(s).toString()), isTTY: false },
      stderr: { write: (s: string) => err.push(s) },
    },
  };
}

describe('ringside CLI arguments', () => {
  it('parses run options and the command line after --', () => {
    const o = parseRunArgs(['--seed', '7', '--timeout=5', '--', 'echo', 'hi']);
    expect(o).toMatchObject({ seed: 7, timeoutS: 5, command: 'echo hi', trace: null });
  });

  it('rejects malformed arguments with status 2 and the usage', async () => {
    for (const argv of [[], ['frobnicate'], ['run'], ['run', '--seed'], ['run', '--seed', 'x', 'true'], ['run', '--bogus', 'true'], ['run', '--put', 'nocolon', 'true'], ['run', '--put', '/nonexistent/file:/x', 'true'], ['run', '--trace-format', 'xml', 'true'], ['shell', 'extra'], ['shell', '--pcap', '/tmp/x'], ['shell', '--session=/tmp/x'], ['shell', '--timeout', '5'],
      ['run', '--trace', '/nonexistent/dir/t', 'true'], ['run', '--pcap', '/nonexistent/dir/p', 'true'], ['run', '--session', '/nonexistent/dir/s', 'true']]) {
      const t = io();
      expect(await main(argv, t.io), JSON.stringify(argv)).toBe(2);
      expect(t.err.join('')).toMatch(/^ringside: .*\nUsage: ringside run/);
    }
  });

  it('exports the trace as strace text with --trace-format strace', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ringside-')), 'trace.txt');
    const t = io();
    expect(await main(['run', '--trace', file, '--trace-format', 'strace', '--', 'cat /etc/hostname'], t.io)).toBe(0);
    expect(t.out.join('')).toBe('ringside\n');
    expect(readFileSync(file, 'utf8')).toMatch(/^\d+ +openat\(AT_FDCWD, "\/etc\/hostname", O_RDONLY\) = 3$/m);
  });

  it('prints help', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).toBe(0);
    expect(t.out.join('')).toContain('Usage: ringside run');
  });
});
