import { describe, expect, it } from 'vitest';
import {
  meminfoKb,
  parseCmdline,
  parseStat,
  parseStatus,
  parseUptime,
  statBtime,
  statusKb,
  statusUids,
} from '../../../../../emulator/userland/bin/procps/proc_parse';
import { devMajor, devMinor, ttyName } from '../../../../../emulator/userland/bin/procps/tty_name';

// The line linux-facts.md §4.2 shows for `cat`.
const CAT_STAT =
  '5593 (cat) R 5590 5590 2440 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 34598 3133440 412 18446744073709551615 94179460112384 94179460132265 140728933960048 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94179460148272 94179460149888 94179597004800 140728933964509 140728933964529 140728933964529 140728933965803 0';

describe('/proc/<pid>/stat', () => {
  it('reads the fields ps uses', () => {
    expect(parseStat(CAT_STAT)).toEqual({
      pid: 5593,
      comm: 'cat',
      state: 'R',
      ppid: 5590,
      pgrp: 5590,
      session: 2440,
      ttyNr: 0,
      tpgid: -1,
      utime: 0,
      stime: 0,
      nice: 0,
      numThreads: 1,
      startTime: 34598,
      vsize: 3133440,
      rss: 412,
    });
  });
  it('takes the name up to the last parenthesis', () => {
    const s = parseStat('7 (a) b (c) S 1 7 7 1025 7 0 0 0 0 0 3 4 0 0 20 -5 2 0 10 4096 1 0');
    expect(s?.comm).toBe('a) b (c');
    expect(s?.state).toBe('S');
    expect([s?.ttyNr, s?.utime, s?.stime, s?.nice, s?.numThreads]).toEqual([1025, 3, 4, -5, 2]);
  });
  it('rejects garbage', () => {
    expect(parseStat('')).toBeNull();
  });
});

describe('other /proc files', () => {
  it('status', () => {
    const st = parseStatus('Name:\tcat\nUid:\t1000\t0\t0\t0\nVmLck:\t       8 kB\n');
    expect(st.get('Name')).toBe('cat');
    expect(statusUids(st)).toEqual({ ruid: 1000, euid: 0 });
    expect(statusKb(st, 'VmLck')).toBe(8);
    expect(statusKb(st, 'VmRSS')).toBe(0);
  });
  it('cmdline, uptime, meminfo, btime', () => {
    expect(parseCmdline('cat\0/proc/self/cmdline\0')).toEqual(['cat', '/proc/self/cmdline']);
    expect(parseCmdline('')).toEqual([]);
    expect(parseUptime('346.00 622.91\n')).toBe(346);
    expect(meminfoKb('MemTotal:       24684092 kB\nMemFree:        23983308 kB\n', 'MemFree')).toBe(23983308);
    expect(statBtime('cpu  1 2 3\nbtime 1767225600\nprocesses 5\n')).toBe(1767225600);
  });
});

describe('terminal names', () => {
  it('decodes device numbers as the tty drivers number them', () => {
    expect([devMajor(1025), devMinor(1025)]).toEqual([4, 1]);
    expect(ttyName((4 << 8) | 1)).toBe('tty1');
    expect(ttyName((4 << 8) | 65)).toBe('ttyS1');
    expect(ttyName((136 << 8) | 3)).toBe('pts/3');
    expect(ttyName((137 << 8) | 0)).toBe('pts/256');
    expect(ttyName((5 << 8) | 1)).toBe('console');
    expect(ttyName((1 << 8) | 3)).toBeNull();
  });
});
