// Interrupt descriptors and counters (kernel/irq/irqdesc.c, arch/x86/include/asm/hardirq.h): one
// descriptor per interrupt line a driver requested, with how many times it fired on each CPU, and
// the per-CPU counters of the interrupts the CPU itself raises (the local APIC timer, …). They are
// what /proc/interrupts and the "intr" line of /proc/stat show.
//
// Where our machine takes interrupts:
//   - the local timer (LOC): each time slice that runs out is ended by the tick that preempts the
//     task, on the CPU it ran on; and a sleeping machine is woken by the timer that expires;
//   - the keyboard (IRQ 1, i8042): every byte typed into the console.
// Simplified: there is one interrupt controller ("IO-APIC") and no inter-processor interrupts
// (RES, CAL, TLB stay 0): our CPUs take turns on one thread and never signal each other.

import type { Kernel } from '../kernel';

/** struct irq_desc, reduced to what /proc/interrupts prints. */
export interface IrqDesc {
  irq: number;
  /** The controller (irq_chip name), the line's number on it and its trigger: "IO-APIC", 1, "edge". */
  chip: string;
  hwirq: number;
  type: string;
  /** The handlers' names (struct irqaction), comma separated. */
  actions: string[];
  /** kstat_irqs: per CPU. */
  counts: number[];
}

/** irq_cpustat_t (x86): the per-CPU counters of the interrupts without a line. */
export interface IrqCpuStat {
  nmi: number;
  apic_timer_irqs: number;
  irq_spurious_count: number;
  apic_perf_irqs: number;
  apic_irq_work_irqs: number;
  irq_resched_count: number;
  irq_call_count: number;
  irq_tlb_count: number;
}

export interface IrqState {
  descs: Map<number, IrqDesc>;
  cpu: IrqCpuStat[];
  /** irq_err_count and irq_mis_count: machine-wide. */
  err: number;
  mis: number;
}

const states = new WeakMap<Kernel, IrqState>();

export function irq_state(k: Kernel): IrqState {
  let s = states.get(k);
  if (!s) {
    const cpu = Array.from({ length: k.sched.nrCpus }, () => ({
      nmi: 0, apic_timer_irqs: 0, irq_spurious_count: 0, apic_perf_irqs: 0, apic_irq_work_irqs: 0,
      irq_resched_count: 0, irq_call_count: 0, irq_tlb_count: 0,
    }));
    s = { descs: new Map(), cpu, err: 0, mis: 0 };
    states.set(k, s);
  }
  return s;
}

/** request_irq: attach a named handler to a line (sharing it if the line already has one). */
export function request_irq(k: Kernel, irq: number, name: string, chip = 'IO-APIC', hwirq = irq, type = 'edge'): void {
  const s = irq_state(k);
  const d = s.descs.get(irq);
  if (d) d.actions.push(name);
  else s.descs.set(irq, { irq, chip, hwirq, type, actions: [name], counts: new Array(k.sched.nrCpus).fill(0) });
}

/** generic_handle_irq: the line fired on `cpu` (kstat_incr_irqs_this_cpu). */
export function generic_handle_irq(k: Kernel, irq: number, cpu = 0): void {
  const d = irq_state(k).descs.get(irq);
  if (d) d.counts[cpu % d.counts.length]!++;
}

/** The local APIC timer interrupt on `cpu` (sysvec_apic_timer_interrupt: inc_irq_stat(apic_timer_irqs)). */
export function local_timer_interrupt(k: Kernel, cpu: number): void {
  const c = irq_state(k).cpu;
  c[cpu % c.length]!.apic_timer_irqs++;
}

/** arch_irq_stat_cpu + arch_irq_stat: the interrupts without a line, for /proc/stat's total. */
export function arch_irq_stat(k: Kernel): number {
  const s = irq_state(k);
  let n = s.err + s.mis;
  for (const c of s.cpu) {
    n += c.nmi + c.apic_timer_irqs + c.irq_spurious_count + c.apic_perf_irqs + c.apic_irq_work_irqs;
    n += c.irq_resched_count + c.irq_call_count + c.irq_tlb_count;
  }
  return n;
}
