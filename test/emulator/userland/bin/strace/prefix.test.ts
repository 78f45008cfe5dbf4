import { describe, expect, it } from 'vitest';
import {
  durationSuffix,
  numberPrefix,
  pidPrefix,
  timePrefix,
} from '../../../../../emulator/userland/bin/strace/prefix';
import { Printer, type Sink } from '../../../../../emulator/userland/bin/strace/output';

// 2026-11-28 15:12:43.752060 UTC
const now = { sec: 1795792363, nsec: 752060999 };

describe('strace prefixes', () => {
  it('pids: [pid %5d] on stderr, %-5d in a file', () => {
    expect(pidPrefix(4305, false)).toBe('[pid  4305] ');
    expect(pidPrefix(4255, true)).toBe('4255  ');
    expect(pidPrefix(12345, true)).toBe('12345 ');
  });
  it('-t, -tt, -ttt, -r and -r with -t', () => {
    expect(timePrefix({ timestamps: 1, relative: false }, now, 0n)).toBe('15:12:43 ');
    expect(timePrefix({ timestamps: 2, relative: false }, now, 0n)).toBe('15:12:43.752060 ');
    expect(timePrefix({ timestamps: 3, relative: false }, now, 0n)).toBe('1795792363.752060 ');
    expect(timePrefix({ timestamps: 0, relative: true }, now, 253_999n)).toBe('     0.000253 ');
    expect(timePrefix({ timestamps: 1, relative: true }, now, 0n)).toBe('15:12:43 (+     0.000000) ');
    expect(timePrefix({ timestamps: 0, relative: false }, now, 5n)).toBe('');
  });
  it('-n and -T', () => {
    expect(numberPrefix(2)).toBe('[   2] ');
    expect(numberPrefix(231)).toBe('[ 231] ');
    expect(durationSuffix(16_500n)).toBe(' <0.000016>');
    expect(durationSuffix(2_000_000_000n)).toBe(' <2.000000>');
  });
});

describe('strace lines', () => {
  function setup(column = 40) {
    const out: string[] = [];
    const sink: Sink = { fd: 2, open: null };
    return {
      out,
      p: new Printer(
        () => sink,
        (_fd, t) => out.push(t),
        column,
      ),
    };
  }
  it('a call is written at entry and completed at exit, aligned to column 40', () => {
    const { out, p } = setup();
    p.begin(1, 'write(1, "hi\\n", 3');
    p.finish(1, '<... write resumed>', ')', '= 3');
    expect(out.join('')).toBe('write(1, "hi\\n", 3)                     = 3\n');
    expect(out[0]).toBe('write(1, "hi\\n", 3');
  });
  it('another process in between: <unfinished ...> and <... resumed>', () => {
    const { out, p } = setup();
    p.begin(4304, '[pid  4304] wait4(4305, ');
    p.begin(4305, '[pid  4305] exit_group(3');
    p.finish(4305, '', ')', '= ?');
    p.line(4305, '[pid  4305] +++ exited with 3 +++');
    expect(p.isOpen(4304)).toBe(false);
    p.finish(4304, '<... wait4 resumed>', '[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL)', '= 4305');
    expect(out.join('')).toBe(
      '[pid  4304] wait4(4305,  <unfinished ...>\n' +
        '[pid  4305] exit_group(3)               = ?\n' +
        '[pid  4305] +++ exited with 3 +++\n' +
        '<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 4305\n',
    );
  });
  it('-a 0 and -T', () => {
    const { out, p } = setup(0);
    p.call(1, 'getppid()', '= 5', ' <0.000001>');
    expect(out.join('')).toBe('getppid() = 5 <0.000001>\n');
  });
});
