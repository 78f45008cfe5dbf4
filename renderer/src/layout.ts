// The window's arrangement, which the user can change: which panes sit in the right column's two
// tab groups (any pane can be moved to the other group, by dragging its tab or with Alt+↑/↓ on
// it, and reordered within its group, by dragging or with Alt+←/→), and whether the terminal and trace column is on the left
// or the right. The arrangement is remembered; a stored one that does not list every pane exactly
// once (an older version, a hand edit) is ignored.

export type PaneId = 'processes' | 'graph' | 'devices' | 'files' | 'process' | 'call' | 'summary' | 'labs';

export interface PaneInfo {
  label: string;
  /** data-testid of its tab. */
  testid: string;
}

export const PANES: Record<PaneId, PaneInfo> = {
  processes: { label: 'Processes', testid: 'view-tab-processes' },
  graph: { label: 'Graph', testid: 'view-tab-graph' },
  devices: { label: 'Devices', testid: 'view-tab-devices' },
  files: { label: 'Files', testid: 'view-tab-files' },
  process: { label: 'Process', testid: 'tab-process' },
  call: { label: 'Call', testid: 'tab-call' },
  summary: { label: 'Summary', testid: 'tab-summary' },
  labs: { label: 'Labs', testid: 'tab-labs' },
};

const ALL = Object.keys(PANES) as PaneId[];

export interface Layout {
  /** The right column's upper and lower tab groups, each in tab order. */
  groups: [PaneId[], PaneId[]];
  /** The terminal and trace column on the right instead of the left. */
  swapColumns: boolean;
}

export function defaultLayout(): Layout {
  return { groups: [['processes', 'graph', 'devices', 'files'], ['process', 'call', 'summary', 'labs']], swapColumns: false };
}

export function groupOf(layout: Layout, id: PaneId): 0 | 1 {
  return layout.groups[0].includes(id) ? 0 : 1;
}

/**
 * Move a pane to `group` at `index` (the end if omitted). The last pane of a group stays: a group
 * with no tab would leave an empty pane with nothing to drop on.
 */
export function movePane(layout: Layout, id: PaneId, group: 0 | 1, index?: number): Layout {
  const from = groupOf(layout, id);
  if (from !== group && layout.groups[from].length === 1) return layout;
  const groups: [PaneId[], PaneId[]] = [layout.groups[0].filter((p) => p !== id), layout.groups[1].filter((p) => p !== id)];
  const target = groups[group];
  const at = index === undefined ? target.length : Math.max(0, Math.min(index, target.length));
  target.splice(at, 0, id);
  return { ...layout, groups };
}

/** A stored layout, or null if it is not a valid one. */
export function parseLayout(text: string | null): Layout | null {
  if (!text) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { groups, swapColumns } = v as { groups?: unknown; swapColumns?: unknown };
  if (!Array.isArray(groups) || groups.length !== 2 || typeof swapColumns !== 'boolean') return null;
  if (!groups.every((g) => Array.isArray(g) && g.length > 0 && g.every((p) => (ALL as unknown[]).includes(p)))) return null;
  const flat = (groups as PaneId[][]).flat();
  if (flat.length !== ALL.length || new Set(flat).size !== ALL.length) return null;
  return { groups: [[...groups[0]], [...groups[1]]] as [PaneId[], PaneId[]], swapColumns };
}

const KEY = 'ringside.layout';

export function loadLayout(): Layout {
  try {
    return parseLayout(localStorage.getItem(KEY)) ?? defaultLayout();
  } catch {
    return defaultLayout();
  }
}

export function saveLayout(layout: Layout): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(layout));
  } catch {
    // not remembered, still applied
  }
}
