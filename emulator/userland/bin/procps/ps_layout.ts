// Putting cells into columns as ps does: one space between columns, numbers right-aligned, text
// left-aligned, and the last column unpadded. A cell wider than its column pushes the rest of the
// line right, and the following columns give back that overflow from their padding, so the line
// comes back into step as soon as it can (procps calls this "correct" overflow).

export interface Layout {
  width: number;
  right: boolean;
  /** Cut to the width unless last (command columns). */
  cmd: boolean;
}

/** One line of output from one cell per column. */
export function layoutRow(cols: readonly Layout[], cells: readonly string[]): string {
  let line = '';
  /** How many characters the line has run past where the columns should have put it. */
  let overflow = 0;
  cols.forEach((col, i) => {
    const last = i === cols.length - 1;
    let text = cells[i] ?? '';
    if (col.cmd && !last) text = text.slice(0, col.width);
    if (i > 0) line += ' ';
    const pad = Math.max(0, col.width - text.length - overflow);
    if (col.right) line += ' '.repeat(pad) + text;
    else line += last ? text : text + ' '.repeat(pad);
    overflow = Math.max(0, overflow + text.length - col.width);
  });
  return line;
}

/** Cut a line to the screen's width (ps truncates, it never wraps). */
export function clip(line: string, cols: number): string {
  return line.length > cols ? line.slice(0, cols) : line;
}
