// file (file 5.44): determine a file's type. ELF files are described from their headers (see
// elf.ts), other regular files by their bytes (text.ts), and the rest by their inode type.
//   -b  brief: no file name   -L  follow symbolic links   -h  do not (the default)
// Names are padded so the descriptions line up, as file does.

import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFSOCK, major, minor } from '../../../uapi/stat';
import { EACCES } from '../../../uapi/errno';
import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { errno } from '../../libc/process';
import { lstat, stat } from '../../libc/sys_stat';
import { readlink } from '../../libc/unistd';
import { readFileBytes } from '../../lib/file_io';
import { isElf } from '../../lib/elf/read';
import { describeElf } from './elf';
import { describeText } from './text';

export function* file(argv: string[]): Sys<number> {
  const r = yield* getopt('file', argv, 'bLhv', [
    { name: 'brief', hasArg: 0, val: 'b' }, { name: 'dereference', hasArg: 0, val: 'L' },
    { name: 'no-dereference', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'v' },
  ]);
  if (r.error) return 1;
  let brief = false;
  let follow = false;
  for (const { opt } of r.options) {
    if (opt === 'v') {
      yield* fputs('file-5.44\nmagic file from /usr/share/misc/magic\n', stdout());
      return 0;
    }
    if (opt === 'b') brief = true;
    if (opt === 'L') follow = true;
    if (opt === 'h') follow = false;
  }
  if (!r.operands.length) {
    yield* fputs('Usage: file [-bLh] file ...\n', stderr());
    return 1;
  }
  const width = Math.max(...r.operands.map((n) => n.length)) + 1;
  for (const name of r.operands) {
    const desc = yield* describe(name, follow);
    yield* fputs(brief ? `${desc}\n` : `${(name + ':').padEnd(width)} ${desc}\n`, stdout());
  }
  return 0;
}

function* describe(path: string, follow: boolean): Sys<string> {
  const st = follow ? yield* stat(path) : yield* lstat(path);
  if (!st) return `cannot open \`${path}' (${strerror(errno())})`;
  switch (st.mode & S_IFMT) {
    case S_IFDIR:
      return st.mode & 0o1000 ? 'sticky, directory' : 'directory';
    case S_IFCHR:
      return `character special (${major(st.rdev)}/${minor(st.rdev)})`;
    case S_IFBLK:
      return `block special (${major(st.rdev)}/${minor(st.rdev)})`;
    case S_IFIFO:
      return 'fifo (named pipe)';
    case S_IFSOCK:
      return 'socket';
    case S_IFLNK: {
      const target = (yield* readlink(path)) ?? '';
      return (yield* stat(path)) ? `symbolic link to ${target}` : `broken symbolic link to ${target}`;
    }
  }
  const bytes = yield* readFileBytes(path);
  if (!bytes) return errno() === EACCES ? 'regular file, no read permission' : `cannot open \`${path}' (${strerror(errno())})`;
  if (bytes.length === 0) return 'empty';
  if (isElf(bytes)) return describeElf(bytes);
  return describeText(bytes);
}
