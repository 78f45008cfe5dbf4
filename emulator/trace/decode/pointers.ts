// Small values passed by pointer, printed in brackets: `[3]` (an int the kernel stored, or one the
// caller passes), `[0x7f…]` (arch_prctl's base address), `[SIGKILL]`, `[0] => [10]`.

import { atEntry, structArg, type ArgDecoder, type ArgSpec } from './context';
import { hex, succeeded } from './numbers';
import { readStruct } from './requests';

/** `[n]` for the int at the pointer, spelled by `show`. */
export const intPointer = (show: (n: number) => string = String): ArgDecoder =>
  structArg(4, (f) => `[${show(f.s32(0))}]`);

/** `[0x…]` for the 64-bit value at the pointer. */
export const ulongPointerHex: ArgDecoder = structArg(8, (f) => `[${hex(f.u64(0))}]`);

/**
 * A value the caller passes by pointer and the kernel updates, like sendfile's offset:
 * `[0] => [10]`. The first spec prints it at entry; the second, glued, adds ` => [new]` after a
 * successful return.
 */
export const longInOut: readonly [ArgSpec, ArgSpec] = [
  atEntry(structArg(8, (f) => `[${f.s64(0)}]`)),
  {
    phase: 'exit',
    glue: ' => ',
    decode: function* (a) {
      const f = a.value !== 0 && succeeded(a.call.ret) ? yield* readStruct(a.value, 8) : null;
      return f ? `[${f.s64(0)}]` : '';
    },
  },
];
