// The process table, kept up to date from the host's diffs, and the tree the process view draws.
// A task that forked, exec'd or exited in the last moments is marked so the view can flash it.

import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ProcessesEvent, ProcessInfo } from '../../../emulator/api/introspection';
import { useMachineStore } from './machine';

export type Highlight = 'fork' | 'exec' | 'exit';

/** One line of the tree: the task and how deep it sits. */
export interface TreeRow {
  proc: ProcessInfo;
  depth: number;
  /** Whether it is the last child of its parent (for the ├─ / └─ connectors). */
  last: boolean;
  /** For each ancestor level, whether a vertical line continues there. */
  guides: boolean[];
}

/** How long a highlight lasts, ms. */
export const HIGHLIGHT_MS = 1500;

export const useProcessesStore = defineStore('processes', () => {
  const byPid = shallowRef<ReadonlyMap<number, ProcessInfo>>(new Map());
  const selectedPid = ref<number | null>(null);
  const highlights = shallowRef<ReadonlyMap<number, Highlight>>(new Map());
  let boot = -1;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  function apply(e: ProcessesEvent): void {
    const fresh = e.boot !== boot;
    if (fresh) {
      boot = e.boot;
      selectedPid.value = null;
    }
    const next = new Map(fresh || e.full ? [] : byPid.value);
    const marks = new Map(highlights.value);
    for (const p of e.upsert) {
      const old = byPid.value.get(p.pid);
      if (!fresh) {
        if (!old) mark(marks, p.pid, 'fork');
        else if (p.state === 'Z' && old.state !== 'Z') mark(marks, p.pid, 'exit');
        else if (old.exe !== p.exe || old.cmdline.join('\0') !== p.cmdline.join('\0')) mark(marks, p.pid, 'exec');
      }
      next.set(p.pid, p);
    }
    for (const pid of e.removed) next.delete(pid);
    byPid.value = next;
    highlights.value = marks;
    if (selectedPid.value !== null && !next.has(selectedPid.value)) selectedPid.value = null;
  }

  function mark(marks: Map<number, Highlight>, pid: number, h: Highlight): void {
    marks.set(pid, h);
    clearTimeout(timers.get(pid));
    timers.set(
      pid,
      setTimeout(() => {
        timers.delete(pid);
        const m = new Map(highlights.value);
        m.delete(pid);
        highlights.value = m;
      }, HIGHLIGHT_MS),
    );
  }

  /** The tree, depth first, children by pid. A thread hangs under its thread group's leader. */
  const tree = computed<TreeRow[]>(() => {
    const procs = byPid.value;
    const children = new Map<number, ProcessInfo[]>();
    const roots: ProcessInfo[] = [];
    for (const p of procs.values()) {
      const parent = p.pid !== p.tgid ? p.tgid : p.ppid;
      if (parent !== 0 && procs.has(parent) && parent !== p.pid) {
        let list = children.get(parent);
        if (!list) children.set(parent, (list = []));
        list.push(p);
      } else roots.push(p);
    }
    const rows: TreeRow[] = [];
    const walk = (p: ProcessInfo, depth: number, last: boolean, guides: boolean[]) => {
      rows.push({ proc: p, depth, last, guides });
      const kids = (children.get(p.pid) ?? []).sort((a, b) => a.pid - b.pid);
      kids.forEach((k, i) => walk(k, depth + 1, i === kids.length - 1, depth === 0 ? [] : [...guides, !last]));
    };
    roots.sort((a, b) => a.pid - b.pid).forEach((r, i) => walk(r, 0, i === roots.length - 1, []));
    return rows;
  });

  const selected = computed(() => (selectedPid.value === null ? null : (byPid.value.get(selectedPid.value) ?? null)));

  function select(pid: number | null): void {
    selectedPid.value = pid;
  }

  /**
   * Subscribes to the machine's process diffs. On a boot this store has not seen (the first
   * status, a reset, or a reloaded page joining a running machine) it asks for the whole table,
   * since diffs only make sense on top of it.
   */
  function attach(): () => void {
    const machine = useMachineStore();
    let askedFor = -1;
    return machine.onHostEvent((e) => {
      if (sessionMode) return; // showing a saved session (loadSession)
      if (e.type === 'processes') apply(e);
      else if (e.type === 'status' && e.boot !== boot && e.boot !== askedFor && e.boot > 0) {
        askedFor = e.boot;
        machine.send({ type: 'processes-refresh' });
      }
    });
  }

  // ---- a saved session (stores/session.ts) -------------------------------------------------------

  let sessionMode = false;

  /** Shows a session's process table instead of the live one, until leaveSession. */
  function loadSession(procs: readonly ProcessInfo[], sessionBoot: number): void {
    sessionMode = true;
    apply({ type: 'processes', protocol: 2, boot: sessionBoot, full: true, upsert: [...procs], removed: [] });
  }

  /** Back to the live machine: asks for its whole table again. */
  function leaveSession(): void {
    if (!sessionMode) return;
    sessionMode = false;
    boot = -1;
    byPid.value = new Map();
    selectedPid.value = null;
    useMachineStore().send({ type: 'processes-refresh' });
  }

  return { loadSession, leaveSession, byPid, selectedPid, selected, highlights, tree, apply, select, attach };
});
