// ss's output columns (iproute2 6.1 misc/ss.c: columns[], field_flush, render_calc_width, render).
//
// ss does not print as it goes: every field of every line is buffered, the widest content of each
// column is measured, and only then is everything printed. Columns are
//
//   Netid State Recv-Q Send-Q "Local Address:" Port "Peer Address:" Port Process (ext) (proc)
//
// the two address columns right-aligned, the rest left-aligned, each after its left delimiter (a
// space, none before a Port or the Process column). Written to a pipe or file the widths are the
// measured ones; on a terminal the spare screen width is spread evenly over the columns of a line
// (and columns that do not fit wrap onto further lines, aligned).

export const COL_NETID = 0, COL_STATE = 1, COL_RECVQ = 2, COL_SENDQ = 3, COL_ADDR = 4, COL_SERV = 5, COL_RADDR = 6,
  COL_RSERV = 7, COL_EXT = 8, COL_PROC = 9, COL_MAX = 10;

const ALIGN_LEFT = 0, ALIGN_RIGHT = 2;

interface Column {
  align: number;
  header: string;
  ldelim: string;
  disabled: boolean;
  width: number;
  maxLen: number;
}

export class SsTable {
  readonly columns: Column[] = [
    { align: ALIGN_LEFT, header: 'Netid', ldelim: '' },
    { align: ALIGN_LEFT, header: 'State', ldelim: ' ' },
    { align: ALIGN_LEFT, header: 'Recv-Q', ldelim: ' ' },
    { align: ALIGN_LEFT, header: 'Send-Q', ldelim: ' ' },
    { align: ALIGN_RIGHT, header: 'Local Address:', ldelim: ' ' },
    { align: ALIGN_LEFT, header: 'Port', ldelim: '' },
    { align: ALIGN_RIGHT, header: 'Peer Address:', ldelim: ' ' },
    { align: ALIGN_LEFT, header: 'Port', ldelim: '' },
    { align: ALIGN_LEFT, header: 'Process', ldelim: '' },
    { align: ALIGN_LEFT, header: '', ldelim: '' },
  ].map((c) => ({ ...c, disabled: false, width: 0, maxLen: 0 }));

  /** Buffered lines: one string per column (disabled columns stay empty and are skipped). */
  private readonly rows: string[][] = [];

  disable(col: number): void {
    this.columns[col]!.disabled = true;
  }

  /** print_header: every column's title but the last. */
  header(): void {
    this.row(this.columns.map((c, i) => (i === COL_MAX - 1 ? '' : c.header)));
  }

  /** One socket's line; fields past the end are empty. */
  row(fields: string[]): void {
    const r: string[] = [];
    for (let i = 0; i < COL_MAX; i++) {
      const c = this.columns[i]!;
      const s = c.disabled ? '' : fields[i] ?? '';
      if (s.length > c.maxLen) c.maxLen = s.length;
      r.push(s);
    }
    this.rows.push(r);
  }

  /** render_calc_width: `screenWidth` is the terminal's columns, or -1 when not writing to one. */
  private calcWidth(screenWidth: number): void {
    const compact = screenWidth === -1;
    const screen = compact ? Number.MAX_SAFE_INTEGER : screenWidth;
    const cols = this.columns;
    let first = true;
    for (const c of cols) {
      if (c.disabled) continue;
      c.width = !first && c.maxLen ? c.maxLen + c.ldelim.length : c.maxLen;
      c.width = Math.min(c.width, screen);
      if (c.width) first = false;
    }
    if (compact) return;
    let len = 0, linecols = 0, eol = -1;
    for (let i = 0; i < COL_MAX; i++) {
      const c = cols[i]!;
      if (!c.width) continue;
      linecols++;
      len += c.width;
      let last = true;
      for (let j = i + 1; j < COL_MAX; j++) {
        if (cols[j]!.width) {
          last = false;
          break;
        }
      }
      if (!last && len < screen) continue;
      if (len !== screen) {
        if (len > screen) {
          // Screen width exceeded: this column starts the next line.
          len -= c.width;
          i--;
          linecols--;
        }
        const pad = screen - len;
        const spacing = Math.floor(pad / linecols);
        let rem = pad % linecols;
        for (let k = i; k > eol; k--) {
          const t = cols[k]!;
          if (!t.width) continue;
          t.width += spacing;
          if (rem) {
            t.width++;
            rem--;
          }
        }
      }
      eol = i;
      len = 0;
      linecols = 0;
    }
  }

  /** render: the buffered lines with their spacing and delimiters. */
  render(screenWidth: number): string {
    this.calcWidth(screenWidth);
    let out = '';
    for (const r of this.rows) {
      let started = false;
      for (let i = 0; i < COL_MAX; i++) {
        const f = this.columns[i]!;
        if (f.disabled) continue;
        const token = r[i]!;
        let printed = 0;
        if (started) {
          out += f.ldelim;
          printed = f.ldelim.length;
        }
        started = true;
        if (f.width && f.align !== ALIGN_LEFT) {
          const s = f.width - token.length - printed;
          if (s > 0) {
            out += ' '.repeat(s);
            printed += s;
          }
        }
        out += token;
        printed += token.length;
        if (f.width && f.align !== ALIGN_RIGHT) {
          const s = f.width - printed;
          if (s > 0) out += ' '.repeat(s);
        }
      }
      out += '\n';
    }
    this.rows.length = 0;
    return out;
  }
}
