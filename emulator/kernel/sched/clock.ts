// The virtual clock and kernel timers (kernel/time/timer.c, hrtimer.c, simplified).
//
// Time in the machine is a number of virtual nanoseconds since boot. Work advances it by modelled
// costs (a syscall, a context switch, user code between traps), so the same inputs give the same
// timestamps. When every task sleeps, the machine either jumps to the next timer (batch mode) or
// waits for the wall clock to reach it (interactive mode; see machine/).

export interface Timer {
  deadline: number;
  fire: () => void;
  /** Position in the heap, or -1 once fired or cancelled. */
  index: number;
}

/** Modelled costs, in virtual ns. */
export const COST = {
  /** Entering and leaving the kernel through `syscall` (entry, dispatch, sysret). */
  syscall: 120,
  /** User code a TypeScript program runs between two traps. */
  userSegment: 60,
  /** Switching address spaces and register files. */
  contextSwitch: 1500,
  /** Copying one byte across the boundary. */
  perByte: 0.05,
  /** A page fault. */
  pageFault: 400,
} as const;

export class Clock {
  private ns = 0;
  /** Seconds since the epoch at boot (CLOCK_REALTIME = boot time + monotonic). */
  readonly bootRealtimeNs: number;
  private readonly heap: Timer[] = [];
  /** Timers fired since boot — each is a timer interrupt's work (read by the UI's status bar). */
  fired = 0;

  constructor(bootRealtimeNs: number) {
    this.bootRealtimeNs = bootRealtimeNs;
  }

  /** CLOCK_MONOTONIC / CLOCK_BOOTTIME: virtual ns since boot. */
  now(): number {
    return this.ns;
  }

  /** CLOCK_REALTIME in ns (a double: about 256 ns coarse at today's dates; see realtimeSpec). */
  realtime(): number {
    return this.bootRealtimeNs + this.ns;
  }

  /** CLOCK_REALTIME as exact seconds and nanoseconds (the ns since the epoch exceed 2^53). */
  realtimeSpec(): { sec: number; nsec: number } {
    const bootSec = Math.floor(this.bootRealtimeNs / 1e9);
    const n = this.bootRealtimeNs - bootSec * 1e9 + this.ns;
    const carry = Math.floor(n / 1e9);
    return { sec: bootSec + carry, nsec: n - carry * 1e9 };
  }

  advance(ns: number): void {
    this.ns += ns;
  }

  /** Jump forward to `ns` (never backwards). */
  advanceTo(ns: number): void {
    if (ns > this.ns) this.ns = ns;
  }

  addTimer(deadline: number, fire: () => void): Timer {
    const t: Timer = { deadline, fire, index: this.heap.length };
    this.heap.push(t);
    this.up(t.index);
    return t;
  }

  cancel(t: Timer): void {
    const i = t.index;
    if (i < 0) return;
    const last = this.heap.pop()!;
    t.index = -1;
    if (last !== t) {
      this.heap[i] = last;
      last.index = i;
      this.down(i);
      this.up(i);
    }
  }

  /** The earliest pending deadline, or null. */
  nextDeadline(): number | null {
    return this.heap.length ? this.heap[0]!.deadline : null;
  }

  /** Fire every timer whose deadline has passed. Returns how many fired. */
  runExpired(): number {
    let n = 0;
    while (this.heap.length && this.heap[0]!.deadline <= this.ns) {
      const t = this.heap[0]!;
      this.cancel(t);
      t.fire();
      n++;
      this.fired++;
    }
    return n;
  }

  get pendingTimers(): number {
    return this.heap.length;
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.deadline <= h[i]!.deadline) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]!.deadline < h[m]!.deadline) m = l;
      if (r < h.length && h[r]!.deadline < h[m]!.deadline) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const h = this.heap;
    const x = h[a]!;
    h[a] = h[b]!;
    h[b] = x;
    h[a]!.index = a;
    h[b]!.index = b;
  }
}
