import { describe, expect, it } from 'vitest';
import { in6_ntop, in6_words_text } from '../../../emulator/uapi/in';

describe('IPv6 text form (RFC 5952, as inet_ntop and %pI6c)', () => {
  it('compresses the longest run of two or more zero words, the first of equal runs', () => {
    expect(in6_words_text([0, 0, 0, 0, 0, 0, 0, 1])).toBe('::1');
    expect(in6_words_text([0, 0, 0, 0, 0, 0, 0, 0])).toBe('::');
    expect(in6_words_text([0xfe80, 0, 0, 0, 0x1, 0x2, 0x3, 0x4])).toBe('fe80::1:2:3:4');
    expect(in6_words_text([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])).toBe('2001:db8::1:0:0:1');
    expect(in6_words_text([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])).toBe('2001:db8:0:1:1:1:1:1');
    expect(in6_words_text([1, 0, 0, 2, 0, 0, 0, 3])).toBe('1:0:0:2::3');
  });

  it('writes a v4-mapped address with a dotted quad', () => {
    const b = new Uint8Array(16);
    b.set([0xff, 0xff, 127, 0, 0, 1], 10);
    expect(in6_ntop(b)).toBe('::ffff:127.0.0.1');
  });
});
