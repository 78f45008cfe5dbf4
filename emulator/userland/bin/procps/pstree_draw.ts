// Drawing a process tree as psmisc's pstree does. A process is followed on the same line by its
// first child ("---" for an only child, "-+-" for the first of several); the other children go
// on the lines below, hanging from "|-" and "`-" under the "+". Identical sibling subtrees are
// merged into "N*[subtree]", and threads show as {name}. With -a every process has a line of its
// own: its name, its arguments, indented under its parent.

/** A process or thread in the tree. */
export interface TreeNode {
  pid: number;
  name: string;
  /** The arguments after argv[0] (for -a). */
  args: string[];
  /** Whether cmdline was empty (a zombie): -a shows the name in parentheses. */
  noCmdline: boolean;
  thread: boolean;
  children: TreeNode[];
}

export interface Symbols {
  /** An only child. */
  single: string;
  /** The first of several children. */
  first: string;
  /** A later child, and the last one. */
  branch: string;
  last: string;
  /** Passing by the children still to come. */
  vertical: string;
}

export const ASCII: Symbols = { single: '---', first: '-+-', branch: ' |-', last: ' `-', vertical: ' | ' };
export const UTF8: Symbols = { single: '───', first: '─┬─', branch: ' ├─', last: ' └─', vertical: ' │ ' };

export interface DrawOptions {
  symbols: Symbols;
  showPids: boolean;
  /** Merge identical sibling subtrees. */
  compact: boolean;
  /** -a: one process per line with its arguments. */
  args: boolean;
}

/** Children in pstree's order: by name, or by pid (-n); processes before threads of the same name. */
export function sortChildren(nodes: TreeNode[], numeric: boolean): void {
  nodes.sort((a, b) => {
    if (numeric) return a.pid - b.pid;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return Number(a.thread) - Number(b.thread) || a.pid - b.pid;
  });
  for (const n of nodes) sortChildren(n.children, numeric);
}

function label(n: TreeNode, o: DrawOptions): string {
  const name = n.thread ? `{${n.name}}` : n.name;
  if (o.args) {
    const head = o.showPids ? `${name},${n.pid}` : name;
    if (n.noCmdline && !n.thread) return `(${head})`;
    return n.args.length ? `${head} ${n.args.join(' ')}` : head;
  }
  return o.showPids ? `${name}(${n.pid})` : name;
}

/** Same name, same kind, and the same children in the same order (pids do not matter). */
function sameTree(a: TreeNode, b: TreeNode): boolean {
  return (
    a.name === b.name &&
    a.thread === b.thread &&
    a.children.length === b.children.length &&
    a.children.every((c, i) => sameTree(c, b.children[i]!))
  );
}

/** The children to draw: with compaction each distinct subtree once, with how many it stands for. */
function groups(children: TreeNode[], compact: boolean): [TreeNode, number][] {
  if (!compact) return children.map((c) => [c, 1]);
  const out: [TreeNode, number][] = [];
  for (const c of children) {
    const g = out.find(([n]) => sameTree(n, c));
    if (g) g[1]++;
    else out.push([c, 1]);
  }
  return out;
}

/** The compact drawing of a subtree, one string per line, the first line starting with its label. */
function drawCompact(n: TreeNode, o: DrawOptions): string[] {
  const me = label(n, o);
  const kids = groups(n.children, o.compact);
  if (kids.length === 0) return [me];
  const s = o.symbols;
  const pad = ' '.repeat(me.length);
  const lines: string[] = [];
  kids.forEach(([child, count], i) => {
    let sub = drawCompact(child, o);
    if (count > 1) {
      sub = sub.map((l, k) => (k === 0 ? `${count}*[${l}` : ' '.repeat(String(count).length + 2) + l));
      sub[sub.length - 1] += ']';
    }
    const lastKid = i === kids.length - 1;
    const connector = i === 0 ? (kids.length === 1 ? s.single : s.first) : lastKid ? s.last : s.branch;
    const below = lastKid ? '   ' : s.vertical;
    sub.forEach((l, k) => {
      if (k === 0) lines.push((i === 0 ? me : pad) + connector + l);
      else lines.push(pad + below + l);
    });
  });
  return lines;
}

/** The -a drawing: each process on its own line, children indented by two more than the connector. */
function drawArgs(n: TreeNode, o: DrawOptions, indent: string, connector: string, out: string[]): void {
  out.push(indent + connector + label(n, o));
  const s = o.symbols;
  const childIndent = connector === '' ? indent : indent + (connector === s.last.slice(1) ? '  ' : s.vertical.slice(1));
  n.children.forEach((c, i) => {
    drawArgs(c, o, childIndent + '  ', i === n.children.length - 1 ? s.last.slice(1) : s.branch.slice(1), out);
  });
}

/** The lines that draw the tree under `root`. */
export function drawTree(root: TreeNode, o: DrawOptions): string[] {
  if (!o.args) return drawCompact(root, o);
  const out: string[] = [];
  drawArgs(root, o, '', '', out);
  return out;
}

/** Cut a line to the output width, marking the cut with '+' (unless -l). */
export function truncateLine(line: string, width: number): string {
  return line.length > width ? line.slice(0, width - 1) + '+' : line;
}
