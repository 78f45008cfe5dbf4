// A task's filesystem context (include/linux/fs_struct.h): its root directory (chroot), its current
// directory, and its umask. Threads made with CLONE_FS share one; fork copies it.

import type { Path } from './path';

export class FsStruct {
  /** File-creation mask: bits removed from the mode of every new file (umask(2)). */
  umask = 0o022;
  /** Tasks sharing this context (CLONE_FS). */
  users = 1;

  constructor(
    public root: Path,
    /** The current working directory (Linux calls it pwd). */
    public pwd: Path,
  ) {}

  get cwd(): Path {
    return this.pwd;
  }

  /** copy_fs_struct: fork's private copy. */
  clone(): FsStruct {
    const fs = new FsStruct(this.root, this.pwd);
    fs.umask = this.umask;
    return fs;
  }
}
