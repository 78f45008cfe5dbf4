// umount (util-linux 2.38): detach filesystems, given their mount point or their source.
//
//   umount DIR|SOURCE...   -l lazy (MNT_DETACH), -f force (MNT_FORCE), -R the mounts below too
//                          (deepest first), -v say what was done, -t TYPES with -a
//
// A name that is not a mount point is looked up as a source in /proc/self/mountinfo (the last
// mount of it). The messages and exit status 32 are libmount's.
//
// Simplified: -a unmounts every mount of the -t types (all but /, /proc, /sys, /dev and their
// submounts are left alone without -t, as util-linux skips the kernel's API filesystems).

import { MNT_DETACH, MNT_FORCE } from '../../../uapi/mount';
import { EBUSY, EINVAL, ENOENT, EPERM } from '../../../uapi/errno';
import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { umount2 } from '../../libc/mount';
import { errno } from '../../libc/process';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { geteuid } from '../../libc/unistd';
import { stat } from '../../libc/sys_stat';
import { readMountinfo, type MountEntry } from './lib/mountinfo';
import { findByTarget, MNT_EX_FAIL, MNT_EX_SUCCESS, MNT_EX_USAGE, typeMatches } from './mount';

const HELP = `
Usage:
 umount [-hV]
 umount -a [options]
 umount [options] <source> | <directory>

Unmount filesystems.

Options:
 -a, --all               unmount all filesystems
 -f, --force             force unmount (in case of an unreachable NFS system)
 -l, --lazy              detach the filesystem now, clean up things later
 -n, --no-mtab           don't write to /etc/mtab
 -R, --recursive         recursively unmount a target with all its children
 -t, --types <list>      limit the set of filesystem types
 -v, --verbose           say what is being done

 -h, --help              display this help
 -V, --version           display version
`;

const LONGOPTS = [
  { name: 'all', hasArg: 0, val: 'a' }, { name: 'force', hasArg: 0, val: 'f' }, { name: 'lazy', hasArg: 0, val: 'l' },
  { name: 'no-mtab', hasArg: 0, val: 'n' }, { name: 'recursive', hasArg: 0, val: 'R' }, { name: 'types', hasArg: 1, val: 't' },
  { name: 'verbose', hasArg: 0, val: 'v' }, { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
] as const;

/** The kernel's own mounts, which umount -a leaves alone. */
const API_TARGETS = ['/', '/proc', '/sys', '/dev'];

/** libmount's explanation of a failed umount(2). */
function umountErrorMessage(e: number, root: boolean): string {
  switch (e) {
    case EBUSY:
      return 'target is busy.';
    case EINVAL:
      return 'not mounted.';
    case EPERM:
      return root ? 'umount failed: Operation not permitted.' : 'must be superuser to unmount.';
    case ENOENT:
      return 'no mount point specified.';
    default:
      return `umount failed: ${strerror(e)}.`;
  }
}

function* umountOne(target: string, flags: number, verbose: boolean): Sys<number> {
  if ((yield* umount2(target, flags)) < 0) {
    const e = errno();
    yield* fputs(`umount: ${target}: ${umountErrorMessage(e, (yield* geteuid()) === 0)}\n`, stderr());
    return MNT_EX_FAIL;
  }
  if (verbose) yield* fputs(`umount: ${target} unmounted\n`, stdout());
  return MNT_EX_SUCCESS;
}

/** The mounts at or below `target`, deepest (latest) first. */
function subtree(table: readonly MountEntry[], top: MountEntry): MountEntry[] {
  const ids = new Set([top.id]);
  for (const e of table) if (ids.has(e.parent)) ids.add(e.id);
  return table.filter((e) => ids.has(e.id)).reverse();
}

export function* umount(argv: string[]): Sys<number> {
  const r = yield* getopt('umount', argv, 'aflnRt:vhVdicrqO:', [...LONGOPTS]);
  if (r.error) return MNT_EX_USAGE;
  let flags = 0;
  let verbose = false;
  let recursive = false;
  let all = false;
  let types: string | null = null;
  for (const o of r.options) {
    switch (o.opt) {
      case 'h':
        yield* fputs(HELP, stdout());
        return MNT_EX_SUCCESS;
      case 'V':
        yield* fputs('umount from util-linux 2.38.1 (libmount 2.38.1: btrfs, namespaces, assert, debug)\n', stdout());
        return MNT_EX_SUCCESS;
      case 'l': flags |= MNT_DETACH; break;
      case 'f': flags |= MNT_FORCE; break;
      case 'R': recursive = true; break;
      case 'v': verbose = true; break;
      case 'a': all = true; break;
      case 't': types = o.arg!; break;
    }
  }
  const table = (yield* readMountinfo()) ?? [];
  if (all) {
    let rc = MNT_EX_SUCCESS;
    for (const e of [...table].reverse()) {
      if (!typeMatches(types, e.fstype)) continue;
      if (!types && API_TARGETS.some((a) => e.target === a || (a !== '/' && e.target.startsWith(a + '/')))) continue;
      rc |= yield* umountOne(e.target, flags, verbose);
    }
    return rc;
  }
  if (r.operands.length === 0) {
    yield* fputs("umount: bad usage\nTry 'umount --help' for more information.\n", stderr());
    return MNT_EX_USAGE;
  }
  let rc = MNT_EX_SUCCESS;
  for (const name of r.operands) {
    // A mount point by name, else a source ("tmpfs", "/dev/loop0"): its last mount.
    let e = findByTarget(table, name);
    if (!e) {
      for (let i = table.length - 1; i >= 0 && !e; i--) if (table[i]!.source === name) e = table[i]!;
    }
    if (!e && !(yield* stat(name))) {
      yield* fputs(`umount: ${name}: no mount point specified.\n`, stderr());
      rc |= MNT_EX_FAIL;
      continue;
    }
    const target = e ? e.target : name;
    if (recursive && e) {
      for (const sub of subtree(table, e)) rc |= yield* umountOne(sub.target, flags, verbose);
      continue;
    }
    rc |= yield* umountOne(target, flags, verbose);
  }
  return rc;
}
