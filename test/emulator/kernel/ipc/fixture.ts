// Tasks for IPC tests: the fs fixture's UTask, able to call every syscall group the IPC code needs
// (fs, mm, signals, futex, SysV IPC, POSIX message queues, eventfd) with register-style arguments.

import { fsSyscalls } from '../../../../emulator/kernel/fs/syscalls';
import { mmapSyscalls } from '../../../../emulator/kernel/mm/mmap';
import { signalSyscalls } from '../../../../emulator/kernel/signal';
import { futexSyscalls } from '../../../../emulator/kernel/futex';
import { SLEEP } from '../../../../emulator/kernel/sched/waitqueue';
import type { SyscallGroup } from '../../../../emulator/kernel/syscalls/types';
import type { Kernel } from '../../../../emulator/kernel/kernel';
import { UTask } from '../fs/fixture';

export { errname, fsKernel } from '../fs/fixture';

const extraGroups: SyscallGroup[] = [];

/** Make more syscall groups callable from IPC tasks (each test file adds what it tests). */
export function addGroups(...g: SyscallGroup[]): void {
  extraGroups.push(...g);
}

export class ITask extends UTask {
  /** A task whose address space is a fork of `parent`'s (shared mappings stay shared). */
  static forkOf(parent: ITask, uid = 0): ITask {
    const c = new ITask(parent.k, uid);
    c.t.mm = parent.t.mm!.fork();
    return c;
  }

  constructor(k: Kernel, uid = 0, gid = 0) {
    super(k, uid, gid);
  }

  override sys(name: string, ...args: (number | string)[]): number {
    const h = [...extraGroups, futexSyscalls, mmapSyscalls, signalSyscalls, fsSyscalls].find((g) => g[name])?.[name];
    if (!h) throw new Error(`no syscall ${name}`);
    const a = args.map((x) => (typeof x === 'string' ? this.str(x) : x));
    while (a.length < 6) a.push(0);
    const r = h(this.t, a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
    if (r !== SLEEP) this.t.restart = null;
    return r;
  }

  poke32(addr: number, v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    this.t.mm!.writeFrom(addr, b);
  }
}

export { SLEEP };
