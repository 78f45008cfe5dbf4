// /proc/cpuinfo (arch/x86/kernel/cpu/proc.c: show_cpuinfo): one block per CPU, "name\t: value"
// lines (the names padded with tabs to line the colons up), a blank line after each block.
//
// Our CPUs are virtual: the vendor and model are made up, the feature flags are those the
// machine reports in AT_HWCAP (CPUID leaf 1, EDX) plus the 64-bit ones, and the speed is nominal.

import type { Kernel } from '../../kernel';

/** AT_HWCAP that exec puts in the auxiliary vector: CPUID.1:EDX. */
const HWCAP = 0x178bfbff;
/** The names of CPUID.1:EDX bits, as Linux prints them (null: reserved). */
const EDX_FLAGS = [
  'fpu', 'vme', 'de', 'pse', 'tsc', 'msr', 'pae', 'mce', 'cx8', 'apic', null, 'sep', 'mtrr', 'pge', 'mca', 'cmov',
  'pat', 'pse36', 'pn', 'clflush', null, 'dts', 'acpi', 'mmx', 'fxsr', 'sse', 'sse2', 'ss', 'ht', 'tm', 'ia64', 'pbe',
];

function cpu_flags(): string {
  const names = EDX_FLAGS.filter((name, bit) => name && HWCAP & (1 << bit)) as string[];
  return [...names, 'syscall', 'nx', 'rdtscp', 'lm'].join(' ');
}

export function cpuinfo_proc_show(k: Kernel): string {
  const n = k.sched.nrCpus;
  let out = '';
  for (let i = 0; i < n; i++) {
    const rows: [string, string | number][] = [
      ['processor', i], ['vendor_id', 'RingsideVCPU'], ['cpu family', 6], ['model', 0], ['model name', 'Ringside virtual CPU'],
      ['stepping', 0], ['cpu MHz', '1000.000'], ['cache size', '0 KB'], ['physical id', 0], ['siblings', n], ['core id', i],
      ['cpu cores', n], ['apicid', i], ['initial apicid', i], ['fpu', 'yes'], ['fpu_exception', 'yes'], ['cpuid level', 1],
      ['wp', 'yes'], ['flags', cpu_flags()], ['bugs', ''], ['bogomips', '2000.00'], ['clflush size', 64],
      ['cache_alignment', 64], ['address sizes', '48 bits physical, 48 bits virtual'],
    ];
    // "%s\t: %s": names shorter than 8 columns get a second tab so that the colons line up.
    // An empty list (no known bugs) leaves nothing after the colon, not even a space.
    for (const [name, value] of rows) out += `${name}${name.length < 8 ? '\t\t' : '\t'}:${value === '' ? '' : ` ${value}`}\n`;
    out += 'power management:\n\n';
  }
  return out;
}
