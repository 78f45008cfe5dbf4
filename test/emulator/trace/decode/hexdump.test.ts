// -e read=/-e write= dumps, against strace 6.1's output for the same data.

import { describe, expect, it } from 'vitest';
import { decodeSync, dumpIo, formatHexDump } from '../../../../emulator/trace/decode';
import { __NR } from '../../../../emulator/uapi/unistd_64';
import { readReference } from '../../../reference';
import { FakeTracee } from './helpers';

const t = new FakeTracee();

describe('hex dumps', () => {
  it('lays out rows as strace does', () => {
    const row = ' | 00000  01 02 20 61 62 63 80 78  79 7a                    .. abc.xyz       |';
    expect(readReference('linux-facts.md')).toContain(row);
    expect(formatHexDump(new Uint8Array([1, 2, 0x20, 0x61, 0x62, 0x63, 0x80, 0x78, 0x79, 0x7a]))).toEqual([row]);
    expect(formatHexDump(new TextEncoder().encode('0123456789abcdefghijklmnopqrstuvwxyz'))).toEqual([
      ' | 00000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  0123456789abcdef |',
      ' | 00010  67 68 69 6a 6b 6c 6d 6e  6f 70 71 72 73 74 75 76  ghijklmnopqrstuv |',
      ' | 00020  77 78 79 7a                                       wxyz             |',
    ]);
  });

  it('dumps what a call moved, vectors buffer by buffer', () => {
    const dump = (name: keyof typeof __NR, args: number[], ret: number) => decodeSync(dumpIo({ nr: __NR[name], args, ret }), t.answer);
    expect(dump('write', [4, t.alloc('hello'), 5], 5)).toEqual({
      fd: 4, direction: 'write', lines: [' | 00000  68 65 6c 6c 6f                                    hello            |'],
    });
    expect(dump('read', [3, t.alloc('hello'), 10], 5)?.direction).toBe('read');
    const ab = t.alloc('ab'), cde = t.alloc('cde\n');
    const iov = t.struct(32, [[0, 8, ab], [8, 8, 2], [16, 8, cde], [24, 8, 4]]);
    expect(dump('writev', [1, iov, 2], 6)?.lines).toEqual([
      ' * 2 bytes in buffer 0',
      ' | 00000  61 62                                             ab               |',
      ' * 4 bytes in buffer 1',
      ' | 00000  63 64 65 0a                                       cde.             |',
    ]);
    const x = t.alloc('x.....');
    const r = t.struct(32, [[0, 8, x], [8, 8, 1], [16, 8, x + 1], [24, 8, 5]]);
    expect(dump('readv', [3, r, 2], 1)?.lines).toEqual([' * 1 bytes in buffer 0', ' | 00000  78                                                x                |']);
    expect(dump('read', [3, 0x1000, 10], -9)).toBeNull();
    expect(dump('getrandom', [t.alloc('12345678'), 8, 0], 8)).toBeNull();
  });
});
