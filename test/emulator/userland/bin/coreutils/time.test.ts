import { describe, expect, it } from 'vitest';
import { isoTime, lsTime } from '../../../../../emulator/userland/bin/coreutils/lib/time';
import { strftime } from '../../../../../emulator/userland/bin/coreutils/date';

const BOOT = 1767225600; // 2026-01-01 00:00:00 UTC

describe('time formats of ls, stat and date', () => {
  it('ls -l shows the time for the last six months and the year otherwise (or in the future)', () => {
    expect(lsTime(BOOT - 3600, 0, [BOOT, 0])).toBe('Dec 31 23:00');
    expect(lsTime(0, 0, [BOOT, 0])).toBe('Jan  1  1970');
    expect(lsTime(BOOT + 86400, 0, [BOOT, 0])).toBe('Jan  2  2026');
  });

  it('stat prints nanoseconds and the zone', () => {
    expect(isoTime(BOOT, 5)).toBe('2026-01-01 00:00:00.000000005 +0000');
  });

  it('date formats like strftime in the C locale', () => {
    expect(strftime('%a %b %e %H:%M:%S %Z %Y', BOOT, 0)).toBe('Thu Jan  1 00:00:00 UTC 2026');
    expect(strftime('%F %T %j %u %p %I %s %%', BOOT + 13 * 3600, 0)).toBe('2026-01-01 13:00:00 001 4 PM 01 1767272400 %');
  });
});
