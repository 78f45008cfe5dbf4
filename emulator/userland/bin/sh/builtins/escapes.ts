// Backslash escapes as dash's echo and printf understand them: \a \b \c \e \f \n \r \t \v \\,
// octal \0ddd (echo and %b) or \ddd. \c ends all output. Unknown escapes stay as they are.

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

export interface Unescaped {
  text: string;
  /** \c was seen: print nothing more. */
  stop: boolean;
}

/**
 * Expand escapes. `zeroPrefix` (echo, printf %b): octal is \0 and up to three digits, though a
 * bare \d.. works too; in a printf format octal is \ddd.
 */
export function unescape(s: string, zeroPrefix: boolean): Unescaped {
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      text += c;
      continue;
    }
    const n = s[i + 1]!;
    if (n === 'c') return { text, stop: true };
    if (SIMPLE[n] !== undefined) {
      text += SIMPLE[n];
      i++;
    } else if (/[0-7]/.test(n)) {
      const start = zeroPrefix && n === '0' ? i + 2 : i + 1;
      const m = /^[0-7]{1,3}/.exec(s.slice(start));
      const digits = m ? m[0] : '';
      text += String.fromCharCode(digits ? parseInt(digits, 8) & 0xff : 0);
      i = start + digits.length - 1;
    } else {
      text += c;
    }
  }
  return { text, stop: false };
}
