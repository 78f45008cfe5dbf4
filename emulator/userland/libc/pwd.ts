// <pwd.h>: the password database, read from /etc/passwd as glibc's "files" NSS module does.
// Each line is name:password:uid:gid:gecos:dir:shell.

import { O_CLOEXEC, O_RDONLY } from '../../uapi/fcntl';
import type { Sys } from '../runtime/context';
import { fromUtf8 } from './process';
import { open } from './fcntl';
import { close, readBytes } from './unistd';

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
  const fd = yield* open('/etc/passwd', O_RDONLY | O_CLOEXEC);
  if (fd < 0) return [];
  const chunks: Uint8Array[] = [];
  for (;;) {
    const b = yield* readBytes(fd, 4096);
    if (!b || b.length === 0) break;
    chunks.push(b);
  }
  yield* close(fd);
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((off, c) => (all.set(c, off), off + c.length), 0);
  const text = fromUtf8(all);
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
