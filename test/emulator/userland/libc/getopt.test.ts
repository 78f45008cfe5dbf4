import { describe, expect, it } from 'vitest';
import { getoptParse } from '../../../../emulator/userland/libc/getopt';

const p = (argv: string[], opts = 'ab:c', long = [{ name: 'name', hasArg: 1 as const, val: 'n' }, { name: 'all', hasArg: 0 as const, val: 'a' }]) =>
  getoptParse('prog', ['prog', ...argv], opts, long);

describe('getopt', () => {
  it('clusters, arguments and permutation', () => {
    const r = p(['x', '-ac', '-bVAL', 'y', '-b', 'W', '--', '-a']);
    expect(r.options).toEqual([{ opt: 'a' }, { opt: 'c' }, { opt: 'b', arg: 'VAL' }, { opt: 'b', arg: 'W' }]);
    expect(r.operands).toEqual(['x', 'y', '-a']);
    expect(p(['-', 'x']).operands).toEqual(['-', 'x']);
  });
  it('in order with +', () => {
    expect(p(['x', '-a'], '+ab:c').operands).toEqual(['x', '-a']);
  });
  it('long options', () => {
    expect(p(['--name=v', '--name', 'w', '--al']).options).toEqual([{ opt: 'n', arg: 'v' }, { opt: 'n', arg: 'w' }, { opt: 'a' }]);
    expect(p(['--bogus']).message).toBe("prog: unrecognized option '--bogus'\n");
    expect(p(['--all=1']).message).toBe("prog: option '--all' doesn't allow an argument\n");
    expect(p(['--name']).message).toBe("prog: option '--name' requires an argument\n");
  });
  it('GNU messages', () => {
    expect(p(['-z']).message).toBe("prog: invalid option -- 'z'\n");
    expect(p(['-b']).message).toBe("prog: option requires an argument -- 'b'\n");
    expect(p(['-b']).error).toBe(true);
  });
});
