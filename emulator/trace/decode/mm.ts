// mmap/mprotect: protections (`PROT_READ|PROT_WRITE`, `PROT_NONE`) and mapping flags
// (`MAP_PRIVATE|MAP_ANONYMOUS`). The low bits of the flags are the sharing type, a value rather
// than flags, and bits 26-31 may hold a huge page size, printed as `N<<MAP_HUGE_SHIFT`.

import * as M from '../../uapi/mman';
import { pure } from './context';
import { enumMap, formatEnum, formatFlags, type FlagTable } from './flags';
import { int32 } from './numbers';

const PROT: FlagTable = [
  [M.PROT_READ, 'PROT_READ'], [M.PROT_WRITE, 'PROT_WRITE'], [M.PROT_EXEC, 'PROT_EXEC'], [M.PROT_SEM, 'PROT_SEM'],
  [M.PROT_GROWSDOWN, 'PROT_GROWSDOWN'], [M.PROT_GROWSUP, 'PROT_GROWSUP'],
];

const MAP_TYPES = ['0', 'MAP_SHARED', 'MAP_PRIVATE', 'MAP_SHARED_VALIDATE'];
const MAP_FLAGS: FlagTable = [
  [M.MAP_FIXED, 'MAP_FIXED'], [M.MAP_ANONYMOUS, 'MAP_ANONYMOUS'], [M.MAP_32BIT, 'MAP_32BIT'],
  [M.MAP_GROWSDOWN, 'MAP_GROWSDOWN'], [M.MAP_DENYWRITE, 'MAP_DENYWRITE'], [M.MAP_EXECUTABLE, 'MAP_EXECUTABLE'],
  [M.MAP_LOCKED, 'MAP_LOCKED'], [M.MAP_NORESERVE, 'MAP_NORESERVE'], [M.MAP_POPULATE, 'MAP_POPULATE'],
  [M.MAP_NONBLOCK, 'MAP_NONBLOCK'], [M.MAP_STACK, 'MAP_STACK'], [M.MAP_HUGETLB, 'MAP_HUGETLB'],
  [M.MAP_SYNC, 'MAP_SYNC'], [M.MAP_FIXED_NOREPLACE, 'MAP_FIXED_NOREPLACE'],
];

function formatMmapFlags(value: number): string {
  const v = value >>> 0;
  const huge = v >>> M.MAP_HUGE_SHIFT;
  const parts = [
    MAP_TYPES[v & M.MAP_TYPE]!,
    formatFlags(v & ~M.MAP_TYPE & ((1 << M.MAP_HUGE_SHIFT) - 1), MAP_FLAGS, ''),
    huge ? `${huge}<<MAP_HUGE_SHIFT` : '',
  ];
  return parts.filter(Boolean).join('|');
}

export const mmapProtArg = pure((a) => formatFlags(a.value, PROT, 'PROT_NONE'));
export const mmapFlagsArg = pure((a) => formatMmapFlags(a.value));

const MADVICE = enumMap(M.MADV_NAMES);
/** madvise's advice: `MADV_DONTNEED`. */
export const madviceArg = pure((a) => formatEnum(int32(a.value) >>> 0, MADVICE, 'MADV_'));
