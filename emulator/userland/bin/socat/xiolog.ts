// socat's messages (error.c / sysutils): every line is
//
//   2026/11/28 13:25:42 socat[16294] E connect(5, AF=1 "/tmp/nope", 11): No such file or directory
//
// a local timestamp, the program name and pid, a severity letter, the text. Fatal and error lines are
// always printed; each -d adds a level: warnings, notices, info, debug.

import type { Sys } from '../../runtime/context';
import { fputs, stderr } from '../../libc/stdio';
import { clock_gettime, CLOCK_REALTIME, localtime, strftime } from '../../libc/time';
import { getpid } from '../../libc/unistd';

export const F = 0, E = 1, W = 2, N = 3, I = 4, D = 5;
const LETTER = 'FEWNID';

export const log = { verbosity: 0 };

/** Print one message if -d asked for its level. */
export function* msg(level: number, text: string): Sys<void> {
  if (level > E + log.verbosity) return;
  const ts = yield* clock_gettime(CLOCK_REALTIME);
  const when = strftime('%Y/%m/%d %H:%M:%S', localtime(ts?.sec ?? 0));
  yield* fputs(`${when} socat[${yield* getpid()}] ${LETTER[level]} ${text}\n`, stderr());
}

/** A sockaddr as socat prints it: AF=1 "/path" (abstract names with \0), AF=2 1.2.3.4:80, AF=10 [::1]:80. */
export function sockaddr_info(addr: Uint8Array): string {
  if (addr.length < 2) return 'AF=0';
  const family = addr[0]! | (addr[1]! << 8);
  if (family === 1) {
    if (addr.length === 2) return 'AF=1 "<anon>"';
    let s = '';
    for (const b of addr.subarray(2)) {
      if (b === 0 && s.length && addr[2] !== 0) break;
      s += b === 0 ? '\\0' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
    }
    return `AF=1 "${s}"`;
  }
  const port = ((addr[2] ?? 0) << 8) | (addr[3] ?? 0);
  if (family === 2) return `AF=2 ${[...addr.subarray(4, 8)].join('.')}:${port}`;
  if (family === 10) {
    const w: string[] = [];
    for (let i = 8; i < 24; i += 2) w.push((((addr[i] ?? 0) << 8) | (addr[i + 1] ?? 0)).toString(16));
    return `AF=10 [${w.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}]:${port}`;
  }
  return `AF=${family}`;
}
