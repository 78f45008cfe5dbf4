// seq (GNU coreutils): print numbers from FIRST to LAST by INCREMENT.
//   seq [-s SEP] [-w] LAST | FIRST LAST | FIRST INCREMENT LAST

import type { Sys } from '../../runtime/context';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';

function* fail(msg: string): Sys<number> {
  yield* fputs(`seq: ${msg}\nTry 'seq --help' for more information.\n`, stderr());
  return 1;
}

export function* seq(argv: string[]): Sys<number> {
  let sep = '\n';
  let equalWidth = false;
  const nums: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-s') sep = argv[++i] ?? '\n';
    else if (a.startsWith('-s')) sep = a.slice(2);
    else if (a === '-w') equalWidth = true;
    else if (a === '--') {
      nums.push(...argv.slice(i + 1));
      break;
    } else nums.push(a);
  }
  if (nums.length === 0) return yield* fail('missing operand');
  if (nums.length > 3) return yield* fail(`extra operand ‘${nums[3]}’`);
  for (const n of nums) if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(n)) return yield* fail(`invalid floating point argument: ‘${n}’`);
  const [first, incr, last] = nums.length === 1 ? ['1', '1', nums[0]!] : nums.length === 2 ? [nums[0]!, '1', nums[1]!] : (nums as [string, string, string]);
  const decimals = Math.max(...[first, incr].map((s) => (s.includes('.') ? s.split('.')[1]!.length : 0)));
  const f = Number(first);
  const step = Number(incr);
  const l = Number(last);
  if (step === 0) return yield* fail(`invalid Zero increment value: ‘${incr}’`);
  const fmt = (v: number) => v.toFixed(decimals);
  const width = equalWidth ? Math.max(fmt(f).length, fmt(l).length) : 0;
  const out = stdout();
  let count = 0;
  let chunk = '';
  for (let v = f; step > 0 ? v <= l + 1e-9 : v >= l - 1e-9; v = f + ++count * step) {
    const s = fmt(v);
    chunk += (count ? sep : '') + (width ? (v < 0 ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0')) : s);
    if (chunk.length >= 4096) {
      yield* fwrite(out, chunk);
      chunk = '';
    }
  }
  if (count) chunk += '\n';
  yield* fwrite(out, chunk);
  return 0;
}
