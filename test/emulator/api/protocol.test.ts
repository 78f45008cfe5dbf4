import { describe, expect, it } from 'vitest';
import { bytesToLatin1, latin1ToBytes, utf8ToLatin1 } from '../../../emulator/api/latin1';
import { MAX_TTY_INPUT, isCommand, ttyInput, validateCommand } from '../../../emulator/api/protocol';

describe('validateCommand', () => {
  it.each([
    { type: 'tty-input', data: 'ls -l\r' },
    { type: 'tty-input', data: '\x00\x1b[A\xff' },
    { type: 'resize', cols: 80, rows: 24 },
    { type: 'pause' },
    { type: 'resume' },
    { type: 'reset' },
  ])('accepts %j', (cmd) => {
    expect(validateCommand(cmd)).toBeNull();
    expect(isCommand(cmd)).toBe(true);
  });

  it.each([
    [null, 'must be an object'],
    [undefined, 'must be an object'],
    ['reset', 'must be an object'],
    [[{ type: 'reset' }], 'must be an object'],
    [{}, 'unknown command type'],
    [{ type: 'format-disk' }, 'unknown command type "format-disk"'],
    [{ type: 'toString' }, 'unknown command type'],
    [{ type: 7 }, 'unknown command type number'],
    [{ type: 'tty-input' }, 'data must be a string'],
    [{ type: 'tty-input', data: 42 }, 'data must be a string'],
    [{ type: 'tty-input', data: 'h\u00e9\u20ac' }, 'must be latin1'],
    [{ type: 'tty-input', data: 'x'.repeat(MAX_TTY_INPUT + 1) }, 'longer than'],
    [{ type: 'resize', cols: 80 }, 'rows must be an integer'],
    [{ type: 'resize', cols: 80.5, rows: 24 }, 'cols must be an integer'],
    [{ type: 'resize', cols: 0, rows: 24 }, 'between 1 and 65535'],
    [{ type: 'resize', cols: 80, rows: 70000 }, 'between 1 and 65535'],
    [{ type: 'resize', cols: '80', rows: 24 }, 'must be an integer'],
    [{ type: 'pause', now: true }, 'unexpected field "now"'],
  ])('rejects %j', (cmd, problem) => {
    const error = validateCommand(cmd);
    expect(error).toContain(problem);
    expect(isCommand(cmd)).toBe(false);
  });

  it('never throws, even on hostile objects', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    expect(validateCommand(hostile)).toBe('a command must be a plain object');
  });
});

describe('ttyInput', () => {
  it('splits a large paste into valid commands', () => {
    const commands = ttyInput('y'.repeat(MAX_TTY_INPUT * 2 + 3));
    expect(commands.map((c) => (c.type === 'tty-input' ? c.data.length : 0))).toEqual([
      MAX_TTY_INPUT,
      MAX_TTY_INPUT,
      3,
    ]);
    expect(commands.every(isCommand)).toBe(true);
    expect(ttyInput('')).toEqual([]);
  });
});

describe('latin1 wire form', () => {
  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const s = bytesToLatin1(bytes);
    expect(s.length).toBe(256);
    expect(latin1ToBytes(s)).toEqual(bytes);
  });

  it('handles buffers larger than an argument list', () => {
    const bytes = new Uint8Array(100_000).fill(0x41);
    expect(bytesToLatin1(bytes)).toBe('A'.repeat(100_000));
  });

  it('encodes typed text as UTF-8 bytes', () => {
    expect(utf8ToLatin1('é')).toBe('\xc3\xa9');
    expect(validateCommand({ type: 'tty-input', data: utf8ToLatin1('€ ok') })).toBeNull();
  });
});
