// <pwd.h>: the password database, read from /etc/passwd as glibc's "files" NSS module does.
// Each line is name:password:uid:gid:gecos:dir:shell.

import type { Sys } from '../runtime/context';
import { readTextFile } from './read_file';

export interface Passwd {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  dir: string;
  shell: string;
}

/** Every entry of /etc/passwd ([] if it cannot be read). */
export function* getpwent(): Sys<Passwd[]> {
  const text = (yield* readTextFile('/etc/passwd')) ?? '';
  const out: Passwd[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7) continue;
    out.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), gecos: f[4]!, dir: f[5]!, shell: f[6]! });
  }
  return out;
}

export function* getpwnam(name: string): Sys<Passwd | null> {
  return (yield* getpwent()).find((p) => p.name === name) ?? null;
}

export function* getpwuid(uid: number): Sys<Passwd | null> {
  return (yield* getpwent()).find((p) => p.uid === uid) ?? null;
}
