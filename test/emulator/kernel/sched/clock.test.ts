import { describe, expect, it } from 'vitest';
import { Clock } from '../../../../emulator/kernel/sched/clock';

describe('the virtual clock', () => {
  it('fires timers in deadline order, only once they are due', () => {
    const c = new Clock(0);
    const fired: number[] = [];
    for (const d of [50, 10, 30, 20, 40]) c.addTimer(d, () => fired.push(d));
    c.advanceTo(25);
    c.runExpired();
    expect(fired).toEqual([10, 20]);
    expect(c.nextDeadline()).toBe(30);
    c.advanceTo(100);
    c.runExpired();
    expect(fired).toEqual([10, 20, 30, 40, 50]);
  });

  it('cancels timers', () => {
    const c = new Clock(0);
    let hit = false;
    const t = c.addTimer(10, () => (hit = true));
    c.addTimer(20, () => {});
    c.cancel(t);
    c.advanceTo(30);
    c.runExpired();
    expect(hit).toBe(false);
    expect(c.pendingTimers).toBe(0);
  });

  it('never goes backwards', () => {
    const c = new Clock(1000);
    c.advance(5);
    c.advanceTo(2);
    expect(c.now()).toBe(5);
    expect(c.realtime()).toBe(1005);
  });
});
