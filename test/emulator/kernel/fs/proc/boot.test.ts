// A booted machine: init mounts proc on /proc through mount(2) before it starts the shell, and
// /proc/1 describes init as exec'd by the kernel.

import { describe, expect, it } from 'vitest';
import { Machine } from '../../../../../emulator/machine/machine';
import { runInMachine } from '../../../../machine';
import { listDir, readBytes, readlink, statusFields, UTask } from './fixture';

function boot(): Machine {
  const m = new Machine({ init: ['/sbin/init', '-c', 'true'] });
  m.boot();
  // Run until init has powered off (the shell may or may not exist; either way init mounted /proc first).
  for (let i = 0; i < 100 && m.run(200).state !== 'halted'; i++);
  return m;
}

describe('proc on a booted machine', () => {
  it('init mounted proc on /proc with mount(2)', () => {
    const m = boot();
    const u = new UTask(m.kernel);
    expect(u.get('/proc/mounts').split('\n')).toContain('proc /proc proc rw,relatime 0 0');
    expect(listDir(u, '/proc')).toContain('1');
  });

  it('/proc/1 is init: its argv, environment, executable and status', () => {
    const m = boot();
    const u = new UTask(m.kernel);
    const cmdline = new TextDecoder().decode(readBytes(u, '/proc/1/cmdline') as Uint8Array);
    expect(cmdline.split('\0')).toEqual(['/sbin/init', '-c', 'true', '']);
    const environ = new TextDecoder().decode(readBytes(u, '/proc/1/environ') as Uint8Array);
    expect(environ.split('\0').filter((e) => e)).toEqual(['HOME=/', 'TERM=linux']);
    expect(readlink(u, '/proc/1/exe')).toMatch(/\/sbin\/init$/);
    expect(readlink(u, '/proc/1/root')).toBe('/');
    const status = new Map(statusFields(u.get('/proc/1/status')));
    expect(status.get('Name')).toBe('init');
    expect(status.get('Pid')).toBe('1');
    const stat = u.get('/proc/1/stat').split(' ');
    expect(stat.slice(0, 2)).toEqual(['1', '(init)']);
    expect(Number(stat[47])).toBe(m.kernel.tasks.get(1)!.mm!.argStart);
  });

  it('programs read it through the syscalls: cat /proc/self/… in the shell', () => {
    const r = runInMachine('cat /proc/self/stat; cat /proc/$$/cmdline; echo; cat /proc/self/comm');
    expect(r.status).toBe(0);
    const [stat, cmdline, comm] = r.output.split('\n');
    const f = stat!.split(' ');
    expect(f).toHaveLength(52);
    expect(f[1]).toBe('(cat)');
    expect(Number(f[6])).toBeGreaterThan(0); // tty_nr: the console shell has a controlling terminal
    expect(Number(f[7])).toBeGreaterThan(0); // tpgid: its foreground process group
    expect(cmdline).toBe('sh\0-c\0cat /proc/self/stat; cat /proc/$$/cmdline; echo; cat /proc/self/comm\0');
    expect(comm).toBe('cat');
  });
});
