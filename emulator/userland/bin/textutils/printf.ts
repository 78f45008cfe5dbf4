// printf (GNU coreutils /usr/bin/printf): FORMAT with backslash escapes and % directives, reused
// while ARGUMENTS remain. %b expands escapes in its argument, %q shell-quotes it. Numeric arguments
// may be C constants (0x10, 010) or 'c (the character's code); a bad one is reported, counts as
// what was converted, and makes the status 1. Works on bytes, as in the C locale.

import type { Sys } from '../../runtime/context';
import { format, type FormatArg } from '../../libc/format';
import { fflush, stdout } from '../../libc/stdio';
import { argBin, out, warn } from './io';

/** One escape at s[i] (s[i] is the backslash): [bytes, characters consumed]; inB selects %b's rules. */
function escape(s: string, i: number, inB: boolean): [string, number] | 'stop' {
  const n = s[i + 1];
  if (n === undefined) return ['\\', 1];
  const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (!inB) simple['"'] = '"';
  if (n in simple) return [simple[n]!, 2];
  if (n === 'c') return 'stop';
  if (/[0-7]/.test(n)) {
    // In FORMAT: \NNN (1-3 digits). In %b: \0NNN (up to 3 after the 0), or \NNN.
    const start = inB && n === '0' ? i + 2 : i + 1;
    const m = /^[0-7]{0,3}/.exec(s.slice(start, start + 3))![0];
    return [String.fromCharCode(parseInt(m || '0', 8) & 0xff), start - i + m.length];
  }
  if (n === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2));
    if (m) return [String.fromCharCode(parseInt(m[0], 16)), 2 + m[0].length];
  }
  if (n === 'u' || n === 'U') {
    const len = n === 'u' ? 4 : 8;
    const m = new RegExp(`^[0-9a-fA-F]{${len}}`).exec(s.slice(i + 2));
    if (m) return [argBin(String.fromCodePoint(parseInt(m[0], 16))), 2 + len];
  }
  return ['\\' + n, 2];
}

/** Shell quoting like GNU's %q. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  if (s.includes("'") && !/[\\"$`\x00-\x1f\x7f]/.test(s)) return `"${s}"`;
  if (/[\x00-\x1f\x7f]/.test(s)) {
    return s
      .split(/([\x00-\x1f\x7f]+)/)
      .filter((p) => p !== '')
      .map((p) => (/^[\x00-\x1f\x7f]/.test(p) ? "$'" + [...p].map((c) => ({ '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x1b': '\\E' } as Record<string, string>)[c] ?? '\\' + c.charCodeAt(0).toString(8).padStart(3, '0')).join('') + "'" : "'" + p.replace(/'/g, "'\\''") + "'"))
      .join('');
  }
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

export function* printf(argv: string[]): Sys<number> {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (!args.length) {
    yield* warn(`printf: missing operand\nTry 'printf --help' for more information.`);
    return 1;
  }
  const fmt = argBin(args[0]!);
  const vals = args.slice(1).map(argBin);
  let ai = 0;
  let status = 0;
  let result = '';
  let stopped = false;
  // Output and diagnostics in the order they happen (GNU flushes stdout before each error).
  const events: [boolean, string][] = [];
  const warnings = { push: (msg: string) => { events.push([false, result], [true, msg]); result = ''; } };

  const numeric = (v: string | undefined, float: boolean): FormatArg => {
    if (v === undefined || v === '') return 0;
    if (/^['"]/.test(v)) return v.length > 1 ? v.charCodeAt(1) : 0;
    const t = v.replace(/^\s+/, '');
    const m = float ? /^[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|inf(?:inity)?|nan)/i.exec(t) : /^[-+]?(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(t);
    let value: FormatArg = 0;
    if (m) {
      if (float) value = parseFloat(m[0].replace(/^([-+]?)inf(inity)?$/i, '$1Infinity'));
      else {
        const neg = m[0].startsWith('-');
        const body = m[0].replace(/^[-+]/, '');
        const big = body.startsWith('0x') || body.startsWith('0X') ? BigInt(body) : body.length > 1 && body.startsWith('0') ? BigInt('0o' + body.slice(1)) : BigInt(body);
        value = neg ? -big : big;
      }
    }
    if (!m || m[0] === '' || t === '') {
      warnings.push(`printf: ‘${v}’: expected a numeric value`);
      status = 1;
    } else if (m[0].length !== t.length) {
      warnings.push(`printf: ‘${v}’: value not completely converted`);
      status = 1;
    }
    return value;
  };

  function pass(): 'stop' | 'error' | void {
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i]!;
      if (c === '\\') {
        const e = escape(fmt, i, false);
        if (e === 'stop') return 'stop';
        result += e[0];
        i += e[1] - 1;
        continue;
      }
      if (c !== '%') {
        result += c;
        continue;
      }
      if (fmt[i + 1] === '%') {
        result += '%';
        i++;
        continue;
      }
      const m = /^([-+ #0']*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|L|j|z|t)?(.?)/.exec(fmt.slice(i + 1))!;
      const conv = m[5]!;
      if (!/[diouxXeEfFgGaAcsbq]/.test(conv) || conv === '') {
        warnings.push(`printf: ${fmt.slice(i, i + 1 + m[0].length)}: invalid conversion specification`);
        return 'error';
      }
      i += m[0].length;
      const fargs: FormatArg[] = [];
      let spec = '%' + m[1]!.replace(/'/g, '');
      if (m[2] === '*') {
        fargs.push(Number(numeric(vals[ai++], false)));
        spec += '*';
      } else if (m[2]) spec += m[2];
      if (m[3] !== undefined) {
        if (m[3] === '*') {
          fargs.push(Number(numeric(vals[ai++], false)));
          spec += '.*';
        } else spec += '.' + m[3];
      }
      const v = vals[ai++];
      if (conv === 'b' || conv === 'q') {
        let text = '';
        if (conv === 'q') text = shellQuote(v ?? '');
        else {
          const s = v ?? '';
          for (let j = 0; j < s.length; j++) {
            if (s[j] !== '\\') {
              text += s[j];
              continue;
            }
            const e = escape(s, j, true);
            if (e === 'stop') {
              result += format(spec + 's', [...fargs, text]);
              return 'stop';
            }
            text += e[0];
            j += e[1] - 1;
          }
        }
        result += format(spec + 's', [...fargs, text]);
      } else if (conv === 's') result += format(spec + 's', [...fargs, v ?? '']);
      else if (conv === 'c') result += format(spec + 's', [...fargs, (v ?? '').slice(0, 1)]);
      else if (/[diouxX]/.test(conv)) result += format(spec + conv, [...fargs, numeric(v, false)]);
      else result += format(spec + conv, [...fargs, Number(numeric(v, true))]);
    }
  }

  function* flush(): Sys<void> {
    events.push([false, result]);
    for (const [isErr, text] of events) {
      if (isErr) {
        yield* out('');
        yield* fflush(stdout());
        yield* warn(text);
      } else if (text) yield* out(text);
    }
  }

  for (;;) {
    const before = ai;
    const r = pass();
    if (r === 'error') {
      yield* flush();
      return 1;
    }
    if (r === 'stop') stopped = true;
    if (!stopped && before === 0 && ai === 0 && vals.length) warnings.push(`printf: warning: ignoring excess arguments, starting with ‘${vals[0]}’`);
    if (stopped || ai >= vals.length || ai === before) break;
  }
  yield* flush();
  return status;
}
