// Small identity and system-information tools (GNU coreutils and Debian): id, whoami, uname,
// hostname, nproc, env, sleep, which, clear. Each asks the kernel through its syscall.

import { __NR } from '../../../uapi/unistd_64';
import { X_OK } from '../../../uapi/fcntl';
import { S_ISREG } from '../../../uapi/stat';
import type { Sys } from '../../runtime/context';
import { alloca, fromUtf8, peek, peekI32, proc, syscall, utf8, withStack, pushBytes, errno } from '../../libc/process';
import { access, environStrings, execvp, getegid, geteuid, getgid, getuid, sleepSeconds } from '../../libc/unistd';
import { getpwuid } from '../../libc/pwd';
import { stat } from '../../libc/sys_stat';
import { getenv, setenv, unsetenv } from '../../libc/stdlib';
import { fwrite, stdout } from '../../libc/stdio';
import { getopt } from '../../libc/getopt';
import { strerror } from '../../libc/string';
import { getgrgid, usageError, warn } from './lib/common';

/** The six fields of struct utsname. */
function* uname_fields(): Sys<string[]> {
  return yield* withStack(function* () {
    const buf = alloca(65 * 6);
    yield* syscall(__NR.uname, buf);
    const b = peek(buf, 65 * 6);
    return Array.from({ length: 6 }, (_, i) => {
      const f = b.subarray(i * 65, i * 65 + 65);
      const z = f.indexOf(0);
      return fromUtf8(f.subarray(0, z < 0 ? 65 : z));
    });
  });
}

function* groupsOf(): Sys<number[]> {
  return yield* withStack(function* () {
    const n = yield* syscall(__NR.getgroups, 0, 0);
    if (n <= 0) return [];
    const buf = alloca(n * 4);
    yield* syscall(__NR.getgroups, n, buf);
    return Array.from({ length: n }, (_, i) => peekI32(buf + i * 4) >>> 0);
  });
}

const userName = function* (uid: number): Sys<string | null> {
  return (yield* getpwuid(uid))?.name ?? null;
};
const groupName = function* (gid: number): Sys<string | null> {
  return (yield* getgrgid(gid))?.name ?? null;
};

/** id: uid=0(root) gid=0(root) groups=0(root); -u -g -G, -n names, -r real ids. */
export function* id(argv: string[]): Sys<number> {
  const r = yield* getopt('id', argv, 'ugGnr');
  if (r.error) return 1;
  const has = (c: string) => r.options.some((o) => o.opt === c);
  const real = has('r');
  const uid = real ? yield* getuid() : yield* geteuid();
  const gid = real ? yield* getgid() : yield* getegid();
  const egid = yield* getegid();
  let groups = yield* groupsOf();
  if (!groups.includes(egid)) groups = [egid, ...groups];
  const name = (n: string | null, num: number) => n ?? String(num);
  let out: string;
  if (has('u')) out = has('n') ? name(yield* userName(uid), uid) : String(uid);
  else if (has('g')) out = has('n') ? name(yield* groupName(gid), gid) : String(gid);
  else if (has('G')) {
    const parts: string[] = [];
    for (const g of [gid, ...groups.filter((g) => g !== gid)]) parts.push(has('n') ? name(yield* groupName(g), g) : String(g));
    out = parts.join(' ');
  } else {
    const fmt = function* (num: number, n: string | null) {
      return n === null ? `${num}` : `${num}(${n})`;
    };
    const parts = [`uid=${yield* fmt(uid, yield* userName(uid))}`, `gid=${yield* fmt(gid, yield* groupName(gid))}`];
    const euid = yield* geteuid();
    if (euid !== (yield* getuid())) parts.push(`euid=${yield* fmt(euid, yield* userName(euid))}`);
    const gl: string[] = [];
    for (const g of [gid, ...groups.filter((g) => g !== gid)]) gl.push(yield* fmt(g, yield* groupName(g)));
    parts.push(`groups=${gl.join(',')}`);
    out = parts.join(' ');
  }
  yield* fwrite(stdout(), out + '\n');
  return 0;
}

export function* whoami(argv: string[]): Sys<number> {
  if (argv.length > 1) return yield* usageError('whoami', `extra operand ‘${argv[1]}’`);
  const uid = yield* geteuid();
  const n = yield* userName(uid);
  if (n === null) {
    yield* warn('whoami', `cannot find name for user ID ${uid}`);
    return 1;
  }
  yield* fwrite(stdout(), n + '\n');
  return 0;
}

/** uname: -s kernel name, -n node, -r release, -v version, -m machine, -o OS, -a all. */
export function* uname(argv: string[]): Sys<number> {
  const r = yield* getopt('uname', argv, 'asnrvmpio', [
    { name: 'all', hasArg: 0, val: 'a' }, { name: 'kernel-name', hasArg: 0, val: 's' },
    { name: 'nodename', hasArg: 0, val: 'n' }, { name: 'kernel-release', hasArg: 0, val: 'r' },
    { name: 'kernel-version', hasArg: 0, val: 'v' }, { name: 'machine', hasArg: 0, val: 'm' },
    { name: 'operating-system', hasArg: 0, val: 'o' },
  ]);
  if (r.error) return 1;
  if (r.operands.length) return yield* usageError('uname', `extra operand ‘${r.operands[0]}’`);
  const [sysname, nodename, release, version, machine] = yield* uname_fields();
  const want = new Set(r.options.map((o) => o.opt));
  if (want.size === 0) want.add('s');
  const all = want.has('a');
  const parts: string[] = [];
  if (all || want.has('s')) parts.push(sysname!);
  if (all || want.has('n')) parts.push(nodename!);
  if (all || want.has('r')) parts.push(release!);
  if (all || want.has('v')) parts.push(version!);
  if (all || want.has('m')) parts.push(machine!);
  // -p and -i print "unknown" and are left out of -a, as GNU does on Linux.
  if (!all && want.has('p')) parts.push('unknown');
  if (!all && want.has('i')) parts.push('unknown');
  if (all || want.has('o')) parts.push('GNU/Linux');
  yield* fwrite(stdout(), parts.join(' ') + '\n');
  return 0;
}

/** hostname: print the node name, or (as root) set it with sethostname(2). */
export function* hostname(argv: string[]): Sys<number> {
  const args = argv.slice(1);
  if (args.length === 0) {
    const [, nodename] = yield* uname_fields();
    yield* fwrite(stdout(), nodename + '\n');
    return 0;
  }
  const name = utf8(args[0]!);
  const r = yield* withStack(function* () {
    return yield* syscall(__NR.sethostname, pushBytes(name), name.length);
  });
  if (r < 0) {
    yield* warn('hostname', `you must be root to change the host name`);
    return 1;
  }
  return 0;
}

/** nproc: the CPUs this process may run on (sched_getaffinity). */
export function* nproc(): Sys<number> {
  const n = yield* withStack(function* () {
    const mask = alloca(128);
    const size = yield* syscall(__NR.sched_getaffinity, 0, 128, mask);
    if (size < 0) return 1;
    let count = 0;
    for (const b of peek(mask, size)) for (let v = b; v; v >>= 1) count += v & 1;
    return count;
  });
  yield* fwrite(stdout(), `${n}\n`);
  return 0;
}

/** env: print the environment, or run a command in a changed one (-i, -u NAME, NAME=VALUE). */
export function* env(argv: string[]): Sys<number> {
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-i' || a === '-' || a === '--ignore-environment') proc().environ.length = 0;
    else if (a === '-u') unsetenv(argv[++i] ?? '');
    else if (a === '--') {
      i++;
      break;
    } else if (a.startsWith('-') && a.length > 1) return yield* usageError('env', `invalid option -- '${a.slice(1, 2)}'`);
    else break;
  }
  for (; i < argv.length && argv[i]!.includes('='); i++) {
    const a = argv[i]!;
    setenv(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
  }
  if (i >= argv.length) {
    yield* fwrite(stdout(), environStrings().map((e) => e + '\n').join(''));
    return 0;
  }
  yield* execvp(argv[i]!, argv.slice(i));
  const e = errno();
  yield* warn('env', `‘${argv[i]}’: ${strerror(e)}`);
  return e === 2 ? 127 : 126;
}

/** sleep NUMBER[SUFFIX]...: the sum of the operands (s, m, h, d), with nanosleep. */
export function* sleep(argv: string[]): Sys<number> {
  const ops = argv.slice(1);
  if (ops.length === 0) return yield* usageError('sleep', 'missing operand');
  let total = 0;
  for (const op of ops) {
    const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(op);
    if (!m) return yield* usageError('sleep', `invalid time interval ‘${op}’`);
    total += Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]!]!;
  }
  return (yield* sleepSeconds(total)) < 0 ? 1 : 0;
}

/** which (Debian's): the first executable on $PATH for each name; status 1 if one is missing. */
export function* which(argv: string[]): Sys<number> {
  const all = argv[1] === '-a';
  const names = argv.slice(all ? 2 : 1);
  let status = names.length ? 0 : 1;
  const path = (getenv('PATH') ?? '').split(':');
  for (const name of names) {
    let found = false;
    const candidates = name.includes('/') ? [name] : path.map((d) => `${d || '.'}/${name}`);
    for (const c of candidates) {
      const st = yield* stat(c);
      if (st && S_ISREG(st.mode) && (yield* access(c, X_OK)) === 0) {
        yield* fwrite(stdout(), c + '\n');
        found = true;
        if (!all) break;
      }
    }
    if (!found) status = 1;
  }
  return status;
}

/** clear: what ncurses' clear sends for TERM=linux (home, erase the screen, erase scrollback). */
export function* clear(): Sys<number> {
  yield* fwrite(stdout(), '\x1b[H\x1b[J\x1b[3J');
  return 0;
}
