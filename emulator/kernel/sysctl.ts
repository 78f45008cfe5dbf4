// sysctl (kernel/sysctl.c): kernel tunables as tables of typed entries, shown as files under
// /proc/sys (fs/proc/proc_sysctl.c does the filesystem side).
//
// A subsystem describes its tunables in a table — one struct ctl_table per file: the name, the
// mode, where the value lives and the handler that turns it into text and back — and registers
// the table under a path: register_sysctl("kernel", kern_table). The handlers are shared: an
// int vector (proc_dointvec), an int within a range (proc_dointvec_minmax), unsigned and unsigned
// long variants, a bool, a string (proc_dostring). Their parsing is Linux's, quirks included:
//
//   - a read of a number file gives the whole text at offset 0 and nothing at any later offset
//     (a second read() returns 0, even if the first was cut short by a small buffer);
//   - a write parses numbers in C's base 0 (0x10 and 010 are 16 and 8), with blanks around them;
//     garbage, a number followed by anything but a blank, or a value out of range is EINVAL;
//   - a write at a non-zero offset to a number file is accepted and ignored (sysctl_writes_strict);
//   - a vector takes as many numbers as it has room for, and the write reports only the bytes it
//     used (a partial write);
//   - a string longer than the buffer is cut, but the write reports all its bytes.
//
// Simplified: there is one tree per machine (no per-network-namespace net/ tables), and no
// sysctl_writes_strict knob (always 1, Linux's default).

import { EINVAL, EPERM } from '../uapi/errno';
import type { Kernel } from './kernel';
import type { Task } from './sched/task';

/** What a number handler reads and writes: the value as an array (a vector of maxlen/size elements). */
export interface CtlInts {
  get(): number[];
  set(values: number[]): void;
}

/** Unsigned long values (the pointer-sized ones: fs.file-max, kernel.shmmax) need 64 bits. */
export interface CtlUlongs {
  get(): bigint[];
  set(values: bigint[]): void;
}

export interface CtlString {
  get(): string;
  set(value: string): void;
}

/**
 * The data a handler sees (struct ctl_table's buffer, *lenp and *ppos): for a write, the bytes
 * written; for a read, the handler puts its text in `output`. `len` comes in as the byte count of
 * the read or write and goes out as the number of bytes the handler used.
 */
export interface SysctlBuffer {
  input: Uint8Array;
  output: string;
  len: number;
}

/** proc_handler: 0 or -errno; `t` is current (for the capability checks some handlers make). */
export type ProcHandler = (table: CtlTable, write: boolean, buf: SysctlBuffer, ppos: { pos: number }, t: Task) => number;

/** struct ctl_table. */
export interface CtlTable {
  procname: string;
  /** Permission bits of the file (0644, 0444, 0600 …). */
  mode: number;
  /** Bytes of the value: a string's buffer size, or 4 (8 for long) times the vector length. */
  maxlen: number;
  data: CtlInts | CtlUlongs | CtlString;
  proc_handler: ProcHandler;
  /** Range limits of the _minmax handlers (extra1, extra2). */
  extra1?: number | bigint;
  extra2?: number | bigint;
}

/** A directory of the tree (struct ctl_dir): subdirectories and files by name. */
export interface CtlDir {
  name: string;
  entries: Map<string, CtlDir | CtlTable>;
}

export function is_ctl_dir(e: CtlDir | CtlTable): e is CtlDir {
  return (e as CtlDir).entries !== undefined;
}

const INT_MAX = 0x7fffffff;
const UINT_MAX = 0xffffffff;
const ULONG_MAX = (1n << 64n) - 1n;
/** TMPBUFLEN: a number and its sign fit in 21 characters; a longer run is refused. */
const TMPBUFLEN = 22;

// ---- the tree ------------------------------------------------------------------------------------

const roots = new WeakMap<Kernel, CtlDir>();
const initializers: ((k: Kernel) => void)[] = [];

/**
 * Subsystems add their tables at boot (the __init calls that run register_sysctl). We run them
 * the first time a machine's tree is asked for, so a kernel built in a test has them too.
 */
export function sysctl_initcall(fn: (k: Kernel) => void): void {
  initializers.push(fn);
}

/** The root of /proc/sys for this machine (sysctl_table_root). */
export function sysctl_root(k: Kernel): CtlDir {
  let root = roots.get(k);
  if (!root) {
    root = { name: '', entries: new Map() };
    roots.set(k, root);
    for (const fn of initializers) fn(k);
  }
  return root;
}

/**
 * register_sysctl: add `table`'s files under `path` ("kernel", "kernel/random", "net/ipv4"),
 * making the directories on the way. A name already taken is refused (Linux: "sysctl duplicate
 * entry", and the table is not registered).
 */
export function register_sysctl(k: Kernel, path: string, table: CtlTable[]): number {
  let dir = sysctl_root(k);
  for (const part of path.split('/').filter((p) => p !== '')) {
    let next = dir.entries.get(part);
    if (!next) {
      next = { name: part, entries: new Map() };
      dir.entries.set(part, next);
    }
    if (!is_ctl_dir(next)) return -EINVAL;
    dir = next;
  }
  for (const e of table) {
    if (dir.entries.has(e.procname)) {
      k.printk(3, `sysctl duplicate entry: /${path}/${e.procname}`);
      return -EINVAL;
    }
  }
  for (const e of table) dir.entries.set(e.procname, e);
  return 0;
}

/** The entry at a slash-separated path below /proc/sys, or null. */
export function sysctl_find(k: Kernel, path: string): CtlDir | CtlTable | null {
  let e: CtlDir | CtlTable = sysctl_root(k);
  for (const part of path.split('/').filter((p) => p !== '')) {
    if (!is_ctl_dir(e)) return null;
    const next = e.entries.get(part);
    if (!next) return null;
    e = next;
  }
  return e;
}

// ---- parsing (proc_skip_spaces, proc_get_long) ---------------------------------------------------

/** The cursor of a write being parsed: position in the input and bytes left. */
interface Cursor {
  p: number;
  left: number;
}

const isspace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
/** proc_wspace_sep: what may follow a number in a vector. */
const isWspaceSep = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a;

function proc_skip_spaces(buf: Uint8Array, c: Cursor): void {
  while (c.left > 0 && isspace(buf[c.p]!)) {
    c.p++;
    c.left--;
  }
}

/**
 * proc_get_long: one number (optionally negative) in C's base 0, which must be followed by a
 * separator or the end of the input. The value as a bigint, or -EINVAL.
 */
function proc_get_long(buf: Uint8Array, c: Cursor): { val: bigint; neg: boolean } | number {
  if (c.left <= 0) return -EINVAL;
  const len = Math.min(c.left, TMPBUFLEN - 1);
  let p = c.p;
  const end = c.p + len;
  let neg = false;
  if (buf[p] === 0x2d /* - */ && c.left > 1) {
    neg = true;
    p++;
  }
  const digit = (ch: number | undefined, base: number): number => {
    if (ch === undefined) return -1;
    let d = -1;
    if (ch >= 0x30 && ch <= 0x39) d = ch - 0x30;
    else if (ch >= 0x61 && ch <= 0x66) d = ch - 0x61 + 10;
    else if (ch >= 0x41 && ch <= 0x46) d = ch - 0x41 + 10;
    return d < base ? d : -1;
  };
  if (p >= end || digit(buf[p], 10) < 0) return -EINVAL;
  // strtoul_lenient(…, base 0): 0x → hex, a leading 0 → octal, else decimal.
  let base = 10;
  if (buf[p] === 0x30) {
    if ((buf[p + 1] === 0x78 || buf[p + 1] === 0x58) && p + 2 < end && digit(buf[p + 2], 16) >= 0) {
      base = 16;
      p += 2;
    } else base = 8;
  }
  let val = 0n;
  while (p < end) {
    const d = digit(buf[p], base);
    if (d < 0) break;
    val = val * BigInt(base) + BigInt(d);
    if (val > ULONG_MAX) return -EINVAL; // -ERANGE from strtoul, turned into EINVAL
    p++;
  }
  const used = p - c.p;
  // A number as long as the scratch buffer might go on beyond it: refused.
  if (used === TMPBUFLEN - 1) return -EINVAL;
  if (used < c.left && !isWspaceSep(buf[p]!)) return -EINVAL;
  c.p = p;
  c.left -= used;
  return { val, neg };
}

// ---- number vectors (__do_proc_dointvec and friends) ---------------------------------------------

/**
 * One element's conversion (the conv callbacks): on write, turn the parsed number into the stored
 * value or refuse it (null → EINVAL); on read, the text of the stored value.
 */
interface Conv<T> {
  write(neg: boolean, val: bigint, table: CtlTable): T | null;
  read(v: T): string;
}

/** __do_proc_dointvec: a vector of numbers separated by tabs, or parsed from blanks. */
function do_proc_vec<T>(table: CtlTable, write: boolean, buf: SysctlBuffer, ppos: { pos: number }, conv: Conv<T>): number {
  const data = table.data as { get(): T[]; set(v: T[]): void };
  if (table.maxlen === 0 || buf.len === 0 || (ppos.pos !== 0 && !write)) {
    buf.len = 0;
    return 0;
  }
  if (write) {
    // proc_first_pos_non_zero_ignore: a write that continues a previous one is swallowed.
    if (ppos.pos !== 0) {
      ppos.pos += buf.len;
      return 0;
    }
    const values = data.get().slice();
    const c: Cursor = { p: 0, left: buf.len };
    let err = 0;
    let first = true;
    for (let i = 0; c.left > 0 && i < values.length; i++, first = false) {
      proc_skip_spaces(buf.input, c);
      if (c.left === 0) break;
      const r = proc_get_long(buf.input, c);
      if (typeof r === 'number') {
        err = r;
        break;
      }
      const v = conv.write(r.neg, r.val, table);
      if (v === null) {
        err = -EINVAL;
        break;
      }
      values[i] = v;
      data.set(values); // each element is stored as soon as it is parsed
    }
    if (!err && c.left > 0) proc_skip_spaces(buf.input, c);
    if (first) return err || -EINVAL;
    buf.len -= c.left;
    ppos.pos += buf.len;
    return err;
  }
  let text = data.get().map((v) => conv.read(v)).join('\t') + '\n';
  if (text.length > buf.len) text = text.slice(0, buf.len);
  buf.output = text;
  buf.len = text.length;
  ppos.pos += buf.len;
  return 0;
}

const limits = (table: CtlTable) => ({
  min: table.extra1 === undefined ? null : BigInt(table.extra1),
  max: table.extra2 === undefined ? null : BigInt(table.extra2),
});

/** do_proc_dointvec_conv (+ the _minmax range check when the table has limits). */
function intConv(checkRange: boolean): Conv<number> {
  return {
    write(neg, val, table) {
      if (neg ? val > BigInt(INT_MAX) + 1n : val > BigInt(INT_MAX)) return null;
      const v = neg ? -val : val;
      if (checkRange) {
        const { min, max } = limits(table);
        if ((min !== null && v < min) || (max !== null && v > max)) return null;
      }
      return Number(v);
    },
    read: (v) => String(v),
  };
}

/** do_proc_douintvec_conv: no sign allowed. */
function uintConv(checkRange: boolean): Conv<number> {
  return {
    write(neg, val, table) {
      if (neg || val > BigInt(UINT_MAX)) return null;
      if (checkRange) {
        const { min, max } = limits(table);
        if ((min !== null && val < min) || (max !== null && val > max)) return null;
      }
      return Number(val);
    },
    read: (v) => String(v >>> 0),
  };
}

/** proc_dointvec: a vector of ints, any value an int can hold. */
export const proc_dointvec: ProcHandler = (table, write, buf, ppos) => do_proc_vec(table, write, buf, ppos, intConv(false));

/** proc_dointvec_minmax: ints within [extra1, extra2]. */
export const proc_dointvec_minmax: ProcHandler = (table, write, buf, ppos) => do_proc_vec(table, write, buf, ppos, intConv(true));

/**
 * proc_douintvec: unsigned ints. Linux's version takes exactly one value (no vectors); a
 * negative number is EINVAL.
 */
export const proc_douintvec: ProcHandler = (table, write, buf, ppos) => do_proc_vec(table, write, buf, ppos, uintConv(false));

export const proc_douintvec_minmax: ProcHandler = (table, write, buf, ppos) => do_proc_vec(table, write, buf, ppos, uintConv(true));

/**
 * proc_doulongvec_minmax: unsigned longs within [extra1, extra2]. A negative number is skipped
 * without an error (Linux's `if (neg) continue;`), leaving that element as it was.
 */
export const proc_doulongvec_minmax: ProcHandler = (table, write, buf, ppos) => {
  const data = table.data as CtlUlongs;
  let index = 0;
  const conv: Conv<bigint> = {
    write(neg, val, tbl) {
      const i = index++;
      if (neg) return data.get()[i] ?? 0n;
      const { min, max } = limits(tbl);
      if ((min !== null && val < min) || (max !== null && val > max)) return null;
      return val;
    },
    read: (v) => v.toString(),
  };
  return do_proc_vec(table, write, buf, ppos, conv);
};

/** proc_dobool: an int is parsed; anything non-zero is stored as 1. */
export const proc_dobool: ProcHandler = (table, write, buf, ppos) =>
  do_proc_vec(table, write, buf, ppos, {
    write(neg, val) {
      if (neg ? val > BigInt(INT_MAX) + 1n : val > BigInt(INT_MAX)) return null;
      return val !== 0n ? 1 : 0;
    },
    read: (v: number) => String(v),
  });

/** proc_dointvec_minmax_sysadmin: as _minmax, but writing needs CAP_SYS_ADMIN (dmesg_restrict, kptr_restrict). */
export const proc_dointvec_minmax_sysadmin: ProcHandler = (table, write, buf, ppos, t) => {
  if (write && !t.cred.capable()) return -EPERM;
  return proc_dointvec_minmax(table, write, buf, ppos, t);
};

// ---- strings (_proc_do_string) -------------------------------------------------------------------

/**
 * proc_dostring: read from the offset on, with a newline after the value; a write replaces the
 * value from the offset (0 for a fresh open) up to the first newline or NUL, cut at maxlen - 1
 * bytes — and reports every byte as written.
 */
export const proc_dostring: ProcHandler = (table, write, buf, ppos) => {
  const data = table.data as CtlString;
  if (buf.len === 0) return 0;
  if (write) {
    let value = data.get();
    let len = Math.min(value.length, table.maxlen - 1);
    if (ppos.pos > len) {
      ppos.pos += buf.len;
      return 0;
    }
    len = ppos.pos;
    value = value.slice(0, len);
    ppos.pos += buf.len;
    for (let p = 0; p < buf.len && len < table.maxlen - 1; p++) {
      const ch = buf.input[p]!;
      if (ch === 0 || ch === 0x0a) break;
      value += String.fromCharCode(ch);
      len++;
    }
    data.set(value);
    return 0;
  }
  const value = data.get().slice(0, table.maxlen);
  if (ppos.pos > value.length) {
    buf.len = 0;
    return 0;
  }
  let text = value.slice(ppos.pos, ppos.pos + buf.len);
  if (text.length < buf.len) text += '\n';
  buf.output = text;
  buf.len = text.length;
  ppos.pos += text.length;
  return 0;
};

// ---- helpers for tables --------------------------------------------------------------------------

/** A vector of ints kept in an array the subsystem owns (what `.data = &var` does in C). */
export function ints(values: number[]): CtlInts {
  return { get: () => values, set: (v) => v.forEach((x, i) => (values[i] = x)) };
}

/** One int read and written through accessors (a value that lives in another subsystem's state). */
export function int_ref(get: () => number, set: (v: number) => void = () => {}): CtlInts {
  return { get: () => [get()], set: (v) => set(v[0]!) };
}

export const SYSCTL_ZERO = 0;
export const SYSCTL_ONE = 1;
export const SYSCTL_TWO = 2;
export const SYSCTL_INT_MAX = INT_MAX;
export const SYSCTL_ULONG_MAX = ULONG_MAX;
