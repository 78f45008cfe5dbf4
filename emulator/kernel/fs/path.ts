// struct path (include/linux/path.h): a place in the tree is a dentry *within a mount*. The same
// directory seen through two mounts is two different paths, and `..` at a mount's root climbs
// into the mount below — which is why a dentry alone is not enough.

import type { Dentry } from './dentry';
import type { Mount } from './mount';

export interface Path {
  readonly mnt: Mount;
  readonly dentry: Dentry;
}

export function path_equal(a: Path, b: Path): boolean {
  return a.mnt === b.mnt && a.dentry === b.dentry;
}
