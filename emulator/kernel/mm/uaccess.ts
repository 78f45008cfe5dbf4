// Moving data across the user/kernel boundary (arch/x86/lib/usercopy, include/linux/uaccess.h).
// Every pointer a syscall receives is checked here against the task's VMAs; a bad one is -EFAULT.
// While the UI records call details, each copy is also noted in the current call's detail
// (kernel/trace/syscall_detail.ts) — one counter test otherwise.

import { EFAULT, ENAMETOOLONG } from '../../uapi/errno';
import type { Task } from '../sched/task';
import { FAULT_OK } from './mm';
import { syscall_detail_active, syscall_detail_uaccess } from '../trace/syscall_detail';

export const PATH_MAX = 4096;

/** Copy `len` bytes from user memory; a Uint8Array, or -EFAULT. */
export function copy_from_user(t: Task, addr: number, len: number): Uint8Array | number {
  const mm = t.mm;
  if (!mm || len < 0) return -EFAULT;
  const out = new Uint8Array(len);
  const ok = mm.readInto(addr, out) === FAULT_OK;
  if (syscall_detail_active) syscall_detail_uaccess(t, 'read', 'copy_from_user', addr, len, ok ? out : null);
  return ok ? out : -EFAULT;
}

/** Copy bytes to user memory; 0, or -EFAULT. */
export function copy_to_user(t: Task, addr: number, data: Uint8Array): number {
  return copy_to_user_as(t, addr, data, 'copy_to_user');
}

/** copy_to_user under the name of the helper that called it (put_user), for the call's detail. */
function copy_to_user_as(t: Task, addr: number, data: Uint8Array, fn: string): number {
  const mm = t.mm;
  if (!mm) return -EFAULT;
  if (data.length === 0) return 0;
  const ok = mm.writeFrom(addr, data) === FAULT_OK;
  if (syscall_detail_active) syscall_detail_uaccess(t, 'write', fn, addr, data.length, ok ? data : null);
  return ok ? 0 : -EFAULT;
}

/** Zero `len` bytes of user memory (clear_user). */
export function clear_user(t: Task, addr: number, len: number): number {
  const mm = t.mm;
  if (!mm) return -EFAULT;
  const ok = mm.fill(addr, len, 0) === FAULT_OK;
  if (syscall_detail_active) syscall_detail_uaccess(t, 'write', 'clear_user', addr, len, ok ? new Uint8Array(Math.min(len, 256)) : null);
  return ok ? 0 : -EFAULT;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/**
 * Copy a NUL-terminated string of at most `max` bytes (strncpy_from_user). Returns the bytes as a
 * string (each byte one char, latin1, so nothing is lost) or -EFAULT / -ENAMETOOLONG.
 */
export function strncpy_from_user(t: Task, addr: number, max: number): string | number {
  const mm = t.mm;
  if (!mm) return -EFAULT;
  const r = mm.readCString(addr, max + 1);
  if (syscall_detail_active) {
    // The string and its NUL, as the kernel read them.
    const bytes = typeof r === 'number' ? null : r.length > max ? r : Uint8Array.of(...r.subarray(0, 255), 0);
    syscall_detail_uaccess(t, 'read', 'strncpy_from_user', addr, typeof r === 'number' ? 0 : Math.min(r.length + 1, max + 1), bytes);
  }
  if (typeof r === 'number') return -EFAULT;
  if (r.length > max) return -ENAMETOOLONG;
  return latin1.decode(r);
}

/** getname(): a pathname argument, at most PATH_MAX bytes including the NUL. */
export function getname(t: Task, addr: number): string | number {
  if (addr === 0) return -EFAULT;
  return strncpy_from_user(t, addr, PATH_MAX - 1);
}

/** Decode a byte string read with strncpy_from_user as UTF-8 for display. */
export function bytesToDisplay(s: string): string {
  return utf8.decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));
}

const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);

/** get_user of `n` bytes into scratch; false on a fault. */
function get_user(t: Task, addr: number, n: number): boolean {
  const mm = t.mm;
  const ok = !!mm && mm.readInto(addr, scratchBytes, 0, n) === FAULT_OK;
  if (syscall_detail_active) syscall_detail_uaccess(t, 'read', 'get_user', addr, n, ok ? scratchBytes.subarray(0, n) : null);
  return ok;
}

export function get_user_u32(t: Task, addr: number): number {
  if (!get_user(t, addr, 4)) return Number.NaN;
  return scratch.getUint32(0, true);
}

export function get_user_i32(t: Task, addr: number): number {
  if (!get_user(t, addr, 4)) return Number.NaN;
  return scratch.getInt32(0, true);
}

/** A signed 64-bit value as a number (exact below 2^53); NaN on a fault. */
export function get_user_i64(t: Task, addr: number): number {
  if (!get_user(t, addr, 8)) return Number.NaN;
  return Number(scratch.getBigInt64(0, true));
}

export function put_user_u32(t: Task, addr: number, v: number): number {
  scratch.setUint32(0, v >>> 0, true);
  return copy_to_user_as(t, addr, scratchBytes.subarray(0, 4), 'put_user');
}

export function put_user_i32(t: Task, addr: number, v: number): number {
  scratch.setInt32(0, v | 0, true);
  return copy_to_user_as(t, addr, scratchBytes.subarray(0, 4), 'put_user');
}

export function put_user_i64(t: Task, addr: number, v: number | bigint): number {
  scratch.setBigInt64(0, BigInt(v), true);
  return copy_to_user_as(t, addr, scratchBytes.subarray(0, 8), 'put_user');
}

/** A little-endian struct being built for copy_to_user. */
export class StructWriter {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u8(off: number, v: number): this { this.view.setUint8(off, v); return this; }
  u16(off: number, v: number): this { this.view.setUint16(off, v, true); return this; }
  u32(off: number, v: number): this { this.view.setUint32(off, v >>> 0, true); return this; }
  i32(off: number, v: number): this { this.view.setInt32(off, v | 0, true); return this; }
  u64(off: number, v: number | bigint): this { this.view.setBigUint64(off, BigInt.asUintN(64, BigInt(v)), true); return this; }
  i64(off: number, v: number | bigint): this { this.view.setBigInt64(off, BigInt.asIntN(64, BigInt(v)), true); return this; }
  str(off: number, s: string, max: number): this {
    for (let i = 0; i < s.length && i < max - 1; i++) this.bytes[off + i] = s.charCodeAt(i) & 0xff;
    return this;
  }
}

/** A little-endian struct read with copy_from_user. */
export class StructReader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(off: number): number { return this.view.getUint16(off, true); }
  u32(off: number): number { return this.view.getUint32(off, true); }
  i32(off: number): number { return this.view.getInt32(off, true); }
  i64(off: number): number { return Number(this.view.getBigInt64(off, true)); }
  u64(off: number): bigint { return this.view.getBigUint64(off, true); }
}
