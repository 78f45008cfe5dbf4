// The file calls' number arguments: open flags, permission modes, the *at() flags, access(2)
// modes, lseek whence, renameat2 flags.

import * as F from '../../uapi/fcntl';
import { S_IFMT, S_IFSOCK, S_IFLNK, S_IFREG, S_IFBLK, S_IFDIR, S_IFCHR, S_IFIFO } from '../../uapi/stat';
import { syscallName } from '../../uapi/unistd_64';
import { pure, structArg, type ArgContext, type ArgDecoder } from './context';
import { enumMap, formatEnum, formatFlags, type FlagTable } from './flags';
import { int32, ptr } from './numbers';

const ACCESS_MODES = ['O_RDONLY', 'O_WRONLY', 'O_RDWR'];

/** `O_RDONLY|O_CLOEXEC`: the access mode (two bits, not flags) always comes first. */
export function formatOpenFlags(value: number): string {
  const acc = ACCESS_MODES[value & F.O_ACCMODE];
  const rest = formatFlags(value & ~F.O_ACCMODE, F.OPEN_FLAG_NAMES, '');
  return [acc ?? 'O_ACCMODE', rest].filter(Boolean).join('|');
}

/** Flags that are a subset of open's (O_CLOEXEC, O_NONBLOCK) with no access mode: dup3, pipe2. */
const formatFdFlags = (value: number): string => formatFlags(value, F.OPEN_FLAG_NAMES);

const FILE_TYPES: FlagTable = [
  [S_IFSOCK, 'S_IFSOCK'], [S_IFLNK, 'S_IFLNK'], [S_IFREG, 'S_IFREG'], [S_IFBLK, 'S_IFBLK'],
  [S_IFDIR, 'S_IFDIR'], [S_IFCHR, 'S_IFCHR'], [S_IFIFO, 'S_IFIFO'],
];
const FILE_TYPE_NAMES = enumMap(FILE_TYPES);

/** `S_IFCHR|` when the mode carries a file type (mknod), else nothing. */
function typePrefix(mode: number): string {
  const type = mode & S_IFMT;
  if (type === 0) return '';
  return `${FILE_TYPE_NAMES.get(type) ?? `0${type.toString(8)}`}|`;
}

/** Octal with a leading 0 and at least three digits, like printf's `%#03o`: `000`, `022`, `0644`. */
const octal = (n: number) => `0${n.toString(8).padStart(2, '0')}`;

/** A mode argument (open, mkdir, chmod, umask, mknod): the file type if any, then octal (`S_IFCHR|0600`). */
export function formatModeArg(mode: number): string {
  const m = mode >>> 0;
  return `${typePrefix(m)}${octal(m & ~S_IFMT)}`;
}

const SPECIAL_BITS: FlagTable = [[0o4000, 'S_ISUID'], [0o2000, 'S_ISGID'], [0o1000, 'S_ISVTX']];

/** st_mode in a stat result: `S_IFDIR|S_ISVTX|0777` — type, the set-id/sticky bits by name, permissions. */
export function formatStatMode(mode: number): string {
  const special = formatFlags(mode & 0o7000, SPECIAL_BITS, '');
  return `${typePrefix(mode)}${special ? special + '|' : ''}${octal(mode & 0o777)}`;
}

const AT_FLAGS: FlagTable = [
  [F.AT_SYMLINK_NOFOLLOW, 'AT_SYMLINK_NOFOLLOW'], [F.AT_SYMLINK_FOLLOW, 'AT_SYMLINK_FOLLOW'],
  [F.AT_NO_AUTOMOUNT, 'AT_NO_AUTOMOUNT'], [F.AT_EMPTY_PATH, 'AT_EMPTY_PATH'],
];
/** 0x200 means AT_REMOVEDIR to unlinkat and AT_EACCESS to faccessat2. */
const AT_0X200: Record<string, string> = { unlinkat: 'AT_REMOVEDIR', faccessat2: 'AT_EACCESS' };
const STATX_SYNC = enumMap([
  [F.AT_STATX_SYNC_AS_STAT, 'AT_STATX_SYNC_AS_STAT'], [F.AT_STATX_FORCE_SYNC, 'AT_STATX_FORCE_SYNC'],
  [F.AT_STATX_DONT_SYNC, 'AT_STATX_DONT_SYNC'], [F.AT_STATX_SYNC_TYPE, 'AT_STATX_SYNC_TYPE'],
]);

/** The AT_* flags word; its meaning depends on the call. statx names its sync mode first. */
function formatAtFlags(value: number, call: string): string {
  const extra = AT_0X200[call];
  const table: FlagTable = extra ? [[0x200, extra], ...AT_FLAGS] : AT_FLAGS;
  if (call !== 'statx') return formatFlags(value, table);
  const sync = STATX_SYNC.get(value & F.AT_STATX_SYNC_TYPE)!;
  const rest = formatFlags(value & ~F.AT_STATX_SYNC_TYPE, table, '');
  return rest ? `${sync}|${rest}` : sync;
}

const ACCESS_BITS: FlagTable = [[F.R_OK, 'R_OK'], [F.W_OK, 'W_OK'], [F.X_OK, 'X_OK']];
const WHENCE = enumMap([
  [F.SEEK_SET, 'SEEK_SET'], [F.SEEK_CUR, 'SEEK_CUR'], [F.SEEK_END, 'SEEK_END'], [F.SEEK_DATA, 'SEEK_DATA'],
  [F.SEEK_HOLE, 'SEEK_HOLE'],
]);
const RENAME_FLAGS: FlagTable = [
  [F.RENAME_NOREPLACE, 'RENAME_NOREPLACE'], [F.RENAME_EXCHANGE, 'RENAME_EXCHANGE'], [F.RENAME_WHITEOUT, 'RENAME_WHITEOUT'],
];

const callName = (a: ArgContext) => syscallName.get(a.call.nr) ?? '';

export const openFlagsArg = pure((a) => formatOpenFlags(int32(a.value)));
export const fdFlagsArg = pure((a) => formatFdFlags(int32(a.value)));
export const modeArg = pure((a) => formatModeArg(a.value));
export const atFlagsArg = pure((a) => formatAtFlags(int32(a.value), callName(a)));
export const accessModeArg = pure((a) => formatFlags(a.value, ACCESS_BITS, 'F_OK'));
export const whenceArg = pure((a) => formatEnum(int32(a.value) >>> 0, WHENCE, 'SEEK_'));
export const renameFlagsArg = pure((a) => formatFlags(a.value, RENAME_FLAGS));

const LOCK_OPS: FlagTable = [[F.LOCK_SH, 'LOCK_SH'], [F.LOCK_EX, 'LOCK_EX'], [F.LOCK_NB, 'LOCK_NB'], [F.LOCK_UN, 'LOCK_UN']];
const FADVICE = enumMap([
  [F.POSIX_FADV_NORMAL, 'POSIX_FADV_NORMAL'], [F.POSIX_FADV_RANDOM, 'POSIX_FADV_RANDOM'],
  [F.POSIX_FADV_SEQUENTIAL, 'POSIX_FADV_SEQUENTIAL'], [F.POSIX_FADV_WILLNEED, 'POSIX_FADV_WILLNEED'],
  [F.POSIX_FADV_DONTNEED, 'POSIX_FADV_DONTNEED'], [F.POSIX_FADV_NOREUSE, 'POSIX_FADV_NOREUSE'],
]);

/** flock's operation: `LOCK_EX|LOCK_NB`. */
export const flockOpArg = pure((a) => formatFlags(a.value, LOCK_OPS));
/** fadvise64's advice: `POSIX_FADV_SEQUENTIAL`. */
export const fadviceArg = pure((a) => formatEnum(int32(a.value) >>> 0, FADVICE, 'POSIX_FADV_'));

const RWF_FLAGS: FlagTable = [
  [F.RWF_HIPRI, 'RWF_HIPRI'], [F.RWF_DSYNC, 'RWF_DSYNC'], [F.RWF_SYNC, 'RWF_SYNC'], [F.RWF_NOWAIT, 'RWF_NOWAIT'],
  [F.RWF_APPEND, 'RWF_APPEND'],
];
const FALLOC_MODES: FlagTable = [
  [F.FALLOC_FL_KEEP_SIZE, 'FALLOC_FL_KEEP_SIZE'], [F.FALLOC_FL_PUNCH_HOLE, 'FALLOC_FL_PUNCH_HOLE'],
  [F.FALLOC_FL_NO_HIDE_STALE, 'FALLOC_FL_NO_HIDE_STALE'], [F.FALLOC_FL_COLLAPSE_RANGE, 'FALLOC_FL_COLLAPSE_RANGE'],
  [F.FALLOC_FL_ZERO_RANGE, 'FALLOC_FL_ZERO_RANGE'], [F.FALLOC_FL_INSERT_RANGE, 'FALLOC_FL_INSERT_RANGE'],
  [F.FALLOC_FL_UNSHARE_RANGE, 'FALLOC_FL_UNSHARE_RANGE'],
];
const RESOLVE_FLAGS: FlagTable = [
  [F.RESOLVE_NO_XDEV, 'RESOLVE_NO_XDEV'], [F.RESOLVE_NO_MAGICLINKS, 'RESOLVE_NO_MAGICLINKS'],
  [F.RESOLVE_NO_SYMLINKS, 'RESOLVE_NO_SYMLINKS'], [F.RESOLVE_BENEATH, 'RESOLVE_BENEATH'],
  [F.RESOLVE_IN_ROOT, 'RESOLVE_IN_ROOT'], [F.RESOLVE_CACHED, 'RESOLVE_CACHED'],
];

/** preadv2/pwritev2's flags: `RWF_HIPRI`. */
export const rwFlagsArg = pure((a) => formatFlags(a.value, RWF_FLAGS));
/** fallocate's mode: `FALLOC_FL_KEEP_SIZE`, or 0. */
export const fallocModeArg = pure((a) => formatFlags(a.value, FALLOC_MODES));

/**
 * openat2's struct open_how: `{flags=O_RDWR|O_CREAT, mode=0644, resolve=0}`; the mode only when
 * the flags create a file (or it is set anyway). A size too small for the struct shows its address.
 */
export const openHowArg: ArgDecoder = function* (a) {
  if ((a.length ?? 0) < F.OPEN_HOW_SIZE) return ptr(a.value);
  return yield* structArg(F.OPEN_HOW_SIZE, (f) => {
    const flags = Number(f.u64(F.OPEN_HOW.flags) & 0xffffffffn);
    const mode = Number(f.u64(F.OPEN_HOW.mode));
    const creates = flags & F.O_CREAT || (flags & F.O_TMPFILE) === F.O_TMPFILE;
    const shown = [`flags=${formatOpenFlags(flags)}`, ...(creates || mode ? [`mode=${formatModeArg(mode)}`] : [])];
    return `{${[...shown, `resolve=${formatFlags(Number(f.u64(F.OPEN_HOW.resolve)), RESOLVE_FLAGS)}`].join(', ')}}`;
  })(a);
};
