// <sys/utsname.h>: uname(2), whose struct utsname is six NUL-padded 65-byte fields.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { alloca, fromUtf8, peek, syscall, stackMark, release } from './process';

export interface Utsname {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
  domainname: string;
}

const FIELD = 65;

/** uname(2): the kernel's names for itself, or null with errno set. */
export function* uname(): Sys<Utsname | null> {
  const mark = stackMark();
  try {
    const buf = alloca(FIELD * 6);
    if ((yield* syscall(__NR.uname, buf)) < 0) return null;
    const b = peek(buf, FIELD * 6);
    const [sysname, nodename, release, version, machine, domainname] = Array.from({ length: 6 }, (_, i) => {
      const f = b.subarray(i * FIELD, (i + 1) * FIELD);
      const end = f.indexOf(0);
      return fromUtf8(f.subarray(0, end < 0 ? FIELD : end));
    }) as [string, string, string, string, string, string];
    return { sysname, nodename, release, version, machine, domainname };
  } finally {
    release(mark);
  }
}
