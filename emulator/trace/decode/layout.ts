// Which arguments a call prints, and how. By default the signature's kinds say it (kinds.ts); a
// few calls print differently from what their kinds alone would give, as strace does — their
// rules are in SPECIAL below, one small function each.

import { O_CREAT, O_TMPFILE } from '../../uapi/fcntl';
import { syscallSignature, type SyscallSignature } from '../../uapi/syscall_signatures';
import type { SyscallCall } from './types';
import { atEntry, outArg, pure, type ArgSpec } from './context';
import { KINDS } from './kinds';
import { hex } from './numbers';
import { formatSigreturnMask } from './signals';
import { cwdBuffer, randomBytes } from './strings';

/** An argument ready to print: how, and the register values it reads. */
export interface PrintedArg extends ArgSpec {
  value: number;
  length?: number;
}

/** The arguments as the signature describes them. */
function fromSignature(call: SyscallCall, sig: SyscallSignature): PrintedArg[] {
  return sig.args.map(([, kind], i) => {
    const lengthIndex = sig.lengthArg?.[i];
    return { ...KINDS[kind], value: call.args[i] ?? 0, length: lengthIndex === undefined ? undefined : call.args[lengthIndex] };
  });
}

type Special = (call: SyscallCall, args: PrintedArg[]) => PrintedArg[];

/** open/openat print the mode only when the flags create a file. */
const modeIfCreating =
  (flagsIndex: number): Special =>
  (call, args) =>
    call.args[flagsIndex]! & (O_CREAT | O_TMPFILE) ? args : args.slice(0, flagsIndex + 1);

/** Replaces one argument's decoder. */
const withArg =
  (index: number, spec: ArgSpec): Special =>
  (_call, args) =>
    args.map((a, i) => (i === index ? { ...a, ...spec } : a));

const SPECIAL: Record<string, Special> = {
  open: modeIfCreating(1),
  openat: modeIfCreating(2),
  getcwd: withArg(0, outArg(cwdBuffer)),
  getrandom: withArg(0, outArg(randomBytes)),
  // The mask being restored sits in the signal frame on the user stack.
  rt_sigreturn: (call) => [{ ...atEntry(() => formatSigreturnMask(call.sp)), value: 0 }],
};

/** The printed arguments of `call`, or null for a call without a signature. */
export function layoutArgs(call: SyscallCall): PrintedArg[] | null {
  const sig = syscallSignature(call.nr);
  if (!sig) return null;
  const args = fromSignature(call, sig);
  return SPECIAL[sig.name]?.(call, args) ?? args;
}

/** A call we have no signature for: all six registers in hex (`syscall_0x3e7(0x1, 0x2, …)`). */
export function rawArgs(call: SyscallCall): PrintedArg[] {
  return Array.from({ length: 6 }, (_, i) => ({ ...atEntry(pure((a) => hex(a.value))), value: call.args[i] ?? 0 }));
}
