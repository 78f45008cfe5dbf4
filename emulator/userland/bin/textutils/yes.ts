// yes (GNU coreutils): print "y" (or the arguments joined by spaces) forever, until the write fails.

import type { Sys } from '../../runtime/context';
import { writeAll } from '../../libc/unistd';
import { bytes, argBin } from './io';

export function* yes(argv: string[]): Sys<number> {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  const line = (args.length ? args.map(argBin).join(' ') : 'y') + '\n';
  // Fill a buffer with whole lines, as GNU yes does, so each write carries many.
  const buf = bytes(line.repeat(Math.max(1, Math.floor(8192 / line.length))));
  for (;;) {
    const n = yield* writeAll(1, buf);
    if (n < buf.length) return 1;
  }
}
