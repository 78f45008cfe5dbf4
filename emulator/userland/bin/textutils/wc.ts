// wc (GNU coreutils): count lines, words and bytes (-l -w -c, -m characters).
// Column width: GNU sizes every column to fit the largest count it will print (at least 1; 7 when
// reading standard input whose size it cannot know in advance).

import { O_RDONLY } from '../../../uapi/fcntl';
import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { close, readBytes } from '../../libc/unistd';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { fstat } from '../../libc/sys_stat';
import { S_ISREG } from '../../../uapi/stat';

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
}

function* countFd(fd: number): Sys<Counts | null> {
  const c: Counts = { lines: 0, words: 0, chars: 0, bytes: 0 };
  let inWord = false;
  for (;;) {
    const b = yield* readBytes(fd, 65536);
    if (b === null) return null;
    if (b.length === 0) return c;
    c.bytes += b.length;
    for (const x of b) {
      if (x === 10) c.lines++;
      if ((x & 0xc0) !== 0x80) c.chars++;
      const space = x === 32 || (x >= 9 && x <= 13);
      if (space) inWord = false;
      else if (!inWord) {
        inWord = true;
        c.words++;
      }
    }
  }
}

export function* wc(argv: string[]): Sys<number> {
  const want = { lines: false, words: false, chars: false, bytes: false };
  const files: string[] = [];
  for (const a of argv.slice(1)) {
    if (a.startsWith('-') && a.length > 1 && a !== '--') {
      for (const f of a.slice(1)) {
        if (f === 'l') want.lines = true;
        else if (f === 'w') want.words = true;
        else if (f === 'c') want.bytes = true;
        else if (f === 'm') want.chars = true;
        else {
          yield* fputs(`wc: invalid option -- '${f}'\nTry 'wc --help' for more information.\n`, stderr());
          return 1;
        }
      }
    } else if (a !== '--') files.push(a);
  }
  if (!want.lines && !want.words && !want.chars && !want.bytes) want.lines = want.words = want.bytes = true;
  const names = files.length ? files : ['-'];
  const results: [Counts, string][] = [];
  let status = 0;
  let unknownSize = false;
  let sizeHint = 0;
  for (const name of names) {
    const fd = name === '-' ? 0 : yield* open(name, O_RDONLY);
    if (fd < 0) {
      yield* fputs(`wc: ${name}: ${strerror(errno())}\n`, stderr());
      status = 1;
      continue;
    }
    const st = yield* fstat(fd);
    if (st && S_ISREG(st.mode)) sizeHint += st.size;
    else unknownSize = true;
    const c = yield* countFd(fd);
    if (fd !== 0) yield* close(fd);
    if (!c) {
      yield* fputs(`wc: ${name}: ${strerror(errno())}\n`, stderr());
      status = 1;
      continue;
    }
    results.push([c, name === '-' && files.length === 0 ? '' : name]);
  }
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0 };
  for (const [c] of results) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
  const columns = (['lines', 'words', 'chars', 'bytes'] as const).filter((k) => want[k]);
  const width = columns.length === 1 && results.length === 1 ? 1 : unknownSize ? 7 : Math.max(1, String(sizeHint).length);
  const line = (c: Counts, name: string) =>
    columns.map((k) => String(c[k]).padStart(width)).join(' ') + (name ? ` ${name}` : '') + '\n';
  let out = '';
  for (const [c, name] of results) out += line(c, name);
  if (results.length > 1) out += line(total, 'total');
  yield* fwrite(stdout(), out);
  return status;
}
