// clear (ncurses): clear the terminal with the sequences terminfo gives for $TERM — cursor home,
// erase the display, and, where the terminal has one (E3), erase the scrollback too.
// A small built-in table stands in for the terminfo database.

import type { Sys } from '../../runtime/context';
import { getenv } from '../../libc/stdlib';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';

/** What `clear` writes for each terminal type: ncurses' clear + E3 capabilities. */
const CLEAR: Record<string, string> = {
  linux: '\x1b[H\x1b[J\x1b[3J',
  xterm: '\x1b[H\x1b[2J\x1b[3J',
  'xterm-color': '\x1b[H\x1b[2J',
  vt100: '\x1b[H\x1b[J',
  vt220: '\x1b[H\x1b[J',
  screen: '\x1b[H\x1b[J',
  tmux: '\x1b[H\x1b[J\x1b[3J',
  dumb: '',
};

/** xterm-256color → xterm, screen.xterm-256color → screen: the family, as terminfo entries inherit. */
function lookup(term: string): string | undefined {
  return CLEAR[term] ?? CLEAR[term.split(/[-.]/)[0]!];
}

export function* clear(): Sys<number> {
  const term = getenv('TERM');
  if (!term) {
    yield* fputs('TERM environment variable not set.\n', stderr());
    return 1;
  }
  const seq = lookup(term);
  if (seq === undefined) {
    yield* fputs(`'${term}': unknown terminal type.\n`, stderr());
    return 1;
  }
  yield* fwrite(stdout(), seq);
  return 0;
}
