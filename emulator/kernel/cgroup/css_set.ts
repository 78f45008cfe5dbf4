// Which cgroup each process is in (kernel/cgroup/cgroup.c: css_set, cgroup_fork, cgroup_attach).
//
// cgroup v2 has one hierarchy: a tree of cgroups whose root contains every process at boot. A
// process is in exactly one cgroup; fork puts the child where its parent is, and writing a pid
// to a cgroup's cgroup.procs moves the whole process there. Linux links a task to a css_set (its
// set of controller states); without controllers, the cgroup itself is all there is to know.

import type { Kernel } from '../kernel';
import type { Task, ThreadGroup } from '../sched/task';

/** struct cgroup: a directory of the hierarchy. */
export class Cgroup {
  readonly children = new Map<string, Cgroup>();
  /** cgroup.max.depth and cgroup.max.descendants (Infinity: "max"). */
  maxDepth = Infinity;
  maxDescendants = Infinity;
  /** Set once rmdir removed it (a process cannot be moved into it any more). */
  dead = false;

  constructor(
    readonly name: string,
    readonly parent: Cgroup | null,
  ) {}

  get level(): number {
    return this.parent ? this.parent.level + 1 : 0;
  }

  /** Live cgroups below this one, at any depth (nr_descendants). */
  get nrDescendants(): number {
    let n = 0;
    for (const c of this.children.values()) n += 1 + c.nrDescendants;
    return n;
  }
}

/** One machine's hierarchy and memberships. */
interface CgroupState {
  root: Cgroup;
  of: WeakMap<ThreadGroup, Cgroup>;
}

const states = new WeakMap<Kernel, CgroupState>();

export function cgroup_state(kernel: Kernel): CgroupState {
  let s = states.get(kernel);
  if (!s) {
    s = { root: new Cgroup('', null), of: new WeakMap() };
    states.set(kernel, s);
  }
  return s;
}

/** The cgroup a process is in (the root until it is moved). */
export function task_cgroup(t: Task): Cgroup {
  const s = cgroup_state(t.kernel);
  return s.of.get(t.group) ?? s.root;
}

/** cgroup_fork: a new process starts in its parent's cgroup. */
export function cgroup_fork(kernel: Kernel, parent: ThreadGroup, child: ThreadGroup): void {
  const s = cgroup_state(kernel);
  const cg = s.of.get(parent);
  if (cg) s.of.set(child, cg);
}

/** cgroup_attach_task for a whole process. */
export function cgroup_attach(kernel: Kernel, group: ThreadGroup, cg: Cgroup): void {
  cgroup_state(kernel).of.set(group, cg);
}

/** The cgroup's path from the root ("/", "/a/b"), as /proc/<pid>/cgroup shows it. */
export function cgroup_path(cg: Cgroup): string {
  const parts: string[] = [];
  for (let c: Cgroup | null = cg; c && c.parent; c = c.parent) parts.push(c.name);
  return '/' + parts.reverse().join('/');
}

/** The live processes in `cg` (not in its descendants), by pid; zombies have left. */
export function cgroup_procs(kernel: Kernel, cg: Cgroup): Task[] {
  const out: Task[] = [];
  for (const t of kernel.tasks.values()) if (t.isLeader && !t.isZombie && task_cgroup(t) === cg) out.push(t);
  return out.sort((a, b) => a.tgid - b.tgid);
}

/** Does `cg` or any cgroup below it have a live process (cgroup.events "populated")? */
export function cgroup_populated(kernel: Kernel, cg: Cgroup): boolean {
  for (const t of kernel.tasks.values()) {
    if (t.isZombie) continue;
    for (let c: Cgroup | null = task_cgroup(t); c; c = c.parent) if (c === cg) return true;
  }
  return false;
}
