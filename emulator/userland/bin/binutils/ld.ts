// ld (GNU binutils): link ELF64 x86-64 relocatable objects into a static executable.
//   ld [-o output] [-e entry] [-s] [-static] [-m elf_x86_64] object.o…
// The output (a.out by default) is laid out by GNU ld's default script for a static non-PIE
// program (see ld/layout.ts); `_start` is the default entry; -s leaves out the symbol table.
// Accepted and ignored: -static, -Bstatic, -nostdlib, -no-pie, -z noexecstack…
// Simplifications: no archives (.a), shared libraries, linker scripts, --gc-sections, COMMON
// symbols, or .eh_frame editing (it is copied as an ordinary read-only section).

import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { errno } from '../../libc/process';
import { readFileBytes, writeFileBytes } from '../../lib/file_io';
import { readObject, LinkError, type InputObject } from './ld/inputs';
import { link } from './ld/link';

const IGNORED = ['-static', '-Bstatic', '-nostdlib', '-no-pie', '--no-pie', '-nostartfiles', '--build-id=none', '-g', '--strip-debug', '-S'];

export function* ld(argv: string[]): Sys<number> {
  let output = 'a.out';
  let entry = '_start';
  let strip = false;
  const inputs: string[] = [];
  const say = function* (msg: string): Sys<number> {
    yield* fputs(msg + '\n', stderr());
    return 1;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-v' || a === '--version' || a === '-V') {
      yield* fputs('GNU ld (GNU Binutils for Debian) 2.40\n', stdout());
      return 0;
    }
    const o = option(argv, i, '-o', '--output') ?? option(argv, i, '-e', '--entry') ?? option(argv, i, '-m', '-m');
    if (o) {
      i = o.next;
      if (o.value === undefined) return yield* say(`ld: option requires an argument -- '${o.flag[1]}'\nld: use the --help option for usage information`);
      if (o.flag === '-o') output = o.value;
      else if (o.flag === '-e') entry = o.value;
      else if (o.value !== 'elf_x86_64') return yield* say(`ld: unrecognised emulation mode: ${o.value}\nSupported emulations: elf_x86_64`);
    } else if (a === '-z') {
      i++; // -z keyword: accepted and ignored
    } else if (a === '-s' || a === '--strip-all') {
      strip = true;
    } else if (IGNORED.includes(a)) {
      continue;
    } else if (a.startsWith('-') && a !== '-') {
      return yield* say(`ld: unrecognized option '${a}'\nld: use the --help option for usage information`);
    } else inputs.push(a);
  }
  if (!inputs.length) return yield* say('ld: no input files');

  const objects: InputObject[] = [];
  for (const path of inputs) {
    const bytes = yield* readFileBytes(path);
    if (!bytes) return yield* say(`ld: cannot find ${path}: ${strerror(errno())}`);
    try {
      objects.push(readObject(path, bytes));
    } catch (e) {
      if (e instanceof LinkError) return yield* say(`ld: ${e.message}`);
      throw e;
    }
  }
  const r = link(objects, entry, strip);
  if (r.messages.length) yield* fputs(r.messages.join('\n') + '\n', stderr());
  if (!r.output) return 1;
  if (!(yield* writeFileBytes(output, r.output, 0o777))) return yield* say(`ld: cannot open output file ${output}: ${strerror(errno())}`);
  return 0;
}

/** `-o x`, `-ox`, `--output x`, `--output=x`: null if argv[i] is not this option. */
function option(argv: string[], i: number, flag: string, long: string): { flag: string; value: string | undefined; next: number } | null {
  const a = argv[i]!;
  if (a === flag || a === long) return { flag, value: argv[i + 1], next: i + 1 };
  if (a.startsWith(long + '=')) return { flag, value: a.slice(long.length + 1), next: i };
  if (a.startsWith(flag) && !a.startsWith('--')) return { flag, value: a.slice(flag.length), next: i };
  return null;
}
