// true and false (GNU coreutils): do nothing, successfully or not.

import type { Sys } from '../../runtime/context';

// eslint-disable-next-line require-yield
export function* true_(): Sys<number> {
  return 0;
}

// eslint-disable-next-line require-yield
export function* false_(): Sys<number> {
  return 1;
}
