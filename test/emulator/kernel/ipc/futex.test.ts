// futex(2): wait/wake through the sleep protocol, the value check (EAGAIN), timeouts (ETIMEDOUT),
// signals, bitsets, requeue, wake-op, and shared futexes keyed by the physical page so that two
// address spaces meet on one word.

import { describe, expect, it } from 'vitest';
import {
  FUTEX_CMP_REQUEUE, FUTEX_OP_ADD, FUTEX_OP_CMP_GT, FUTEX_PRIVATE_FLAG, FUTEX_REQUEUE, FUTEX_WAIT,
  FUTEX_WAIT_BITSET, FUTEX_WAKE, FUTEX_WAKE_BITSET, FUTEX_WAKE_OP,
} from '../../../../emulator/uapi/futex';
import { MAP_ANONYMOUS, MAP_SHARED, PROT_READ, PROT_WRITE } from '../../../../emulator/uapi/mman';
import { SIGUSR1 } from '../../../../emulator/uapi/signal';
import { send_sig } from '../../../../emulator/kernel/signal';
import { TASK_INTERRUPTIBLE } from '../../../../emulator/kernel/sched/task';
import { errname, fsKernel, ITask, SLEEP } from './fixture';

const P = FUTEX_PRIVATE_FLAG;

function timespec(u: ITask, ns: number): number {
  const a = u.alloc(16);
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setBigInt64(0, BigInt(Math.floor(ns / 1e9)), true);
  v.setBigInt64(8, BigInt(ns % 1e9), true);
  u.t.mm!.writeFrom(a, b);
  return a;
}

describe('futex', () => {
  it('FUTEX_WAIT returns EAGAIN when the word differs, EINVAL when misaligned, EFAULT when unmapped', () => {
    const u = new ITask(fsKernel());
    const w = u.alloc(4);
    u.poke32(w, 5);
    expect(errname(u.sys('futex', w, FUTEX_WAIT | P, 4, 0))).toBe('EAGAIN');
    expect(errname(u.sys('futex', w + 1, FUTEX_WAIT | P, 5, 0))).toBe('EINVAL');
    expect(errname(u.sys('futex', 0x5000, FUTEX_WAIT | P, 5, 0))).toBe('EFAULT');
    expect(errname(u.sys('futex', w, 99, 0, 0))).toBe('ENOSYS');
    expect(u.sys('futex', w, FUTEX_WAKE | P, 1)).toBe(0);
  });

  it('a waiter sleeps until FUTEX_WAKE, which counts whom it woke (oldest first)', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const w = a.alloc(4);
    const b = new ITask(k);
    b.t.mm = a.t.mm; // threads of one process
    const c = new ITask(k);
    c.t.mm = a.t.mm;
    expect(b.sys('futex', w, FUTEX_WAIT | P, 0, 0)).toBe(SLEEP);
    expect(c.sys('futex', w, FUTEX_WAIT | P, 0, 0)).toBe(SLEEP);
    expect(b.t.state).toBe(TASK_INTERRUPTIBLE);
    expect(a.sys('futex', w, FUTEX_WAKE | P, 1)).toBe(1);
    expect(b.running).toBe(true);
    expect(c.running).toBe(false);
    expect(b.sys('futex', w, FUTEX_WAIT | P, 0, 0)).toBe(0);
    expect(a.sys('futex', w, FUTEX_WAKE | P, 10)).toBe(1);
    expect(c.sys('futex', w, FUTEX_WAIT | P, 0, 0)).toBe(0);
    expect(a.sys('futex', w, FUTEX_WAKE | P, 10)).toBe(0);
  });

  it('times out with ETIMEDOUT (relative for FUTEX_WAIT, absolute for FUTEX_WAIT_BITSET)', () => {
    const k = fsKernel();
    const u = new ITask(k);
    const w = u.alloc(4);
    const start = k.clock.now();
    const rel = timespec(u, 1_000_000);
    expect(u.sys('futex', w, FUTEX_WAIT | P, 0, rel)).toBe(SLEEP);
    k.clock.advanceTo(start + 1_000_000);
    k.clock.runExpired();
    expect(u.running).toBe(true);
    expect(errname(u.sys('futex', w, FUTEX_WAIT | P, 0, rel))).toBe('ETIMEDOUT');
    const abs = timespec(u, k.clock.now() + 5000);
    expect(u.sys('futex', w, FUTEX_WAIT_BITSET | P, 0, abs, 0, 0xffffffff)).toBe(SLEEP);
    k.clock.advanceTo(k.clock.now() + 5000);
    k.clock.runExpired();
    expect(errname(u.sys('futex', w, FUTEX_WAIT_BITSET | P, 0, abs, 0, 0xffffffff))).toBe('ETIMEDOUT');
    expect(errname(u.sys('futex', w, FUTEX_WAIT_BITSET | P, 0, 0, 0, 0))).toBe('EINVAL');
  });

  it('a signal ends the wait (ERESTARTSYS: EINTR unless SA_RESTART)', () => {
    const k = fsKernel();
    const u = new ITask(k);
    const w = u.alloc(4);
    expect(u.sys('futex', w, FUTEX_WAIT | P, 0, 0)).toBe(SLEEP);
    send_sig(SIGUSR1, u.t, false);
    expect(u.running).toBe(true);
    expect(errname(u.sys('futex', w, FUTEX_WAIT | P, 0, 0))).toBe('ERESTARTSYS');
    expect(u.sys('futex', w, FUTEX_WAKE | P, 1)).toBe(0);
  });

  it('bitsets select whom FUTEX_WAKE_BITSET wakes', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const w = a.alloc(4);
    const b = new ITask(k);
    b.t.mm = a.t.mm;
    expect(b.sys('futex', w, FUTEX_WAIT_BITSET | P, 0, 0, 0, 0b10)).toBe(SLEEP);
    expect(a.sys('futex', w, FUTEX_WAKE_BITSET | P, 1, 0, 0, 0b01)).toBe(0);
    expect(a.sys('futex', w, FUTEX_WAKE_BITSET | P, 1, 0, 0, 0b11)).toBe(1);
  });

  it('requeue moves waiters to another word; CMP_REQUEUE checks the value first', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const w1 = a.alloc(4);
    const w2 = a.alloc(4);
    const ws = [0, 1, 2].map(() => {
      const x = new ITask(k);
      x.t.mm = a.t.mm;
      expect(x.sys('futex', w1, FUTEX_WAIT | P, 0, 0)).toBe(SLEEP);
      return x;
    });
    expect(errname(a.sys('futex', w1, FUTEX_CMP_REQUEUE | P, 1, 1, w2, 7))).toBe('EAGAIN');
    expect(a.sys('futex', w1, FUTEX_REQUEUE | P, 1, 1, w2)).toBe(2);
    expect(ws.map((x) => x.running)).toEqual([true, false, false]);
    expect(a.sys('futex', w2, FUTEX_WAKE | P, 5)).toBe(1);
    expect(ws.map((x) => x.running)).toEqual([true, true, false]);
    expect(a.sys('futex', w1, FUTEX_WAKE | P, 5)).toBe(1);
  });

  it('FUTEX_WAKE_OP changes the second word and wakes by the comparison', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const w1 = a.alloc(4);
    const w2 = a.alloc(4);
    a.poke32(w2, 3);
    const b = new ITask(k);
    b.t.mm = a.t.mm;
    expect(b.sys('futex', w2, FUTEX_WAIT | P, 3, 0)).toBe(SLEEP);
    const op = (FUTEX_OP_ADD << 28) | (FUTEX_OP_CMP_GT << 24) | (2 << 12) | 1;
    expect(a.sys('futex', w1, FUTEX_WAKE_OP | P, 1, 1, w2, op)).toBe(1);
    expect(a.i32(w2)).toBe(5);
    expect(b.running).toBe(true);
  });

  it('a shared futex in a MAP_SHARED page joins two address spaces; a private one does not', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const addr = a.sys('mmap', 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    expect(addr).toBeGreaterThan(0);
    a.poke32(addr, 1);
    const b = ITask.forkOf(a);
    expect(b.sys('futex', addr, FUTEX_WAIT, 1, 0)).toBe(SLEEP);
    expect(a.sys('futex', addr, FUTEX_WAKE | P, 1)).toBe(0);
    expect(a.sys('futex', addr, FUTEX_WAKE, 1)).toBe(1);
    expect(b.sys('futex', addr, FUTEX_WAIT, 1, 0)).toBe(0);
  });
});
