// Real time by hand for host tests: macrotasks and timers run only inside advance().
// Each macrotask counts as 1 ms.

import type { HostClock } from '../../../emulator/host/clock';

export class FakeClock implements HostClock {
  wall = 0;
  private timers = new Map<number, { at: number; cb: () => void }>();
  private nextId = 1;
  private yields: (() => void)[] = [];

  now = () => this.wall;
  setTimer = (cb: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.wall + ms, cb });
    return id;
  };
  clearTimer = (handle: unknown) => void this.timers.delete(handle as number);
  yieldThen = (cb: () => void) => void this.yields.push(cb);

  advance(ms: number): void {
    const end = this.wall + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= this.wall).sort((a, b) => a[1].at - b[1].at)[0];
      if (due) {
        this.timers.delete(due[0]);
        due[1].cb();
      } else if (this.yields.length > 0 && this.wall < end) {
        this.yields.shift()!();
        this.wall += 1;
      } else {
        const next = Math.min(...[...this.timers.values()].map((t) => t.at));
        if (next > end) break;
        this.wall = next;
      }
    }
    this.wall = end;
  }
}
