import { describe, expect, it } from 'vitest';
import { LoadAvg, LOAD_FREQ_NS } from '../../../../emulator/kernel/sched/loadavg';
import { TASK_RUNNING, TASK_INTERRUPTIBLE, type Task } from '../../../../emulator/kernel/sched/task';

const tasks = (running: number, sleeping: number) =>
  [...Array(running).fill(TASK_RUNNING), ...Array(sleeping).fill(TASK_INTERRUPTIBLE)].map((state) => ({ state }) as Task);

describe('load average', () => {
  it('rises towards the number of runnable tasks with the 1/5/15 minute constants', () => {
    const l = new LoadAvg();
    l.update(LOAD_FREQ_NS, tasks(1, 5));
    // After one period: (2048 - 1884) / 2048 of a task on the 1-minute average, as Linux computes it.
    expect(l.values()[0]).toBe(164 / 2048);
    l.update(LOAD_FREQ_NS * 13, tasks(1, 5));
    const [one, five, fifteen] = l.values();
    expect(one).toBeGreaterThan(0.6);
    expect(one).toBeLessThan(0.7);
    expect(five!).toBeLessThan(one!);
    expect(fifteen!).toBeLessThan(five!);
  });

  it('decays when the machine is idle and does nothing before the first period', () => {
    const l = new LoadAvg();
    l.update(LOAD_FREQ_NS - 1, tasks(4, 0));
    expect(l.values()).toEqual([0, 0, 0]);
    l.update(LOAD_FREQ_NS * 60, tasks(2, 0));
    const high = l.values()[0]!;
    l.update(LOAD_FREQ_NS * 180, tasks(0, 3));
    expect(l.values()[0]!).toBeLessThan(high / 10);
  });
});
