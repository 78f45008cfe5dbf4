// libmount's view of the mount table: /proc/self/mountinfo parsed into entries (tab_parse.c).
// Names in the file have spaces, tabs, newlines and backslashes as octal escapes (\040); they
// are turned back into characters here.

import type { Sys } from '../../../runtime/context';
import { readTextFile } from '../../../libc/read_file';

export interface MountEntry {
  id: number;
  parent: number;
  major: number;
  minor: number;
  /** The directory of the filesystem shown at the target ("/" unless a bind mount). */
  root: string;
  target: string;
  /** Per-mount options: "rw,nosuid,relatime". */
  vfsOptions: string;
  /** Optional fields: shared:1, master:2 … */
  optional: string[];
  fstype: string;
  source: string;
  /** Superblock options: "rw,size=1024k". */
  superOptions: string;
}

/** unmangle: \ooo octal escapes back to characters. */
export function unmangle(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** One line of mountinfo, or null if it does not parse. */
export function parseMountinfoLine(line: string): MountEntry | null {
  const sep = line.indexOf(' - ');
  if (sep < 0) return null;
  const a = line.slice(0, sep).split(' ');
  const b = line.slice(sep + 3).split(' ');
  if (a.length < 6 || b.length < 3) return null;
  const [maj, min] = a[2]!.split(':').map(Number);
  return {
    id: Number(a[0]), parent: Number(a[1]), major: maj ?? 0, minor: min ?? 0,
    root: unmangle(a[3]!), target: unmangle(a[4]!), vfsOptions: a[5]!, optional: a.slice(6),
    fstype: b[0]!, source: unmangle(b[1]!), superOptions: b[2]!,
  };
}

/** The mount table, or null (errno set) when /proc/self/mountinfo cannot be read. */
export function* readMountinfo(): Sys<MountEntry[] | null> {
  const text = yield* readTextFile('/proc/self/mountinfo');
  if (text === null) return null;
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const e = line ? parseMountinfoLine(line) : null;
    if (e) out.push(e);
  }
  return out;
}

/**
 * The options util-linux shows for a mount (mnt_fs_strdup_options): the per-mount options, then
 * the filesystem's own without its "rw"/"ro" (the mount's already said it).
 */
export function mountOptions(e: MountEntry): string {
  const fs = e.superOptions.split(',').filter((o) => o && o !== 'rw' && o !== 'ro');
  return [e.vfsOptions, ...fs].join(',');
}
