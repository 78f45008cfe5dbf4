// /proc/stat (fs/proc/stat.c): time spent by the CPUs in each mode since boot, in clock ticks
// (USER_HZ = 100 per second), then kernel-wide counters:
//
//   cpu  3772 0 2900 66400 266 0 64 256 0 0     (all CPUs: user nice system idle iowait irq
//   cpu0 1890 0 1450 33200 133 0 32 128 0 0      softirq steal guest guest_nice)
//   intr 577305 …      interrupts serviced
//   ctxt 1281913       context switches
//   btime 1767225600   boot time, seconds since the epoch
//   processes 16875    tasks created since boot
//   procs_running 2
//   procs_blocked 0
//   softirq …
//
// Simplified: Linux counts every tick into a per-CPU bucket as it happens. We add up the user and
// system time of the tasks that exist (each on the CPU it last ran on) and of the children their
// processes have reaped (spread over the CPUs); time of threads that already exited is lost.
// Idle is the rest of each CPU's time since boot. nice/iowait/irq/steal/guest are 0: we do not
// account time to them. Interrupts and softirqs come from their counters (irq/irqdesc.ts,
// irq/softirq.ts); Linux lists every possible line in "intr", we list up to the highest one in use.

import type { Kernel } from '../../kernel';
import { TASK_RUNNING, TASK_UNINTERRUPTIBLE } from '../../sched/task';
import { nsec_to_clock_t } from './internal';
import { arch_irq_stat, irq_state } from '../../irq/irqdesc';
import { kstat_softirqs } from '../../irq/softirq';

/** The ISA interrupts every x86 has (NR_IRQS_LEGACY): the intr line counts at least these. */
const NR_IRQS_LEGACY = 16;

/** One CPU's time since boot, in ns (struct kernel_cpustat, the three buckets we fill). */
export interface CpuTime {
  user: number;
  system: number;
  idle: number;
}

/** kcpustat_cpu for every CPU. */
export function kcpustat(k: Kernel): CpuTime[] {
  const n = k.sched.nrCpus;
  const cpus: CpuTime[] = Array.from({ length: n }, () => ({ user: 0, system: 0, idle: 0 }));
  const groups = new Set<unknown>();
  let reapedUser = 0;
  let reapedSystem = 0;
  for (const t of k.tasks.values()) {
    const c = cpus[t.cpu % n]!;
    c.user += t.utime;
    c.system += t.stime;
    if (!groups.has(t.group)) {
      groups.add(t.group);
      reapedUser += t.group.cutime;
      reapedSystem += t.group.cstime;
    }
  }
  const now = k.clock.now();
  for (const c of cpus) {
    c.user += reapedUser / n;
    c.system += reapedSystem / n;
    c.idle = Math.max(0, now - c.user - c.system);
  }
  return cpus;
}

/** One "cpu" line: the ten columns in ticks. */
function cpu_line(label: string, c: CpuTime): string {
  const cols = [c.user, 0, c.system, c.idle, 0, 0, 0, 0, 0, 0].map(nsec_to_clock_t);
  return `${label} ${cols.join(' ')}\n`;
}

export function stat_proc_show(k: Kernel): string {
  const cpus = kcpustat(k);
  const sum: CpuTime = { user: 0, system: 0, idle: 0 };
  for (const c of cpus) {
    sum.user += c.user;
    sum.system += c.system;
    sum.idle += c.idle;
  }
  let running = 0;
  let blocked = 0;
  for (const t of k.tasks.values()) {
    if (t.state === TASK_RUNNING) running++;
    // Linux counts tasks waiting for I/O (nr_iowait); ours are those in uninterruptible sleep.
    else if (t.state === TASK_UNINTERRUPTIBLE) blocked++;
  }
  const ctxt = k.sched.switches.reduce((a, b) => a + b, 0);
  let out = cpu_line('cpu ', sum);
  cpus.forEach((c, i) => (out += cpu_line(`cpu${i}`, c)));
  // intr: the total (lines and the CPU's own interrupts), then each line's count from IRQ 0 on.
  const irqs = irq_state(k);
  const lastIrq = Math.max(NR_IRQS_LEGACY - 1, ...irqs.descs.keys());
  const perIrq: number[] = [];
  for (let i = 0; i <= lastIrq; i++) perIrq.push(irqs.descs.get(i)?.counts.reduce((a, b) => a + b, 0) ?? 0);
  out += `intr ${perIrq.reduce((a, b) => a + b, 0) + arch_irq_stat(k)} ${perIrq.join(' ')}\n`;
  out += `ctxt ${ctxt}\n`;
  out += `btime ${Math.floor(k.clock.bootRealtimeNs / 1e9)}\n`;
  out += `processes ${k.totalForks}\n`;
  out += `procs_running ${running}\n`;
  out += `procs_blocked ${blocked}\n`;
  const softirqs = kstat_softirqs(k).map((row) => row.reduce((a, b) => a + b, 0));
  out += `softirq ${softirqs.reduce((a, b) => a + b, 0)} ${softirqs.join(' ')}\n`;
  return out;
}
