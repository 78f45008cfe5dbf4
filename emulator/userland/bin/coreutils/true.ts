// true and false (GNU coreutils): do nothing, successfully or not.

import type { Sys } from '../../runtime/context';

export function* true_(): Sys<number> {
  return 0;
}

export function* false_(): Sys<number> {
  return 1;
}
