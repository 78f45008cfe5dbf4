// struct stat and struct statx. strace abbreviates them unless -v: the type and permissions, and
// then the size — or, for a device node, the device number instead — followed by `...`.

import * as S from '../../uapi/stat';
import { pure, structArg } from './context';
import { formatStatMode } from './file_flags';
import { formatFlags, type FlagTable } from './flags';
import { hex } from './numbers';
import type { Fields } from './struct';
import { calendarComment } from './time';

/** `makedev(0x1, 0x3)`: a dev_t split as glibc's major()/minor() do. */
export const formatMakedev = (major: number, minor: number): string => `makedev(${hex(major)}, ${hex(minor)})`;

const isDevice = (mode: number) => S.S_ISCHR(mode) || S.S_ISBLK(mode);

function formatStat(f: Fields, verbose: boolean): string {
  const mode = f.u32(S.STAT.mode);
  const rdev = Number(f.u64(S.STAT.rdev));
  const sizeOrRdev = isDevice(mode)
    ? `st_rdev=${formatMakedev(S.major(rdev), S.minor(rdev))}`
    : `st_size=${f.s64(S.STAT.size)}`;
  if (!verbose) return `{st_mode=${formatStatMode(mode)}, ${sizeOrRdev}, ...}`;
  const dev = Number(f.u64(S.STAT.dev));
  const time = (name: string, secOff: number, nsecOff: number) => {
    const sec = f.s64(secOff), nsec = f.s64(nsecOff);
    return `st_${name}=${sec}${calendarComment(sec, nsec)}, st_${name}_nsec=${nsec}`;
  };
  return `{${[
    `st_dev=${formatMakedev(S.major(dev), S.minor(dev))}`, `st_ino=${f.u64(S.STAT.ino)}`,
    `st_mode=${formatStatMode(mode)}`, `st_nlink=${f.u64(S.STAT.nlink)}`, `st_uid=${f.u32(S.STAT.uid)}`,
    `st_gid=${f.u32(S.STAT.gid)}`, `st_blksize=${f.s64(S.STAT.blksize)}`, `st_blocks=${f.s64(S.STAT.blocks)}`,
    sizeOrRdev, time('atime', S.STAT.atime, S.STAT.atime_nsec), time('mtime', S.STAT.mtime, S.STAT.mtime_nsec),
    time('ctime', S.STAT.ctime, S.STAT.ctime_nsec),
  ].join(', ')}}`;
}

/** statx masks: the composite names first, so a full request reads STATX_BASIC_STATS. */
const STATX_MASK: FlagTable = [
  [S.STATX_ALL, 'STATX_ALL'], [S.STATX_BASIC_STATS, 'STATX_BASIC_STATS'], [S.STATX_TYPE, 'STATX_TYPE'],
  [S.STATX_MODE, 'STATX_MODE'], [S.STATX_NLINK, 'STATX_NLINK'], [S.STATX_UID, 'STATX_UID'], [S.STATX_GID, 'STATX_GID'],
  [S.STATX_ATIME, 'STATX_ATIME'], [S.STATX_MTIME, 'STATX_MTIME'], [S.STATX_CTIME, 'STATX_CTIME'],
  [S.STATX_INO, 'STATX_INO'], [S.STATX_SIZE_BIT, 'STATX_SIZE'], [S.STATX_BLOCKS, 'STATX_BLOCKS'],
  [S.STATX_BTIME, 'STATX_BTIME'], [S.STATX_MNT_ID, 'STATX_MNT_ID'], [S.STATX_DIOALIGN, 'STATX_DIOALIGN'],
];
const STATX_ATTRS: FlagTable = [
  [S.STATX_ATTR_COMPRESSED, 'STATX_ATTR_COMPRESSED'], [S.STATX_ATTR_IMMUTABLE, 'STATX_ATTR_IMMUTABLE'],
  [S.STATX_ATTR_APPEND, 'STATX_ATTR_APPEND'], [S.STATX_ATTR_NODUMP, 'STATX_ATTR_NODUMP'],
  [S.STATX_ATTR_ENCRYPTED, 'STATX_ATTR_ENCRYPTED'], [S.STATX_ATTR_AUTOMOUNT, 'STATX_ATTR_AUTOMOUNT'],
  [S.STATX_ATTR_MOUNT_ROOT, 'STATX_ATTR_MOUNT_ROOT'], [S.STATX_ATTR_VERITY, 'STATX_ATTR_VERITY'],
  [S.STATX_ATTR_DAX, 'STATX_ATTR_DAX'],
];

const formatStatxMask = (mask: number): string => formatFlags(mask, STATX_MASK);

function formatStatx(f: Fields, verbose: boolean): string {
  const mask = f.u32(S.STATX.mask);
  const head = [
    `stx_mask=${formatStatxMask(mask)}`, `stx_attributes=${formatFlags(Number(f.u64(S.STATX.attributes)), STATX_ATTRS)}`,
    `stx_mode=${formatStatMode(f.u16(S.STATX.mode))}`, `stx_size=${f.u64(S.STATX.size)}`,
  ];
  if (!verbose) return `{${head.join(', ')}, ...}`;
  const time = (name: string, off: number) => {
    // struct statx_timestamp: a 64-bit tv_sec, a 32-bit tv_nsec and padding.
    const sec = f.s64(off), nsec = f.u32(off + 8);
    return `stx_${name}={tv_sec=${sec}, tv_nsec=${nsec}}${calendarComment(sec, nsec)}`;
  };
  const fields = [
    head[0], `stx_blksize=${f.u32(S.STATX.blksize)}`, head[1], `stx_nlink=${f.u32(S.STATX.nlink)}`,
    `stx_uid=${f.u32(S.STATX.uid)}`, `stx_gid=${f.u32(S.STATX.gid)}`, head[2], `stx_ino=${f.u64(S.STATX.ino)}`,
    head[3], `stx_blocks=${f.u64(S.STATX.blocks)}`,
    `stx_attributes_mask=${formatFlags(Number(f.u64(S.STATX.attributes_mask)), STATX_ATTRS)}`,
    time('atime', S.STATX.atime),
    ...(mask & S.STATX_BTIME ? [time('btime', S.STATX.btime)] : []),
    time('ctime', S.STATX.ctime), time('mtime', S.STATX.mtime),
    `stx_rdev_major=${f.u32(S.STATX.rdev_major)}`, `stx_rdev_minor=${f.u32(S.STATX.rdev_minor)}`,
    `stx_dev_major=${f.u32(S.STATX.dev_major)}`, `stx_dev_minor=${f.u32(S.STATX.dev_minor)}`,
    ...(mask & S.STATX_MNT_ID ? [`stx_mnt_id=${hex(f.u64(S.STATX_MNT_ID_OFF))}`] : []),
  ];
  return `{${fields.join(', ')}}`;
}

export const statArg = structArg(S.STAT_SIZE, (f, a) => formatStat(f, a.opts.verbose));
export const statxArg = structArg(S.STATX_SIZE, (f, a) => formatStatx(f, a.opts.verbose));
export const statxMaskArg = pure((a) => formatStatxMask(a.value));
