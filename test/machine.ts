// Test helper: boot a machine that runs one command on its console and collect the transcript.

import { Machine, type MachineOptions } from '../emulator/machine/machine';

export interface Transcript {
  /** What the console displayed, with the tty's \r\n turned back into \n. */
  output: string;
  status: number | null;
  machine: Machine;
}

/** Run `/bin/sh -c command` as `ringside run` does; throws if the machine gets stuck. */
export function runInMachine(command: string, opts: MachineOptions = {}, budgetMs = 20_000): Transcript {
  const m = new Machine({ ...opts, init: ['/sbin/init', '-c', command] });
  let output = '';
  const dec = new TextDecoder();
  m.onConsoleOutput((b) => (output += dec.decode(b, { stream: true })));
  m.boot();
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const r = m.run(200);
    if (r.state === 'halted') return { output: output.replace(/\r\n/g, '\n'), status: r.exitStatus, machine: m };
    if (r.state === 'idle') throw new Error(`machine idle waiting for input; output so far: ${JSON.stringify(output)}`);
    if (Date.now() > deadline) throw new Error(`machine still running after ${budgetMs} ms; output so far: ${JSON.stringify(output)}`);
  }
}

/** The kernel log lines that report a kernel bug (oops). */
export function kernelBugs(m: Machine): string[] {
  return m.kernel.log.records.filter((r) => r.text.startsWith('BUG:')).map((r) => r.text);
}
