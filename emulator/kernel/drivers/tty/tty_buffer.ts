// The flip buffer (drivers/tty/tty_buffer.c): where a driver puts received bytes before the line
// discipline takes them. A driver calls tty_insert_flip_string from its "interrupt" (for the
// console: a key typed on the host) and tty_flip_buffer_push to hand them on; flush_to_ldisc gives
// the line discipline as much as it has room for. What does not fit waits here until a reader
// makes room (the ldisc "unthrottles" the terminal), so typed-ahead input is not lost.
//
// Simplified: Linux keeps a list of page-sized buffers with a flag byte per character (parity,
// break) and runs flush_to_ldisc on a workqueue; we keep plain bytes and push synchronously.

import type { Tty } from './tty';
import { n_tty_receive_buf_common } from './n_tty';

/** How much a terminal may buffer before it drops input (TTYB_DEFAULT_MEM_LIMIT). */
export const TTYB_DEFAULT_MEM_LIMIT = 640 * 1024;

export class TtyBuffer {
  private readonly chunks: Uint8Array[] = [];
  /** Bytes of chunks[0] already taken. */
  private offset = 0;
  /** Bytes waiting. */
  size = 0;
  /** Bytes dropped because the buffer was full (what Linux counts as buf_overrun). */
  overruns = 0;
  /** flush_to_ldisc is running (echo output may make the host type more: that just queues). */
  flushing = false;

  /** tty_insert_flip_string: queue bytes; returns how many fitted. */
  insert(bytes: Uint8Array): number {
    const n = Math.min(bytes.length, TTYB_DEFAULT_MEM_LIMIT - this.size);
    if (n < bytes.length) this.overruns += bytes.length - n;
    if (n > 0) {
      this.chunks.push(bytes.slice(0, n));
      this.size += n;
    }
    return n;
  }

  /** The oldest waiting bytes, in one piece (a view: consume() before the next insert). */
  peek(): Uint8Array | null {
    const c = this.chunks[0];
    return c ? c.subarray(this.offset) : null;
  }

  consume(n: number): void {
    this.size -= n;
    while (n > 0) {
      const c = this.chunks[0]!;
      const left = c.length - this.offset;
      if (n < left) {
        this.offset += n;
        return;
      }
      n -= left;
      this.chunks.shift();
      this.offset = 0;
    }
  }

  /** tty_buffer_flush: drop everything waiting. */
  flush(): void {
    this.chunks.length = 0;
    this.offset = 0;
    this.size = 0;
  }
}

/** Driver side: queue received bytes. Returns how many fitted. */
export function tty_insert_flip_string(tty: Tty, bytes: Uint8Array): number {
  return tty.port.insert(bytes);
}

/** Driver side: hand what was queued to the line discipline. */
export function tty_flip_buffer_push(tty: Tty): void {
  flush_to_ldisc(tty);
}

/**
 * flush_to_ldisc: feed the line discipline until it is empty or the ldisc has no room. Called
 * again when a read makes room (n_tty_check_unthrottle). A terminal nobody has open keeps its
 * input here: Linux's console would drop keys typed while no one has it open; keeping them is
 * kinder to a host typing ahead at boot.
 */
export function flush_to_ldisc(tty: Tty): void {
  const port = tty.port;
  if (tty.count === 0 || port.flushing) return;
  port.flushing = true;
  try {
    for (;;) {
      const chunk = port.peek();
      if (!chunk) return;
      const n = n_tty_receive_buf_common(tty, chunk);
      if (n > 0) port.consume(n);
      if (n < chunk.length) return;
    }
  } finally {
    port.flushing = false;
  }
}
