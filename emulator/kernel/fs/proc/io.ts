// /proc/<pid>/io (fs/proc/base.c: do_io_accounting): how much the task has read and written.
//
//   rchar, wchar   bytes passed through read(2)/write(2) and their kin, whatever the file;
//   syscr, syscw   how many such calls completed;
//   read_bytes, write_bytes, cancelled_write_bytes   what really reached the storage layer.
//
// /proc/<pid>/io sums the threads of the process, task/<tid>/io is one thread. Our files live in
// memory (tmpfs, procfs, pipes) and no call reaches a disk, so the storage counters stay 0 — as
// they do on Linux for the same files. Simplified: the counts of threads that already exited are
// not kept (Linux adds them to signal->ioac).

import type { Task } from '../../sched/task';

export function do_io_accounting(task: Task, whole: boolean): string {
  const acct = { rchar: 0, wchar: 0, syscr: 0, syscw: 0 };
  for (const t of whole ? task.group.threads : [task]) {
    acct.rchar += t.ioac.rchar;
    acct.wchar += t.ioac.wchar;
    acct.syscr += t.ioac.syscr;
    acct.syscw += t.ioac.syscw;
  }
  return (
    `rchar: ${acct.rchar}\nwchar: ${acct.wchar}\nsyscr: ${acct.syscr}\nsyscw: ${acct.syscw}\n` +
    'read_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n'
  );
}
