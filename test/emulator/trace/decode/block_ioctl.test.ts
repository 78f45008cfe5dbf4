// strace's spelling of the block and loop device ioctls: names, sizes by pointer, plain numbers.

import { describe, expect, it } from 'vitest';
import * as B from '../../../../emulator/uapi/fs';
import * as L from '../../../../emulator/uapi/loop';
import { FakeTracee, line } from './helpers';

const t = new FakeTracee();

describe('block and loop ioctls', () => {
  it('names the requests and decodes their arguments as strace 6.1 does', () => {
    expect(line(t, 'ioctl', [3, B.BLKGETSIZE64, t.struct(8, [[0, 8, 67108864]])], 0)).toBe('ioctl(3, BLKGETSIZE64, [67108864])      = 0');
    expect(line(t, 'ioctl', [3, B.BLKSSZGET, t.struct(4, [[0, 4, 512]])], 0)).toBe('ioctl(3, BLKSSZGET, [512])              = 0');
    expect(line(t, 'ioctl', [3, B.BLKROSET, t.struct(4, [[0, 4, 1]])], -13)).toBe('ioctl(3, BLKROSET, [1])                 = -1 EACCES (Permission denied)');
    expect(line(t, 'ioctl', [3, B.BLKRRPART, 0], -16)).toBe('ioctl(3, BLKRRPART)                     = -1 EBUSY (Device or resource busy)');
    expect(line(t, 'ioctl', [4, L.LOOP_SET_FD, 3], 0)).toBe('ioctl(4, LOOP_SET_FD, 3)                = 0');
    expect(line(t, 'ioctl', [4, L.LOOP_CLR_FD, 0], -6)).toBe('ioctl(4, LOOP_CLR_FD)                   = -1 ENXIO (No such device or address)');
    expect(line(t, 'ioctl', [5, L.LOOP_CTL_GET_FREE, 0], 0)).toBe('ioctl(5, LOOP_CTL_GET_FREE)             = 0');
    expect(line(t, 'ioctl', [5, L.LOOP_CTL_ADD, 9], 9)).toBe('ioctl(5, LOOP_CTL_ADD, 9)               = 9');
  });
});
