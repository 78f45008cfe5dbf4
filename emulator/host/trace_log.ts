// The host's copy of the machine-wide trace, kept for the UI to read at its own pace.
//
// The kernel's TraceRing holds 64 Ki events and is also read by exporters; the UI may fall behind
// a busy machine by more than that, so the host keeps its own, larger ring of references to the
// same event objects (one array store per event; nothing is copied or decoded here). Context
// switches are left out: they are most of the events on a busy machine, and the status bar's
// counter says all the UI shows of them.

import type { TraceEvent } from '../trace/events';
import type { TraceRing } from '../trace/ring';

export class TraceLog {
  private readonly buf: (TraceEvent | undefined)[];
  /** Events stored since boot; buf[(count - 1) % capacity] is the newest. */
  private count = 0;
  syscalls = 0;
  faults = 0;
  /** Called for every syscall entry (the host's step-to-next-syscall watches this). */
  onSysEnter: ((e: TraceEvent) => void) | null = null;
  /** Called when an event is stored (the host answers a waiting fetch). */
  onEvent: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ring: TraceRing,
    readonly capacity = 1 << 18,
  ) {
    this.buf = new Array(capacity);
    this.unsubscribe = ring.subscribe((e) => this.add(e));
  }

  private add(e: TraceEvent): void {
    if (e.kind === 'switch') return;
    if (e.kind === 'sys_enter') {
      this.syscalls++;
      this.onSysEnter?.(e);
    } else if (e.kind === 'fault') this.faults++;
    this.buf[this.count++ % this.capacity] = e;
    this.onEvent?.();
  }

  /** The seq the machine's next event will get. */
  get head(): number {
    return this.ring.head;
  }

  /** Whether anything with seq ≥ `from` is stored. */
  hasFrom(from: number): boolean {
    return this.count > 0 && this.buf[(this.count - 1) % this.capacity]!.seq >= from;
  }

  /**
   * Up to `max` stored events with seq ≥ `from`, oldest first, and the seq to ask from next: past
   * the last one returned, or the head when everything up to it has been seen.
   */
  read(from: number, max: number): { events: TraceEvent[]; first: number; next: number } {
    const oldest = Math.max(0, this.count - this.capacity);
    // Binary search for the first stored event with seq ≥ from (seqs increase; switches leave gaps).
    let lo = oldest;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.buf[mid % this.capacity]!.seq < from) lo = mid + 1;
      else hi = mid;
    }
    const end = Math.min(this.count, lo + max);
    const events: TraceEvent[] = [];
    for (let i = lo; i < end; i++) events.push(this.buf[i % this.capacity]!);
    const first = Math.max(from, this.oldestSeq());
    const next = end < this.count ? events[events.length - 1]!.seq + 1 : Math.max(from, this.head);
    return { events, first, next };
  }

  /** The seq of the oldest event the log still holds (events before it were overwritten). */
  private oldestSeq(): number {
    if (this.count <= this.capacity) return 0;
    return this.buf[this.count % this.capacity]!.seq;
  }

  close(): void {
    this.unsubscribe();
    this.onSysEnter = null;
    this.onEvent = null;
  }
}
