// The machine's file trees as the device and file browsers show them. Every listing and every
// file's contents comes from the host's introspection (files-list / files-read / files-stat,
// emulator/api/files.ts): read from outside, so browsing adds nothing to the machine's trace.
//
// Each browser is a tree: roots ("/dev"; "/proc" and "/sys"), the directories the user opened,
// and one selected entry. Listings are cached per path and fetched when a directory is first
// opened; `refresh` fetches again what is open and selected. A new boot (reset) drops them all.

import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref, shallowRef, type ComputedRef, type Ref } from 'vue';
import { joinPath, parentPath, type FileEntry, type FilesCommand, type FilesResultEvent } from '../../../emulator/api/files';
import { useMachineStore } from './machine';

/** A directory listing, once asked for. */
export interface DirState {
  loading: boolean;
  error: string | null;
  entry: FileEntry | null;
  entries: FileEntry[];
  more: boolean;
}

/** One row of a browser's tree. */
export interface FileRow {
  path: string;
  entry: FileEntry | null;
  depth: number;
  /** Can be opened: a directory, or a symlink (it may lead to one). */
  expandable: boolean;
  expanded: boolean;
  /** A listing under way for this row. */
  loading: boolean;
}

/** What a browser shows for its selected entry. */
export interface Selection {
  path: string;
  loading: boolean;
  error: string | null;
  entry: FileEntry | null;
  content: string | null;
  truncated: boolean;
  binary: boolean;
}

export interface FileTree {
  roots: string[];
  expanded: Ref<ReadonlySet<string>>;
  selection: Ref<Selection | null>;
  rows: ComputedRef<FileRow[]>;
  toggle(path: string): void;
  expand(path: string): void;
  collapse(path: string): void;
  select(path: string, entry?: FileEntry | null): void;
  reveal(path: string): void;
  refresh(): void;
  /** Fetch again the open listings only (what the views do every few seconds while live). */
  relist(): void;
}

/** One attribute file of a device's /sys directory and what reading it gave. */
export interface SysAttr {
  name: string;
  value: string | null;
  error: string | null;
}

/** The attribute files of one /sys device directory, read one by one. */
export interface SysAttrs {
  dir: string;
  loading: boolean;
  error: string | null;
  attrs: SysAttr[];
}

/** At most this many attribute files are read for one device (a disk has a couple of dozen). */
export const MAX_SYS_ATTRS = 48;

/** Requests a browser may have outstanding before the oldest answer comes (a guard, not a limit in practice). */
const MAX_PENDING = 256;

export const useFilesStore = defineStore('files', () => {
  const machine = useMachineStore();
  /** Listings by path (shared by both browsers). */
  const dirs = reactive(new Map<string, DirState>());
  /** uid → user name and gid → group name, from the machine's /etc/passwd and /etc/group. */
  const users = shallowRef<ReadonlyMap<number, string>>(new Map());
  const groups = shallowRef<ReadonlyMap<number, string>>(new Map());
  let nextId = 1;
  let boot = -1;
  const pending = new Map<number, (r: FilesResultEvent) => void>();

  function request(command: Omit<FilesCommand, 'id'>, done: (r: FilesResultEvent) => void): void {
    if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
    const id = nextId++;
    pending.set(id, done);
    machine.send({ ...command, id } as FilesCommand);
  }

  function receive(e: FilesResultEvent): void {
    const done = pending.get(e.id);
    if (!done) return;
    pending.delete(e.id);
    if (e.boot !== boot) return;
    done(e);
  }

  /** A new machine: everything known of the old one's files is stale. */
  function newBoot(b: number): void {
    boot = b;
    pending.clear();
    dirs.clear();
    users.value = new Map();
    groups.value = new Map();
    sysAttrs.value = null;
    for (const t of trees) t.reload();
    loadNames();
  }

  /** Who owns what: the machine's own account files, read like everything else. */
  function loadNames(): void {
    const parse = (text: string): Map<number, string> => {
      const m = new Map<number, string>();
      for (const line of text.split('\n')) {
        const f = line.split(':');
        const id = Number(f[2]);
        if (f.length >= 3 && f[0] && Number.isInteger(id) && !m.has(id)) m.set(id, f[0]);
      }
      return m;
    };
    request({ type: 'files-read', path: '/etc/passwd' }, (r) => r.content != null && (users.value = parse(r.content)));
    request({ type: 'files-read', path: '/etc/group' }, (r) => r.content != null && (groups.value = parse(r.content)));
  }

  function list(path: string): void {
    const old = dirs.get(path);
    dirs.set(path, { loading: true, error: null, entry: old?.entry ?? null, entries: old?.entries ?? [], more: false });
    request({ type: 'files-list', path }, (r) => {
      dirs.set(path, { loading: false, error: r.error, entry: r.entry ?? null, entries: r.entries ?? [], more: r.more ?? false });
    });
  }

  function ensureListed(path: string): void {
    if (!dirs.has(path)) list(path);
  }

  /** "root", or the number when the machine has no name for it. */
  function userName(uid: number): string {
    return users.value.get(uid) ?? String(uid);
  }
  function groupName(gid: number): string {
    return groups.value.get(gid) ?? String(gid);
  }

  const trees: (FileTree & { reload(): void })[] = [];

  /** The attributes of the device selected in the device browser (its /sys directory's files). */
  const sysAttrs = ref<SysAttrs | null>(null);

  /**
   * Read every attribute file directly in `dir` (what `udevadm info -a` prints for one device:
   * dev, size, ro, removable …). Write-only ones come back as errors and are shown as such.
   */
  function loadSysAttrs(dir: string | null): void {
    if (dir === null) {
      sysAttrs.value = null;
      return;
    }
    sysAttrs.value = { dir, loading: true, error: null, attrs: [] };
    request({ type: 'files-list', path: dir }, (r) => {
      if (sysAttrs.value?.dir !== dir) return;
      const names = (r.entries ?? []).filter((e) => e.type === '-').map((e) => e.name).slice(0, MAX_SYS_ATTRS);
      const attrs: SysAttr[] = names.map((name) => ({ name, value: null, error: null }));
      sysAttrs.value = { dir, loading: names.length > 0, error: r.error, attrs };
      let left = names.length;
      names.forEach((name, i) => {
        request({ type: 'files-read', path: joinPath(dir, name) }, (a) => {
          const cur = sysAttrs.value;
          if (cur?.dir !== dir) return;
          const next = [...cur.attrs];
          next[i] = { name, value: a.content ?? null, error: a.error };
          sysAttrs.value = { ...cur, loading: --left > 0, attrs: next };
        });
      });
    });
  }

  function makeTree(roots: string[]): FileTree & { reload(): void } {
    const expanded = ref<ReadonlySet<string>>(new Set(roots));
    const selection = ref<Selection | null>(null);

    const rows = computed<FileRow[]>(() => {
      const out: FileRow[] = [];
      const walk = (path: string, entry: FileEntry | null, depth: number) => {
        const open = expanded.value.has(path);
        const dir = dirs.get(path);
        const expandable = entry === null || entry.type === 'd' || entry.type === 'l';
        out.push({ path, entry: entry ?? dir?.entry ?? null, depth, expandable: expandable && !(dir?.error && entry?.type === 'l'), expanded: open, loading: dir?.loading ?? false });
        if (!open || !dir) return;
        for (const e of dir.entries) walk(joinPath(path, e.name), e, depth + 1);
      };
      for (const r of roots) walk(r, null, 0);
      return out;
    });

    function expand(path: string): void {
      if (expanded.value.has(path)) return;
      expanded.value = new Set([...expanded.value, path]);
      ensureListed(path);
    }

    function collapse(path: string): void {
      if (!expanded.value.has(path)) return;
      const next = new Set(expanded.value);
      next.delete(path);
      expanded.value = next;
    }

    function toggle(path: string): void {
      if (expanded.value.has(path)) collapse(path);
      else expand(path);
    }

    /**
     * Select an entry: a directory, device node, FIFO or socket is described; anything else (or an
     * entry not known yet) is read — the host describes what turns out to be a directory.
     */
    function select(path: string, entry: FileEntry | null = null): void {
      selection.value = { path, loading: true, error: null, entry, content: null, truncated: false, binary: false };
      const describeOnly = entry !== null && 'dcbps'.includes(entry.type);
      request({ type: describeOnly ? 'files-stat' : 'files-read', path }, (r) => {
        if (selection.value?.path !== path) return;
        const found = r.entry ?? entry;
        selection.value = {
          path, loading: false, error: found?.type === 'd' ? null : r.error, entry: found, content: r.content ?? null,
          truncated: r.truncated ?? false, binary: r.binary ?? false,
        };
      });
    }

    /** Open every directory on the way to `path` and select it (e.g. /proc/<pid> for a process). */
    function reveal(path: string): void {
      const root = roots.find((r) => path === r || path.startsWith(r + '/'));
      if (!root) return;
      const chain: string[] = [];
      for (let p = parentPath(path); p.length >= root.length; p = parentPath(p)) {
        chain.unshift(p);
        if (p === root || p === '/') break;
      }
      chain.forEach(expand);
      select(path, null);
    }

    /** Fetch again every open listing and the selected entry. */
    function refresh(): void {
      for (const p of expanded.value) list(p);
      const sel = selection.value;
      if (sel) select(sel.path, sel.entry);
    }

    /** The open listings again; a listing still on its way is not asked for twice. */
    function relist(): void {
      for (const p of expanded.value) if (!dirs.get(p)?.loading) list(p);
    }

    /** After a reset: keep what was open, fetch it from the new machine. */
    function reload(): void {
      for (const p of expanded.value) list(p);
      selection.value = null;
    }

    return { roots, expanded, selection, rows, toggle, expand, collapse, select, reveal, refresh, relist, reload };
  }

  // markRaw: the store must not unwrap the trees' refs (views read `tree.rows.value`).
  const devices = markRaw(makeTree(['/dev']));
  const files = markRaw(makeTree(['/proc', '/sys']));
  trees.push(devices, files);

  machine.onHostEvent((e) => {
    if (e.type === 'files-result') receive(e);
    else if (e.type === 'status' && e.boot !== boot && e.boot > 0) newBoot(e.boot);
  });

  // A browser opened after the machine booted joins it as it is.
  if (machine.boot > 0) newBoot(machine.boot);

  return { dirs, devices, files, users, groups, sysAttrs, userName, groupName, list, loadSysAttrs };
});
