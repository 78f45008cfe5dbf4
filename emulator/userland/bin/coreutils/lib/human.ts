// ls -h sizes: powers of 1024 with a one-letter suffix, rounded up (never understating a size),
// one decimal below 10 — "999", "1.0K", "1.5K", "10K", "4.7G", as GNU's human_readable prints them.

const UNITS = 'KMGTPEZY';

export function humanSize(n: number): string {
  if (n < 1024) return String(n);
  let k = 1;
  for (;;) {
    const div = 1024 ** k;
    const last = k === UNITS.length;
    const tenths = Math.ceil((n * 10) / div);
    if (tenths < 100) return `${Math.floor(tenths / 10)}.${tenths % 10}${UNITS[k - 1]}`;
    const whole = Math.ceil(n / div);
    // Rounding up may reach the next unit: 1048575 bytes is "1.0M", not "1024K".
    if (whole < 1024 || last) return `${whole}${UNITS[k - 1]}`;
    k++;
  }
}
