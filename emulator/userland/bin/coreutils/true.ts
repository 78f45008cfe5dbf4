// true (GNU coreutils): do nothing, successfully.

import type { Sys } from '../../runtime/context';

export function* true_(): Sys<number> {
  return 0;
}
