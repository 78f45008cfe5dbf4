// Arrays in tracee memory (argv, envp, iovecs, dirents) print as `[a, b, c]`. Without -v strace
// shows at most -s elements and then `...`; with -v all of them.

import type { DecodeOptions } from './types';

/** How many elements to show. */
export const arrayLimit = (opts: DecodeOptions): number => (opts.verbose ? Infinity : opts.strsize);

/** `[a, b, ...]`: the shown elements, and `...` when more were left out. */
export function formatList(items: readonly string[], more: boolean): string {
  return `[${[...items, ...(more ? ['...'] : [])].join(', ')}]`;
}

/** UIO_MAXIOV: the most iovecs a call takes, and so the most worth reading. */
export const UIO_MAXIOV = 1024;
