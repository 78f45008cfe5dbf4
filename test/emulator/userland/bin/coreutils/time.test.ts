import { describe, expect, it } from 'vitest';
import { isoTime, lsTime } from '../../../../../emulator/userland/bin/coreutils/lib/time';
import { parseDatetime } from '../../../../../emulator/userland/bin/coreutils/lib/parse_datetime';

const BOOT = 1767225600; // 2026-01-01 00:00:00 UTC, a Thursday
const now = { sec: BOOT, nsec: 0 };

describe('time stamps of ls and stat', () => {
  it('ls -l shows the time for the last six months and the year otherwise (or in the future)', () => {
    expect(lsTime(BOOT - 3600, 0, now)).toBe('Dec 31 23:00');
    expect(lsTime(BOOT - 15778476 + 1, 0, now)).toBe('Jul  2 09:05');
    expect(lsTime(BOOT - 15778476, 0, now)).toBe('Jul  2  2025');
    expect(lsTime(0, 0, now)).toBe('Jan  1  1970');
    expect(lsTime(BOOT, 1, now)).toBe('Jan  1  2026');
  });

  it('stat prints nanoseconds and the zone', () => {
    expect(isoTime(BOOT, 5)).toBe('2026-01-01 00:00:00.000000005 +0000');
  });
});

describe('date strings (date -d, touch -d)', () => {
  const p = (s: string) => parseDatetime(s, now)?.sec;
  it('takes epoch seconds, calendar dates and times', () => {
    expect(parseDatetime('@1.5', now)).toEqual({ sec: 1, nsec: 500000000 });
    expect(p('2020-01-02')).toBe(1577923200);
    expect(p('2020-01-02 03:04:05')).toBe(1577934245);
    expect(p('2020-01-02T03:04')).toBe(1577934240);
    expect(p('12:30')).toBe(BOOT + 45000);
  });
  it('adds relative items', () => {
    expect(p('yesterday')).toBe(BOOT - 86400);
    expect(p('1 day ago')).toBe(BOOT - 86400);
    expect(p('2 hours')).toBe(BOOT + 7200);
    expect(p('+3days')).toBe(BOOT + 3 * 86400);
    expect(p('2026-01-31 1 month')).toBe(1772496000); // Mar  3, as GNU's month arithmetic overflows
    expect(p('week')).toBe(BOOT + 604800);
  });
  it('rejects what it does not understand', () => {
    expect(p('foo')).toBeUndefined();
    expect(p('2026-13-01')).toBeUndefined();
    expect(p('3 foos')).toBeUndefined();
  });
});
