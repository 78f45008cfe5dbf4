// The small building blocks on their own: quoting, flag words, padding, results.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECODE_OPTIONS, alignLine, decodeSync, formatEntry, formatExit, formatReturn, quote,
} from '../../../../emulator/trace/decode';
import { formatEnum, formatFlags } from '../../../../emulator/trace/decode/flags';
import { hex, int32, ptr } from '../../../../emulator/trace/decode/numbers';
import { __NR } from '../../../../emulator/uapi/unistd_64';
import { FakeTracee, opts } from './helpers';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('quote', () => {
  const q = (b: Uint8Array, o = {}, style = {}) => quote(b, { ...DEFAULT_DECODE_OPTIONS, ...o }, style);
  it('escapes as strace does', () => {
    expect(q(bytes(0x22, 0x5c, 0x09, 0x0a, 0x0d, 0x0b, 0x0c))).toBe('"\\"\\\\\\t\\n\\r\\v\\f"');
    expect(q(bytes(0, 1, 0x7f, 0x80, 0xff))).toBe('"\\0\\1\\177\\200\\377"');
    expect(q(bytes(0, 0x30, 1, 0x37, 2, 0x38))).toBe('"\\0000\\0017\\28"');
    expect(q(bytes(0x61), {}, { truncated: true })).toBe('"a"...');
  });
  it('switches to hex with -x when anything is unprintable, always with -xx', () => {
    expect(q(bytes(0x61, 0x62), { xflag: 1 })).toBe('"ab"');
    expect(q(bytes(0x61, 0x0a), { xflag: 1 })).toBe('"\\x61\\x0a"');
    expect(q(bytes(0x61), { xflag: 2 })).toBe('"\\x61"');
    expect(q(bytes(0x61), {}, { forceHex: true })).toBe('"\\x61"');
  });
});

describe('flags and numbers', () => {
  const table = [[1, 'A'], [2, 'B'], [6, 'BC']] as const;
  it('joins names in table order, leftovers in hex, and names a zero', () => {
    expect(formatFlags(3, table)).toBe('A|B');
    expect(formatFlags(7, [[6, 'BC'], [1, 'A']])).toBe('BC|A');
    expect(formatFlags(0x80000001, table)).toBe('A|0x80000000');
    expect(formatFlags(0, table)).toBe('0');
    expect(formatFlags(0, table, 'NONE')).toBe('NONE');
    expect(formatEnum(7, new Map([[1, 'ONE']]), 'X_')).toBe('0x7 /* X_??? */');
  });
  it('prints C types from the signed 64-bit register value', () => {
    expect(hex(0)).toBe('0');
    expect(hex(-1)).toBe('0xffffffffffffffff');
    expect(ptr(0)).toBe('NULL');
    expect(int32(0xffffffff)).toBe(-1);
  });
});

describe('alignLine', () => {
  it('pads to column 40 after one space, or just the space past it', () => {
    expect(alignLine('x'.repeat(38), '= 0')).toBe(`${'x'.repeat(38)}  = 0`);
    expect(alignLine('x'.repeat(39), '= 0')).toBe(`${'x'.repeat(39)} = 0`);
    expect(alignLine('x'.repeat(40), '= 0')).toBe(`${'x'.repeat(40)} = 0`);
    expect(alignLine('x'.repeat(10), '= 0', 20)).toBe(`${'x'.repeat(10)}          = 0`);
  });
});

describe('formatReturn', () => {
  const t = new FakeTracee();
  const ret = (nr: number, r: number | undefined, o = {}) => decodeSync(formatReturn({ nr, args: [], ret: r }, opts(o)), t.answer);
  it('prints each result kind', () => {
    expect(ret(__NR.getpid, 42)).toBe('= 42');
    expect(ret(__NR.mmap, 0x7f25b293d000)).toBe('= 0x7f25b293d000');
    expect(ret(__NR.mmap, -12)).toBe('= -1 ENOMEM (Cannot allocate memory)');
    expect(ret(__NR.exit_group, 0)).toBe('= ?');
    expect(ret(__NR.read, undefined)).toBe('= ?');
    t.links.set(3, '/dev/null');
    expect(ret(__NR.open, 3, { decodeFds: 1 })).toBe('= 3</dev/null>');
    expect(ret(__NR.open, 3)).toBe('= 3');
  });
  it('prints the restart codes a tracer can see', () => {
    expect(ret(__NR.read, -512)).toBe('= ? ERESTARTSYS (To be restarted if SA_RESTART is set)');
    expect(ret(__NR.read, -513)).toBe('= ? ERESTARTNOINTR (To be restarted)');
    expect(ret(__NR.pause, -514)).toBe('= ? ERESTARTNOHAND (To be restarted if no handler)');
    expect(ret(__NR.nanosleep, -516)).toBe('= ? ERESTART_RESTARTBLOCK (Interrupted by signal)');
  });
  it('prints other errors as strace 6.1 does, named or not', () => {
    expect(ret(__NR.getppid, -515)).toBe('= -1 ENOIOCTLCMD (Unknown error 515)');
    expect(ret(__NR.getppid, -600)).toBe('= -1 (errno 600)');
    expect(ret(__NR.getppid, -133)).toBe('= -1 EHWPOISON (Memory page has hardware error)');
  });
});

describe('entry and exit halves', () => {
  const t = new FakeTracee();
  const halves = (name: keyof typeof __NR, args: number[], ret?: number) => {
    const call = { nr: __NR[name], args, ret };
    return [decodeSync(formatEntry(call, DEFAULT_DECODE_OPTIONS), t.answer), decodeSync(formatExit(call, DEFAULT_DECODE_OPTIONS), t.answer)];
  };
  it('prints everything at entry for a call with only inputs', () => {
    expect(halves('write', [1, t.alloc('hi'), 2], 2)).toEqual(['write(1, "hi", 2', ')']);
  });
  it('leaves the kernel-filled arguments, and all after them, for the exit', () => {
    expect(halves('read', [3, t.alloc('hi'), 10], 2)).toEqual(['read(3, ', '"hi", 10)']);
    expect(halves('pipe', [t.struct(8, [[0, 4, 3], [4, 4, 4]])], 0)).toEqual(['pipe(', '[3, 4])']);
  });
  it('shows out-arguments as addresses when the call never returned', () => {
    expect(halves('read', [3, 0x1000, 10])).toEqual(['read(3, ', '0x1000, 10)']);
  });
});
