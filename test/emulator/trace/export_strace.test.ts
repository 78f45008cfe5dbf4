// The machine-wide trace exported as strace text: decoded by the kernel as calls happen, laid out
// as `strace -f -o` lays out its file.

import { describe, expect, it } from 'vitest';
import { Machine } from '../../../emulator/machine/machine';
import { DEFAULT_DECODE_OPTIONS } from '../../../emulator/trace/decode';
import { traceToStrace } from '../../../emulator/trace/export_strace';
import type { TraceEvent } from '../../../emulator/trace/events';

/** Run `cmd` with decoding on; the strace text of everything that ran. */
function traced(cmd: string): string {
  const m = new Machine({ init: ['/sbin/init', '-c', cmd] });
  m.kernel.trace.decode = DEFAULT_DECODE_OPTIONS;
  const events: TraceEvent[] = [];
  m.kernel.trace.subscribe((e) => events.push(e));
  m.boot();
  while (m.run(200).state === 'running');
  return traceToStrace(events);
}

describe('strace export of the machine-wide trace', () => {
  it('decodes calls, errors and results, with tid prefixes and 40-column alignment', () => {
    const text = traced('cat /etc/hostname; ls /nonexistent');
    expect(text).toMatch(/^\d+ +openat\(AT_FDCWD, "\/etc\/hostname", O_RDONLY\) = 3$/m);
    expect(text).toMatch(/^\d+ +read\(3, "ringside\\n", 131072\) {5}= 9$/m);
    expect(text).toContain('newfstatat(AT_FDCWD, "/nonexistent", ');
    expect(text).toMatch(/= -1 ENOENT \(No such file or directory\)$/m);
    for (const line of text.split('\n').filter((l) => / = /.test(l) && !l.includes('<... '))) {
      const eq = line.indexOf(' = ');
      if (eq < 39) throw new Error(`not aligned: ${line}`);
    }
  });

  it('splits a call another task interrupts into <unfinished ...> and <... resumed>, and ends tasks with +++', () => {
    const text = traced('sh -c "exit 3"; true');
    expect(text).toMatch(/^(\d+) +wait4\(-1, {2}<unfinished \.\.\.>$/m);
    expect(text).toMatch(/^\d+ +<\.\.\. wait4 resumed>\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 3\}\], 0, NULL\) = \d+$/m);
    expect(text).toMatch(/^\d+ +exit_group\(3\) += \?\n\d+ +\+\+\+ exited with 3 \+\+\+$/m);
  });

  it('records no text when decoding is off', () => {
    const m = new Machine({ init: ['/sbin/init', '-c', 'true'] });
    const events: TraceEvent[] = [];
    m.kernel.trace.subscribe((e) => events.push(e));
    m.boot();
    while (m.run(200).state === 'running');
    expect(events.some((e) => e.kind === 'sys_enter' && e.text !== undefined)).toBe(false);
    expect(traceToStrace(events)).toBe('');
  });
});
