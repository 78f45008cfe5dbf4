// Small values passed by pointer, printed in brackets: `[3]` (an int the kernel stored, or one the
// caller passes), `[0x7f…]` (arch_prctl's base address), `[SIGKILL]`.

import type { ArgDecoder } from './context';
import { structArg } from './context';
import { hex } from './numbers';

/** `[n]` for the int at the pointer, spelled by `show`. */
export const intPointer = (show: (n: number) => string = String): ArgDecoder =>
  structArg(4, (f) => `[${show(f.s32(0))}]`);

/** `[0x…]` for the 64-bit value at the pointer. */
export const ulongPointerHex: ArgDecoder = structArg(8, (f) => `[${hex(f.u64(0))}]`);
