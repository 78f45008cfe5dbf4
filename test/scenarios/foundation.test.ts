// The foundation's promises, checked end to end: a fresh machine runs a command line on its
// console and we compare the transcript with what a Debian machine prints.

import { describe, expect, it } from 'vitest';
import { runInMachine } from '../machine';

describe('a machine you can type into', () => {
  it('runs a pipeline (the "done when" of the foundation)', () => {
    const r = runInMachine('echo hi | cat');
    expect(r.output).toBe('hi\n');
    expect(r.status).toBe(0);
  });

  it('reports exit statuses and "not found" as dash does', () => {
    expect(runInMachine('nope').output).toBe('sh: 1: nope: not found\n');
    expect(runInMachine('nope').status).toBe(127);
    expect(runInMachine('exit 3').status).toBe(3);
    expect(runInMachine('(exit 7); echo $?').output).toBe('7\n');
    expect(runInMachine('false || echo or; true && echo and').output).toBe('or\nand\n');
  });

  it('passes UTF-8 command lines through as bytes', () => {
    expect(runInMachine('echo héllo wörld | cat').output).toBe('héllo wörld\n');
  });

  it('reports death by a signal as 128+N', () => {
    const r = runInMachine('sh -c "kill -9 \\$\\$"; echo $?');
    expect(r.output).toBe('Killed\n137\n');
  });

  it('redirects to and from files and /dev/null', () => {
    expect(runInMachine('echo gone > /dev/null; cat /dev/null; echo $?').output).toBe('0\n');
    expect(runInMachine('seq 1 3 | wc -l > /tmp/n; cat /tmp/n; cat < /etc/hostname').output).toBe('3\nringside\n');
    expect(runInMachine('cat /nope 2>/dev/null; echo $?').output).toBe('1\n');
    expect(runInMachine('cat /nope 2>&1 | cat').output).toBe('cat: /nope: No such file or directory\n');
  });

  it('enforces permissions for an unprivileged user', () => {
    const r = runInMachine('echo secret > /root/s; su user -c "cat /root/s"; echo $?; su user -c "echo x > /etc/passwd"; echo $?; su user -c "echo \\$USER \\$HOME"');
    expect(r.output).toBe(
      'cat: /root/s: Permission denied\n1\nsh: 1: cannot create /etc/passwd: Permission denied\n2\nuser /home/user\n',
    );
  });

  it('is deterministic: the same seed gives the same transcript and the same trace', () => {
    const a = runInMachine('seq 1 50 | wc');
    const b = runInMachine('seq 1 50 | wc');
    expect(a.output).toBe(b.output);
    const ta = a.machine.kernel.trace.since(0).map((e) => `${e.ts} ${e.kind} ${e.pid}`);
    const tb = b.machine.kernel.trace.since(0).map((e) => `${e.ts} ${e.kind} ${e.pid}`);
    expect(ta).toEqual(tb);
  });

  it('traces every syscall with decoded paths, and process lifecycle events', () => {
    const r = runInMachine('cat /etc/hostname');
    const events = r.machine.kernel.trace.since(0);
    const opens = events.filter((e) => e.kind === 'sys_enter' && e.nr === 257 && e.strings?.[1] === '/etc/hostname');
    expect(opens.length).toBe(1);
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['sys_enter', 'sys_exit', 'fork', 'exec', 'exit', 'reap', 'switch', 'fault']) expect(kinds, k).toContain(k);
  });
});
