// grep (GNU grep): print lines matching PATTERNS. Options: -E extended, -F fixed strings, -G basic
// (the default), -e PATTERN (repeatable), -f is not supported, -i/-y, -v, -w, -x, -c, -l, -L, -n,
// -h, -H, -q, -s, -r/-R, -o, -m NUM. Exit status 0 if a line was selected, 1 if none, 2 on error (unless
// -q found a match). Text is taken as bytes, as in the C locale.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { readdir } from '../../libc/dirent';
import { stat } from '../../libc/sys_stat';
import { S_ISDIR } from '../../../uapi/stat';
import { compile, RegexError } from './regex';
import { argBin, bin, lines, out, warn } from './io';
import { O_RDONLY } from '../../../uapi/fcntl';
import { errno } from '../../libc/process';
import { open } from '../../libc/fcntl';
import { close, readBytes } from '../../libc/unistd';
import { strerror } from '../../libc/string';

export function* grep(argv: string[]): Sys<number> {
  const g = yield* getopt('grep', argv, 'EFGe:iyvwxclLnhHqsrRom:', [
    { name: 'extended-regexp', hasArg: 0, val: 'E' },
    { name: 'fixed-strings', hasArg: 0, val: 'F' },
    { name: 'basic-regexp', hasArg: 0, val: 'G' },
    { name: 'regexp', hasArg: 1, val: 'e' },
    { name: 'ignore-case', hasArg: 0, val: 'i' },
    { name: 'invert-match', hasArg: 0, val: 'v' },
    { name: 'word-regexp', hasArg: 0, val: 'w' },
    { name: 'line-regexp', hasArg: 0, val: 'x' },
    { name: 'count', hasArg: 0, val: 'c' },
    { name: 'files-with-matches', hasArg: 0, val: 'l' },
    { name: 'files-without-match', hasArg: 0, val: 'L' },
    { name: 'line-number', hasArg: 0, val: 'n' },
    { name: 'no-filename', hasArg: 0, val: 'h' },
    { name: 'with-filename', hasArg: 0, val: 'H' },
    { name: 'quiet', hasArg: 0, val: 'q' },
    { name: 'silent', hasArg: 0, val: 'q' },
    { name: 'no-messages', hasArg: 0, val: 's' },
    { name: 'recursive', hasArg: 0, val: 'r' },
    { name: 'only-matching', hasArg: 0, val: 'o' },
    { name: 'max-count', hasArg: 1, val: 'm' },
  ]);
  if (g.error) return 2;
  let mode: 'G' | 'E' | 'F' = 'G';
  const patterns: string[] = [];
  let patternGiven = false;
  const f = new Set<string>();
  let withName: boolean | null = null;
  let maxCount = Infinity;
  for (const o of g.options) {
    if (o.opt === 'E' || o.opt === 'F' || o.opt === 'G') mode = o.opt;
    else if (o.opt === 'e') {
      patterns.push(...argBin(o.arg!).split('\n'));
      patternGiven = true;
    } else if (o.opt === 'h') withName = false;
    else if (o.opt === 'H') withName = true;
    else if (o.opt === 'm') {
      if (!/^-?\d+$/.test(o.arg!)) {
        yield* warn(`grep: invalid max count`);
        return 2;
      }
      maxCount = Number(o.arg) < 0 ? Infinity : Number(o.arg);
    }
    else f.add(o.opt === 'y' ? 'i' : o.opt === 'R' ? 'r' : o.opt);
  }
  const operands = g.operands;
  if (!patternGiven) {
    if (!operands.length) {
      yield* warn("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.");
      return 2;
    }
    patterns.push(...argBin(operands.shift()!).split('\n'));
  }
  const icase = f.has('i');
  let res: RegExp[];
  const warnings: string[] = [];
  try {
    res = patterns.map((p) => {
      let src = mode === 'F' ? p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&') : null;
      if (src === null) src = compile(p, mode === 'E', false, warnings).source;
      if (f.has('x')) src = `^(?:${src})$`;
      else if (f.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
      return new RegExp(src, icase ? 'gsi' : 'gs');
    });
  } catch (e) {
    if (e instanceof RegexError || e instanceof SyntaxError) {
      yield* warn(`grep: ${e instanceof RegexError ? e.message : 'Invalid regular expression'}`);
      return 2;
    }
    throw e;
  }
  for (const w of warnings) yield* warn(`grep: warning: ${w}`);
  const recursive = f.has('r');
  const files = operands.length ? operands : [recursive ? '.' : '-'];
  const showName = withName ?? (files.length > 1 || recursive);
  const quiet = f.has('q');
  let status = 1;
  let error = false;

  const matches = (line: string): boolean => {
    for (const re of res) {
      re.lastIndex = 0;
      if (re.test(line)) return true;
    }
    return false;
  };

  /** Search one open file as it arrives (so `yes | grep -q y` ends); null after a read error. */
  function* searchFd(name: string, fd: number): Sys<boolean | null> {
    const label = name === '-' ? '(standard input)' : name;
    const prefix = showName ? label + ':' : '';
    let count = 0;
    let n = 0;
    let pending = '';
    let done = false;
    let eof = false;
    if (maxCount === 0) return false;
    while (!done && !eof) {
      const b = yield* readBytes(fd, 65536);
      if (b === null) {
        if (!f.has('s')) yield* warn(`grep: ${label}: ${strerror(errno())}`);
        return null;
      }
      if (b.length === 0) {
        eof = true;
        if (pending === '') break;
        pending += '\n';
      } else pending += bin(b);
      const last = pending.lastIndexOf('\n');
      if (last < 0) continue;
      const chunk = pending.slice(0, last + 1);
      pending = pending.slice(last + 1);
      let text = '';
      for (const raw of lines(chunk)) {
        n++;
        const line = raw.slice(0, -1);
        const hit = matches(line) !== f.has('v');
        if (!hit) continue;
        count++;
        if (quiet || f.has('l') || f.has('L')) {
          done = true;
          break;
        }
        if (count >= maxCount) done = true;
        if (f.has('c')) {
          if (done) break;
          continue;
        }
        const pre = prefix + (f.has('n') ? `${n}:` : '');
        if (f.has('o') && !f.has('v')) {
          // Every match of every pattern, left to right.
          let pos = 0;
          while (pos <= line.length) {
            let best: RegExpExecArray | null = null;
            for (const re of res) {
              re.lastIndex = pos;
              const m = re.exec(line);
              if (m && (!best || m.index < best.index || (m.index === best.index && m[0].length > best[0].length))) best = m;
            }
            if (!best) break;
            if (best[0].length) text += pre + best[0] + '\n';
            pos = best.index + Math.max(1, best[0].length);
          }
        } else text += pre + line + '\n';
        if (done) break;
      }
      if (text) yield* out(text);
    }
    let text = '';
    if (f.has('c')) text += `${prefix}${count}\n`;
    if (f.has('l') && count) text += label + '\n';
    if (f.has('L') && !count) text += label + '\n';
    if (text) yield* out(text);
    return count > 0;
  }

  function* searchPath(name: string, top: boolean): Sys<boolean> {
    if (recursive && name !== '-') {
      const st = yield* stat(name);
      if (st && S_ISDIR(st.mode)) {
        const ents = yield* readdir(name);
        if (!ents) {
          error = true;
          return false;
        }
        let any = false;
        // Directory order, unsorted, as GNU grep's fts walk gives.
        const names = ents.map((e) => e.name).filter((n) => n !== '.' && n !== '..');
        for (const e of names) {
          const child = top && name === '.' && !operands.length ? e : name.endsWith('/') ? name + e : `${name}/${e}`;
          if (yield* searchPath(child, false)) {
            any = true;
            if (quiet) return true;
          }
        }
        return any;
      }
    }
    const fd = name === '-' ? 0 : yield* open(name, O_RDONLY);
    if (fd < 0) {
      if (!f.has('s')) yield* warn(`grep: ${name}: ${strerror(errno())}`);
      error = true;
      return false;
    }
    const r = yield* searchFd(name, fd);
    if (fd !== 0) yield* close(fd);
    if (r === null) error = true;
    return r === true;
  }

  for (const name of files) {
    if (yield* searchPath(name, true)) {
      status = 0;
      if (quiet) return 0;
    }
  }
  return error ? 2 : status;
}
