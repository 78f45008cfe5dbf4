import { describe, expect, it } from 'vitest';
import {
  bsdtime,
  column,
  cputime,
  etime,
  startStamp,
  statFlags,
  tenths,
  userCell,
  type PsContext,
} from '../../../../../emulator/userland/bin/procps/ps_fields';
import { clip, layoutRow } from '../../../../../emulator/userland/bin/procps/ps_layout';
import { defaultFormat, parsePsArgs, PsUsageError } from '../../../../../emulator/userland/bin/procps/ps_options';
import type { Proc } from '../../../../../emulator/userland/bin/procps/readproc';

const proc = (over: Partial<Proc> = {}): Proc => ({
  pid: 42,
  comm: 'sh',
  state: 'S',
  ppid: 1,
  pgrp: 42,
  session: 42,
  ttyNr: 1025,
  tpgid: 42,
  utime: 150,
  stime: 50,
  nice: 0,
  numThreads: 1,
  startTime: 1000,
  vsize: 143360,
  rss: 4,
  ruid: 0,
  euid: 0,
  vmLckKb: 0,
  args: ['-sh'],
  tty: 'tty1',
  ...over,
});
const ctx: PsContext = {
  sys: { uptime: 110, btime: 1767225600, memTotalKb: 262144, pidWidth: 7 },
  now: 1767225710,
  users: new Map([
    [0, 'root'],
    [100, 'systemd-resolve'],
  ]),
};

/** A whole ps listing from a format, as ps.ts lays it out. */
function listing(format: string, procs: Proc[], pidWidth = 7): string {
  const cols = format.split(',').map((n) => {
    const c = column(n, pidWidth)!;
    return { ...c, width: Math.max(c.width, c.header.length) };
  });
  return [
    cols.map((c) => c.header),
    ...procs.map((p) => cols.map((c) => c.cell(p, { ...ctx, sys: { ...ctx.sys, pidWidth } }))),
  ]
    .map((cells) => layoutRow(cols, cells))
    .join('\n');
}

describe('ps formats', () => {
  it('the default, -f and aux headers, as procps-ng prints them with a 7-digit pid_max', () => {
    expect(listing(defaultFormat(parsePsArgs(['ps'])), [])).toBe('    PID TTY          TIME CMD');
    expect(listing(defaultFormat(parsePsArgs(['ps', '-f'])), [])).toBe(
      'UID          PID    PPID  C STIME TTY          TIME CMD',
    );
    expect(listing(defaultFormat(parsePsArgs(['ps', 'aux'])), [])).toBe(
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
    );
    expect(listing(defaultFormat(parsePsArgs(['ps', 'ax'])), [])).toBe('    PID TTY      STAT   TIME COMMAND');
  });
  it('and with pid_max unknown (5 digits), as on the reference machine', () => {
    expect(listing('uid_hack,pid,ppid,c,stime,tname,time,cmd', [], 5)).toBe(
      'UID        PID  PPID  C STIME TTY          TIME CMD',
    );
  });
  it('rows', () => {
    const p = proc();
    expect(listing('pid,tname,time,ucmd', [p])).toBe('    PID TTY          TIME CMD\n     42 tty1     00:00:02 sh');
    expect(listing('user,pid,%cpu,%mem,vsz,rss,tname,stat,start_time,bsdtime,args', [p]).split('\n')[1]).toBe(
      'root          42  2.0  0.0    140    16 tty1     Ss+  00:00   0:02 -sh',
    );
  });
  it('zombies and processes without arguments', () => {
    const z = proc({ state: 'Z', args: [] });
    expect(column('args', 5)!.cell(z, ctx)).toBe('[sh] <defunct>');
    expect(column('comm', 5)!.cell(z, ctx)).toBe('sh <defunct>');
    expect(column('args', 5)!.cell(proc({ args: ['a\tb'] }), ctx)).toBe('a?b');
  });
});

describe('ps cells', () => {
  it('times', () => {
    expect(cputime(0)).toBe('00:00:00');
    expect(cputime(3725)).toBe('01:02:05');
    expect(cputime(90061)).toBe('1-01:01:01');
    expect(bsdtime(20)).toBe('0:20');
    expect(bsdtime(6000)).toBe('100:00');
    expect(etime(65)).toBe('01:05');
    expect(etime(3725)).toBe('01:02:05');
    expect(etime(90061)).toBe('1-01:01:01');
  });
  it('start stamps: time today, day this year, year before', () => {
    const now = Date.UTC(2026, 10, 28, 6, 46) / 1000;
    expect(startStamp(Date.UTC(2026, 10, 28, 5, 4) / 1000, now)).toBe('05:04');
    expect(startStamp(Date.UTC(2026, 10, 7, 5, 4) / 1000, now)).toBe('Nov07');
    expect(startStamp(Date.UTC(2025, 0, 1) / 1000, now)).toBe('2025');
  });
  it('percentages, users, STAT', () => {
    expect(tenths(3)).toBe('0.3');
    expect(tenths(1234)).toBe('123');
    expect(userCell(100, ctx.users)).toBe('systemd+');
    expect(userCell(1000, ctx.users)).toBe('1000');
    expect(statFlags(proc({ state: 'S', pid: 1, session: 0, tpgid: -1, numThreads: 13, vmLckKb: 4 }))).toBe('SLl');
    expect(statFlags(proc({ state: 'R', pid: 50, pgrp: 50, tpgid: 50, nice: 5 }))).toBe('RN+');
    expect(statFlags(proc({ state: 'S', nice: -1, tpgid: 7 }))).toBe('S<s');
  });
});

describe('ps layout', () => {
  const cols = [
    { width: 5, right: true, cmd: false },
    { width: 8, right: false, cmd: false },
    { width: 5, right: true, cmd: false },
    { width: 27, right: false, cmd: true },
  ];
  it('pads, and leaves the last column alone', () => {
    expect(layoutRow(cols, ['1', 'tty1', '2', 'x'])).toBe('    1 tty1         2 x');
  });
  it('a cell too wide pushes the line, and the next columns take it back', () => {
    expect(layoutRow(cols, ['1234567', 'tty1', '2', 'x'])).toBe('1234567 tty1       2 x');
    expect(layoutRow(cols, ['1', 'a-very-long-tty', '2', 'x'])).toBe('    1 a-very-long-tty 2 x');
  });
  it('command columns are cut unless last; lines are clipped to the screen', () => {
    expect(layoutRow([cols[3]!, cols[0]!], ['/process_api --firecracker-init', '1'])).toBe(
      '/process_api --firecracker-     1',
    );
    expect(clip('abcdef', 4)).toBe('abcd');
  });
});

describe('ps options', () => {
  it('mixes UNIX, BSD and GNU syntax', () => {
    const o = parsePsArgs(['ps', '-ef']);
    expect([o.all, o.full]).toEqual([true, true]);
    expect(parsePsArgs(['ps', 'aux']).all).toBe(true);
    expect(parsePsArgs(['ps', '-p', '1,2', '-p3', '--pid=4']).pids).toEqual([1, 2, 3, 4]);
    expect(parsePsArgs(['ps', '-o', 'pid,comm', '-opid']).formats).toEqual(['pid,comm', 'pid']);
    expect(defaultFormat(parsePsArgs(['ps', '1']))).toBe('pid,tname,stat,bsdtime,args');
  });
  it('reports what procps reports', () => {
    const err = (...a: string[]) => {
      try {
        parsePsArgs(['ps', ...a]);
        return '';
      } catch (e) {
        return e instanceof PsUsageError ? e.message : String(e);
      }
    };
    expect(err('-Y')).toBe('unsupported SysV option');
    expect(err('Q')).toBe('unsupported option (BSD syntax)');
    expect(err('--foo')).toBe('unknown gnu long option');
    expect(err('-p')).toBe('list of process IDs must follow -p');
    expect(err('-p', 'abc')).toBe('process ID list syntax error');
    expect(err('-o')).toBe('format specification must follow -o');
  });
});
