// The /dev links udev (and systemd-tmpfiles) make on a real system, made here by init at boot:
//
//   /dev/fd -> /proc/self/fd, /dev/stdin|stdout|stderr -> /proc/self/fd/0..2   (static links)
//   /dev/char/1:3 -> ../null, /dev/block/8:0 -> ../sda                      (one per device)
//
// The per-device links come from what the kernel says: every entry of /sys/dev/char and
// /sys/dev/block is a device, and its `uevent` file names the node (DEVNAME=…), as udev's
// "coldplug" pass (`udevadm trigger`) learns it. Simplified: devices that appear later get no
// link, as there is no udevd listening for uevents yet.

import type { Sys } from '../../runtime/context';
import { readdir } from '../../libc/dirent';
import { readTextFile } from '../../libc/read_file';
import { mkdir } from '../../libc/sys_stat';
import { symlink } from '../../libc/unistd';

/** The static links (systemd's tmpfiles.d/static-nodes and udev's 50-udev-default). */
export const STATIC_DEV_LINKS: readonly [string, string][] = [
  ['/dev/fd', '/proc/self/fd'],
  ['/dev/stdin', '/proc/self/fd/0'],
  ['/dev/stdout', '/proc/self/fd/1'],
  ['/dev/stderr', '/proc/self/fd/2'],
];

/** DEVNAME=… from a uevent file's text, or null. */
export function uevent_devname(text: string): string | null {
  for (const line of text.split('\n')) if (line.startsWith('DEVNAME=')) return line.slice(8);
  return null;
}

/** Make /dev/<kind>/M:m -> ../DEVNAME for every device the kernel lists in /sys/dev/<kind>. */
function* device_links(kind: 'char' | 'block'): Sys<number> {
  const entries = yield* readdir(`/sys/dev/${kind}`);
  if (!entries) return 0;
  yield* mkdir(`/dev/${kind}`, 0o755);
  let made = 0;
  for (const e of entries) {
    if (e.name === '.' || e.name === '..') continue;
    const text = yield* readTextFile(`/sys/dev/${kind}/${e.name}/uevent`);
    const devname = text === null ? null : uevent_devname(text);
    if (devname === null) continue;
    if ((yield* symlink(`../${devname}`, `/dev/${kind}/${e.name}`)) === 0) made++;
  }
  return made;
}

/** All of the above; returns how many links were made. */
export function* make_dev_links(): Sys<number> {
  let made = 0;
  for (const [path, target] of STATIC_DEV_LINKS) if ((yield* symlink(target, path)) === 0) made++;
  made += yield* device_links('char');
  made += yield* device_links('block');
  return made;
}
