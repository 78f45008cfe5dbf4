// Anonymous inodes (fs/anon_inodes.c): files with no place in any tree — eventfd, epoll, timerfd,
// signalfd, inotify. They all share one inode on an internal filesystem; what tells them apart is
// the file's operations and private data, and the name /proc/<pid>/fd shows: "anon_inode:[eventfd]"
// (the name is given with its brackets, so inotify's reads "anon_inode:inotify").

import { O_ACCMODE, O_NONBLOCK } from '../../uapi/fcntl';
import type { Kernel } from '../kernel';
import { Dentry } from './dentry';
import { File } from './file';
import { FMODE_LSEEK, FMODE_PREAD, FMODE_PWRITE, type FileOperations } from './fs';
import { new_inode, type Inode } from './inode';
import type { Mount } from './mount';
import { init_pseudo } from './libfs';
import { kernel_vfs, kern_mount, type Vfs } from './vfs';

export const ANON_INODE_FS_MAGIC = 0x09041934;

interface AnonFs {
  mnt: Mount;
  inode: Inode;
}

const anon_inode_fs_type = init_pseudo('anon_inodefs', ANON_INODE_FS_MAGIC, 0o700);

const instances = new WeakMap<Vfs, AnonFs>();

/** anon_inode_init: the shared inode, made on first use. Its mode has no type bits, only 0600. */
function anon_fs(vfs: Vfs): AnonFs {
  let fs = instances.get(vfs);
  if (!fs) {
    const mnt = kern_mount(vfs, anon_inode_fs_type);
    if (typeof mnt === 'number') throw new Error('anon_inodefs: cannot mount');
    const inode = new_inode(mnt.sb);
    inode.mode = 0o600;
    fs = { mnt, inode };
    instances.set(vfs, fs);
  }
  return fs;
}

const anon_dentry_operations = {
  d_dname: (d: Dentry) => `anon_inode:${d.name}`,
};

/**
 * anon_inode_getfile: a new open file named `name` ("[eventfd]") with these operations. `flags`
 * gives the access mode and O_NONBLOCK. The caller installs it in the fd table.
 */
export function anon_inode_getfile(kernel: Kernel, name: string, fops: FileOperations, priv: unknown, flags: number): File {
  const fs = anon_fs(kernel_vfs(kernel));
  const dentry = new Dentry(name, fs.mnt.sb.root, fs.inode, fs.mnt.sb);
  dentry.op = anon_dentry_operations;
  const fmode = ((flags + 1) & O_ACCMODE) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
  const file = new File({ mnt: fs.mnt, dentry }, flags & (O_ACCMODE | O_NONBLOCK), fmode, fops);
  file.private_data = priv;
  return file;
}
