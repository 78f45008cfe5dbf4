// /proc/interrupts (kernel/irq/proc.c: show_interrupts; arch/x86/kernel/irq.c: arch_show_interrupts)
// and /proc/softirqs (fs/proc/softirqs.c): the interrupt counters of each CPU.
//
//              CPU0       CPU1
//     1:         12          0  IO-APIC   1-edge      i8042
//   NMI:          0          0   Non-maskable interrupts
//   LOC:      21394      21099   Local timer interrupts
//   ERR:          0
//
// The header is 11 spaces then "CPU%-8d" per CPU; a line is the number right-aligned in 3 and a
// colon, " %10u" per CPU, then the controller, the line's number and trigger, and the handlers.
// The x86 rows without a line follow, "%*s:" + counts + their description; ERR and MIS have one
// machine-wide count.

import type { Kernel } from '../../kernel';
import { irq_state, type IrqCpuStat } from '../../irq/irqdesc';
import { kstat_softirqs, SOFTIRQ_NAMES } from '../../irq/softirq';

const counts = (values: number[]) => values.map((v) => ` ${String(v).padStart(10)}`).join('');

/**
 * The x86 rows the reference machine shows (less its hypervisor and posted-interrupt rows): name,
 * description, the counter (null: a row of zeros for what we do not have).
 */
const ARCH_ROWS: [string, string, keyof IrqCpuStat | null][] = [
  ['NMI', 'Non-maskable interrupts', 'nmi'],
  ['LOC', 'Local timer interrupts', 'apic_timer_irqs'],
  ['SPU', 'Spurious interrupts', 'irq_spurious_count'],
  ['PMI', 'Performance monitoring interrupts', 'apic_perf_irqs'],
  ['IWI', 'IRQ work interrupts', 'apic_irq_work_irqs'],
  ['RTR', 'APIC ICR read retries', null],
  ['RES', 'Rescheduling interrupts', 'irq_resched_count'],
  ['CAL', 'Function call interrupts', 'irq_call_count'],
  ['TLB', 'TLB shootdowns', 'irq_tlb_count'],
  ['TRM', 'Thermal event interrupts', null],
];

export function interrupts_proc_show(k: Kernel): string {
  const s = irq_state(k);
  const n = k.sched.nrCpus;
  let out = ' '.repeat(11);
  for (let i = 0; i < n; i++) out += `CPU${String(i).padEnd(8)}`;
  out += '\n';
  for (const d of [...s.descs.values()].sort((a, b) => a.irq - b.irq)) {
    // "%*d:", the counts, " %8s" the chip, " %*lu" the hwirq, "-%-8s" the trigger, "  %s" the actions.
    out += `${String(d.irq).padStart(3)}:${counts(d.counts)} ${d.chip.padStart(8)} ${String(d.hwirq).padStart(3)}-${d.type.padEnd(8)}  ${d.actions.join(', ')}\n`;
  }
  for (const [name, desc, field] of ARCH_ROWS) {
    out += `${name.padStart(3)}:${counts(s.cpu.map((c) => (field ? c[field] : 0)))}   ${desc}\n`;
  }
  out += `ERR: ${String(s.err).padStart(10)}\n`;
  out += `MIS: ${String(s.mis).padStart(10)}\n`;
  return out;
}

export function softirqs_proc_show(k: Kernel): string {
  const c = kstat_softirqs(k);
  let out = ' '.repeat(20);
  for (let i = 0; i < k.sched.nrCpus; i++) out += `CPU${String(i).padEnd(8)}`;
  out += '\n';
  SOFTIRQ_NAMES.forEach((name, i) => (out += `${name.padStart(12)}:${counts(c[i]!)}\n`));
  return out;
}
