// ls's multi-column layout (-C, the default on a terminal): the most columns that fit the line,
// filled top to bottom, each column as wide as its longest name plus two spaces of gap; the gap
// is made of tabs where a tab stop (every 8 columns) lands inside it, as GNU ls does.

const MIN_COLUMN_WIDTH = 3;
const TAB = 8;

/** Display width, counting each code point as one column (no wide-character table). */
const width = (s: string) => [...s].length;

export function columns(names: readonly string[], lineWidth: number): string {
  const n = names.length;
  if (n === 0) return '';
  const maxCols = Math.min(n, Math.max(1, Math.floor(lineWidth / MIN_COLUMN_WIDTH)));
  let best = { rows: n, widths: [0] };
  for (let cols = 1; cols <= maxCols; cols++) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(MIN_COLUMN_WIDTH);
    names.forEach((name, i) => {
      const c = Math.floor(i / rows);
      widths[c] = Math.max(widths[c]!, width(name) + (c === cols - 1 ? 0 : 2));
    });
    if (cols === 1 || widths.reduce((a, b) => a + b, 0) < lineWidth) best = { rows, widths };
  }
  let out = '';
  for (let r = 0; r < best.rows; r++) {
    let pos = 0;
    for (let c = 0, i = r; i < n; c++, i += best.rows) {
      const name = names[i]!;
      out += name;
      if (i + best.rows >= n) break;
      const end = pos + best.widths[c]!;
      out += gap(pos + width(name), end);
      pos = end;
    }
    out += '\n';
  }
  return out;
}

/** Blanks from column `from` to column `to`: a tab whenever the next tab stop is not past `to`. */
function gap(from: number, to: number): string {
  let s = '';
  while (from < to) {
    if (Math.floor(to / TAB) > Math.floor((from + 1) / TAB)) {
      s += '\t';
      from += TAB - (from % TAB);
    } else {
      s += ' ';
      from++;
    }
  }
  return s;
}
