// ptrace seen from the shell: what /proc shows of a traced process, and strace attaching to a
// process that is blocked in a read and detaching from it.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

describe('ptrace from the shell', () => {
  it('/proc/<pid>/status shows the tracer in TracerPid', () => {
    // The shell execs its last command, so strace is the shell's own pid ($$).
    const r = runInMachine('grep TracerPid /proc/self/status; echo "strace is $$"; exec strace -o /dev/null grep TracerPid /proc/self/status');
    const [untraced, whoami, traced] = r.output.trim().split('\n');
    expect(untraced).toBe('TracerPid:\t0');
    expect(traced).toBe(`TracerPid:\t${whoami!.split(' ')[2]}`);
  });

  it('strace -p attaches to a reader blocked on a FIFO; the read restarts and is traced whole', () => {
    const r = runInMachine(
      'mkfifo /tmp/f; exec 3<>/tmp/f; head -c 6 <&3 & p=$!; sleep 0.5; ' +
        'strace -o /tmp/s.txt -p $p & sleep 0.5; echo hello >&3; wait $p; echo "head: $?"; sleep 0.2; cat /tmp/s.txt',
    );
    expect(r.output).toMatch(/^strace: Process \d+ attached\nhello\nhead: 0\n/);
    expect(r.output).toMatch(/\nread\(0, "hello\\n", 65536\) += 6\n/);
    expect(r.output).toMatch(/\n\+\+\+ exited with 0 \+\+\+\n$/);
    expect(kernelBugs(r.machine)).toEqual([]);
  });

  it('strace -p detaches on SIGINT and the reader carries on untraced', () => {
    const r = runInMachine(
      'mkfifo /tmp/f; exec 3<>/tmp/f; head -c 6 <&3 & p=$!; sleep 0.5; strace -p $p & s=$!; sleep 0.5; ' +
        'kill -INT $s; wait $s; grep TracerPid /proc/$p/status; echo hello >&3; wait $p; echo "head: $?"',
    );
    expect(r.output).toMatch(/strace: Process \d+ attached\n/);
    expect(r.output).toMatch(/strace: Process \d+ detached\n/);
    expect(r.output).toMatch(/TracerPid:\t0\nhello\nhead: 0\n$/);
  });
});
