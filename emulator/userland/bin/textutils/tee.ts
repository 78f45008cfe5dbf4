// tee (GNU coreutils): copy standard input to standard output and to each FILE (-a appends).

import { O_APPEND, O_CREAT, O_TRUNC, O_WRONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { close, readBytes, writeAll } from '../../libc/unistd';
import { strerror } from '../../libc/string';
import { badOption, warn } from './io';

export function* tee(argv: string[]): Sys<number> {
  let append = false;
  const files: string[] = [];
  let opts = true;
  for (const a of argv.slice(1)) {
    if (opts && a === '--') opts = false;
    else if (opts && a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (f === 'a') append = true;
        else if (f !== 'i' && f !== 'p') return yield* badOption('tee', f);
      }
    } else files.push(a);
  }
  let status = 0;
  const fds: [number, string][] = [[1, '-']];
  for (const name of files) {
    const fd = yield* open(name, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o666);
    if (fd < 0) {
      yield* warn(`tee: ${name}: ${strerror(errno())}`);
      status = 1;
    } else fds.push([fd, name]);
  }
  const live = fds.map(() => true);
  for (;;) {
    const b = yield* readBytes(0, 65536);
    if (b === null) {
      yield* warn(`tee: -: ${strerror(errno())}`);
      status = 1;
      break;
    }
    if (b.length === 0) break;
    for (let i = 0; i < fds.length; i++) {
      if (!live[i]) continue;
      const n = yield* writeAll(fds[i]![0], b);
      if (n < b.length) {
        yield* warn(`tee: ${fds[i]![1] === '-' ? 'standard output' : fds[i]![1]}: ${strerror(errno())}`);
        live[i] = false;
        status = 1;
      }
    }
  }
  for (const [fd] of fds.slice(1)) yield* close(fd);
  return status;
}
