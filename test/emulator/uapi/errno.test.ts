import { describe, expect, it } from 'vitest';
import * as errno from '../../../emulator/uapi/errno';
import { readReference } from '../../reference';

describe('errno', () => {
  it('matches the numbers and glibc texts measured on Linux', () => {
    const lines = readReference('raw/errno_list.txt').trim().split('\n');
    expect(lines.length).toBeGreaterThan(130);
    for (const line of lines) {
      const [name, num, ...text] = line.split(' ');
      expect((errno as unknown as Record<string, number>)[name!], name).toBe(Number(num));
      expect(errno.strerror(Number(num))).toBe(text.join(' '));
    }
  });

  it('spells unknown numbers as glibc does', () => {
    expect(errno.strerror(4000)).toBe('Unknown error 4000');
    expect(errno.errnoName(2)).toBe('ENOENT');
  });
});
