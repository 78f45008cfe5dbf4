import { describe, expect, it } from 'vitest';
import { gmtime, strftime, timegm } from '../../../../emulator/userland/libc/time';

// Expected strings are what GNU date prints with LC_ALL=C TZ=UTC.
const f = (fmt: string, t: number, nsec = 0) => strftime(fmt, gmtime(t), nsec);

describe('gmtime and timegm', () => {
  it('are inverse across leap years, before and after 1970', () => {
    for (const t of [0, -1, 951782400, 951868800, 1767225600, -2208988800, 4102444800, 1709164800]) expect(timegm(gmtime(t))).toBe(t);
    expect(gmtime(951782400)).toMatchObject({ tm_year: 100, tm_mon: 1, tm_mday: 29, tm_wday: 2, tm_yday: 59 });
    expect(gmtime(-1)).toMatchObject({ tm_year: 69, tm_mon: 11, tm_mday: 31, tm_hour: 23, tm_min: 59, tm_sec: 59 });
  });
});

describe('strftime in the C locale', () => {
  it("formats date(1)'s default and the common conversions", () => {
    expect(f('%a %b %e %H:%M:%S %Z %Y', 1767225600)).toBe('Thu Jan  1 00:00:00 UTC 2026');
    expect(f('%F %T %j %u %w %p %I %l %k %s %%', 1767272400)).toBe('2026-01-01 13:00:00 001 4 4 PM 01  1 13 1767272400 %');
    expect(f('%c|%D|%x|%X|%r|%R|%C|%y|%h|%B|%A', 0)).toBe('Thu Jan  1 00:00:00 1970|01/01/70|01/01/70|00:00:00|12:00:00 AM|00:00|19|70|Jan|January|Thursday');
    expect(f('%z %:z %::z %n%t', 0)).toBe('+0000 +00:00 +00:00:00 \n\t');
  });
  it('numbers weeks as %U, %W and ISO 8601 %G-%V', () => {
    expect(f('%U %W %V %G %g', 1293753600)).toBe('52 52 52 2010 10'); // Fri 2010-12-31
    expect(f('%U %W %V %G %g', 1609459199)).toBe('52 52 53 2020 20'); // Thu 2020-12-31
    expect(f('%U %W %V %G', 1230768000)).toBe('00 00 01 2009'); // Thu 2009-01-01
    expect(f('%q', 1293753600)).toBe('4');
  });
  it("takes GNU's flags and widths", () => {
    expect(f('%-d|%_d|%0e|%^a|%#Z|%#p|%^B|%10a|%010a|%-j|%_5H|%-m/%-d', 1767225600)).toBe(
      '1| 1|01|THU|utc|am|JANUARY|       Thu|0000000Thu|1|    0|1/1',
    );
    expect(f('%N %3N %6N', 0, 123456789)).toBe('123456789 123 123456');
  });
  it('leaves unknown conversions alone and ignores E and O', () => {
    expect(f('%Ey %Od %Q', 0)).toBe('70 01 %Q');
  });
});
