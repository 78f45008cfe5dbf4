// A syscall's detail (kernel/trace/syscall_detail.ts): the kernel functions the call went through
// and the user memory it read and wrote, recorded only while switched on.

import { describe, expect, it } from 'vitest';
import { Machine } from '../../../../emulator/machine/machine';
import { syscall_detail_active, syscall_detail_enable } from '../../../../emulator/kernel/trace/syscall_detail';
import { ftrace_graph_active } from '../../../../emulator/kernel/trace/ftrace';
import { DETAIL_MAX_ACCESSES, DETAIL_MAX_BYTES } from '../../../../emulator/trace/detail';
import type { SysEnterEvent, TraceEvent } from '../../../../emulator/trace/events';
import { kernelBugs } from '../../../machine';

function run(command: string, capture: boolean): { machine: Machine; events: TraceEvent[] } {
  const m = new Machine({ init: ['/sbin/init', '-c', command] });
  const events: TraceEvent[] = [];
  m.kernel.trace.subscribe((e) => events.push(e));
  if (capture) syscall_detail_enable(m.kernel, true);
  m.onConsoleOutput(() => {});
  m.boot();
  for (let i = 0; i < 1000; i++) if (m.run(200).state === 'halted') break;
  return { machine: m, events };
}

const text = (b: Uint8Array) => String.fromCharCode(...b);

function openatOf(events: TraceEvent[], path: string): SysEnterEvent {
  const e = events.find((x): x is SysEnterEvent => x.kind === 'sys_enter' && x.nr === 257 && x.strings?.[1] === path);
  expect(e).toBeDefined();
  return e!;
}

describe('syscall detail', () => {
  it('records the openat path through the kernel and the pathname it copied in', () => {
    const { machine, events } = run('cat /etc/hostname', true);
    const enter = openatOf(events, '/etc/hostname');
    const d = machine.kernel.trace.details!.get(enter.seq)!;
    expect(d).not.toBeNull();
    const fns = d.calls.map((c) => `${c.depth}:${c.fn}`);
    expect(fns.slice(0, 4)).toEqual(['0:__x64_sys_openat', '1:do_sys_openat2', '2:getname', '2:do_filp_open']);
    expect(fns).toContain('3:path_openat');
    expect(fns).toContain('5:vfs_open');
    const name = d.mem.find((m) => m.fn === 'strncpy_from_user')!;
    expect(name.dir).toBe('read');
    expect(name.addr).toBe(enter.args[1]);
    expect(name.len).toBe('/etc/hostname'.length + 1);
    expect(text(name.bytes)).toBe('/etc/hostname\0');
    expect(kernelBugs(machine)).toEqual([]);
    syscall_detail_enable(machine.kernel, false);
  });

  it('records what read copied out to user memory', () => {
    const { machine, events } = run('cat /etc/hostname', true);
    const open = openatOf(events, '/etc/hostname');
    const read = events.find((x): x is SysEnterEvent => x.kind === 'sys_enter' && x.nr === 0 && x.seq > open.seq && x.pid === open.pid)!;
    const d = machine.kernel.trace.details!.get(read.seq)!;
    expect(d.calls.map((c) => c.fn)).toEqual(['__x64_sys_read', 'ksys_read', 'vfs_read']);
    expect(d.mem).toHaveLength(1);
    expect(d.mem[0]!).toMatchObject({ dir: 'write', fn: 'copy_to_user', addr: read.args[1], len: 9, ok: true });
    expect(text(d.mem[0]!.bytes)).toBe('ringside\n');
    syscall_detail_enable(machine.kernel, false);
  });

  it('records execve and fork paths: the strings execve copied in', () => {
    const { machine, events } = run('cat /etc/hostname', true);
    const exec = events.find((x): x is SysEnterEvent => x.kind === 'sys_enter' && x.nr === 59 && x.strings?.[0] === '/usr/bin/cat')!;
    const d = machine.kernel.trace.details!.get(exec.seq)!;
    expect(d.calls.map((c) => `${c.depth}:${c.fn}`)).toEqual([
      '0:__x64_sys_execve', '1:do_execveat_common', '2:getname', '2:copy_strings', '2:copy_strings', '2:bprm_execve', '3:load_elf_binary',
    ]);
    const strings = d.mem.filter((m) => m.fn === 'strncpy_from_user').map((m) => text(m.bytes));
    expect(strings).toEqual(expect.arrayContaining(['/usr/bin/cat\0', 'cat\0', '/etc/hostname\0']));
    const fork = events.find((x): x is SysEnterEvent => x.kind === 'sys_enter' && (x.nr === 57 || x.nr === 56))!;
    expect(machine.kernel.trace.details!.get(fork.seq)!.calls.map((c) => c.fn)).toContain('copy_process');
    syscall_detail_enable(machine.kernel, false);
  });

  it('keeps at most 16 accesses of 256 bytes per call and counts the rest', () => {
    // cat reads the 3000-byte file in one read: one copy_to_user of 3000 bytes, 256 of them kept.
    const { machine, events } = run('head -c 3000 /dev/zero > /tmp/z; cat /tmp/z > /dev/null', true);
    const details = machine.kernel.trace.details!;
    let big = false;
    for (const e of events) {
      if (e.kind !== 'sys_enter') continue;
      const d = details.get(e.seq);
      if (!d) continue;
      expect(d.mem.length).toBeLessThanOrEqual(DETAIL_MAX_ACCESSES);
      for (const m of d.mem) {
        expect(m.bytes.length).toBeLessThanOrEqual(DETAIL_MAX_BYTES);
        if (m.len === 3000) big = true;
      }
    }
    expect(big).toBe(true);
    syscall_detail_enable(machine.kernel, false);
  });

  it('records nothing and leaves the hooks off while disabled', () => {
    expect(syscall_detail_active).toBe(0);
    expect(ftrace_graph_active).toBe(0);
    const { machine } = run('cat /etc/hostname', false);
    expect(machine.kernel.trace.details).toBeNull();
    syscall_detail_enable(machine.kernel, true);
    expect(syscall_detail_active).toBe(1);
    expect(ftrace_graph_active).toBe(1);
    syscall_detail_enable(machine.kernel, false);
    expect(syscall_detail_active).toBe(0);
    expect(ftrace_graph_active).toBe(0);
  });
});
