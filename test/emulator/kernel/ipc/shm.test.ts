// SysV shared memory: one segment's frames seen by two address spaces, SHM_RDONLY, nattch across
// attach/fork/detach/exit, IPC_RMID kept until the last detach, /proc maps naming, errors.

import { describe, expect, it } from 'vitest';
import {
  IPC_CREAT, IPC_EXCL, IPC_PRIVATE, IPC_RMID, IPC_STAT, SHM_DEST, SHM_RDONLY, SHM_RND, SHMID_DS,
} from '../../../../emulator/uapi/ipc';
import { ipcSyscalls } from '../../../../emulator/kernel/ipc/ipc';
import { ipc_ns } from '../../../../emulator/kernel/ipc/namespace';
import { proc_pid_maps } from '../../../../emulator/kernel/fs/proc/task_mmu';
import { mmput } from '../../../../emulator/kernel/mm/mm';
import { addGroups, errname, fsKernel, ITask } from './fixture';

addGroups(ipcSyscalls);

function stat(u: ITask, id: number): { nattch: number; mode: number; key: number; segsz: number; cpid: number; lpid: number } | string {
  const b = u.alloc(SHMID_DS.size);
  const r = u.sys('shmctl', id, IPC_STAT, b);
  if (r < 0) return errname(r);
  const v = new DataView(u.peek(b, SHMID_DS.size).buffer);
  return {
    nattch: Number(v.getBigUint64(SHMID_DS.nattch, true)), mode: v.getUint32(20, true), key: v.getInt32(0, true),
    segsz: Number(v.getBigUint64(SHMID_DS.segsz, true)), cpid: v.getInt32(SHMID_DS.cpid, true), lpid: v.getInt32(SHMID_DS.lpid, true),
  };
}

describe('SysV shared memory', () => {
  it('two processes attached to one segment see each other\'s stores', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const b = new ITask(k);
    const id = a.sys('shmget', 0x5eed, 5000, IPC_CREAT | 0o666);
    expect(id).toBe(0);
    const pa = a.sys('shmat', id, 0, 0);
    const pb = b.sys('shmat', id, 0, 0);
    expect(pa).toBeGreaterThan(0);
    a.poke32(pa + 4096 + 8, 0xdeadbeef);
    expect(b.i32(pb + 4096 + 8) >>> 0).toBe(0xdeadbeef);
    b.poke32(pb, 42);
    expect(a.i32(pa)).toBe(42);
    expect(stat(a, id)).toMatchObject({ nattch: 2, segsz: 5000, cpid: a.t.tgid, lpid: b.t.tgid, key: 0x5eed });
    const line = proc_pid_maps(b.t.mm).split('\n').find((l) => l.includes('SYSV'))!;
    expect(line).toMatch(/^[0-9a-f]+-[0-9a-f]+ rw-s 00000000 00:01 0 +\/SYSV00005eed \(deleted\)$/);
    expect(b.sys('shmdt', pb)).toBe(0);
    expect(errname(b.sys('shmdt', pb))).toBe('EINVAL');
    expect(stat(a, id)).toMatchObject({ nattch: 1 });
  });

  it('fork duplicates attachments; exit detaches; IPC_RMID waits for the last detach', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const id = a.sys('shmget', IPC_PRIVATE, 4096, 0o600);
    const p = a.sys('shmat', id, 0, 0);
    const child = ITask.forkOf(a);
    expect(stat(a, id)).toMatchObject({ nattch: 2 });
    child.poke32(p, 7);
    expect(a.i32(p)).toBe(7);
    expect(a.sys('shmctl', id, IPC_RMID, 0)).toBe(0);
    const s = stat(a, id);
    expect(s).toMatchObject({ nattch: 2, key: 0 });
    expect(typeof s === 'object' && s.mode & SHM_DEST).toBeTruthy();
    mmput(child.t.mm!);
    child.t.mm = null;
    expect(stat(a, id)).toMatchObject({ nattch: 1 });
    const used = k.phys.used;
    expect(a.sys('shmdt', p)).toBe(0);
    expect(errname(a.sys('shmctl', id, IPC_STAT, a.alloc(112)))).toBe('EINVAL');
    expect(ipc_ns(k).shm.inUse).toBe(0);
    expect(k.phys.used).toBe(used - 1);
  });

  it('SHM_RDONLY maps read-only; permissions; shmaddr rounding; size and key errors', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const id = a.sys('shmget', 0x42, 8192, IPC_CREAT | 0o640);
    const p = a.sys('shmat', id, 0, SHM_RDONLY);
    expect(a.t.mm!.writeFrom(p, new Uint8Array([1]))).not.toBe(0);
    const other = new ITask(k, 1000, 1000);
    expect(errname(other.sys('shmat', id, 0, SHM_RDONLY))).toBe('EACCES');
    expect(errname(a.sys('shmat', id, 0x40000001, 0))).toBe('EINVAL');
    expect(a.sys('shmat', id, 0x40000001, SHM_RND)).toBe(0x40000000);
    expect(errname(a.sys('shmget', 0x42, 9000, 0))).toBe('EINVAL');
    expect(errname(a.sys('shmget', 0x42, 100, IPC_CREAT | IPC_EXCL))).toBe('EEXIST');
    expect(errname(a.sys('shmget', IPC_PRIVATE, 0, 0o600))).toBe('EINVAL');
    expect(errname(a.sys('shmget', 0x43, 100, 0))).toBe('ENOENT');
    expect(errname(a.sys('shmat', id + 1, 0, 0))).toBe('EINVAL');
    expect(errname(other.sys('shmctl', id, IPC_RMID, 0))).toBe('EPERM');
  });
});
