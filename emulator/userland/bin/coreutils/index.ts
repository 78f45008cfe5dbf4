// GNU coreutils' file and system tools.

import type { ProgramEntry } from '../../programs';
import { cat } from './cat';
import { stty } from './stty';
import { true_ } from './true';
import { false_ } from './false';
import { basename } from './basename';
import { dirname } from './dirname';
import { chmod } from './chmod';
import { chown } from './chown';
import { cp } from './cp';
import { ln } from './ln';
import { ls } from './ls';
import { mkdir_ } from './mkdir';
import { mkfifo } from './mkfifo';
import { mknod } from './mknod';
import { mv } from './mv';
import { readlink } from './readlink';
import { realpath } from './realpath';
import { rm } from './rm';
import { rmdir_ } from './rmdir';
import { stat } from './stat';
import { touch } from './touch';
import { id } from './id';
import { whoami } from './whoami';
import { uname } from './uname';
import { hostname } from './hostname';
import { nproc } from './nproc';
import { tty } from './tty';
import { env } from './env';
import { sleep } from './sleep';
import { which } from './which';
import { clear } from './clear';
import { date } from './date';
import { dd } from './dd';
import { hexdump } from './hexdump';
import { od } from './od';
import { df } from './df';

export const coreutilsPrograms: ProgramEntry[] = [
  { name: 'cat', main: cat, paths: ['/usr/bin/cat'] },
  { name: 'true', main: true_, paths: ['/usr/bin/true'] },
  { name: 'false', main: false_, paths: ['/usr/bin/false'] },
  { name: 'basename', main: basename, paths: ['/usr/bin/basename'] },
  { name: 'dirname', main: dirname, paths: ['/usr/bin/dirname'] },
  { name: 'chmod', main: chmod, paths: ['/usr/bin/chmod'] },
  { name: 'ln', main: ln, paths: ['/usr/bin/ln'] },
  { name: 'mkdir', main: mkdir_, paths: ['/usr/bin/mkdir'] },
  { name: 'mkfifo', main: mkfifo, paths: ['/usr/bin/mkfifo'] },
  { name: 'mknod', main: mknod, paths: ['/usr/bin/mknod'] },
  { name: 'mv', main: mv, paths: ['/usr/bin/mv'] },
  { name: 'readlink', main: readlink, paths: ['/usr/bin/readlink'] },
  { name: 'realpath', main: realpath, paths: ['/usr/bin/realpath'] },
  { name: 'rm', main: rm, paths: ['/usr/bin/rm'] },
  { name: 'rmdir', main: rmdir_, paths: ['/usr/bin/rmdir'] },
  { name: 'touch', main: touch, paths: ['/usr/bin/touch'] },
  { name: 'ls', main: ls, paths: ['/usr/bin/ls'] },
  { name: 'stat', main: stat, paths: ['/usr/bin/stat'] },
  { name: 'chown', main: chown, paths: ['/usr/bin/chown'] },
  { name: 'cp', main: cp, paths: ['/usr/bin/cp'] },
  { name: 'id', main: id, paths: ['/usr/bin/id'] },
  { name: 'whoami', main: whoami, paths: ['/usr/bin/whoami'] },
  { name: 'uname', main: uname, paths: ['/usr/bin/uname'] },
  { name: 'hostname', main: hostname, paths: ['/usr/bin/hostname'] },
  { name: 'nproc', main: nproc, paths: ['/usr/bin/nproc'] },
  { name: 'tty', main: tty, paths: ['/usr/bin/tty'] },
  { name: 'stty', main: stty, paths: ['/usr/bin/stty'] },
  { name: 'env', main: env, paths: ['/usr/bin/env'] },
  { name: 'sleep', main: sleep, paths: ['/usr/bin/sleep'] },
  { name: 'which', main: which, paths: ['/usr/bin/which'] },
  { name: 'clear', main: clear, paths: ['/usr/bin/clear'] },
  { name: 'date', main: date, paths: ['/usr/bin/date'] },
  { name: 'dd', main: dd, paths: ['/usr/bin/dd'] },
  { name: 'hexdump', main: hexdump, paths: ['/usr/bin/hexdump'] },
  { name: 'od', main: od, paths: ['/usr/bin/od'] },
  { name: 'df', main: df, paths: ['/usr/bin/df'] },
];
