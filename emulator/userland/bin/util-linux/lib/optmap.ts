// Mount options (libmount's optmap.c): the words of -o that are flags of mount(2) (ro, nosuid,
// remount, bind …), the ones only user space cares about (defaults, auto, user, nofail, x-*),
// and everything else, which goes to the filesystem as the data string ("size=1m,mode=755").

import {
  MS_BIND, MS_DIRSYNC, MS_LAZYTIME, MS_MANDLOCK, MS_MOVE, MS_NOATIME, MS_NODEV, MS_NODIRATIME, MS_NOEXEC,
  MS_NOSUID, MS_NOSYMFOLLOW, MS_PRIVATE, MS_RDONLY, MS_REC, MS_RELATIME, MS_REMOUNT, MS_SHARED, MS_SILENT,
  MS_SLAVE, MS_STRICTATIME, MS_SYNCHRONOUS, MS_UNBINDABLE,
} from '../../../../uapi/mount';

/** name → [flags to set, flags to clear]. */
const LINUX_FLAGS: Record<string, [number, number]> = {
  ro: [MS_RDONLY, 0], rw: [0, MS_RDONLY],
  exec: [0, MS_NOEXEC], noexec: [MS_NOEXEC, 0],
  suid: [0, MS_NOSUID], nosuid: [MS_NOSUID, 0],
  dev: [0, MS_NODEV], nodev: [MS_NODEV, 0],
  sync: [MS_SYNCHRONOUS, 0], async: [0, MS_SYNCHRONOUS],
  dirsync: [MS_DIRSYNC, 0],
  remount: [MS_REMOUNT, 0],
  bind: [MS_BIND, 0], rbind: [MS_BIND | MS_REC, 0], move: [MS_MOVE, 0],
  mand: [MS_MANDLOCK, 0], nomand: [0, MS_MANDLOCK],
  atime: [0, MS_NOATIME], noatime: [MS_NOATIME, 0],
  diratime: [0, MS_NODIRATIME], nodiratime: [MS_NODIRATIME, 0],
  relatime: [MS_RELATIME, 0], norelatime: [0, MS_RELATIME],
  strictatime: [MS_STRICTATIME, 0], nostrictatime: [0, MS_STRICTATIME],
  lazytime: [MS_LAZYTIME, 0], nolazytime: [0, MS_LAZYTIME],
  symfollow: [0, MS_NOSYMFOLLOW], nosymfollow: [MS_NOSYMFOLLOW, 0],
  silent: [MS_SILENT, 0], loud: [0, MS_SILENT],
  private: [MS_PRIVATE, 0], rprivate: [MS_PRIVATE | MS_REC, 0],
  shared: [MS_SHARED, 0], rshared: [MS_SHARED | MS_REC, 0],
  slave: [MS_SLAVE, 0], rslave: [MS_SLAVE | MS_REC, 0],
  unbindable: [MS_UNBINDABLE, 0], runbindable: [MS_UNBINDABLE | MS_REC, 0],
};

/** Options that mean something to mount(8) or fstab only, never passed to the kernel. */
const USERSPACE = new Set(['defaults', 'auto', 'noauto', 'user', 'nouser', 'users', 'owner', 'group', 'nofail', '_netdev', 'comment', 'loop']);

export interface ParsedOptions {
  flags: number;
  /** The filesystem's options, comma-separated, in the order given. */
  data: string[];
}

/** Split an -o string into flags and filesystem data (later words win over earlier ones). */
export function parseMountOptions(opts: string, into: ParsedOptions = { flags: 0, data: [] }): ParsedOptions {
  for (const word of opts.split(',')) {
    if (!word) continue;
    const f = LINUX_FLAGS[word];
    if (f) {
      into.flags = (into.flags & ~f[1]) | f[0];
      continue;
    }
    const name = word.split('=')[0]!;
    if (USERSPACE.has(name) || name.startsWith('x-') || name === 'offset' || name === 'sizelimit') continue;
    into.data.push(word);
  }
  return into;
}
