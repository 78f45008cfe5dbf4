// Seeing vDSO calls. A program that reads the clock through the vDSO never enters the kernel, so
// neither strace nor the syscall trace sees it; the machine's trace still should (DESIGN.md:
// "vDSO calls that never enter the kernel"). The code cache puts a marker in front of the first
// instruction of any block that starts at a vDSO entry point: running it notes the function's name
// and the TSC, and the context hands the notes to the kernel with the run's trap. Hardware has no
// such thing; a marker costs one cycle, as if it were an instruction, so the TSC and the clock stay
// in step (and the vDSO's arithmetic exact).

import type { Cpu } from '../cpu';
import { eaAbs } from '../operands';
import { Insn } from '../insn';

/** At most this many calls are noted per run; a loop of vDSO calls cannot grow the list without bound. */
const MAX_NOTED = 1024;

export function vdsoMarkExec(c: Cpu, i: Insn): void {
  const calls = c.vdsoCalls;
  if (calls.length < 2 * MAX_NOTED) calls.push(i.bytes, c.tsc);
}

/** A marker for the vDSO function `name` entered at `addr` (it takes no bytes: next = addr). */
export function vdsoMark(addr: number, name: string): Insn {
  const i = new Insn(vdsoMarkExec, eaAbs);
  i.addr = addr;
  i.next = addr;
  i.bytes = name;
  return i;
}
