// /proc/<pid>/syscall and /proc/<pid>/wchan (fs/proc/base.c: proc_pid_syscall, proc_pid_wchan):
// what a task is doing in the kernel right now.
//
// syscall: for a task blocked in a system call, its number, the six argument registers, the stack
// pointer and the instruction pointer, in hex:   230 0x0 0x0 0x7ffe5c6100f0 … 0x7ffe5c6100d8 0x7f3848111503
// For a task that is not in a call (stopped after a fault or an interrupt) only "-1 sp pc", and
// for one that is running on a CPU, just "running". A task reading its own file is inside read(2),
// so it sees that call.
//
// wchan: the name of the kernel function the task sleeps in ("hrtimer_nanosleep",
// "anon_pipe_read", "do_wait"), or "0" when it is not sleeping; no newline. Linux finds the name by
// walking the sleeping task's kernel stack to the first function outside the scheduler. We have
// no kernel stacks, so we name the function Linux 6.18 shows for the call the task sleeps in (and,
// for read/write, the kind of file it sleeps on); a call not in the list shows __do_sys_<name>.

import { S_ISCHR, S_ISFIFO, major } from '../../../uapi/stat';
import { SYSCALL_NAMES } from '../../../uapi/unistd_64';
import { TASK_RUNNING, TASK_STOPPED, TASK_TRACED, type Task } from '../../sched/task';
import { ptrace_may_access } from './internal';

/** A register as the kernel prints it: an unsigned 64-bit number, "0x%llx". */
const hex = (v: number) => '0x' + BigInt.asUintN(64, BigInt(Math.trunc(v))).toString(16);

/** proc_pid_syscall (task_current_syscall). */
export function proc_pid_syscall(reader: Task, task: Task): string {
  const r = task.uctx?.regs;
  if (task.isZombie || !r) return '-1 0x0 0x0\n';
  // Another task's registers mean something only while it is off the CPU: a runnable task (even
  // one woken inside a call and about to finish it) is "running" (wait_task_inactive fails).
  if (task !== reader && task.state === TASK_RUNNING) return 'running\n';
  if (r.orig_rax < 0) return `-1 ${hex(r.rsp)} ${hex(r.rip)}\n`;
  const args = [r.rdi, r.rsi, r.rdx, r.r10, r.r8, r.r9, r.rsp, r.rip].map(hex).join(' ');
  return `${r.orig_rax} ${args}\n`;
}

const syscallNames = new Map<number, string>(SYSCALL_NAMES.map(([nr, name]) => [nr, name]));

/** The function each blocking call sleeps in, on Linux 6.18 (as /proc/<pid>/wchan shows it there). */
const WAIT_FUNCTION: Record<string, string> = {
  pause: '__do_sys_pause',
  wait4: 'do_wait',
  waitid: 'do_wait',
  nanosleep: 'hrtimer_nanosleep',
  clock_nanosleep: 'hrtimer_nanosleep',
  select: 'poll_schedule_timeout.constprop.0',
  pselect6: 'poll_schedule_timeout.constprop.0',
  poll: 'poll_schedule_timeout.constprop.0',
  ppoll: 'poll_schedule_timeout.constprop.0',
  epoll_wait: 'do_epoll_wait',
  epoll_pwait: 'do_epoll_wait',
  epoll_pwait2: 'do_epoll_wait',
  rt_sigtimedwait: 'do_sigtimedwait.isra.0',
  rt_sigsuspend: 'sigsuspend.isra.0',
  futex: 'futex_do_wait',
  vfork: 'kernel_clone',
  clone: 'kernel_clone',
  flock: 'locks_lock_inode_wait',
  open: 'wait_for_partner',
  openat: 'wait_for_partner',
  msgrcv: 'do_msgrcv',
  msgsnd: 'do_msgsnd',
  semop: 'do_semtimedop',
  semtimedop: 'do_semtimedop',
};

/** Terminal majors (tty, console/ptmx, pts): their reads sleep in n_tty_read's wait_woken. */
const TTY_MAJORS = new Set([4, 5, 136]);

/** The function a task sleeping in read/write waits in, by the kind of file. */
function rw_wait_function(task: Task, write: boolean): string | null {
  const file = task.files?.get(task.uctx.regs.rdi | 0);
  if (!file) return null;
  const mode = file.inode.mode;
  if (S_ISFIFO(mode)) return write ? 'anon_pipe_write' : 'anon_pipe_read';
  if (S_ISCHR(mode) && TTY_MAJORS.has(major(file.inode.rdev))) return write ? 'tty_write' : 'wait_woken';
  return null;
}

/** get_wchan: the wait function's name, or null when the task is not asleep. */
export function get_wchan(task: Task): string | null {
  if (task.state === TASK_RUNNING || task.isZombie) return null;
  if (task.state === TASK_STOPPED) return 'do_signal_stop';
  if (task.state === TASK_TRACED) return 'ptrace_stop';
  if (task.vforkDone) return 'kernel_clone';
  const nr = task.uctx?.regs.orig_rax;
  const name = nr === undefined ? undefined : syscallNames.get(nr);
  if (!name) return null;
  if (/^(read|readv|pread64|preadv|preadv2)$/.test(name)) return rw_wait_function(task, false) ?? `__do_sys_${name}`;
  if (/^(write|writev|pwrite64|pwritev|pwritev2)$/.test(name)) return rw_wait_function(task, true) ?? `__do_sys_${name}`;
  return WAIT_FUNCTION[name] ?? `__do_sys_${name}`;
}

/** proc_pid_wchan: "0" for a task that is running, or that the reader may not look into. */
export function proc_pid_wchan(reader: Task, task: Task): string {
  if (!ptrace_may_access(reader, task)) return '0';
  return get_wchan(task) ?? '0';
}
