// Kernel-wide /proc files added for issue 5: interrupts, softirqs, devices, misc, cmdline, swaps,
// cgroups, and the interrupt lines of /proc/stat — layouts against linux-facts §4.7 and the host's
// /proc, values from the kernel's counters.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generic_handle_irq, local_timer_interrupt, request_irq } from '../../../../../emulator/kernel/irq/irqdesc';
import { SCHED_SOFTIRQ, softirq_handled } from '../../../../../emulator/kernel/irq/softirq';
import { set_saved_command_line } from '../../../../../emulator/kernel/fs/proc/cmdline';
import { registerChrdev } from '../../../../../emulator/kernel/fs/char_dev';
import { procKernel } from './fixture';

function host(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

describe('/proc/interrupts', () => {
  it('has Linux\'s layout: header, numbered lines, the x86 rows, ERR and MIS (linux-facts 4.7)', () => {
    const { k, root } = procKernel();
    request_irq(k, 1, 'i8042');
    request_irq(k, 24, 'ACPI:Ged', 'IO-APIC', 5);
    for (let i = 0; i < 3; i++) generic_handle_irq(k, 1, 0);
    generic_handle_irq(k, 24, 0);
    local_timer_interrupt(k, 0);
    local_timer_interrupt(k, 0);
    const lines = root.get('/proc/interrupts').split('\n');
    // The fixture's kernel has one CPU.
    expect(lines[0]).toBe('           CPU0       ');
    expect(lines[1]).toBe('  1:          3  IO-APIC   1-edge      i8042');
    expect(lines[2]).toBe(' 24:          1  IO-APIC   5-edge      ACPI:Ged');
    expect(lines[3]).toBe('NMI:          0   Non-maskable interrupts');
    expect(lines[4]).toBe('LOC:          2   Local timer interrupts');
    expect(lines.slice(-3)).toEqual(['ERR:          0', 'MIS:          0', '']);
    const h = host('/proc/interrupts');
    if (h) {
      // The same row names in the same order, among those the host has.
      const names = (t: string) => t.split('\n').map((l) => l.slice(0, 4)).filter((n) => /^[A-Z]{3}:$/.test(n));
      const ours = names(lines.join('\n'));
      expect(names(h).filter((n) => ours.includes(n))).toEqual(ours);
      const hostLine = h.split('\n').find((l) => l.startsWith('LOC:'))!;
      expect(hostLine.indexOf('Local')).toBe(4 + 11 * (h.split('\n')[0]!.match(/CPU/g)!.length) + 3);
    }
  });

  it('/proc/stat counts the same interrupts, and softirqs agree with /proc/softirqs', () => {
    const { k, root } = procKernel();
    request_irq(k, 1, 'i8042');
    generic_handle_irq(k, 1, 0);
    generic_handle_irq(k, 1, 0);
    local_timer_interrupt(k, 0);
    softirq_handled(k, SCHED_SOFTIRQ, 0);
    const stat = root.get('/proc/stat');
    expect(stat).toMatch(/\nintr 3 0 2 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n/);
    expect(stat).toMatch(/\nsoftirq 1 0 0 0 0 0 0 0 1 0 0\n/);
    const soft = root.get('/proc/softirqs').split('\n');
    expect(soft[0]).toBe('                    CPU0       ');
    expect(soft.slice(1, -1).map((l) => l.split(':')[0]!.trim())).toEqual(['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU']);
    expect(soft[8]).toBe('       SCHED:          1');
    const h = host('/proc/softirqs');
    if (h) expect(h.split('\n').slice(1).map((l) => l.indexOf(':'))).toContain(12);
  });
});

describe('/proc/devices, misc, cmdline, swaps, cgroups', () => {
  it('devices: both sections, "%3d %s", from the registries', () => {
    const { k, root } = procKernel();
    registerChrdev(k, 99, 0, 1, 'labdev', {});
    const text = root.get('/proc/devices');
    expect(text.startsWith('Character devices:\n  1 mem\n')).toBe(true);
    expect(text).toContain('\n 99 labdev\n');
    expect(text).toMatch(/\n\nBlock devices:\n/);
    const h = host('/proc/devices');
    if (h) expect(h).toMatch(/^Character devices:\n {2}1 mem\n[\s\S]*\n\nBlock devices:\n/);
  });

  it('cmdline is what start_kernel saved; swaps and cgroups are their headers', () => {
    const { k, root } = procKernel();
    set_saved_command_line(k, 'console=tty1 quiet');
    expect(root.get('/proc/cmdline')).toBe('console=tty1 quiet\n');
    expect(root.get('/proc/swaps')).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
    expect(root.get('/proc/cgroups')).toBe('#subsys_name\thierarchy\tnum_cgroups\tenabled\n');
    const h = host('/proc/swaps');
    if (h) expect(h.split('\n')[0] + '\n').toBe(root.get('/proc/swaps'));
    const c = host('/proc/cgroups');
    if (c) expect(c.split('\n')[0] + '\n').toBe(root.get('/proc/cgroups'));
  });
});
