// The virtual consoles tty2..tty6 through the host (a terminal tab each), and console flow control.

import { describe, expect, it } from 'vitest';
import { kernelBugs } from '../../machine';
import { bootHost as boot } from './boot_host';

describe('virtual consoles', () => {
  it('starts a shell on tty2 when the UI turns to it, with its own input, output and size', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    expect(h.output(2)).toBe('');
    h.send({ type: 'resize', tty: 2, cols: 100, rows: 30 });
    h.send({ type: 'tty-activate', tty: 2 });
    h.runUntil(() => h.output(2).includes('# '));
    h.send({ type: 'tty-input', tty: 2, data: 'tty; stty size; cat /sys/class/tty/tty0/active\n' });
    h.runUntil(() => h.output(2).includes('tty2\r\n'));
    expect(h.output(2)).toContain('/dev/tty2\r\n30 100\r\ntty2\r\n');
    // tty1 saw none of it, and its own shell is undisturbed.
    expect(h.output()).not.toContain('/dev/tty2');
    h.send({ type: 'tty-input', data: 'tty\n' });
    h.runUntil(() => h.output().includes('/dev/tty1\r\n'));
    // Turning to tty2 again starts no second shell.
    h.send({ type: 'tty-activate', tty: 1 });
    h.send({ type: 'tty-activate', tty: 2 });
    h.clock.advance(500);
    const shells = [...h.machine().kernel.tasks.values()].filter((t) => t.comm === 'sh' && !t.isZombie);
    expect(shells).toHaveLength(2);
    expect(kernelBugs(h.machine())).toEqual([]);
  });

  it('rejects a console number out of range', () => {
    const h = boot();
    h.send({ type: 'tty-input', tty: 7, data: 'x' });
    h.send({ type: 'tty-activate' });
    expect(h.events.filter((e) => e.type === 'command-rejected').map((e) => (e as { error: string }).error)).toEqual([
      'tty-input: tty must be an integer between 1 and 6', 'tty-activate: tty must be given',
    ]);
  });

  it('a writer left with too little room for "\\r\\n" goes on when the terminal catches up', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    let acked = 0;
    const ackAll = () => {
      const total = h.output().length;
      if (total > acked) {
        h.send({ type: 'tty-ack', bytes: total - acked });
        acked = total;
      }
    };
    ackAll();
    h.send({ type: 'tty-input', data: 'yes | head -c 300000; echo END$((6*7))\n' });
    // 300000 bytes of "y\n" are 450000 on the screen (ONLCR): several rounds of the 128 KiB window.
    h.runUntil(() => {
      ackAll();
      return h.output().includes('END42\r\n');
    });
    expect(h.output().split('y\r\n').length - 1).toBe(150000);
  });

  it('blocks a writer while the terminal is behind; ^C stops it at once', () => {
    const h = boot();
    h.runUntil(() => h.output().includes('# '));
    // The UI acknowledges what it draws: from now on the console does flow control.
    let acked = h.output().length;
    h.send({ type: 'tty-ack', bytes: acked });
    h.send({ type: 'tty-input', data: 'yes\n' });
    h.clock.advance(2000);
    const sent = h.output().length - acked;
    expect(sent).toBeGreaterThan(64 * 1024);
    expect(sent).toBeLessThanOrEqual(128 * 1024 + 32 * 1024);
    // Nothing more while nothing is acknowledged: yes sleeps in write.
    h.clock.advance(1000);
    expect(h.output().length - acked).toBe(sent);
    const yes = [...h.machine().kernel.tasks.values()].find((t) => t.comm === 'yes')!;
    expect(yes.state).not.toBe(0);
    // ^C: SIGINT reaches the sleeping writer at once.
    h.send({ type: 'tty-input', data: '\x03' });
    h.clock.advance(100);
    expect([...h.machine().kernel.tasks.values()].some((t) => t.comm === 'yes' && !t.isZombie)).toBe(false);
    // The terminal catches up: the prompt comes.
    h.runUntil(() => {
      const total = h.output().length;
      if (total > acked) {
        h.send({ type: 'tty-ack', bytes: total - acked });
        acked = total;
      }
      return h.output().endsWith('# ');
    });
  });
});
