// pstree (psmisc 23.6): the processes as a tree, from init (or from PID, or from each tree of
// USER's processes). -p shows pids, -a arguments (both turn off merging identical subtrees, as
// does -c), -n sorts by pid instead of name, -T hides threads, -l keeps long lines (otherwise
// cut at $COLUMNS, the terminal's width, or 132). Lines are drawn with UTF-8 box characters when
// writing to a terminal in a UTF-8 locale (or with -U), else in ASCII (-A forces it).

import type { Sys } from '../../runtime/context';
import { isatty } from '../../libc/unistd';
import { getenv } from '../../libc/stdlib';
import { tcgetwinsize } from '../../libc/termios';
import { getpwnam } from '../../libc/pwd';
import { getoptParse } from '../../libc/getopt';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { listPids, readAllProcs, readFile, type Proc } from './readproc';
import { parseStat } from './proc_parse';
import { ASCII, drawTree, sortChildren, truncateLine, UTF8, type DrawOptions, type TreeNode } from './pstree_draw';

const USAGE = `Usage: pstree [-acglpsStTuZ] [ -h | -H PID ] [ -n | -N type ]
              [ -A | -G | -U ] [ PID | USER ]
   or: pstree -V

Display a tree of processes.

  -a, --arguments     show command line arguments
  -A, --ascii         use ASCII line drawing characters
  -c, --compact-not   don't compact identical subtrees
  -C, --color=TYPE    color process by attribute
                      (age)
  -g, --show-pgids    show process group ids; implies -c
  -G, --vt100         use VT100 line drawing characters
  -h, --highlight-all highlight current process and its ancestors
  -H PID, --highlight-pid=PID
                      highlight this process and its ancestors
  -l, --long          don't truncate long lines
  -n, --numeric-sort  sort output by PID
  -N TYPE, --ns-sort=TYPE
                      sort output by this namespace type
                              (cgroup, ipc, mnt, net, pid, time, user, uts)
  -p, --show-pids     show PIDs; implies -c
  -s, --show-parents  show parents of the selected process
  -S, --ns-changes    show namespace transitions
  -t, --thread-names  show full thread names
  -T, --hide-threads  hide threads, show only processes
  -u, --uid-changes   show uid transitions
  -U, --unicode       use UTF-8 (Unicode) line drawing characters
  -V, --version       display version information
  -Z, --security-context
                      show security attributes

  PID    start at this PID; default is 1 (init)
  USER   show only trees rooted at processes of this user

`;

const VERSION = `pstree (PSmisc) 23.6
Copyright (C) 1993-2021 Werner Almesberger and Craig Small

PSmisc comes with ABSOLUTELY NO WARRANTY.
This is free software, and you are welcome to redistribute it under
the terms of the GNU General Public License.
For more information about these matters, see the files named COPYING.
`;

const LONG_OPTIONS = [
  { name: 'arguments', hasArg: 0, val: 'a' },
  { name: 'ascii', hasArg: 0, val: 'A' },
  { name: 'compact-not', hasArg: 0, val: 'c' },
  { name: 'long', hasArg: 0, val: 'l' },
  { name: 'numeric-sort', hasArg: 0, val: 'n' },
  { name: 'show-pids', hasArg: 0, val: 'p' },
  { name: 'hide-threads', hasArg: 0, val: 'T' },
  { name: 'unicode', hasArg: 0, val: 'U' },
  { name: 'version', hasArg: 0, val: 'V' },
] as const;

/** Does the locale's character set (LC_ALL, else LC_CTYPE, else LANG) say UTF-8? */
function utf8Locale(): boolean {
  const locale = getenv('LC_ALL') || getenv('LC_CTYPE') || getenv('LANG') || '';
  return /\.utf-?8/i.test(locale);
}

/** Link every process (and, unless hidden, its threads) under its parent. */
function* buildForest(procs: Proc[], threads: boolean): Sys<Map<number, TreeNode>> {
  const nodes = new Map<number, TreeNode>();
  for (const p of procs) {
    nodes.set(p.pid, {
      pid: p.pid,
      name: p.comm,
      args: p.args.slice(1),
      noCmdline: p.args.length === 0,
      thread: false,
      children: [],
    });
  }
  for (const p of procs) {
    const node = nodes.get(p.pid)!;
    nodes.get(p.ppid)?.children.push(node);
    if (!threads || p.numThreads < 2) continue;
    for (const tid of yield* listPids(`/proc/${p.pid}/task`)) {
      if (tid === p.pid) continue;
      // Threads are shown under the process's name, as pstree does without -t.
      const alive = parseStat((yield* readFile(`/proc/${p.pid}/task/${tid}/stat`)) ?? '');
      if (alive) node.children.push({ pid: tid, name: p.comm, args: [], noCmdline: false, thread: true, children: [] });
    }
  }
  return nodes;
}

/** Output width: $COLUMNS, else the terminal's, else 132. */
function* outputWidth(): Sys<number> {
  const env = parseInt(getenv('COLUMNS') ?? '', 10);
  if (env > 0) return env;
  if (yield* isatty(1)) {
    const ws = yield* tcgetwinsize(1);
    if (ws && ws.cols > 0) return ws.cols;
  }
  return 132;
}

export function* pstree(argv: string[]): Sys<number> {
  const { options, operands, error, message } = getoptParse('pstree', argv, 'aAclnpTUV', [...LONG_OPTIONS]);
  if (error) {
    // psmisc follows getopt's complaint with the whole usage text.
    yield* fputs(message + USAGE, stderr());
    return 1;
  }
  const has = (c: string) => options.some((o) => o.opt === c);
  if (has('V')) {
    yield* fputs(VERSION, stderr());
    return 0;
  }
  if (operands.length > 1) {
    yield* fputs(USAGE, stderr());
    return 1;
  }
  const last = [...options].reverse().find((o) => o.opt === 'A' || o.opt === 'U')?.opt;
  const unicode = last ? last === 'U' : (yield* isatty(1)) && utf8Locale();
  const o: DrawOptions = {
    symbols: unicode ? UTF8 : ASCII,
    showPids: has('p'),
    args: has('a'),
    compact: !has('c') && !has('p') && !has('a'),
  };

  const procs = yield* readAllProcs();
  const nodes = yield* buildForest(procs, !has('T'));
  const target = operands[0] ?? '1';
  let roots: TreeNode[];
  if (/^[0-9]+$/.test(target)) {
    const root = nodes.get(parseInt(target, 10));
    roots = root ? [root] : [];
    sortChildren(roots, has('n'));
  } else {
    const pw = yield* getpwnam(target);
    if (!pw) {
      yield* fputs(`No such user name: ${target}\n`, stderr());
      return 1;
    }
    // Walking down from init, the first process of the user's on each path heads a tree.
    // /proc/<pid> belongs to the process's effective user, which is what pstree goes by.
    const euid = new Map(procs.map((p) => [p.pid, p.euid]));
    const heads = (n: TreeNode): TreeNode[] => (euid.get(n.pid) === pw.uid ? [n] : n.children.flatMap(heads));
    const init = nodes.get(1);
    if (init) sortChildren([init], has('n'));
    roots = init ? heads(init) : [];
  }
  const width = has('l') ? Infinity : yield* outputWidth();
  for (const [i, r] of roots.entries()) {
    // Several trees are separated by an empty line.
    if (i > 0) yield* fputs('\n', stdout());
    for (const line of drawTree(r, o)) yield* fputs(truncateLine(line, width) + '\n', stdout());
  }
  return 0;
}
