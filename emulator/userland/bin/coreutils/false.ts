// false (GNU coreutils): do nothing, unsuccessfully.

import type { Sys } from '../../runtime/context';

export function* false_(): Sys<number> {
  return 1;
}
