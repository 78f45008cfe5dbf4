// nasm: the Netwide Assembler, the subset that turns a small x86-64 program into an ELF64
// relocatable object (`nasm -f elf64 prog.asm -o prog.o`). Options as NASM parses them (its own
// parser, not getopt: `-fformat` and `-f format` both work): -f elf64, -o outfile (default: the
// source name with .o instead of its extension, beside it), -O0 (no size optimisation) and -Ox /
// -O1… (the default optimisation), -g, -F and -w… accepted and ignored, -v.
// Diagnostics are NASM's: `file.asm:3: error: …` on stderr, exit status 1, and no output file.

import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { errno, fromUtf8 } from '../../libc/process';
import { readFileBytes, writeFileBytes } from '../../lib/file_io';
import { assemble } from './assembler';
import { writeObject } from './elf_object';

const KNOWN_FORMATS = ['bin', 'ith', 'srec', 'aout', 'aoutb', 'coff', 'elf32', 'elf64', 'elfx32', 'as86', 'obj', 'win32', 'win64', 'ieee', 'macho32', 'macho64', 'dbg', 'elf', 'macho', 'win'];

export function* nasm(argv: string[]): Sys<number> {
  let format = 'bin';
  let output: string | null = null;
  let optimize = true;
  let input: string | null = null;
  const fatal = function* (msg: string, hint = false): Sys<number> {
    yield* fputs(`nasm: fatal: ${msg}\n${hint ? 'Type nasm -h for help.\n' : ''}`, stderr());
    return 1;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-v' || a === '--version') {
      yield* fputs('NASM version 2.16.01\n', stdout());
      return 0;
    }
    const opt = /^-([foO])(.*)$/.exec(a);
    if (opt) {
      const value = opt[2] || argv[++i];
      if (value === undefined) return yield* fatal(`option \`-${opt[1]}' requires an argument`, true);
      if (opt[1] === 'f') format = value;
      else if (opt[1] === 'o') output = value;
      else optimize = value !== '0';
      continue;
    }
    if (/^-[gFwWlDIPU]/.test(a)) {
      // debug info, warning switches, listing, defines, include paths: accepted and ignored
      if (/^-[FlDIPU]$/.test(a)) i++;
      continue;
    }
    if (a.startsWith('-') && a !== '-') return yield* fatal(`unrecognised option \`${a}'`, true);
    if (input !== null) {
      yield* fputs(`${a}: fatal: more than one input file specified: ${a}\n`, stderr());
      return 1;
    }
    input = a;
  }
  if (!KNOWN_FORMATS.includes(format)) return yield* fatal(`unrecognised output format \`${format}' - use -hf for a list`, true);
  if (format !== 'elf64') return yield* fatal(`output format \`${format}' is not supported here (only elf64)`, false);
  if (input === null) return yield* fatal('no input file specified', true);
  const src = yield* readFileBytes(input);
  if (!src) return yield* fatal(`unable to open input file \`${input}' ${strerror(errno())}`);

  const asm = assemble(fromUtf8(src), optimize);
  let report = '';
  const diagnostics = [...asm.errors.map((e) => ({ ...e, kind: 'error' })), ...asm.warnings.map((w) => ({ ...w, kind: 'warning' }))];
  diagnostics.sort((x, y) => x.line - y.line);
  for (const d of diagnostics) {
    report += `${input}:${d.line}: ${d.kind}: ${d.message}\n`;
    if (d.info) report += `${input}:${d.info.line}: info: ${d.info.message}\n`;
  }
  if (report) yield* fputs(report, stderr());
  if (asm.errors.length) return 1;

  const out = output ?? defaultOutput(input);
  if (!(yield* writeFileBytes(out, writeObject(input, asm.sections, asm.symbols)))) {
    return yield* fatal(`unable to open output file \`${out}' ${strerror(errno())}`);
  }
  return 0;
}

/** NASM's default: the input name with its extension replaced by .o (or .o added). */
function defaultOutput(input: string): string {
  const slash = input.lastIndexOf('/');
  const dot = input.lastIndexOf('.');
  return (dot > slash + 1 ? input.slice(0, dot) : input) + '.o';
}
