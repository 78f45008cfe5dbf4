// Every directory and file of a running machine read from outside, /proc, /sys and /dev whole:
// no exception, an answer for each, and the machine exactly as it was.

import { expect, it } from 'vitest';
import { Machine } from '../../../emulator/machine/machine';
import { files_list, files_read } from '../../../emulator/host/file_browser';
import { kernelBugs } from '../../machine';

it('walks /proc, /sys and /dev whole without a trace', () => {
  const m = new Machine({ mode: 'interactive', init: ['/sbin/init', '-c', 'sleep 100 | cat'] });
  m.boot();
  for (let i = 0; i < 400; i++) if (m.run(100).state !== 'running') break;
  const k = m.kernel;
  const before = { head: k.trace.head, now: k.clock.now(), tasks: [...k.tasks.keys()], log: k.log.records.length };
  const dirs = ['/proc', '/sys', '/dev'];
  const seen = new Set<string>();
  let files = 0;
  const problems: string[] = [];
  while (dirs.length && seen.size < 5000) {
    const dir = dirs.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const r = files_list(k, dir);
    if (r.error) {
      problems.push(`${dir}: ${r.error}`);
      continue;
    }
    for (const e of r.entries!) {
      const path = `${dir}/${e.name}`;
      if (e.type === 'd') dirs.push(path);
      else if (e.type === '-') {
        files++;
        const f = files_read(k, path);
        expect(f.error === null || /^Not read|\(E[A-Z]+\)$/.test(f.error), `${path}: ${f.error}`).toBe(true);
        if (f.error === null) expect(f.content!.length).toBeLessThanOrEqual(64 * 1024);
      }
    }
  }
  expect(problems).toEqual([]);
  expect(files).toBeGreaterThan(300);
  expect({ head: k.trace.head, now: k.clock.now(), tasks: [...k.tasks.keys()], log: k.log.records.length }).toEqual(before);
  expect(kernelBugs(m)).toEqual([]);
});
