// Arrays of small numbers behind a pointer: a CPU affinity mask as the CPUs in it (`[0 1]`), and
// the supplementary group list (`[0, 5]`).

import type { ArgDecoder } from './context';
import { hex } from './numbers';
import { readStruct } from './requests';

/** A CPU mask of `len` bytes: the numbers of the set bits, space-separated. */
export const cpuMask =
  (len: (ret: number | undefined, given: number) => number): ArgDecoder =>
  function* (a) {
    if (a.value === 0) return 'NULL';
    // A mask wider than the kernel's (8192 CPUs) carries nothing more.
    const n = Math.min(len(a.call.ret, a.length ?? 0), 1024);
    const f = yield* readStruct(a.value, n);
    if (!f) return hex(a.value);
    const cpus: number[] = [];
    f.bytes.forEach((b, i) => {
      for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) cpus.push(i * 8 + bit);
    });
    return `[${cpus.join(' ')}]`;
  };

/** NGROUPS_MAX: the longest supplementary group list. */
const NGROUPS_MAX = 65536;

/** `count` gid_t values (u32): `[0, 5]`. */
export function* formatGidList(addr: number, count: number) {
  if (addr === 0) return 'NULL';
  if (count < 0 || count > NGROUPS_MAX) return hex(addr);
  const f = yield* readStruct(addr, count * 4);
  if (!f) return hex(addr);
  return `[${Array.from({ length: count }, (_, i) => f.u32(i * 4)).join(', ')}]`;
}
