// /proc/sys/fs/mqueue (ipc/mq_sysctl.c): the POSIX message queue limits, per machine (per IPC
// namespace in Linux). mqueue.ts reads them at mq_open: queues_max, msg_max and msgsize_max bound
// what an unprivileged caller may create; msg_default and msgsize_default are used without attr.

import type { Kernel } from '../kernel';
import { ints, proc_dointvec, proc_dointvec_minmax, register_sysctl, sysctl_initcall, type CtlTable } from '../sysctl';

/** The limits (ipc_namespace's mq_queues_max, mq_msg_max, …). */
export interface MqLimits {
  queues_max: number[];
  msg_max: number[];
  msgsize_max: number[];
  msg_default: number[];
  msgsize_default: number[];
}

const MIN_MSGMAX = 1;
const MIN_MSGSIZEMAX = 128;
const HARD_MSGMAX = 65536;
const HARD_MSGSIZEMAX = 16 * 1024 * 1024;

const limits = new WeakMap<Kernel, MqLimits>();

export function mq_limits(k: Kernel): MqLimits {
  let l = limits.get(k);
  if (!l) limits.set(k, (l = { queues_max: [256], msg_max: [10], msgsize_max: [8192], msg_default: [10], msgsize_default: [8192] }));
  return l;
}

function entry(procname: string, data: number[], min?: number, max?: number): CtlTable {
  return {
    procname, mode: 0o644, maxlen: 4, data: ints(data),
    proc_handler: min === undefined ? proc_dointvec : proc_dointvec_minmax, extra1: min, extra2: max,
  };
}

sysctl_initcall((k) => {
  const l = mq_limits(k);
  register_sysctl(k, 'fs/mqueue', [
    entry('queues_max', l.queues_max),
    entry('msg_max', l.msg_max, MIN_MSGMAX, HARD_MSGMAX),
    entry('msgsize_max', l.msgsize_max, MIN_MSGSIZEMAX, HARD_MSGSIZEMAX),
    entry('msg_default', l.msg_default, MIN_MSGMAX, HARD_MSGMAX),
    entry('msgsize_default', l.msgsize_default, MIN_MSGSIZEMAX, HARD_MSGSIZEMAX),
  ]);
});
