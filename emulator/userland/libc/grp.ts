// <grp.h>: the group database, read from /etc/group as glibc's "files" NSS module does.
// Each line is name:password:gid:member,member,…

import type { Sys } from '../runtime/context';
import { readTextFile } from './read_file';

export interface Group {
  name: string;
  gid: number;
  /** The supplementary members (user names). */
  members: string[];
}

/** Every entry of /etc/group ([] if it cannot be read), in file order. */
export function* getgrent(): Sys<Group[]> {
  const text = yield* readTextFile('/etc/group');
  const out: Group[] = [];
  for (const line of (text ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || !/^\d+$/.test(f[2]!)) continue;
    out.push({ name: f[0]!, gid: Number(f[2]), members: f[3] ? f[3].split(',') : [] });
  }
  return out;
}

/** The first entry with this gid, as getgrgid(3) finds it. */
export function* getgrgid(gid: number): Sys<Group | null> {
  return (yield* getgrent()).find((g) => g.gid === gid) ?? null;
}

export function* getgrnam(name: string): Sys<Group | null> {
  return (yield* getgrent()).find((g) => g.name === name) ?? null;
}

/**
 * getgrouplist(3): the groups `user` belongs to — `gid` (their primary group) first, then every
 * group that lists them as a member, in file order.
 */
export function* getgrouplist(user: string, gid: number): Sys<number[]> {
  const out = [gid];
  for (const g of yield* getgrent()) if (g.members.includes(user) && !out.includes(g.gid)) out.push(g.gid);
  return out;
}
