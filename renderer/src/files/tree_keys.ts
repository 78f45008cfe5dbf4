// Keyboard navigation of a file tree, as the WAI-ARIA tree pattern asks: Up/Down move, Right opens
// a closed directory or steps into an open one, Left closes an open one or steps out to the
// parent, Home/End jump, Enter/Space open or close.

import { parentPath } from '../../../emulator/api/files';
import type { FileRow, FileTree } from '../stores/files';

/** Handles `key` for `tree`; returns whether it was a tree key (so the caller prevents its default). */
export function treeKey(tree: FileTree, key: string): boolean {
  const rows: FileRow[] = tree.rows.value;
  if (rows.length === 0) return false;
  const current = tree.selection.value?.path;
  const i = rows.findIndex((r) => r.path === current);
  const row = i >= 0 ? rows[i]! : null;
  const go = (j: number) => {
    const r = rows[Math.max(0, Math.min(rows.length - 1, j))]!;
    tree.select(r.path, r.entry);
  };
  switch (key) {
    case 'ArrowDown':
      go(i + 1);
      return true;
    case 'ArrowUp':
      go(i === -1 ? 0 : i - 1);
      return true;
    case 'Home':
      go(0);
      return true;
    case 'End':
      go(rows.length - 1);
      return true;
    case 'ArrowRight':
      if (!row) go(0);
      else if (row.expandable && !row.expanded) tree.expand(row.path);
      else if (row.expanded && rows[i + 1]?.depth === row.depth + 1) go(i + 1);
      return true;
    case 'ArrowLeft': {
      if (!row) return true;
      if (row.expanded) tree.collapse(row.path);
      else if (row.depth > 0) {
        const parent = parentPath(row.path);
        const j = rows.findIndex((r) => r.path === parent);
        if (j >= 0) go(j);
      }
      return true;
    }
    case 'Enter':
    case ' ':
      if (row?.expandable) tree.toggle(row.path);
      return true;
    default:
      return false;
  }
}

/** The name a row shows: a root its whole path, anything else its last component. */
export function rowName(row: FileRow): string {
  if (row.depth === 0) return row.path;
  return row.path.slice(row.path.lastIndexOf('/') + 1);
}
