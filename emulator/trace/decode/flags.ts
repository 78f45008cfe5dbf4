// The two ways strace prints a number that stands for names: a set of flag bits joined by `|`
// (`O_WRONLY|O_CREAT|O_TRUNC`, leftover bits as `0x40000000`), and an enumeration
// (`SEEK_CUR`; an unknown value as `0x7 /* SEEK_??? */`).

import { hex } from './numbers';

export type FlagTable = readonly (readonly [bit: number, name: string])[];

/**
 * Names of the bits set in `value` (a 32-bit flag word), in table order; bits no name covers are
 * appended in hex. A name whose value has several bits (O_SYNC) matches only when all are set.
 * Returns `zero` when nothing is set.
 */
export function formatFlags(value: number, table: FlagTable, zero = '0'): string {
  let rest = value >>> 0;
  const names: string[] = [];
  for (const [bits, name] of table) {
    const b = bits >>> 0;
    if (b !== 0 && (rest & b) >>> 0 === b) {
      names.push(name);
      rest = (rest & ~b) >>> 0;
    }
  }
  if (rest !== 0) names.push(hex(rest));
  return names.length ? names.join('|') : zero;
}

/** A name for `value`, or `0x… /* PREFIX_??? *\/` when the table has none. */
export function formatEnum(value: number, names: ReadonlyMap<number, string>, unknownPrefix: string): string {
  return names.get(value) ?? `${hex(value)} /* ${unknownPrefix}??? */`;
}

/** A lookup map from constant-name pairs (the tables above are lists to keep strace's order). */
export const enumMap = (table: FlagTable): ReadonlyMap<number, string> => new Map(table);
