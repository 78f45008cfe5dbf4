// Every program of the userland, by name, and where it is installed. The machine builds the root
// filesystem from this list and gives the names to the TypeScript runtime.

import type { Main } from './runtime/start';
import type { ProgramFile } from './initramfs/rootfs';
import { init } from './sbin/init';
import { labtoolsPrograms } from './bin/labtools';
import { loginPrograms } from './bin/login';
import { shPrograms } from './bin/sh';
import { coreutilsPrograms } from './bin/coreutils';
import { textutilsPrograms } from './bin/textutils';
import { procpsPrograms } from './bin/procps';
import { stracePrograms } from './bin/strace';
import { nasmPrograms } from './bin/nasm';
import { binutilsPrograms } from './bin/binutils';
import { filePrograms } from './bin/file';
import { dmesg } from './bin/util-linux/dmesg';
import { utilLinuxPrograms } from './bin/util-linux';
import { udevPrograms } from './bin/udev';
import { treePrograms } from './bin/tree';
import { ipcutilsPrograms } from './bin/ipcutils';
import { ipclabPrograms } from './bin/ipclab';
import { netcatPrograms } from './bin/netcat';
import { socatPrograms } from './bin/socat';
import { ss } from './bin/iproute2/ss';
import { ip } from './bin/iproute2/ip';
import { genl } from './bin/iproute2/genl';
import { netlinklabPrograms } from './bin/netlinklab';

export interface ProgramEntry {
  name: string;
  main: Main;
  /** Installed at these paths (the first is the canonical one). */
  paths: string[];
}

export const PROGRAMS: readonly ProgramEntry[] = [
  { name: 'init', main: init, paths: ['/usr/sbin/init'] },
  ...labtoolsPrograms,
  ...loginPrograms,
  ...shPrograms,
  ...coreutilsPrograms,
  ...textutilsPrograms,
  ...procpsPrograms,
  ...stracePrograms,
  ...nasmPrograms,
  ...binutilsPrograms,
  ...filePrograms,
  { name: 'dmesg', main: dmesg, paths: ['/usr/bin/dmesg'] },
  ...utilLinuxPrograms,
  ...udevPrograms,
  ...treePrograms,
  ...ipcutilsPrograms,
  ...ipclabPrograms,
  ...netcatPrograms,
  ...socatPrograms,
  { name: 'ss', main: ss, paths: ['/usr/bin/ss'] },
  { name: 'ip', main: ip, paths: ['/usr/sbin/ip', '/bin/ip'] },
  { name: 'genl', main: genl, paths: ['/usr/sbin/genl'] },
  ...netlinklabPrograms,
];

export function programMap(): Map<string, Main> {
  return new Map(PROGRAMS.map((p) => [p.name, p.main]));
}

export function programFiles(): ProgramFile[] {
  return PROGRAMS.flatMap((p) => p.paths.map((path) => ({ path, program: p.name })));
}
