// mount(2) and umount2(2). mount's flags are MS_* bits; when they ask for a bind, a move or a
// propagation change, the kernel ignores the filesystem type and data, and strace shows those two
// as bare addresses (`mount("none", "/mnt", 0x5621…, MS_RDONLY|MS_BIND, 0x5621…)`).

import * as M from '../../uapi/mount';
import type { SyscallCall } from './types';
import { atEntry, pure, type ArgSpec } from './context';
import { formatFlags, type FlagTable } from './flags';
import { ptr } from './numbers';

/** Every single-bit MS_* constant of uapi/mount.ts, in bit order (as strace prints them). */
const MS_FLAGS: FlagTable = Object.entries(M)
  .filter(([name, v]) => name.startsWith('MS_') && typeof v === 'number' && v && (v & (v - 1)) === 0)
  .map(([name, v]) => [v as number, name] as const)
  .sort(([a], [b]) => a - b);

const UMOUNT_FLAGS: FlagTable = [
  [M.MNT_FORCE, 'MNT_FORCE'], [M.MNT_DETACH, 'MNT_DETACH'], [M.MNT_EXPIRE, 'MNT_EXPIRE'], [M.UMOUNT_NOFOLLOW, 'UMOUNT_NOFOLLOW'],
];

const IGNORES_TYPE = M.MS_BIND | M.MS_MOVE | M.MS_PROPAGATION;
const address = atEntry(pure((a) => ptr(a.value)));

export function mountLayout<T extends ArgSpec & { value: number }>(call: SyscallCall, args: T[]): T[] {
  const flags = call.args[3] ?? 0;
  const flagSpec = atEntry(pure((a) => formatFlags(a.value, MS_FLAGS)));
  return args.map((arg, i) => {
    if (i === 3) return { ...arg, ...flagSpec };
    if ((i === 2 || i === 4) && flags & IGNORES_TYPE) return { ...arg, ...address };
    return arg;
  });
}

export function umountLayout<T extends ArgSpec & { value: number }>(_call: SyscallCall, args: T[]): T[] {
  return [args[0]!, { ...args[1]!, ...atEntry(pure((a) => formatFlags(a.value, UMOUNT_FLAGS))) }];
}
