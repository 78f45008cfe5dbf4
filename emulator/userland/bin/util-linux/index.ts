// util-linux: the storage tools. mount and umount attach and detach filesystems with mount(2) and
// umount2(2); losetup and blockdev drive loop and block devices through their ioctls; lsblk reads
// /sys/block. Like the real ones, they learn about the system only through /proc, /sys and /dev.

import type { ProgramEntry } from '../../programs';
import { blockdev } from './blockdev';
import { findmnt } from './findmnt';
import { losetup } from './losetup';
import { lsblk } from './lsblk';
import { mount } from './mount';
import { umount } from './umount';
import { script } from './script';
import { mesg } from './mesg';

export const utilLinuxPrograms: ProgramEntry[] = [
  { name: 'mount', main: mount, paths: ['/usr/bin/mount'] },
  { name: 'umount', main: umount, paths: ['/usr/bin/umount'] },
  { name: 'losetup', main: losetup, paths: ['/usr/sbin/losetup'] },
  { name: 'blockdev', main: blockdev, paths: ['/usr/sbin/blockdev'] },
  { name: 'lsblk', main: lsblk, paths: ['/usr/bin/lsblk'] },
  { name: 'findmnt', main: findmnt, paths: ['/usr/bin/findmnt'] },
  { name: 'script', main: script, paths: ['/usr/bin/script'] },
  { name: 'mesg', main: mesg, paths: ['/usr/bin/mesg'] },
];
