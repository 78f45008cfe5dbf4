// udev's tools (systemd-udev): udevadm.

import type { ProgramEntry } from '../../programs';
import { udevadm } from './udevadm';

export const udevPrograms: ProgramEntry[] = [{ name: 'udevadm', main: udevadm, paths: ['/usr/bin/udevadm'] }];
