// <sys/utsname.h>: uname(2), whose struct utsname is six NUL-padded 65-byte fields.

import { __NR } from '../../uapi/unistd_64';
import type { Sys } from '../runtime/context';
import { UTSNAME_FIELDS, UTSNAME_LENGTH, UTSNAME_SIZE, type Utsname } from '../../uapi/utsname';
import { alloca, fromUtf8, peek, syscall, stackMark, release } from './process';

export type { Utsname };

/** uname(2): the kernel's names for itself, or null with errno set. */
export function* uname(): Sys<Utsname | null> {
  const mark = stackMark();
  try {
    const buf = alloca(UTSNAME_SIZE);
    if ((yield* syscall(__NR.uname, buf)) < 0) return null;
    const b = peek(buf, UTSNAME_SIZE);
    const names = UTSNAME_FIELDS.map((name, i) => {
      const f = b.subarray(i * UTSNAME_LENGTH, (i + 1) * UTSNAME_LENGTH);
      const end = f.indexOf(0);
      return [name, fromUtf8(f.subarray(0, end < 0 ? UTSNAME_LENGTH : end))];
    });
    return Object.fromEntries(names) as Utsname;
  } finally {
    release(mark);
  }
}
