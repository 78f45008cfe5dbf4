// mount (util-linux 2.38): attach a filesystem, or list what is mounted.
//
//   mount                         list the mounts: "SOURCE on TARGET type TYPE (OPTIONS)"
//   mount -t TYPE                 list the mounts of that type (a comma list, "no" to negate)
//   mount -t TYPE [-o OPTS] SRC DIR
//   mount -o remount,ro DIR       change a mount's flags (source and type from the mount table)
//   mount --bind|--rbind|--move OLD DIR
//   mount --make-{shared,slave,private,unbindable} DIR   (and --make-r… for the whole subtree)
//
// The listing is made from /proc/self/mountinfo, as libmount makes it. Options split into mount(2)
// flags and the filesystem's data string (lib/optmap.ts). When mount(2) fails, the message is
// libmount's for the errno, followed by its hint about dmesg, and the exit status is 32.
//
// Simplified: there is no /etc/fstab (mount DIR alone, and -a, find nothing), no filesystem
// detection (a disk filesystem needs -t), and no "-o loop" set-up of a loop device.

import { MS_BIND, MS_MOVE, MS_PRIVATE, MS_RDONLY, MS_REC, MS_REMOUNT, MS_SHARED, MS_SLAVE, MS_UNBINDABLE } from '../../../uapi/mount';
import { EACCES, EBUSY, EINVAL, ELOOP, ENODEV, ENOENT, ENOTBLK, ENOTDIR, EPERM, EROFS } from '../../../uapi/errno';
import { S_ISDIR } from '../../../uapi/stat';
import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { mount as mountCall } from '../../libc/mount';
import { errno } from '../../libc/process';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { stat } from '../../libc/sys_stat';
import { geteuid } from '../../libc/unistd';
import { mountOptions, readMountinfo, type MountEntry } from './lib/mountinfo';
import { parseMountOptions } from './lib/optmap';

/** Exit statuses of mount(8) (MNT_EX_*). */
export const MNT_EX_SUCCESS = 0, MNT_EX_USAGE = 1, MNT_EX_SYSERR = 2, MNT_EX_FAIL = 32;

const HELP = `
Usage:
 mount [-lhV]
 mount -a [options]
 mount [options] [--source] <source> | [--target] <directory>
 mount [options] <source> <directory>
 mount <operation> <mountpoint> [<target>]

Mount a filesystem.

Options:
 -a, --all               mount all filesystems mentioned in fstab
 -n, --no-mtab           don't write to /etc/mtab
 -o, --options <list>    comma-separated list of mount options
 -r, --read-only         mount the filesystem read-only (same as -o ro)
 -t, --types <list>      limit the set of filesystem types
 -v, --verbose           say what is being done
 -w, --rw, --read-write  mount the filesystem read-write (default)

 -h, --help              display this help
 -V, --version           display version

Operations:
 -B, --bind              mount a subtree somewhere else (same as -o bind)
 -M, --move              move a subtree to some other place
 -R, --rbind             mount a subtree and all submounts somewhere else
 --make-shared           mark a subtree as shared
 --make-slave            mark a subtree as slave
 --make-private          mark a subtree as private
 --make-unbindable       mark a subtree as unbindable
 --make-rshared          recursively mark a whole subtree as shared
 --make-rslave           recursively mark a whole subtree as slave
 --make-rprivate         recursively mark a whole subtree as private
 --make-runbindable      recursively mark a whole subtree as unbindable
`;

const LONGOPTS = [
  { name: 'all', hasArg: 0, val: 'a' }, { name: 'no-mtab', hasArg: 0, val: 'n' }, { name: 'options', hasArg: 1, val: 'o' },
  { name: 'read-only', hasArg: 0, val: 'r' }, { name: 'types', hasArg: 1, val: 't' }, { name: 'verbose', hasArg: 0, val: 'v' },
  { name: 'rw', hasArg: 0, val: 'w' }, { name: 'read-write', hasArg: 0, val: 'w' }, { name: 'help', hasArg: 0, val: 'h' },
  { name: 'version', hasArg: 0, val: 'V' }, { name: 'bind', hasArg: 0, val: 'B' }, { name: 'move', hasArg: 0, val: 'M' },
  { name: 'rbind', hasArg: 0, val: 'R' }, { name: 'source', hasArg: 1, val: 'S' }, { name: 'target', hasArg: 1, val: 'T' },
  ...['shared', 'slave', 'private', 'unbindable', 'rshared', 'rslave', 'rprivate', 'runbindable'].map((p) => ({ name: `make-${p}`, hasArg: 0 as const, val: `make-${p}` })),
] as const;

const PROPAGATION: Record<string, number> = {
  shared: MS_SHARED, slave: MS_SLAVE, private: MS_PRIVATE, unbindable: MS_UNBINDABLE,
};

/** Does `type` pass the -t list ("tmpfs,proc", or "notmpfs,proc" / "no…" for all but)? */
export function typeMatches(list: string | null, type: string): boolean {
  if (!list) return true;
  const negate = list.startsWith('no');
  const names = (negate ? list.slice(2) : list).split(',');
  return negate ? !names.includes(type) : names.includes(type);
}

/** libmount's explanation of a failed mount(2). */
function mountErrorMessage(e: number, src: string, flags: number, targetExists: boolean, targetIsDir: boolean, type: string | null, root: boolean): string {
  switch (e) {
    case EPERM:
      return root ? 'permission denied.' : 'must be superuser to use mount.';
    case EBUSY:
      return flags & MS_REMOUNT ? 'mount point is busy.' : `${src} already mounted or mount point busy.`;
    case ENOENT:
      return targetExists ? `special device ${src} does not exist.` : 'mount point does not exist.';
    case ENOTDIR:
      return targetIsDir ? `special device ${src} does not exist (a path prefix is not a directory).` : 'mount point is not a directory.';
    case EINVAL:
      if (flags & MS_REMOUNT) return 'mount point not mounted or bad option.';
      if (flags & MS_MOVE) return 'bad option; moving a mount residing under a shared mount is unsupported.';
      return `wrong fs type, bad option, bad superblock on ${src}, missing codepage or helper program, or other error.`;
    case ENODEV:
      return `unknown filesystem type '${type ?? ''}'.`;
    case ENOTBLK:
      return `${src} is not a block device.`;
    case EROFS:
      return `cannot mount ${src} read-only.`;
    case EACCES:
      return 'permission denied.';
    case ELOOP:
      return 'too many levels of symbolic links.';
    default:
      return `mount(2) system call failed: ${strerror(e)}.`;
  }
}

/** The listing: one line per mount of the table that passes the -t filter. */
function* listMounts(types: string | null): Sys<number> {
  const table = yield* readMountinfo();
  if (!table) {
    yield* fputs(`mount: /proc/self/mountinfo: ${strerror(errno())}\n`, stderr());
    return MNT_EX_SYSERR;
  }
  let out = '';
  for (const e of table) if (typeMatches(types, e.fstype)) out += `${e.source} on ${e.target} type ${e.fstype} (${mountOptions(e)})\n`;
  yield* fputs(out, stdout());
  return MNT_EX_SUCCESS;
}

export function* mount(argv: string[]): Sys<number> {
  const r = yield* getopt('mount', argv, 'ano:rt:vwhVBMRlfic', [...LONGOPTS]);
  if (r.error) return MNT_EX_USAGE;
  let types: string | null = null;
  let opts = '';
  let verbose = false;
  let op: 'bind' | 'rbind' | 'move' | null = null;
  let propagation = 0;
  let all = false;
  const sources: string[] = [];
  const targets: string[] = [];
  for (const o of r.options) {
    switch (o.opt) {
      case 'h':
        yield* fputs(HELP, stdout());
        return MNT_EX_SUCCESS;
      case 'V':
        yield* fputs('mount from util-linux 2.38.1 (libmount 2.38.1: btrfs, namespaces, assert, debug)\n', stdout());
        return MNT_EX_SUCCESS;
      case 't': types = o.arg!; break;
      case 'o': opts = opts ? `${opts},${o.arg}` : o.arg!; break;
      case 'r': opts = opts ? `${opts},ro` : 'ro'; break;
      case 'w': opts = opts ? `${opts},rw` : 'rw'; break;
      case 'v': verbose = true; break;
      case 'a': all = true; break;
      case 'B': op = 'bind'; break;
      case 'R': op = 'rbind'; break;
      case 'M': op = 'move'; break;
      case 'S': sources.push(o.arg!); break;
      case 'T': targets.push(o.arg!); break;
      default:
        if (o.opt.startsWith('make-')) {
          const p = o.opt.slice(5);
          const rec = p.startsWith('r') && PROPAGATION[p.slice(1)] !== undefined;
          propagation = (PROPAGATION[rec ? p.slice(1) : p] ?? 0) | (rec ? MS_REC : 0);
        }
    }
  }
  const operands = [...sources, ...r.operands, ...targets];
  if (all) return MNT_EX_SUCCESS; // no /etc/fstab: nothing to mount
  if (operands.length === 0 && !propagation) {
    if (opts || op) {
      yield* fputs("mount: bad usage\nTry 'mount --help' for more information.\n", stderr());
      return MNT_EX_USAGE;
    }
    return yield* listMounts(types);
  }
  if (operands.length > 2) {
    yield* fputs("mount: bad usage\nTry 'mount --help' for more information.\n", stderr());
    return MNT_EX_USAGE;
  }

  const table = (yield* readMountinfo()) ?? [];
  // A remount starts from the mount's current flags (libmount merges -o into them), so that
  // "remount,ro" does not also drop nosuid or nodev.
  const current = /(^|,)remount(,|$)/.test(opts) ? findByTarget(table, operands[operands.length - 1]!) : null;
  const parsed = parseMountOptions(opts, current ? parseMountOptions(current.vfsOptions) : undefined);
  let flags = parsed.flags;
  let source: string | null = operands.length === 2 ? operands[0]! : null;
  const target = operands[operands.length - 1]!;
  let type = types;
  if (op === 'bind') flags |= MS_BIND;
  if (op === 'rbind') flags |= MS_BIND | MS_REC;
  if (op === 'move') flags |= MS_MOVE;
  if (propagation) {
    flags = propagation;
    source = 'none';
    type = null;
  }
  if (operands.length === 1 && !propagation) {
    if (!(flags & MS_REMOUNT)) {
      yield* fputs(`mount: ${target}: can't find in /etc/fstab.\n`, stderr());
      return MNT_EX_USAGE;
    }
    // A remount names only the mount point; libmount fills in the rest from the mount table.
    source = current?.source ?? 'none';
    type = current?.fstype ?? null;
  }
  if (flags & (MS_BIND | MS_MOVE)) type = null;
  else if (!type && !(flags & MS_REMOUNT) && !propagation) {
    // Without -t a block device would be probed for its filesystem; we have no probing.
    const st = source === null ? null : yield* stat(source);
    const msg = st ? `wrong fs type, bad option, bad superblock on ${source}, missing codepage or helper program, or other error.` : `special device ${source} does not exist.`;
    yield* fputs(`mount: ${target}: ${msg}\n`, stderr());
    return MNT_EX_FAIL;
  }

  const data = parsed.data.length ? parsed.data.join(',') : null;
  if ((yield* mountCall(source, target, type, flags, data)) < 0) {
    const e = errno();
    const st = yield* stat(target);
    const root = (yield* geteuid()) === 0;
    const msg = mountErrorMessage(e, source ?? 'none', flags, st !== null, st !== null && S_ISDIR(st.mode), type, root);
    yield* fputs(`mount: ${target}: ${msg}\n       dmesg(1) may have more information after failed mount system call.\n`, stderr());
    return MNT_EX_FAIL;
  }
  // A bind mount with ro (or other flags) takes a second call, as libmount makes it.
  if (flags & MS_BIND && flags & MS_RDONLY) {
    if ((yield* mountCall('none', target, null, MS_REMOUNT | MS_BIND | (flags & ~(MS_BIND | MS_REC)), null)) < 0) {
      yield* fputs(`mount: ${target}: filesystem was mounted, but any subsequent operation failed: ${strerror(errno())}.\n`, stderr());
      return MNT_EX_FAIL;
    }
  }
  if (verbose) yield* fputs(`mount: ${source ?? 'none'} mounted on ${target}.\n`, stdout());
  return MNT_EX_SUCCESS;
}

/** The last mount on `target` (the one on top), by its name in the table. */
export function findByTarget(table: readonly MountEntry[], target: string): MountEntry | null {
  const want = target.length > 1 ? target.replace(/\/+$/, '') : target;
  for (let i = table.length - 1; i >= 0; i--) if (table[i]!.target === want) return table[i]!;
  return null;
}
