// sysctl (procps-ng 4.0.2): read and write kernel tunables, which are files under /proc/sys —
// the tool only turns "kernel.hostname" into /proc/sys/kernel/hostname and reads or writes it.
//
//   sysctl KEY...              print "KEY = value" (a directory key prints everything below it)
//   sysctl -n KEY / -N KEY     the value only / the name only;   -b  the value without a newline
//   sysctl -a                  every readable tunable, in name order   (-A, -X: the same)
//   sysctl KEY=VALUE / -w      write, then echo "KEY = VALUE" (-q: quietly)
//   sysctl -p [FILE...]        load "key = value" lines from files (# and ; start comments)
//   sysctl -e                  no error for unknown keys;   -r REGEX  only names matching it
//
// The messages and exit codes are procps-ng's, quirks included: writing a read-only key says
// "Invalid argument" (the errno left over from its own readlink probes) and still exits 0.

import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { getoptParse } from '../../libc/getopt';
import { strerror } from '../../libc/string';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { open } from '../../libc/fcntl';
import { close, readBytes, writeAll } from '../../libc/unistd';
import { readdir } from '../../libc/dirent';
import { stat } from '../../libc/sys_stat';
import { readTextFile } from '../../libc/read_file';
import { fromUtf8 } from '../../libc/process';
import { O_RDONLY, O_WRONLY } from '../../../uapi/fcntl';
import { EACCES, ENOENT, EPERM, EROFS } from '../../../uapi/errno';
import { S_ISDIR } from '../../../uapi/stat';

const PROC_PATH = '/proc/sys/';
const DEFAULT_PRELOAD = '/etc/sysctl.conf';
const S_IRUSR = 0o400;
const S_IWUSR = 0o200;

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
      --dry-run        Print the key and values but do not write
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

interface Opts {
  nameOnly: boolean;
  valueOnly: boolean;
  binary: boolean;
  ignoreError: boolean;
  quiet: boolean;
  dryRun: boolean;
  pattern: RegExp | null;
}

const err = (msg: string) => fputs(`sysctl: ${msg}\n`, stderr());

/** "kernel.random.uuid" → "kernel/random/uuid" (a key written with slashes has its dots kept). */
function keyToPath(key: string): string {
  if (key.includes('/')) return key.replace(/^\/+/, '');
  return key.replace(/\./g, '/');
}

/** The name as sysctl shows it: slashes become dots. */
function pathToKey(path: string): string {
  return path.replace(/\//g, '.');
}

/** A whole file as bytes, or -errno. */
function* readWhole(path: string): Sys<Uint8Array | number> {
  const fd = yield* open(path, O_RDONLY);
  if (fd < 0) return -errno();
  const parts: Uint8Array[] = [];
  for (;;) {
    const b = yield* readBytes(fd, 8192);
    if (b === null) {
      const e = errno();
      yield* close(fd);
      return -e;
    }
    if (b.length === 0) break;
    parts.push(b);
  }
  yield* close(fd);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((off, p) => (all.set(p, off), off + p.length), 0);
  return all;
}

/** ReadSetting: print one key (or everything below a directory key). 0 or 1. */
function* readSetting(key: string, o: Opts): Sys<number> {
  const path = PROC_PATH + keyToPath(key);
  const outname = pathToKey(keyToPath(key));
  const st = yield* stat(path);
  if (!st) {
    if (errno() === ENOENT && o.ignoreError) return 0;
    yield* err(`cannot stat ${path}: ${strerror(errno())}`);
    return 1;
  }
  if (S_ISDIR(st.mode)) return yield* displayAll(path, o);
  if (o.pattern && !o.pattern.test(outname)) return 0;
  if (o.nameOnly) {
    yield* fputs(outname + '\n', stdout());
    return 0;
  }
  if ((st.mode & S_IRUSR) === 0) return 0; // write-only tunables are skipped
  const data = yield* readWhole(path);
  if (typeof data === 'number') {
    if (data === -ENOENT) {
      if (o.ignoreError) return 0;
      yield* err(`"${outname}" is an unknown key`);
    } else if (data === -EACCES) {
      yield* err(`permission denied on key '${outname}'`);
    } else {
      yield* err(`reading key "${outname}": ${strerror(-data)}`);
    }
    return 1;
  }
  const text = fromUtf8(data);
  if (o.binary) {
    yield* fputs(text, stdout());
    return 0;
  }
  // Every line of the value is printed with the name in front (unless -n).
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  if (text === '') lines.length = 0;
  for (const line of lines) yield* fputs(o.valueOnly ? `${line}\n` : `${outname} = ${line}\n`, stdout());
  return 0;
}

/** DisplayAll: every file below `dir`, names in order, depth first. */
function* displayAll(dir: string, o: Opts): Sys<number> {
  const entries = yield* readdir(dir);
  if (!entries) {
    yield* err(`unable to open directory "${dir}"`);
    return 1;
  }
  let rc = 0;
  const names = entries.map((e) => e.name).filter((n) => n !== '.' && n !== '..').sort();
  for (const name of names) {
    const path = `${dir.replace(/\/$/, '')}/${name}`;
    const st = yield* stat(path);
    if (!st) continue;
    if (S_ISDIR(st.mode)) rc |= yield* displayAll(path, o);
    else rc |= yield* readSetting(path.slice(PROC_PATH.length), o);
  }
  return rc;
}

/** WriteSetting: "key=value". 0 or 1. */
function* writeSetting(key: string, value: string, o: Opts): Sys<number> {
  const path = PROC_PATH + keyToPath(key);
  const outname = pathToKey(keyToPath(key));
  const st = yield* stat(path);
  if (!st) {
    if (errno() === ENOENT && o.ignoreError) return 0;
    yield* err(`cannot stat ${path}: ${strerror(errno())}`);
    return 1;
  }
  if ((st.mode & S_IWUSR) === 0) {
    // procps-ng prints errno here, which its readlink() probes of the path left at EINVAL.
    yield* err(`setting key "${outname}": Invalid argument`);
    return 0;
  }
  if (S_ISDIR(st.mode)) {
    yield* err(`setting key "${outname}": Is a directory`);
    return 1;
  }
  if (!o.dryRun) {
    const fd = yield* open(path, O_WRONLY);
    if (fd < 0) {
      const e = errno();
      if (e === ENOENT) {
        if (o.ignoreError) return 0;
        yield* err(`"${outname}" is an unknown key`);
      } else if (e === EPERM || e === EROFS || e === EACCES) {
        yield* err(`permission denied on key "${outname}"`);
      } else {
        yield* err(`setting key "${outname}": ${strerror(e)}`);
      }
      return 1;
    }
    // The value goes out with a newline, in one write (fprintf "%s\n", then fclose flushes).
    const r = yield* writeAll(fd, value + '\n');
    const e = errno();
    yield* close(fd);
    if (r < 0) {
      yield* err(`setting key "${outname}": ${strerror(e)}`);
      return 1;
    }
  }
  if (!o.quiet) yield* fputs(o.valueOnly ? `${value}\n` : `${outname} = ${value}\n`, stdout());
  return 0;
}

/** One "key=value" argument or line, blanks around both trimmed. Null when there is no "=". */
function splitSetting(s: string): [string, string] | null {
  const eq = s.indexOf('=');
  if (eq < 0) return null;
  return [s.slice(0, eq).trim(), s.slice(eq + 1).trim()];
}

/** Preload: the lines of a sysctl.conf file. */
function* preload(file: string, o: Opts): Sys<number> {
  const text = yield* readTextFile(file);
  if (text === null) {
    yield* err(`cannot open "${file}": ${strerror(errno())}`);
    return 1;
  }
  let rc = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    // A leading "-" means: do not complain if the key does not exist.
    const ignore = line.startsWith('-');
    if (ignore) line = line.slice(1);
    const kv = splitSetting(line);
    if (!kv || kv[0] === '') {
      yield* err(`${file}(${n + 1}): invalid syntax, continuing...`);
      continue;
    }
    if (o.pattern && !o.pattern.test(kv[0])) continue;
    rc |= yield* writeSetting(kv[0], kv[1], { ...o, ignoreError: o.ignoreError || ignore });
  }
  return rc;
}

export function* sysctl(argv: string[]): Sys<number> {
  const longopts = [
    { name: 'all', hasArg: 0 as const, val: 'a' },
    { name: 'binary', hasArg: 0 as const, val: 'b' },
    { name: 'ignore', hasArg: 0 as const, val: 'e' },
    { name: 'names', hasArg: 0 as const, val: 'N' },
    { name: 'values', hasArg: 0 as const, val: 'n' },
    { name: 'load', hasArg: 2 as const, val: 'p' },
    { name: 'quiet', hasArg: 0 as const, val: 'q' },
    { name: 'write', hasArg: 0 as const, val: 'w' },
    { name: 'pattern', hasArg: 1 as const, val: 'r' },
    { name: 'dry-run', hasArg: 0 as const, val: 'D' },
    { name: 'help', hasArg: 0 as const, val: 'h' },
    { name: 'version', hasArg: 0 as const, val: 'V' },
  ];
  const parsed = getoptParse('sysctl', argv, 'bdef::hmNnp::qr:VwxXaAo', longopts);
  if (parsed.error) {
    // procps-ng: getopt's complaint on stderr, then the usage text on stdout, and exit 0.
    yield* fputs(parsed.message, stderr());
    yield* fputs(USAGE, stdout());
    return 0;
  }
  const o: Opts = { nameOnly: false, valueOnly: false, binary: false, ignoreError: false, quiet: false, dryRun: false, pattern: null };
  let all = false;
  let write = false;
  let load: string[] | null = null;
  for (const { opt, arg } of parsed.options) {
    switch (opt) {
      case 'a': case 'A': case 'X': all = true; break;
      case 'b': o.binary = true; break;
      case 'e': o.ignoreError = true; break;
      case 'N': o.nameOnly = true; break;
      case 'n': o.valueOnly = true; break;
      case 'q': o.quiet = true; break;
      case 'w': write = true; break;
      case 'D': o.dryRun = true; break;
      case 'p': case 'f': (load ??= []).push(...(arg !== undefined ? [arg] : [])); break;
      case 'r':
        try {
          o.pattern = new RegExp(arg ?? '');
        } catch {
          yield* err(`unable to compile regular expression "${arg}"`);
          return 1;
        }
        break;
      case 'h': case 'd':
        yield* fputs(USAGE, stdout());
        return 0;
      case 'V':
        yield* fputs('sysctl from procps-ng 4.0.2\n', stdout());
        return 0;
      default: break; // -o, -x, -m: accepted and ignored
    }
  }
  const args = parsed.operands;
  if (load !== null) {
    const files = load.length ? load : args.length ? args : [DEFAULT_PRELOAD];
    let rc = 0;
    for (const f of files) rc |= yield* preload(f, o);
    return rc;
  }
  if (all) return yield* displayAll(PROC_PATH, o);
  if (args.length === 0) {
    if (parsed.options.length === 0) {
      yield* fputs(USAGE, stderr());
    } else {
      yield* err('no variables specified');
      yield* fputs("Try `sysctl --help' for more information.\n", stderr());
    }
    return 1;
  }
  let rc = 0;
  for (const a of args) {
    const kv = splitSetting(a);
    if (kv) rc |= yield* writeSetting(kv[0], kv[1], o);
    else if (write) {
      yield* err('command line(0): invalid syntax, continuing...');
      rc = 1;
    } else rc |= yield* readSetting(a, o);
  }
  return rc;
}
