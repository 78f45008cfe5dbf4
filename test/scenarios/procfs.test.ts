// procfs in a booted machine, read by the machine's own programs: the per-process files of a
// sleeping process, writes with their errors, the global counters, and the process table seen
// through /proc agreeing with ps.

import { describe, expect, it } from 'vitest';
import { readReference } from '../reference';
import { kernelBugs, runInMachine } from '../machine';

function run(cmd: string): string {
  const r = runInMachine(cmd);
  expect(kernelBugs(r.machine)).toEqual([]);
  expect(r.status).toBe(0);
  return r.output;
}

describe('procfs in the machine', () => {
  it('a sleeping process: its syscall, wchan and state; the shell waiting for it', () => {
    const out = run('sleep 5 & P=$!; cat /proc/$P/syscall; cat /proc/$P/wchan; echo; cat /proc/$$/wchan; echo; grep State /proc/$P/status; kill $P');
    const [syscall, wchan, shellWchan, state] = out.split('\n');
    // nanosleep(2) or clock_nanosleep(2), six arguments, then sp and pc.
    expect(syscall).toMatch(/^(35|230)( 0x[0-9a-f]+){8}$/);
    expect(wchan).toBe('hrtimer_nanosleep');
    expect(shellWchan).toBe('do_wait');
    expect(state).toBe('State:\tS (sleeping)');
  });

  it('status has the reference capture\'s fields in order; limits and io their layouts', () => {
    const names = readReference('raw/proc_self_status.txt').split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(':')));
    const out = run('cut -d: -f1 /proc/self/status; head -1 /proc/self/limits; cut -d: -f1 /proc/self/io');
    const lines = out.split('\n');
    expect(lines.slice(0, names.length)).toEqual(names);
    expect(lines[names.length]).toBe('Limit                     Soft Limit           Hard Limit           Units     ');
    expect(lines.slice(names.length + 1, -1)).toEqual(['rchar', 'wchar', 'syscr', 'syscw', 'read_bytes', 'write_bytes', 'cancelled_write_bytes']);
  });

  it('writes: comm keeps 15 bytes, oom_score_adj is range-checked, read-only files refuse', () => {
    const out = run([
      'echo -n abcdefghijklmnopqrst > /proc/$$/comm; cat /proc/$$/comm',
      'echo 1001 > /proc/$$/oom_score_adj 2>/dev/null; echo rc=$?',
      'echo -500 > /proc/$$/oom_score_adj; cat /proc/$$/oom_score_adj',
      'echo x 2>/dev/null > /proc/$$/status; echo rc=$?',
      '(echo 1 > /proc/sys/kernel/ostype) 2>/dev/null; echo rc=$?',
    ].join('; '));
    // dash: a write error is status 1, a redirection it cannot open (EACCES even for root) is 2.
    expect(out).toBe('abcdefghijklmno\nrc=1\n-500\nrc=1\nrc=2\n');
  });

  it('every live process in ps has a /proc/<pid> directory (ps itself has exited); fd links name the open files', () => {
    const out = run('ps -e -o pid= > /tmp/ps; for p in $(cat /tmp/ps); do test -d /proc/$p || ! kill -0 $p 2>/dev/null || echo missing $p; done; exec 3</tmp/ps; readlink /proc/$$/fd/3; cut -f2 /proc/$$/fdinfo/3 | head -2');
    expect(out).toBe('/tmp/ps\n0\n0100000\n');
  });

  it('interrupts: the keyboard line and the x86 rows; the timer ticks while a CPU is busy', () => {
    const out = run('yes >/dev/null & P=$!; sleep 0.02; kill $P; head -2 /proc/interrupts; grep -c "" /proc/interrupts; grep LOC /proc/interrupts');
    const lines = out.split('\n');
    expect(lines[0]).toBe('           CPU0       CPU1       ');
    expect(lines[1]).toBe('  1:          0          0  IO-APIC   1-edge      i8042');
    expect(lines[2]).toBe('14');
    const loc = lines[3]!.match(/^LOC: +(\d+) +(\d+) +Local timer interrupts$/);
    expect(loc).not.toBeNull();
    expect(Number(loc![1]) + Number(loc![2])).toBeGreaterThan(5);
  });

  it('auxv: the key/value words exec put on the stack, AT_NULL last', () => {
    const out = run('od -A d -t x8 /proc/self/auxv > /tmp/a; head -1 /tmp/a; tail -2 /tmp/a | head -1; wc -c < /proc/self/auxv');
    const [first, last, size] = out.split('\n');
    expect(first).toMatch(/^0000000 0000000000000021 00007f[0-9a-f]{10}$/); // AT_SYSINFO_EHDR: the vDSO
    expect(last).toMatch(/ 0000000000000000 0000000000000000$/);
    expect(Number(size) % 16).toBe(0);
  });

  it('the bench program reads /proc/self/status in a loop', () => {
    expect(run('/usr/libexec/ringside/bench procstatus 200; echo rc=$?')).toBe('rc=0\n');
  });
});
