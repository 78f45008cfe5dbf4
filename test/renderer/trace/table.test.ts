import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../emulator/api/syscall_info';
import { NO_FILTER, TraceTable, describeWaitStatus } from '../../../renderer/src/trace/table';

const ENOENT = 2;
let seq = 0;
const base = (pid: number, ts: number) => ({ seq: seq++, ts, pid, tid: pid, cpu: 0 });
const enter = (pid: number, ts: number, nr: number, text: string, args = [1, 2, 3, 4, 5, 6]): TraceEvent => ({
  ...base(pid, ts), kind: 'sys_enter', nr, args: args as [number, number, number, number, number, number], strings: null, text,
});
const exit = (pid: number, ts: number, nr: number, ret: number, retText: string, text = ')'): TraceEvent => ({
  ...base(pid, ts), kind: 'sys_exit', nr, ret, text, retText,
});

describe('TraceTable', () => {
  it('joins entry and exit into one row, with duration, even when other threads interleave', () => {
    const t = new TraceTable();
    t.addEvents([
      enter(5, 100, 257, 'openat(AT_FDCWD, "/etc/hostname", O_RDONLY'),
      enter(6, 110, 0, 'read(0, '),
      exit(5, 150, 257, 3, '= 3'),
      { ...base(6, 160), kind: 'vdso', name: 'clock_gettime' },
    ]);
    expect(t.length).toBe(3);
    const open = t.row(0);
    expect(open).toMatchObject({ kind: 'syscall', name: 'openat', pid: 5, ret: 3, durationNs: 50, resultText: '= 3', failed: false });
    expect(open.argsText).toBe('AT_FDCWD, "/etc/hostname", O_RDONLY');
    expect(open.args).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.row(1)).toMatchObject({ name: 'read', ret: null, durationNs: null, resultText: '<unfinished …>' });
    expect(t.row(2)).toMatchObject({ kind: 'vdso', argsText: 'clock_gettime', resultText: 'no kernel entry' });
    t.addEvents([exit(6, 400, 0, 5, '= 5', '"hello", 4096)')]);
    expect(t.row(1)).toMatchObject({ argsText: '0, "hello", 4096', ret: 5, durationNs: 290 });
    expect(t.summary.get(257)).toEqual({ calls: 1, errors: 0, totalNs: 50 });
  });

  it('filters by pid, name, class and failure; a call that fails later joins a failures-only view', () => {
    const t = new TraceTable();
    t.addEvents([
      enter(5, 1, 257, 'openat(AT_FDCWD, "/nope", O_RDONLY'),
      exit(5, 2, 257, -ENOENT, '= -1 ENOENT (No such file or directory)'),
      enter(6, 3, 1, 'write(1, "x", 1'),
      exit(6, 4, 1, 1, '= 1'),
      { ...base(6, 5), kind: 'fork', child: 7, flags: 17 },
      enter(7, 6, 0, 'read(0, '),
    ]);
    expect(t.matchLength).toBe(4);
    t.setFilter({ ...NO_FILTER, pid: 6 });
    expect(t.matchLength).toBe(2);
    t.setFilter({ ...NO_FILTER, names: new Set(['write']) });
    expect([t.row(t.match(0)).name, t.matchLength]).toEqual(['write', 1]);
    t.setFilter({ ...NO_FILTER, classNrs: new Set([257]) });
    expect(t.matchLength).toBe(1);
    t.setFilter({ ...NO_FILTER, failedOnly: true });
    expect(t.matchLength).toBe(1);
    expect(t.row(t.match(0)).failed).toBe(true);
    // The pending read fails after a later row arrived: it is inserted in order.
    t.addEvents([enter(8, 7, 1, 'write(9, "", 0'), exit(8, 8, 1, -9, '= -1 EBADF (Bad file descriptor)')]);
    t.addEvents([exit(7, 9, 0, -4, '= -1 EINTR (Interrupted system call)')]);
    expect([0, 1, 2].map((n) => t.row(t.match(n)).name)).toEqual(['openat', 'read', 'write']);
    expect(t.summary.get(0)).toMatchObject({ calls: 1, errors: 1 });
  });

  it('names each row after its process at the time: snapshots, forks and execs', () => {
    const t = new TraceTable();
    t.setComm(2, 'sh');
    t.addEvents([
      { ...base(2, 1), kind: 'fork', child: 9, flags: 17 },
      enter(9, 2, 39, 'getpid('),
      { ...base(9, 3), kind: 'exec', path: '/usr/bin/a-very-long-program-name', argv: ['x'] },
      enter(9, 4, 39, 'getpid('),
      enter(10, 5, 39, 'getpid('),
    ]);
    expect([1, 2, 3, 4].map((i) => t.row(i).comm)).toEqual(['sh', 'a-very-long-pro', 'a-very-long-pro', '?']);
  });

  it('keeps an exit whose entry was lost as a row of its own', () => {
    const t = new TraceTable();
    t.addEvents([exit(5, 10, 3, 0, '= 0')]);
    expect(t.row(0)).toMatchObject({ name: 'close', ret: 0, durationNs: null });
  });

  it('grows linearly (rows in typed-array chunks) and filters quickly', () => {
    const t = new TraceTable();
    // One batch of 4096 events (2048 calls), re-stamped and added again and again: the cost
    // measured is the table's, not the test's object creation.
    const batch: TraceEvent[] = [];
    for (let i = 0; i < 2048; i++) {
      const pid = 100 + (i % 7);
      const nr = i % 3 === 0 ? 257 : 0;
      batch.push(enter(pid, i * 10, nr, 'read(3, '), exit(pid, i * 10 + 5, nr, i % 11 ? 1 : -2, '= 1'));
    }
    const start = performance.now();
    let first30k = 0;
    while (t.length < 300_000) {
      for (const e of batch) e.seq += batch.length;
      t.addEvents(batch);
      if (!first30k && t.length >= 30_000) first30k = performance.now() - start;
    }
    const added = performance.now() - start;
    expect(t.length).toBeGreaterThanOrEqual(300_000);
    const f = performance.now();
    t.setFilter({ ...NO_FILTER, failedOnly: true, pid: 103 });
    const filtered = performance.now() - f;
    expect(t.matchLength).toBeGreaterThan(0);
    expect(t.row(t.match(t.matchLength - 1))).toMatchObject({ pid: 103, failed: true });
    expect(t.indexOfSeq(t.row(123_456).seq)).toBe(123_456);
    // The point is linear cost (300k rows cost ten times 30k, not a hundred
    // times); the bounds are generous because the test machine is shared and loaded.
    expect(added / first30k).toBeLessThan(30);
    expect(added).toBeLessThan(60_000);
    expect(filtered).toBeLessThan(added);
  });

  it('describes wait statuses', () => {
    expect(describeWaitStatus(0)).toBe('exited 0');
    expect(describeWaitStatus(2 << 8)).toBe('exited 2');
    expect(describeWaitStatus(9)).toBe('killed by signal 9');
    expect(describeWaitStatus(0x8b)).toBe('killed by signal 11 (core dumped)');
  });
});
