// The kernel log (kernel/printk/printk.c, printk_ringbuffer.c): every printk() becomes a record
// — a sequence number, a level, a facility, a timestamp and the text — in a bounded ring that
// dmesg, /dev/kmsg, /proc/kmsg and syslog(2) read. The oldest records go when the ring is full;
// a reader that was still behind them learns so (EPIPE on /dev/kmsg).
//
// Linux's ring has two parts: a data ring of log_buf_len bytes holding the texts, and a ring of
// descriptors (log_buf_len / 32 of them: one per 32 bytes of average message). A record is
// dropped when either runs out. We keep the same two limits with a JavaScript array of records.
//
// Records more urgent than console_loglevel are also printed on the consoles (console.ts); the
// machine boots with `quiet`, so only errors and worse reach the screen.

import { EINVAL } from '../../uapi/errno';
import type { Kernel } from '../kernel';
import { WaitQueue } from '../sched/waitqueue';
import { console_emit_record } from './console';

/** Levels (include/linux/kern_levels.h): KERN_EMERG 0 … KERN_DEBUG 7. */
export const LOGLEVEL_EMERG = 0, LOGLEVEL_ALERT = 1, LOGLEVEL_CRIT = 2, LOGLEVEL_ERR = 3;
export const LOGLEVEL_WARNING = 4, LOGLEVEL_NOTICE = 5, LOGLEVEL_INFO = 6, LOGLEVEL_DEBUG = 7;
/** "Use the default level" (printk without a KERN_ prefix; a /dev/kmsg write without <N>). */
export const LOGLEVEL_DEFAULT = -1;

/** Facilities (syslog.h): the kernel's own records are LOG_KERN, user space's writes LOG_USER. */
export const LOG_KERN = 0, LOG_USER = 1;

/** CONFIG_LOG_BUF_SHIFT=17: a 128 KiB text ring (syslog(SIZE_BUFFER) on the reference host). */
export const LOG_BUF_LEN = 1 << 17;
/** PRB_AVGBITS: one descriptor per 32 bytes of text. */
const PRB_AVGBITS = 5;

export interface PrintkRecord {
  seq: number;
  /** KERN_EMERG 0 … KERN_DEBUG 7. */
  level: number;
  /** LOG_KERN, LOG_USER … (the syslog facility, 0..127). */
  facility: number;
  /** Virtual ns since boot (local_clock()). */
  ts: number;
  /** Who printed it (CONFIG_PRINTK_CALLER's "T<tid>", or "C<cpu>" outside a task). */
  caller: string;
  text: string;
  /** dev_printk's dictionary: "SUBSYSTEM=block", "DEVICE=b8:0" … (/dev/kmsg prints them). */
  dict?: string[];
}

/** The text ring (struct printk_ringbuffer) plus the readers' shared positions. */
export class LogBuffer {
  private readonly ring: PrintkRecord[] = [];
  /** Where ring[0] is (the first valid sequence number). */
  private head = 0;
  private nextSeq = 0;
  private textBytes = 0;
  private readonly maxRecords: number;
  /** log_wait: readers of /dev/kmsg, /proc/kmsg and syslog(READ) wait here for new records. */
  readonly wait = new WaitQueue();
  /** clear_seq: where dmesg starts after `dmesg -C` (syslog CLEAR, SEEK_DATA on /dev/kmsg). */
  clearSeq = 0;
  /** syslog_seq and syslog_partial: the one consuming reader (/proc/kmsg, syslog READ). */
  syslogSeq = 0;
  syslogPartial = 0;
  /**
   * console_printk[]: console_loglevel, default_message_loglevel, minimum_console_loglevel,
   * default_console_loglevel — what /proc/sys/kernel/printk shows. CONSOLE_LOGLEVEL_QUIET (4)
   * as with `quiet` on the command line; Linux's defaults otherwise.
   */
  readonly consolePrintk = [4, 4, 1, 7];
  /** The level CONSOLE_OFF saved for CONSOLE_ON (LOGLEVEL_DEFAULT: none saved). */
  savedConsoleLoglevel = LOGLEVEL_DEFAULT;
  /** kernel.dmesg_restrict: reading the log needs CAP_SYSLOG. */
  dmesgRestrict = 0;

  constructor(readonly bufLen = LOG_BUF_LEN) {
    this.maxRecords = bufLen >> PRB_AVGBITS;
  }

  /** The records still in the ring, oldest first. */
  get records(): readonly PrintkRecord[] {
    return this.ring;
  }

  /** prb_first_valid_seq. */
  get firstSeq(): number {
    return this.head;
  }

  /** prb_next_seq: the number the next record will get. */
  get next(): number {
    return this.nextSeq;
  }

  /** The record `seq`, or null if it is gone or not yet written. */
  get(seq: number): PrintkRecord | null {
    if (seq < this.head || seq >= this.nextSeq) return null;
    return this.ring[seq - this.head]!;
  }

  /** vprintk_store: add a record, dropping the oldest while either limit is exceeded. */
  store(level: number, facility: number, ts: number, caller: string, text: string, dict?: string[]): PrintkRecord {
    const rec: PrintkRecord = { seq: this.nextSeq++, level, facility, ts, caller, text };
    if (dict?.length) rec.dict = dict;
    this.ring.push(rec);
    this.textBytes += text.length;
    while (this.ring.length > 1 && (this.textBytes > this.bufLen || this.ring.length > this.maxRecords)) {
      const old = this.ring.shift()!;
      this.textBytes -= old.text.length;
      this.head++;
    }
    this.wait.wakeAll();
    return rec;
  }

  /** dmesg's default view: "[    1.234567] text" per record. */
  format(): string {
    return this.ring.map((r) => `${print_time(r.ts)} ${r.text}\n`).join('');
  }
}

/** The kernel's log (one per machine, kernel.log). */
export function log_buf(kernel: Kernel): LogBuffer {
  return kernel.log;
}

/** print_time: "[%5lu.%06lu]" of the record's timestamp. */
export function print_time(tsNs: number): string {
  const usec = Math.floor(tsNs / 1000);
  const sec = Math.floor(usec / 1e6);
  return `[${String(sec).padStart(5)}.${String(usec % 1e6).padStart(6, '0')}]`;
}

/**
 * printk_get_level: a text may start with KERN_SOH ("\x01") and a level digit, as the KERN_*
 * macros prepend; "c" (KERN_CONT) is taken as the default level here.
 */
function split_level(text: string): [number, string] {
  if (text.length >= 2 && text.charCodeAt(0) === 1) {
    const c = text.charCodeAt(1);
    if (c >= 0x30 && c <= 0x37) return [c - 0x30, text.slice(2)];
    return [LOGLEVEL_DEFAULT, text.slice(2)];
  }
  return [LOGLEVEL_DEFAULT, text];
}

/**
 * vprintk_emit: store a record at `level` (LOGLEVEL_DEFAULT: default_message_loglevel) from
 * `facility`. A trailing newline ends the record, as in Linux; an empty text is still a record.
 */
export function vprintk_emit(kernel: Kernel, facility: number, level: number, text: string, dict?: string[], caller?: string): PrintkRecord {
  const log = kernel.log;
  const [prefixLevel, body] = split_level(text);
  if (level === LOGLEVEL_DEFAULT) level = prefixLevel;
  if (level === LOGLEVEL_DEFAULT) level = log.consolePrintk[1]!;
  const line = body.endsWith('\n') ? body.slice(0, -1) : body;
  // Outside a syscall we do not know the task; Linux would say which CPU ("C0").
  const who = caller ?? 'C0';
  const rec = log.store(level & 7, facility, kernel.clock.now(), who, line, dict);
  console_emit_record(kernel, rec);
  return rec;
}

/** printk(KERN_<level> "text"): a kernel record. */
export function printk(kernel: Kernel, level: number, text: string): void {
  vprintk_emit(kernel, LOG_KERN, level, text);
}

/** dev_printk: a record about a device, with the dictionary /dev/kmsg shows under it. */
export function dev_printk(kernel: Kernel, level: number, subsystem: string, device: string, text: string): void {
  vprintk_emit(kernel, LOG_KERN, level, text, [`SUBSYSTEM=${subsystem}`, `DEVICE=${device}`]);
}

// ---- the tunables sysctl shows (kernel/printk/sysctl.c): getters and setters for procfs ----

/** /proc/sys/kernel/printk: the live console_printk[] (4 ints; the sysctl table may point at it). */
export function console_printk(kernel: Kernel): number[] {
  return kernel.log.consolePrintk;
}

export function get_dmesg_restrict(kernel: Kernel): number {
  return kernel.log.dmesgRestrict;
}

/** kernel.dmesg_restrict accepts 0 or 1 (proc_dointvec_minmax_sysadmin). */
export function set_dmesg_restrict(kernel: Kernel, v: number): number {
  if (v !== 0 && v !== 1) return -EINVAL;
  kernel.log.dmesgRestrict = v;
  return 0;
}
