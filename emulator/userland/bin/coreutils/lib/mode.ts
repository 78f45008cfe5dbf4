// File modes as the tools show and take them: the "-rwxr-xr-x" string of ls -l and stat %A (GNU's
// filemodestring), the type names of stat %F, and the mode arguments of chmod, mkdir -m, mknod -m
// and mkfifo -m — octal ("755") or symbolic ("u+x,go-w,a=r"), as gnulib's modechange reads them.

import type { Sys } from '../../../runtime/context';
import { umask } from '../../../libc/unistd';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from '../../../../uapi/stat';

export function typeChar(mode: number): string {
  switch (mode & S_IFMT) {
    case S_IFDIR: return 'd';
    case S_IFLNK: return 'l';
    case S_IFCHR: return 'c';
    case S_IFBLK: return 'b';
    case S_IFIFO: return 'p';
    case S_IFSOCK: return 's';
    case S_IFREG: return '-';
    default: return '?';
  }
}

export function modeString(mode: number): string {
  const rwx = (bits: number, special: boolean, ch: string) =>
    (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') +
    (special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? 'x' : '-');
  return typeChar(mode) + rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') + rwx(mode & 7, (mode & 0o1000) !== 0, 't');
}

export function fileTypeName(mode: number, size: number): string {
  switch (mode & S_IFMT) {
    case S_IFDIR: return 'directory';
    case S_IFLNK: return 'symbolic link';
    case S_IFCHR: return 'character special file';
    case S_IFBLK: return 'block special file';
    case S_IFIFO: return 'fifo';
    case S_IFSOCK: return 'socket';
    case S_IFREG: return size === 0 ? 'regular empty file' : 'regular file';
    default: return 'weird file';
  }
}


/** One operation of a mode argument: "u+x" or "=644". */
interface ModeChange {
  op: '+' | '-' | '=';
  /** The bits named before the operator (u g o a); 0 when none was: then the umask applies. */
  who: number;
  /** Bits given outright: r w x s t, or an octal number. */
  bits: number;
  /** X: execute only for directories and files that some already may execute. */
  execIfAny: boolean;
  /** u, g or o: copy that class's current permissions. */
  copyFrom: 'u' | 'g' | 'o' | null;
  /** An octal mode that names the set-id bits explicitly (5+ digits), so = need not keep them. */
  explicitIds: boolean;
}

const WHO_BITS: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007, a: 0o7777 };
const PERM_BITS: Record<string, number> = { r: 0o444, w: 0o222, x: 0o111, s: 0o6000, t: 0o1000 };

/** Parse a mode argument; null if it is not valid (chmod's "invalid mode"). */
export function compileMode(spec: string): ModeChange[] | null {
  const octal = /^([-+=]?)([0-7]+)$/.exec(spec);
  if (octal) {
    const bits = parseInt(octal[2]!, 8);
    if (bits > 0o7777) return null;
    const op = (octal[1] || '=') as ModeChange['op'];
    return [{ op, who: 0o7777, bits, execIfAny: false, copyFrom: null, explicitIds: octal[2]!.length >= 5 }];
  }
  const changes: ModeChange[] = [];
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return null;
    const who = [...m[1]!].reduce((w, c) => w | WHO_BITS[c]!, 0);
    for (const [, op, perms] of m[2]!.matchAll(/([-+=])([rwxXst]*|[ugo])/g)) {
      const copy = perms === 'u' || perms === 'g' || perms === 'o' ? perms : null;
      changes.push({
        op: op as ModeChange['op'], who, copyFrom: copy, explicitIds: false,
        bits: copy ? 0 : [...perms!].reduce((b, c) => b | (PERM_BITS[c] ?? 0), 0),
        execIfAny: !copy && perms!.includes('X'),
      });
    }
  }
  return changes;
}

/** The new permission bits of a file whose mode was `old` (GNU's mode_adjust). */
export function adjustMode(old: number, isDir: boolean, mask: number, changes: ModeChange[]): number {
  let mode = old & 0o7777;
  for (const c of changes) {
    // With no u/g/o/a, the umask's bits are left alone (but octal modes are taken as given).
    const affected = c.who || 0o7777 & ~mask;
    let value = c.bits;
    if (c.copyFrom) {
      const shift = c.copyFrom === 'u' ? 6 : c.copyFrom === 'g' ? 3 : 0;
      value = ((mode >> shift) & 7) * 0o111;
    }
    if (c.execIfAny && (isDir || old & 0o111)) value |= 0o111;
    value &= affected;
    if (c.op === '+') mode |= value;
    else if (c.op === '-') mode &= ~value;
    else {
      // "=" keeps the bits outside `who`, and a directory keeps its set-id bits unless told.
      let keep = c.who ? ~c.who & 0o7777 : 0;
      if (isDir && !c.explicitIds && !(c.bits & 0o6000)) keep |= old & 0o6000;
      mode = (mode & keep) | value;
    }
  }
  return mode;
}

/** umask(2) has no "get": set it and put it back, as glibc's getumask would. */
export function* getUmask(): Sys<number> {
  const mask = yield* umask(0);
  yield* umask(mask);
  return mask;
}

/**
 * The mode for a new file from a -m argument (mkdir, mkfifo, mknod): `base` adjusted by it, with
 * the umask applying to clauses that name no u/g/o/a; null if the argument is invalid. The tools
 * create with this mode and then chmod to it, so the kernel's umask does not strip it again.
 */
export function* modeFromOption(spec: string, base: number, isDir: boolean): Sys<number | null> {
  const changes = compileMode(spec);
  return changes ? adjustMode(base, isDir, yield* getUmask(), changes) : null;
}
