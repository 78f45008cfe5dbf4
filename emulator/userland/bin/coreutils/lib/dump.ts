// What od and hexdump share: reading all their input, and the 16-bytes-a-line loop in which a
// line equal to the one before becomes a single "*" (unless -v).

import { O_RDONLY } from '../../../../uapi/fcntl';
import type { Sys } from '../../../runtime/context';
import { errno } from '../../../libc/process';
import { open } from '../../../libc/fcntl';
import { close, readBytes } from '../../../libc/unistd';
import { qf, warnErrno } from './common';

export interface Input {
  data: Uint8Array;
  /** How many of the files could not be read (their errors are already reported). */
  failed: number;
  files: number;
}

/** The files (standard input for none or "-") concatenated. */
export function* readInputs(prog: string, names: string[]): Sys<Input> {
  const parts: Uint8Array[] = [];
  const list = names.length ? names : ['-'];
  let failed = 0;
  for (const name of list) {
    const fd = name === '-' ? 0 : yield* open(name, O_RDONLY);
    if (fd < 0) {
      yield* warnErrno(prog, qf(name), errno());
      failed++;
      continue;
    }
    for (;;) {
      const b = yield* readBytes(fd, 65536);
      if (b === null) {
        yield* warnErrno(prog, qf(name), errno());
        failed++;
        break;
      }
      if (b.length === 0) break;
      parts.push(b);
    }
    if (fd !== 0) yield* close(fd);
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((o, p) => (data.set(p, o), o + p.length), 0);
  return { data, failed, files: list.length };
}

export const LINE = 16;

/**
 * Format `data` a line of 16 bytes at a time. `line` gets the bytes and their offset (counting
 * from `start`); a full line equal to the previous one prints as "*" unless `verbose`.
 */
export function dumpLines(data: Uint8Array, start: number, verbose: boolean, line: (row: Uint8Array, off: number) => string): string {
  let out = '';
  let prev: Uint8Array | null = null;
  let starred = false;
  for (let i = 0; i < data.length; i += LINE) {
    const row = data.subarray(i, i + LINE);
    if (!verbose && prev && row.length === LINE && row.every((b, k) => b === prev![k])) {
      if (!starred) out += '*\n';
      starred = true;
      continue;
    }
    prev = row;
    starred = false;
    out += line(row, start + i) + '\n';
  }
  return out;
}
