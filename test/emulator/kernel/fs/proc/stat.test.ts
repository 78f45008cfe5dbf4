// /proc/<pid>/stat and statm: 52 fields in the documented order, values from the task.

import { describe, expect, it } from 'vitest';
import { do_exit } from '../../../../../emulator/kernel/exit';
import { SIGINT, sigmask } from '../../../../../emulator/uapi/signal';
import { addThread, adopt, procKernel, UTask } from './fixture';

/** Split a stat line: the comm may hold spaces and parentheses, so cut at the last ")". */
function statFields(line: string): string[] {
  expect(line.endsWith('\n')).toBe(true);
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  return [line.slice(0, open - 1), line.slice(open, close + 1), ...line.slice(close + 2, -1).split(' ')];
}

describe('/proc/<pid>/stat', () => {
  it('has 52 fields, comm in parentheses', () => {
    const { root } = procKernel();
    const f = statFields(root.get('/proc/self/stat'));
    expect(f).toHaveLength(52);
    expect(f[0]).toBe('1');
    expect(f[1]).toBe('(fstest1)');
    expect(f[2]).toBe('R');
    for (const x of f.slice(3)) expect(x).toMatch(/^-?\d+$/);
  });

  it('keeps a comm with spaces and parentheses in one field', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    u.t.comm = 'a b) c';
    const f = statFields(root.get(`/proc/${u.t.tid}/stat`));
    expect(f[1]).toBe('(a b) c)');
    expect(f).toHaveLength(52);
  });

  it('shows ids, times in clock ticks, memory and threads from the task', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    adopt(root, u);
    u.t.group.pgid = 9;
    u.t.group.sid = 8;
    u.t.utime = 1_234_000_000; // 1.234 s = 123 ticks
    u.t.stime = 50_000_000; // 5 ticks
    u.t.group.cutime = 2_000_000_000;
    u.t.startTime = 3_500_000_000; // 350 ticks after boot
    u.t.cpu = 1;
    u.t.blocked = sigmask(SIGINT);
    const th = addThread(u);
    th.utime = 10_000_000;
    const f = statFields(root.get(`/proc/${u.t.tid}/stat`));
    expect(f[3]).toBe('1'); // ppid
    expect(f[4]).toBe('9'); // pgrp
    expect(f[5]).toBe('8'); // session
    expect(f[6]).toBe('0'); // tty_nr
    expect(f[7]).toBe('-1'); // tpgid
    expect(f[13]).toBe('124'); // utime, both threads
    expect(f[14]).toBe('5');
    expect(f[15]).toBe('200'); // cutime
    expect(f[17]).toBe('20'); // priority
    expect(f[18]).toBe('0'); // nice
    expect(f[19]).toBe('2'); // num_threads
    expect(f[21]).toBe('350'); // starttime
    expect(f[22]).toBe(String(u.t.mm!.totalVm)); // vsize in bytes
    expect(f[23]).toBe(String(u.t.mm!.rss)); // rss in pages
    expect(f[24]).toBe('18446744073709551615'); // rsslim: RLIM_INFINITY
    expect(f[31]).toBe('2'); // blocked, decimal
    expect(f[37]).toBe('17'); // exit_signal
    expect(f[38]).toBe('1'); // processor
    // The thread's own file counts only the thread.
    const t = statFields(root.get(`/proc/${u.t.tid}/task/${th.tid}/stat`));
    expect(t[0]).toBe(String(th.tid));
    expect(t[13]).toBe('1');
    expect(t[37]).toBe('-1');
  });

  it('hides addresses from a reader that may not ptrace the task', () => {
    const { k, root } = procKernel();
    const owner = new UTask(k, 1000, 1000);
    const other = new UTask(k, 2000, 2000);
    const mm = owner.t.mm!;
    mm.startCode = 0x400000;
    mm.endCode = 0x401000;
    mm.argStart = 0x7ffff000;
    const seen = statFields(root.get(`/proc/${owner.t.tid}/stat`));
    expect(seen[25]).toBe(String(0x400000));
    expect(seen[47]).toBe(String(0x7ffff000));
    const hidden = statFields(other.get(`/proc/${owner.t.tid}/stat`));
    expect(hidden[25]).toBe('1'); // startcode, endcode: 1 (a user process, not a kernel thread)
    expect(hidden[26]).toBe('1');
    expect(hidden[27]).toBe('0'); // startstack
    expect(hidden.slice(44, 52)).toEqual(['0', '0', '0', '0', '0', '0', '0', '0']);
    expect(statFields(owner.get(`/proc/${owner.t.tid}/stat`))[25]).toBe(String(0x400000));
  });

  it('shows a zombie with no memory and its exit code', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    adopt(root, u);
    do_exit(u.t, 3 << 8);
    const f = statFields(root.get(`/proc/${u.t.tid}/stat`));
    expect(f[2]).toBe('Z');
    expect(f[22]).toBe('0');
    expect(f[23]).toBe('0');
    expect(f[25]).toBe('0');
    expect(f[51]).toBe(String(3 << 8));
  });
});

describe('/proc/<pid>/statm', () => {
  it('is seven page counts: size resident shared text lib data dt', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const f = root.get(`/proc/${u.t.tid}/statm`).trimEnd().split(' ').map(Number);
    expect(f).toHaveLength(7);
    expect(f[0]).toBe(u.t.mm!.totalVm / 4096);
    expect(f[1]).toBe(u.t.mm!.rss);
    expect(f[4]).toBe(0);
    expect(f[6]).toBe(0);
  });
});
