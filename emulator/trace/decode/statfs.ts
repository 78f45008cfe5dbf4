// statfs/fstatfs's struct statfs: `{f_type=TMPFS_MAGIC, f_bsize=4096, …, f_fsid={val=[0x15, 0]},
// f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}` (strace prints it whole even without -v).

import { FS_MAGIC_NAMES } from '../../uapi/magic';
import * as S from '../../uapi/stat';
import { outArg, structArg } from './context';
import { formatFlags, type FlagTable } from './flags';
import { hex } from './numbers';

const MAGICS = new Map(FS_MAGIC_NAMES);
const ST_FLAGS: FlagTable = [
  [S.ST_RDONLY, 'ST_RDONLY'], [S.ST_NOSUID, 'ST_NOSUID'], [S.ST_NODEV, 'ST_NODEV'], [S.ST_NOEXEC, 'ST_NOEXEC'],
  [S.ST_SYNCHRONOUS, 'ST_SYNCHRONOUS'], [S.ST_VALID, 'ST_VALID'], [S.ST_MANDLOCK, 'ST_MANDLOCK'],
  [S.ST_NOATIME, 'ST_NOATIME'], [S.ST_NODIRATIME, 'ST_NODIRATIME'], [S.ST_RELATIME, 'ST_RELATIME'],
];

export const statfsOutSpec = outArg(
  structArg(S.STATFS_SIZE, (f) => {
    const type = Number(f.u64(S.STATFS.type));
    const n = (name: keyof typeof S.STATFS) => `f_${name}=${f.u64(S.STATFS[name])}`;
    return `{${[
      `f_type=${MAGICS.get(type) ?? hex(type)}`, n('bsize'), n('blocks'), n('bfree'), n('bavail'), n('files'), n('ffree'),
      `f_fsid={val=[${hex(f.u32(S.STATFS.fsid))}, ${hex(f.u32(S.STATFS.fsid + 4))}]}`, n('namelen'), n('frsize'),
      `f_flags=${formatFlags(Number(f.u64(S.STATFS.flags)), ST_FLAGS)}`,
    ].join(', ')}}`;
  }),
);
