// Column output in the manner of libsmartcols: every cell of a column padded to the column's
// width, one space between columns, headings on the first line. A left-aligned last column is not
// padded (so lines do not end in blanks); a right-aligned one is, as its digits must line up.

export interface Column {
  name: string;
  right?: boolean;
  /** The width hint: the column is at least this wide (libsmartcols' whint, when ≥ 1). */
  min?: number;
}

/** The table as text, one "\n"-terminated line per row (and the heading unless `noHeadings`). */
export function formatTable(columns: readonly Column[], rows: readonly string[][], noHeadings = false): string {
  const all = noHeadings ? rows : [columns.map((c) => c.name), ...rows];
  const widths = columns.map((c, i) => Math.max(c.min ?? 0, [...c.name].length, ...all.map((r) => [...(r[i] ?? '')].length)));
  let out = '';
  for (const r of all) {
    const cells = columns.map((c, i) => {
      const cell = r[i] ?? '';
      const pad = ' '.repeat(widths[i]! - [...cell].length);
      if (c.right) return pad + cell;
      return i === columns.length - 1 ? cell : cell + pad;
    });
    out += cells.join(' ') + '\n';
  }
  return out;
}
