// -c and -C: count each syscall's calls, errors and time, and print strace 6.1's table:
//
//   % time     seconds  usecs/call     calls    errors syscall
//   ------ ----------- ----------- --------- --------- ----------------
//    61.54    0.693489      173372         4         2 wait4
//   ------ ----------- ----------- --------- --------- ----------------
//   100.00    1.126834        8943       126        18 total
//
// Columns are `%6.2f %11.6f %11u %9u %9s %s`; an error count of 0 is left blank (also in the total
// line); the name column's dashes are as wide as the longest name plus one, at least 16.

import { syscallDisplayName } from '../../../uapi/syscall_signatures';
import type { SortBy } from './options';
import { secondsText } from './prefix';

interface Row {
  nr: number;
  calls: number;
  errors: number;
  /** Time in the call, in ns. */
  time: bigint;
}

export class Summary {
  private readonly rows = new Map<number, Row>();

  /** One returned call; calls that never return (exit_group) are not counted, as in strace. */
  add(nr: number, failed: boolean, time: bigint): void {
    let r = this.rows.get(nr);
    if (!r) this.rows.set(nr, (r = { nr, calls: 0, errors: 0, time: 0n }));
    r.calls++;
    if (failed) r.errors++;
    r.time += time;
  }

  get empty(): boolean {
    return this.rows.size === 0;
  }

  /** The table, or '' when nothing was counted (strace prints nothing then). */
  format(sortBy: SortBy): string {
    if (this.rows.size === 0) return '';
    // Rows start in syscall-number order; the sort is stable, so ties keep it.
    const rows = [...this.rows.values()].sort((a, b) => a.nr - b.nr);
    const name = (r: Row) => syscallDisplayName(r.nr);
    const order: Record<SortBy, (a: Row, b: Row) => number> = {
      time: (a, b) => (a.time === b.time ? 0 : a.time < b.time ? 1 : -1),
      calls: (a, b) => b.calls - a.calls,
      errors: (a, b) => b.errors - a.errors,
      name: (a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0),
      nothing: () => 0,
    };
    rows.sort(order[sortBy]);

    const total: Row = { nr: -1, calls: 0, errors: 0, time: 0n };
    for (const r of rows) {
      total.calls += r.calls;
      total.errors += r.errors;
      total.time += r.time;
    }
    const width = Math.max(16, ...rows.map((r) => name(r).length + 1));
    const dashes = `------ ----------- ----------- --------- --------- ${'-'.repeat(width)}\n`;
    const line = (r: Row, percent: number, label: string) =>
      [
        percent.toFixed(2).padStart(6),
        secondsText(r.time).padStart(11),
        String(r.calls ? r.time / BigInt(r.calls) / 1000n : 0n).padStart(11),
        String(r.calls).padStart(9),
        (r.errors ? String(r.errors) : '').padStart(9),
        label,
      ].join(' ') + '\n';
    const share = (r: Row) => (total.time === 0n ? 0 : (Number(r.time) * 100) / Number(total.time));
    return (
      '% time     seconds  usecs/call     calls    errors syscall\n' +
      dashes +
      rows.map((r) => line(r, share(r), name(r))).join('') +
      dashes +
      line(total, 100, 'total')
    );
  }
}
