// A bounded ring buffer of trace events with subscribers (kernel/trace/ring_buffer.c, simplified:
// one buffer for the machine, overwrite-oldest). Recording costs one object and an array store.

import type { NewTraceEvent, TraceEvent } from './events';
import type { DecodeOptions } from './decode/types';
import type { SyscallDetailStore } from './detail';

export type TraceListener = (e: TraceEvent) => void;

export class TraceRing {
  private readonly buf: (TraceEvent | undefined)[];
  private nextSeq = 0;
  private readonly listeners = new Set<TraceListener>();
  /** Recording can be switched off (the benchmark's "untraced" figures). */
  enabled = true;
  /**
   * Decode syscalls into strace's text as they happen (sys_enter/sys_exit `text`), with these
   * options; null records numbers only. Consumers that show text (the UI, exports) turn it on.
   */
  decode: DecodeOptions | null = null;
  /**
   * While non-null, each syscall's kernel path and user memory are recorded here by its sys_enter
   * seq (detail.ts; switched by the kernel's syscall_detail_enable).
   */
  details: SyscallDetailStore | null = null;

  constructor(readonly capacity = 1 << 16) {
    this.buf = new Array(capacity);
  }

  record(e: NewTraceEvent): void {
    const ev = e as TraceEvent;
    ev.seq = this.nextSeq++;
    this.buf[ev.seq % this.capacity] = ev;
    if (this.listeners.size) for (const l of this.listeners) l(ev);
  }

  /** Every event with seq ≥ `fromSeq` still in the buffer, oldest first. */
  since(fromSeq = 0): TraceEvent[] {
    const first = Math.max(fromSeq, this.nextSeq - this.capacity, 0);
    const out: TraceEvent[] = [];
    for (let s = first; s < this.nextSeq; s++) out.push(this.buf[s % this.capacity]!);
    return out;
  }

  /** The sequence number the next event will get. */
  get head(): number {
    return this.nextSeq;
  }

  subscribe(l: TraceListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
