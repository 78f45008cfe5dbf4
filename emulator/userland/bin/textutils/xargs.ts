// xargs (GNU findutils): build command lines from standard input and run them (default: echo).
// Input items are separated by blanks and newlines, with '...', "..." and backslash quoting, or by
// NUL with -0, or by -d DELIM. -n N: at most N items per command; -L N: N input lines per command;
// -I REPL: one command per input line, REPL replaced by it; -r: nothing to do on empty input;
// -t: echo each command to stderr. Commands run with fork + execvp + waitpid.
// Exit status: 123 if a command exited 1-125, 124 if one exited 255, 125 if one was killed by a
// signal, 126 if one could not be run, 127 if one was not found.

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { errno } from '../../libc/process';
import { execvp, _exit } from '../../libc/unistd';
import { fork } from '../../libc/unistd';
import { waitpid } from '../../libc/wait';
import { readAll, stdin } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { bin, warn } from './io';
import { fromUtf8 } from '../../libc/process';

/**
 * Split input GNU-style; returns items, each tagged with the input line it ended on, and the kind
 * of quote left unmatched (GNU still runs the command on the items before it, then fails).
 */
function splitDefault(s: string): [[string, number][], string | null] {
  const items: [string, number][] = [];
  let cur = '';
  let have = false;
  let line = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      const nl = s.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) return [items, c === "'" ? 'single' : 'double'];
      cur += s.slice(i + 1, end);
      have = true;
      i = end;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      have = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (have) items.push([cur, line]);
      cur = '';
      have = false;
      if (c === '\n') line++;
    } else {
      cur += c;
      have = true;
    }
  }
  if (have) items.push([cur, line]);
  return [items, null];
}

const decode = (s: string) => fromUtf8(Uint8Array.from(s, (c) => c.charCodeAt(0)));

export function* xargs(argv: string[]): Sys<number> {
  const g = yield* getopt('xargs', argv, '+0n:I:i::L:rtd:', [
    { name: 'null', hasArg: 0, val: '0' },
    { name: 'max-args', hasArg: 1, val: 'n' },
    { name: 'replace', hasArg: 2, val: 'i' },
    { name: 'max-lines', hasArg: 1, val: 'L' },
    { name: 'no-run-if-empty', hasArg: 0, val: 'r' },
    { name: 'verbose', hasArg: 0, val: 't' },
    { name: 'delimiter', hasArg: 1, val: 'd' },
  ]);
  if (g.error) return 1;
  let nul = false;
  let maxArgs = 0;
  let maxLines = 0;
  let repl: string | null = null;
  let noEmpty = false;
  let verbose = false;
  let delim: string | null = null;
  for (const o of g.options) {
    if (o.opt === '0') nul = true;
    else if (o.opt === 'n' || o.opt === 'L') {
      if (!/^\d+$/.test(o.arg!) || Number(o.arg) < 1) {
        yield* warn(`xargs: invalid number "${o.arg}" for -${o.opt} option`);
        return 1;
      }
      // GNU's warnings when the grouping options override each other.
      const ignoring = (a: string, b: string, prev: string) =>
        warn(`xargs: warning: options ${a} and ${b} are mutually exclusive, ignoring previous ${prev} value`);
      if (o.opt === 'n') {
        if (maxLines) yield* ignoring('--max-lines', '--max-args/-n', '--max-lines');
        maxLines = 0;
        maxArgs = Number(o.arg);
      } else {
        if (maxArgs) yield* ignoring('--max-args', '-L', '--max-args');
        else if (repl !== null) yield* ignoring('--replace', '-L', '--replace');
        maxArgs = 0;
        repl = null;
        maxLines = Number(o.arg);
      }
    } else if (o.opt === 'I' || o.opt === 'i') {
      if (maxArgs) yield* warn('xargs: warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous --max-args value');
      maxArgs = 0;
      maxLines = 0;
      repl = o.opt === 'I' ? o.arg! : (o.arg ?? '{}');
    } else if (o.opt === 'r') noEmpty = true;
    else if (o.opt === 't') verbose = true;
    else if (o.opt === 'd') delim = o.arg!.replace(/^\\n$/, '\n').replace(/^\\t$/, '\t');
  }
  const cmd = g.operands.length ? g.operands : ['echo'];
  const input = bin(yield* readAll(stdin()));

  let items: [string, number][];
  let unmatched: string | null = null;
  if (nul || delim !== null) {
    const d = nul ? '\0' : delim!;
    const parts = input.split(d);
    if (parts[parts.length - 1] === '') parts.pop();
    items = parts.map((p, i) => [p, i]);
  } else if (repl !== null) {
    // -I: each line is one item; leading blanks dropped.
    items = input
      .split('\n')
      .map((l, i) => [l.replace(/^[ \t]+/, ''), i] as [string, number])
      .filter(([l], i, all) => !(i === all.length - 1 && l === ''));
    items = items.filter(([l]) => l !== '');
  } else {
    [items, unmatched] = splitDefault(input);
  }

  // Group the items into command lines.
  const batches: string[][] = [];
  if (repl !== null) {
    for (const [it] of items) batches.push(cmd.map((a) => a.split(repl!).join(decode(it))));
  } else if (maxLines) {
    let cur: string[] = [];
    let lines = 0;
    let lastLine = -1;
    for (const [it, ln] of items) {
      if (ln !== lastLine) {
        if (lines === maxLines) {
          batches.push([...cmd, ...cur]);
          cur = [];
          lines = 0;
        }
        lines++;
        lastLine = ln;
      }
      cur.push(decode(it));
    }
    if (cur.length) batches.push([...cmd, ...cur]);
  } else {
    const words = items.map(([it]) => decode(it));
    const per = maxArgs || Math.max(1, words.length);
    for (let i = 0; i < words.length; i += per) batches.push([...cmd, ...words.slice(i, i + per)]);
  }
  if (!batches.length && !noEmpty && repl === null && !unmatched) batches.push([...cmd]);

  if (unmatched) yield* warn(`xargs: unmatched ${unmatched} quote; by default quotes are special to xargs unless you use the -0 option`);
  let status = 0;
  for (const args of batches) {
    if (verbose) yield* warn(args.join(' '));
    const pid = yield* fork(function* () {
      yield* execvp(args[0]!, args);
      const e = errno();
      yield* warn(`xargs: ${args[0]}: ${strerror(e)}`);
      return yield* _exit(e === 2 ? 127 : 126);
    });
    if (pid < 0) {
      yield* warn(`xargs: cannot fork: ${strerror(errno())}`);
      return 125;
    }
    const [r, st] = yield* waitpid(pid);
    if (r < 0) return 125;
    if ((st & 0x7f) !== 0) {
      yield* warn(`xargs: ${args[0]}: terminated by signal ${st & 0x7f}`);
      return 125;
    }
    const code = (st >> 8) & 0xff;
    if (code === 255) {
      yield* warn(`xargs: ${args[0]}: exited with status 255; aborting`);
      return 124;
    }
    if (code === 126 || code === 127) return code;
    if (code !== 0) status = 123;
  }
  return unmatched ? 1 : status;
}
