// How a subsystem contributes system calls: a map from the syscall's name (as in the x86-64 table)
// to its handler. The handler receives the task and the six argument registers as numbers, and
// returns the value for rax: a result, -errno, or SLEEP (the task was put to sleep; see waitqueue.ts).
//
// Arguments arrive as the signed 64-bit register values; a handler narrows them as C would, e.g.
// `fd | 0` for an int, `>>> 0` for an unsigned int.

import type { Task } from '../sched/task';

export type SyscallHandler = (t: Task, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number) => number;

export type SyscallGroup = Readonly<Record<string, SyscallHandler>>;
