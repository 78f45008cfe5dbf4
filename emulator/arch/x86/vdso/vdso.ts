// The x86-64 vDSO as the kernel sees it (kernel/vdso.ts's VdsoArch): the image, and the TSC as the
// clocksource its code reads. The TSC here counts instructions and the virtual clock charges one
// nanosecond per instruction (context.ts: NS_PER_INSN), so ns = cycles * 2^24 >> 24: the mult/shift
// pair is trivial, but the vDSO does the general computation Linux's does.

import type { VdsoArch } from '../../../kernel/vdso';
import { NS_PER_INSN, type X86Machine } from '../context';
import { buildVdsoImage } from './vdso_image';

/** LINUX_VERSION_CODE of the release uname reports (6.1.0), for the image's note. */
const LINUX_VERSION_CODE = (6 << 16) | (1 << 8) | 0;
const SHIFT = 24;

export function x86Vdso(machine: X86Machine): VdsoArch {
  const image = buildVdsoImage(LINUX_VERSION_CODE);
  // Calls enter at the __vdso_ names and their weak aliases alike (same address): note the short name.
  machine.vdsoEntries = new Map([...image.symbols].filter(([name]) => !name.startsWith('__vdso_')).map(([name, at]) => [at, name]));
  return {
    image: image.bytes,
    readCycles: () => machine.tsc,
    mult: NS_PER_INSN * 2 ** SHIFT,
    shift: SHIFT,
    // TSC_AUX = (node << 12) | cpu, with every CPU on node 0.
    setCpu: (cpu: number) => {
      machine.tscAux = cpu;
    },
  };
}
