// ftrace's text without a machine: the syscall event lines of Linux 6.1 (print_syscall_enter/exit),
// the trace header and context columns, function_graph's duration column, and the buffer's bound.

import { describe, expect, it } from 'vitest';
import { print_syscall_enter, print_syscall_exit, print_trace, TraceArray } from '../../../../emulator/kernel/trace/ftrace';
import { __NR } from '../../../../emulator/uapi/unistd_64';
import type { Kernel } from '../../../../emulator/kernel/kernel';

function fakeTr(): TraceArray {
  const k = { sched: { nrCpus: 2 }, tasks: new Map(), trace: { subscribe: () => () => {} } } as unknown as Kernel;
  return new TraceArray(k);
}

describe('syscall event lines', () => {
  it('enter: argument names from the signature, values in hex, ints as 32 bits', () => {
    expect(print_syscall_enter(__NR.openat, [-100, 0x7ffd1234, 0, 0, 0, 0])).toBe('sys_openat(dfd: ffffff9c, filename: 7ffd1234, flags: 0, mode: 0)');
    expect(print_syscall_enter(__NR.read, [3, 0x5000, 131072, 0, 0, 0])).toBe('sys_read(fd: 3, buf: 5000, count: 20000)');
  });

  it("exit: the result in hex, errors as 64-bit two's complement", () => {
    expect(print_syscall_exit(__NR.openat, 3)).toBe('sys_openat -> 0x3');
    expect(print_syscall_exit(__NR.openat, -2)).toBe('sys_openat -> 0xfffffffffffffffe');
  });
});

describe('the trace file', () => {
  it('prints the nop header and the context columns', () => {
    const tr = fakeTr();
    tr.push({ ts: 21793_838320_000, pid: 15985, comm: 'cat', cpu: 0, text: 'sys_openat -> 0x3' });
    const text = print_trace(tr);
    expect(text.split('\n')[2]).toBe('# entries-in-buffer/entries-written: 1/1   #P:2');
    expect(text.split('\n').at(-2)).toBe('             cat-15985   [000] ..... 21793.838320: sys_openat -> 0x3');
  });

  it("function_graph: entry, leaf and return lines with Linux's duration column and marks", () => {
    const tr = fakeTr();
    tr.tracer = 'function_graph';
    tr.graphEnter(7, 0, 1000, '__x64_sys_openat');
    tr.graphEnter(7, 0, 1000, 'do_sys_openat2');
    tr.graphEnter(7, 0, 1000, 'getname');
    tr.graphReturn(7, 0, 1250);
    tr.graphReturn(7, 0, 13_345);
    tr.graphReturn(7, 0, 150_000);
    expect(print_trace(tr)).toBe(`# tracer: function_graph
#
# CPU  DURATION                  FUNCTION CALLS
# |     |   |                     |   |   |   |
 0)               |  __x64_sys_openat() {
 0)               |    do_sys_openat2() {
 0)   0.250 us    |      getname();
 0) + 12.345 us   |    }
 0) ! 149.000 us  |  }
`);
  });

  it('keeps at most buffer_size_kb worth of entries, counting every one written', () => {
    const tr = fakeTr();
    tr.bufferSizeKb = 1; // 2 CPUs x 1 KiB / 64 bytes = 32 entries
    for (let i = 0; i < 100; i++) tr.push({ ts: i, pid: 1, comm: 'x', cpu: 0, text: `e${i}` });
    expect(tr.entries.length).toBe(32);
    expect(tr.written).toBe(100);
    expect(tr.entries[0]!.text).toBe('e68');
  });
});
