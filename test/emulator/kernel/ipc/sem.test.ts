// SysV semaphores: semget rules, atomic semop lists, blocking and first-come wake order, wait for
// zero, semtimedop's timeout, EIDRM, ERANGE, E2BIG, EFBIG, semctl commands, SEM_UNDO at exit.

import { describe, expect, it } from 'vitest';
import {
  GETALL, GETNCNT, GETPID, GETVAL, GETZCNT, IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_PRIVATE, IPC_RMID, IPC_STAT,
  SEM_INFO, SEM_UNDO, SEMID_DS, SETALL, SETVAL,
} from '../../../../emulator/uapi/ipc';
import { SIGUSR1 } from '../../../../emulator/uapi/signal';
import { send_sig } from '../../../../emulator/kernel/signal';
import { ipcSyscalls } from '../../../../emulator/kernel/ipc/ipc';
import { exit_sem } from '../../../../emulator/kernel/ipc/sem';
import { EXIT_ZOMBIE } from '../../../../emulator/kernel/sched/task';
import { addGroups, errname, fsKernel, ITask, SLEEP } from './fixture';

addGroups(ipcSyscalls);

/** A sembuf array in user memory. */
function sops(u: ITask, ...ops: [number, number, number?][]): [number, number] {
  const b = new Uint8Array(6 * ops.length);
  const v = new DataView(b.buffer);
  ops.forEach(([num, op, flg], i) => {
    v.setUint16(6 * i, num, true);
    v.setInt16(6 * i + 2, op, true);
    v.setInt16(6 * i + 4, flg ?? 0, true);
  });
  return [u.bytes(b), ops.length];
}

const semop = (u: ITask, id: number, ...ops: [number, number, number?][]) => u.sys('semop', id, ...sops(u, ...ops));

describe('SysV semaphores', () => {
  it('semget: nsems checks, EEXIST, ENOENT, EACCES', () => {
    const k = fsKernel();
    const u = new ITask(k);
    expect(errname(u.sys('semget', IPC_PRIVATE, 0, 0o600))).toBe('EINVAL');
    expect(errname(u.sys('semget', IPC_PRIVATE, 32001, 0o600))).toBe('EINVAL');
    expect(u.sys('semget', 0x4321, 2, IPC_CREAT | IPC_EXCL | 0o644)).toBe(0);
    expect(errname(u.sys('semget', 0x4321, 2, IPC_CREAT | IPC_EXCL | 0o644))).toBe('EEXIST');
    expect(errname(u.sys('semget', 0x4321, 3, 0))).toBe('EINVAL');
    expect(u.sys('semget', 0x4321, 0, 0)).toBe(0);
    expect(errname(u.sys('semget', 0x9999, 1, 0))).toBe('ENOENT');
    const other = new ITask(k, 1000, 1000);
    expect(errname(other.sys('semget', 0x4321, 1, 0o200))).toBe('EACCES');
    expect(other.sys('semctl', 0, 0, GETVAL)).toBe(0);
    expect(errname(semop(other, 0, [0, 1]))).toBe('EACCES');
  });

  it('semop is all or nothing; EAGAIN with IPC_NOWAIT; ERANGE, E2BIG, EFBIG, EINVAL', () => {
    const u = new ITask(fsKernel());
    const s = u.sys('semget', IPC_PRIVATE, 2, 0o600);
    expect(semop(u, s, [0, 1, SEM_UNDO], [1, -1, IPC_NOWAIT])).toBe(-11);
    expect(u.sys('semctl', s, 0, GETVAL)).toBe(0);
    expect(semop(u, s, [0, 2], [1, 1])).toBe(0);
    expect(u.sys('semctl', s, 0, GETVAL)).toBe(2);
    expect(u.sys('semctl', s, 0, GETPID)).toBe(u.t.tgid);
    expect(errname(semop(u, s, [0, 32767]))).toBe('ERANGE');
    expect(errname(u.sys('semop', s, ...sops(u, [0, 1]).slice(0, 1), 501))).toBe('E2BIG');
    expect(errname(u.sys('semop', s, sops(u, [0, 1])[0], 0))).toBe('EINVAL');
    expect(errname(semop(u, s, [2, 1]))).toBe('EFBIG');
    expect(errname(semop(u, s + 1, [0, 1]))).toBe('EINVAL');
    expect(errname(u.sys('semctl', s, 0, SETVAL, 32768))).toBe('ERANGE');
    expect(errname(u.sys('semctl', s, 0, SETVAL, -1))).toBe('ERANGE');
    expect(errname(u.sys('semctl', s, 5, GETVAL))).toBe('EINVAL');
  });

  it('sleepers are served first come, first served; GETNCNT/GETZCNT count them', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const b = new ITask(k);
    const c = new ITask(k);
    const z = new ITask(k);
    const s = a.sys('semget', IPC_PRIVATE, 1, 0o666);
    const bs = sops(b, [0, -2]);
    const cs = sops(c, [0, -1]);
    expect(b.sys('semop', s, ...bs)).toBe(SLEEP);
    expect(c.sys('semop', s, ...cs)).toBe(SLEEP);
    expect(a.sys('semctl', s, 0, GETNCNT)).toBe(2);
    expect(semop(a, s, [0, 1])).toBe(0);
    // c could go, but b came first and is not skipped over? Linux completes any list that can
    // proceed, in order: b cannot (needs 2), c can.
    expect(c.running).toBe(true);
    expect(b.running).toBe(false);
    expect(c.sys('semop', s, ...cs)).toBe(0);
    const zs = sops(z, [0, 0]);
    expect(semop(a, s, [0, 1])).toBe(0);
    expect(z.sys('semop', s, ...zs)).toBe(SLEEP);
    expect(a.sys('semctl', s, 0, GETZCNT)).toBe(1);
    expect(semop(a, s, [0, 1])).toBe(0);
    // b takes 2: the value drops to 0, and the wait-for-zero completes too.
    expect(b.running).toBe(true);
    expect(z.running).toBe(true);
    expect(b.sys('semop', s, ...bs)).toBe(0);
    expect(z.sys('semop', s, ...zs)).toBe(0);
    expect(a.sys('semctl', s, 0, GETVAL)).toBe(0);
  });

  it('semtimedop times out with EAGAIN; signals give EINTR; IPC_RMID gives EIDRM', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const s = a.sys('semget', IPC_PRIVATE, 1, 0o600);
    const ts = a.alloc(16);
    const tb = new Uint8Array(16);
    new DataView(tb.buffer).setBigInt64(8, 1000n, true);
    a.t.mm!.writeFrom(ts, tb);
    const op = sops(a, [0, -1]);
    expect(a.sys('semtimedop', s, ...op, ts)).toBe(SLEEP);
    k.clock.advanceTo(k.clock.now() + 1000);
    k.clock.runExpired();
    expect(errname(a.sys('semtimedop', s, ...op, ts))).toBe('EAGAIN');
    expect(a.sys('semop', s, ...op)).toBe(SLEEP);
    send_sig(SIGUSR1, a.t, false);
    expect(errname(a.sys('semop', s, ...op))).toBe('EINTR');
    const b = new ITask(k);
    const bop = sops(b, [0, -1]);
    expect(b.sys('semop', s, ...bop)).toBe(SLEEP);
    expect(a.sys('semctl', s, 0, IPC_RMID)).toBe(0);
    expect(errname(b.sys('semop', s, ...bop))).toBe('EIDRM');
  });

  it('GETALL/SETALL, IPC_STAT, SEM_INFO', () => {
    const u = new ITask(fsKernel());
    const s = u.sys('semget', 0x77, 3, IPC_CREAT | 0o640);
    const arr = u.bytes(new Uint8Array([1, 0, 2, 0, 3, 0]));
    expect(u.sys('semctl', s, 0, SETALL, arr)).toBe(0);
    const out = u.alloc(6);
    expect(u.sys('semctl', s, 0, GETALL, out)).toBe(0);
    expect([...u.peek(out, 6)]).toEqual([1, 0, 2, 0, 3, 0]);
    expect(errname(u.sys('semctl', s, 0, SETALL, u.bytes(new Uint8Array([0, 0x80, 0, 0, 0, 0]))))).toBe('ERANGE');
    const st = u.alloc(SEMID_DS.size);
    expect(u.sys('semctl', s, 0, IPC_STAT, st)).toBe(0);
    const v = new DataView(u.peek(st, SEMID_DS.size).buffer);
    expect([v.getInt32(0, true), v.getUint32(20, true), Number(v.getBigUint64(SEMID_DS.nsems, true))]).toEqual([0x77, 0o640, 3]);
    const info = u.alloc(40);
    expect(u.sys('semctl', 0, 0, SEM_INFO, info)).toBe(0);
    const w = new DataView(u.peek(info, 40).buffer);
    expect([w.getInt32(28, true), w.getInt32(36, true)]).toEqual([1, 3]);
  });

  it('SEM_UNDO gives back what a dying process held, and wakes the waiter', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const b = new ITask(k);
    const s = a.sys('semget', IPC_PRIVATE, 1, 0o666);
    expect(a.sys('semctl', s, 0, SETVAL, 1)).toBe(0);
    expect(semop(a, s, [0, -1, SEM_UNDO])).toBe(0);
    const bs = sops(b, [0, -1]);
    expect(b.sys('semop', s, ...bs)).toBe(SLEEP);
    a.t.state = EXIT_ZOMBIE;
    exit_sem(a.t);
    expect(b.running).toBe(true);
    expect(b.sys('semop', s, ...bs)).toBe(0);
    expect(b.sys('semctl', s, 0, GETPID)).toBe(b.t.tgid);
    // SETVAL clears the adjustments: an undo after it changes nothing.
    const c = new ITask(k);
    expect(c.sys('semctl', s, 0, SETVAL, 3)).toBe(0);
    expect(semop(c, s, [0, 2, SEM_UNDO])).toBe(0);
    expect(c.sys('semctl', s, 0, SETVAL, 1)).toBe(0);
    exit_sem(c.t);
    expect(c.sys('semctl', s, 0, GETVAL)).toBe(1);
  });
});
