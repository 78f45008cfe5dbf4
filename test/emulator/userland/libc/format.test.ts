import { describe, expect, it } from 'vitest';
import { format } from '../../../../emulator/userland/libc/format';

describe('printf formatting', () => {
  it('formats integers with flags, width and precision as C does', () => {
    expect(format('%d|%5d|%-5d|%05d|%+d|% d', [42, 42, 42, 42, 42, 42])).toBe('42|   42|42   |00042|+42| 42');
    expect(format('%x %X %#x %o %#o', [255, 255, 255, 8, 8])).toBe('ff FF 0xff 10 010');
    expect(format('%.3d|%u', [7, -1])).toBe('007|18446744073709551615');
    expect(format('%*d|%-*d|', [4, 1, 3, 2])).toBe('   1|2  |');
  });

  it('formats strings, chars and percent', () => {
    expect(format('%s|%10s|%-4s|%.2s|%c|%%', ['hi', 'right', 'l', 'abc', 65])).toBe('hi|     right|l   |ab|A|%');
  });

  it('formats floating point like glibc', () => {
    expect(format('%f %.2f %e %g %g %g', [1.5, 3.14159, 12345.678, 0.0001, 123456789, 100])).toBe(
      '1.500000 3.14 1.234568e+04 0.0001 1.23457e+08 100',
    );
  });

  it('rounds the exact binary value with ties to even, as glibc does', () => {
    expect(format('%.0f %.0f %.0f %.1f %.2f %.3f', [0.5, 1.5, 2.5, 0.25, 2.675, -1.0005])).toBe('0 2 2 0.2 2.67 -1.000');
    expect(format('%.2f|%f|%.0f', [1e21, -0, 123456789.125])).toBe('1000000000000000000000.00|-0.000000|123456789');
  });

  it('treats missing arguments as zero or empty', () => {
    expect(format('%d-%s-', [])).toBe('0--');
  });
});
