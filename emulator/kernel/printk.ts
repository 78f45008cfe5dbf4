// The kernel log (kernel/printk/): a bounded ring of messages with a level and a timestamp,
// read by dmesg and /dev/kmsg. Nothing is printed on the console unless asked, as with `quiet`.

import type { Kernel } from './kernel';

export interface LogRecord {
  seq: number;
  /** KERN_EMERG 0 … KERN_DEBUG 7. */
  level: number;
  /** Virtual ns since boot. */
  ts: number;
  text: string;
}

export const LOG_CAPACITY = 2048;

export class LogBuffer {
  readonly records: LogRecord[] = [];
  private seq = 0;

  append(level: number, ts: number, text: string): void {
    this.records.push({ seq: this.seq++, level, ts, text });
    if (this.records.length > LOG_CAPACITY) this.records.shift();
  }

  /** dmesg's view: "[    1.234567] text". */
  format(): string {
    return this.records.map((r) => `[${(r.ts / 1e9).toFixed(6).padStart(12)}] ${r.text}\n`).join('');
  }
}

export function printk(kernel: Kernel, level: number, text: string): void {
  kernel.log.append(level, kernel.clock.now(), text);
}
