// The machine-wide trace and strace must agree. strace runs inside the machine as a user program
// (ptrace, process_vm_readv, /proc); the kernel decodes the same calls as they happen with the same
// decoder. For every process strace followed, its lines must be the kernel's lines, in order.

import { describe, expect, it } from 'vitest';
import { Machine } from '../../emulator/machine/machine';
import { DEFAULT_DECODE_OPTIONS } from '../../emulator/trace/decode';
import { traceToStrace } from '../../emulator/trace/export_strace';
import type { TraceEvent } from '../../emulator/trace/events';

/** Run `cmd`, recording the decoded trace; returns the console output and the trace's strace text. */
function run(cmd: string, decode = DEFAULT_DECODE_OPTIONS): { output: string; trace: string } {
  const m = new Machine({ init: ['/sbin/init', '-c', cmd] });
  m.kernel.trace.decode = decode;
  const events: TraceEvent[] = [];
  m.kernel.trace.subscribe((e) => events.push(e));
  let output = '';
  m.onConsoleOutput((b) => (output += new TextDecoder().decode(b)));
  m.boot();
  while (m.run(200).state === 'running');
  return { output: output.replace(/\r\n/g, '\n'), trace: traceToStrace(events) };
}

/**
 * Per pid, the complete lines of a `strace -f -o` style text: unfinished/resumed pairs joined,
 * the padding before `= ` collapsed (it depends on where the line was split).
 */
function linesByPid(text: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const pending = new Map<number, string>();
  for (const raw of text.split('\n')) {
    const m = /^(\d+) +(.*)$/.exec(raw);
    if (!m) continue;
    const pid = Number(m[1]);
    let line = m[2]!;
    if (line.endsWith(' <unfinished ...>')) {
      pending.set(pid, line.slice(0, -' <unfinished ...>'.length));
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(line);
    if (resumed) {
      line = (pending.get(pid) ?? '') + resumed[1];
      pending.delete(pid);
    }
    line = line.replace(/\) +(= .*)$/, ') $1');
    if (!out.has(pid)) out.set(pid, []);
    out.get(pid)!.push(line);
  }
  return out;
}

describe('strace and the machine-wide trace agree', () => {
  it.each([
    ['a file read and a failing call', 'sh -c "cat /etc/hostname; ls /nonexistent"', '= -1 ENOENT'],
    ['a pipeline under -f', 'sh -c "echo hello | wc -c"', 'pipe2('],
    ['a signal', 'sh -c "sleep 5 & kill \\$!; wait"', '--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER'],
    ['fds decoded with -yy', '-yy sh -c "cat /dev/null | cat"', 'read(0<pipe:['],
  ])('%s', (_name, cmd, mustSee) => {
    const yy = cmd.startsWith('-yy ');
    const { output, trace } = run(`strace -f -o /tmp/strace.txt ${cmd}; cat /tmp/strace.txt`, {
      ...DEFAULT_DECODE_OPTIONS,
      decodeFds: yy ? 2 : 0,
    });
    const ours = linesByPid(output);
    const kernel = linesByPid(trace);
    const all = [...ours.values()].flat();
    expect(all.length).toBeGreaterThan(8);
    expect(all.some((l) => l.includes(mustSee)), mustSee).toBe(true);
    for (const [pid, lines] of ours) {
      const k = kernel.get(pid) ?? [];
      // strace starts following its first child at the end of execve; the kernel saw it earlier.
      const start = k.indexOf(lines[0]!);
      expect(start, `pid ${pid}: ${lines[0]}`).toBeGreaterThanOrEqual(0);
      expect(k.slice(start, start + lines.length), `pid ${pid}`).toEqual(lines);
    }
  });
});
