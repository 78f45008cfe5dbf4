// test and [ (XCU "test"): with up to four arguments, POSIX fixes the meaning by the number of
// arguments (so `[ ! = x ]` compares strings); longer expressions use -a, -o, ! and ( ) with the
// usual precedence. File tests ask the kernel: stat, lstat, access, isatty.

import type { Sys } from '../../../libc/process';
import { access, geteuid, getegid, isatty } from '../../../libc/unistd';
import { lstat, stat, type Stat } from '../../../libc/sys_stat';
import { R_OK, W_OK, X_OK } from '../../../../uapi/fcntl';
import {
  S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISGID, S_ISLNK, S_ISREG, S_ISSOCK, S_ISUID, S_ISVTX,
} from '../../../../uapi/stat';
import type { Shell } from '../shell';

class TestError extends Error {}

const UNARY = new Set(['-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-L', '-n', '-p', '-r', '-s', '-S', '-t', '-u', '-w', '-x', '-z', '-O', '-G']);
const BINARY = new Set(['=', '!=', '==', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function integer(s: string): bigint {
  const t = s.trim();
  if (!/^[+-]?[0-9]+$/.test(t)) throw new TestError(`Illegal number: ${s}`);
  return BigInt(t);
}

function* unary(op: string, arg: string): Sys<boolean> {
  switch (op) {
    case '-n': return arg !== '';
    case '-z': return arg === '';
    case '-t': return yield* isatty(Number(integer(arg)));
    case '-r': return (yield* access(arg, R_OK)) === 0;
    case '-w': return (yield* access(arg, W_OK)) === 0;
    case '-x': return (yield* access(arg, X_OK)) === 0;
  }
  const st: Stat | null = op === '-h' || op === '-L' ? yield* lstat(arg) : yield* stat(arg);
  if (!st) return false;
  switch (op) {
    case '-e': return true;
    case '-f': return S_ISREG(st.mode);
    case '-d': return S_ISDIR(st.mode);
    case '-b': return S_ISBLK(st.mode);
    case '-c': return S_ISCHR(st.mode);
    case '-p': return S_ISFIFO(st.mode);
    case '-S': return S_ISSOCK(st.mode);
    case '-h': case '-L': return S_ISLNK(st.mode);
    case '-s': return st.size > 0;
    case '-g': return (st.mode & S_ISGID) !== 0;
    case '-u': return (st.mode & S_ISUID) !== 0;
    case '-k': return (st.mode & S_ISVTX) !== 0;
    case '-O': return st.uid === (yield* geteuid());
    case '-G': return st.gid === (yield* getegid());
  }
  return false;
}

const mtime = (s: Stat): number => s.mtime * 1e9 + s.mtimeNsec;

function* binary(a: string, op: string, b: string): Sys<boolean> {
  switch (op) {
    case '=': case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '>': return a > b;
    case '-eq': return integer(a) === integer(b);
    case '-ne': return integer(a) !== integer(b);
    case '-lt': return integer(a) < integer(b);
    case '-le': return integer(a) <= integer(b);
    case '-gt': return integer(a) > integer(b);
    case '-ge': return integer(a) >= integer(b);
  }
  const sa = yield* stat(a);
  const sb = yield* stat(b);
  switch (op) {
    case '-nt': return !!sa && (!sb || mtime(sa) > mtime(sb));
    case '-ot': return !!sb && (!sa || mtime(sa) < mtime(sb));
    default: return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
  }
}

/** The general grammar, for more than four arguments (and inside parentheses). */
class Expr {
  i = 0;
  constructor(readonly args: string[]) {}

  private peek(): string | undefined {
    return this.args[this.i];
  }

  *or(): Sys<boolean> {
    let v = yield* this.and();
    while (this.peek() === '-o') {
      this.i++;
      const r = yield* this.and();
      v = v || r;
    }
    return v;
  }

  private *and(): Sys<boolean> {
    let v = yield* this.not();
    while (this.peek() === '-a') {
      this.i++;
      const r = yield* this.not();
      v = v && r;
    }
    return v;
  }

  private *not(): Sys<boolean> {
    if (this.peek() === '!') {
      this.i++;
      return !(yield* this.not());
    }
    return yield* this.primary();
  }

  private *primary(): Sys<boolean> {
    const a = this.args;
    const t = this.peek();
    if (t === undefined) throw new TestError('argument expected');
    if (t === '(') {
      this.i++;
      const v = yield* this.or();
      if (this.peek() !== ')') throw new TestError("closing paren expected");
      this.i++;
      return v;
    }
    if (BINARY.has(a[this.i + 1] ?? '') && this.i + 2 < a.length) {
      this.i += 3;
      return yield* binary(t, a[this.i - 2]!, a[this.i - 1]!);
    }
    if (UNARY.has(t)) {
      if (this.i + 1 >= a.length) throw new TestError(`${t}: argument expected`);
      this.i += 2;
      return yield* unary(t, a[this.i - 1]!);
    }
    this.i++;
    return t !== '';
  }
}

/** POSIX's rules by argument count; the general grammar beyond four. */
function* evaluate(a: string[]): Sys<boolean> {
  switch (a.length) {
    case 0:
      return false;
    case 1:
      return a[0] !== '';
    case 2:
      if (a[0] === '!') return a[1] === '';
      if (UNARY.has(a[0]!)) return yield* unary(a[0]!, a[1]!);
      if (BINARY.has(a[1]!)) throw new TestError(`${a[1]}: argument expected`);
      throw new TestError(`${a[0]}: unexpected operator`);
    case 3:
      if (BINARY.has(a[1]!)) return yield* binary(a[0]!, a[1]!, a[2]!);
      if (a[0] === '!') return !(yield* evaluate(a.slice(1)));
      if (a[0] === '(' && a[2] === ')') return a[1] !== '';
      break;
    case 4:
      if (a[0] === '!') return !(yield* evaluate(a.slice(1)));
      if (a[0] === '(' && a[3] === ')') return yield* evaluate(a.slice(1, 3));
      break;
  }
  const e = new Expr(a);
  const v = yield* e.or();
  if (e.i < a.length) throw new TestError(`${a[e.i]}: unexpected operator`);
  return v;
}

export function* test(sh: Shell, argv: string[]): Sys<number> {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      yield* sh.warn('[: missing ]');
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return (yield* evaluate(args)) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    yield* sh.warn(`${argv[0]}: ${e.message}`);
    return 2;
  }
}
