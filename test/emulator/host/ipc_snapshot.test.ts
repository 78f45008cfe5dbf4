// The IPC graph's data: each object with its identity and its edges to the processes that hold
// or wait on it, read from the kernel's tables.

import { describe, expect, it } from 'vitest';
import { IPC_CREAT, IPC_PRIVATE, IPC_RMID } from '../../../emulator/uapi/ipc';
import { O_CREAT, O_RDWR } from '../../../emulator/uapi/fcntl';
import { ipcSyscalls } from '../../../emulator/kernel/ipc/ipc';
import { init_mqueue_fs } from '../../../emulator/kernel/ipc/mqueue';
import { snapshotIpc } from '../../../emulator/host/ipc_snapshot';
import { addGroups, fsKernel, ITask, SLEEP } from '../kernel/ipc/fixture';

addGroups(ipcSyscalls);

describe('snapshotIpc', () => {
  it('lists msg, sem, shm, mqueue and futex objects with holders and waiters', () => {
    const k = fsKernel();
    init_mqueue_fs(k);
    const a = new ITask(k);
    const b = new ITask(k);
    const q = a.sys('msgget', 0x1234, IPC_CREAT | 0o640);
    expect(b.sys('msgrcv', q, b.alloc(64), 56, 0, 0)).toBe(SLEEP);
    const s = a.sys('semget', IPC_PRIVATE, 2, 0o600);
    const op = new Uint8Array([0, 0, 1, 0, 0, 0x10]);
    expect(a.sys('semop', s, a.bytes(op), 1)).toBe(0);
    const m = a.sys('shmget', IPC_PRIVATE, 8192, 0o600);
    a.sys('shmat', m, 0, 0);
    b.sys('shmat', m, 0, 0);
    const mq = a.sys('mq_open', 'lab', O_RDWR | O_CREAT, 0o600, 0);
    expect(mq).toBeGreaterThanOrEqual(0);
    const w = b.alloc(4);
    expect(b.sys('futex', w, 128, 0, 0)).toBe(SLEEP);

    const snap = snapshotIpc(k);
    const node = (n: string) => snap.find((o) => o.node === n)!;
    expect(node(`msg:${q}`)).toMatchObject({ kind: 'msg', key: 0x1234, owner: { uid: 0, gid: 0, mode: 0o640 }, edges: [{ pid: b.t.tgid, role: 'waiting' }] });
    expect(node(`sem:${s}`)).toMatchObject({ size: 2, edges: [{ pid: a.t.tgid, role: 'undo' }, { pid: a.t.tgid, role: 'last-op' }] });
    expect(node(`shm:${m}`)).toMatchObject({ size: 8192, count: 2, removed: false });
    expect(node(`shm:${m}`).edges.filter((e) => e.role === 'attached').map((e) => e.pid)).toEqual([a.t.tgid, b.t.tgid]);
    expect(node('mqueue:/lab')).toMatchObject({ kind: 'mqueue', edges: [{ pid: a.t.tgid, role: 'attached' }] });
    expect(snap.filter((o) => o.kind === 'futex').map((o) => o.edges)).toEqual([[{ pid: b.t.tgid, role: 'waiting' }]]);

    // IPC_RMID: the queue disappears; an attached segment stays, marked.
    expect(a.sys('msgctl', q, IPC_RMID, 0)).toBe(0);
    expect(a.sys('shmctl', m, IPC_RMID, 0)).toBe(0);
    const after = snapshotIpc(k);
    expect(after.some((o) => o.node === `msg:${q}`)).toBe(false);
    expect(after.find((o) => o.node === `shm:${m}`)).toMatchObject({ removed: true, key: 0 });
  });
});
