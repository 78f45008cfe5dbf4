// Shell patterns (XCU 2.13): * ? and bracket expressions, used by case, by ${x%pattern} and by
// pathname expansion. A pattern comes as segments that remember their quoting: a quoted `*`
// matches only a star. We translate to a JavaScript RegExp.

/** A piece of expanded text and whether it was quoted. */
export interface Seg {
  text: string;
  quoted: boolean;
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: '0-9a-zA-Z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-/:-@\\[-`{-~', xdigit: '0-9a-fA-F', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

interface Ch {
  c: string;
  q: boolean;
}

function chars(segs: readonly Seg[]): Ch[] {
  return segs.flatMap((s) => [...s.text].map((c) => ({ c, q: s.quoted })));
}

const reEscape = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** Does the text hold an unquoted * ? or [ (so that it is a pattern at all)? */
export function hasGlobChars(segs: readonly Seg[]): boolean {
  return segs.some((s) => !s.quoted && /[*?[]/.test(s.text));
}

/** The regular expression (source text, unanchored) for a pattern. */
function patternSource(segs: readonly Seg[]): string {
  const cs = chars(segs);
  let out = '';
  for (let i = 0; i < cs.length; i++) {
    const { c, q } = cs[i]!;
    if (q) out += reEscape(c);
    else if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const b = bracket(cs, i);
      if (b) {
        out += b.re;
        i = b.end;
      } else out += '\\[';
    } else if (c === '\\' && i + 1 < cs.length) {
      // A backslash that came unquoted out of an expansion still escapes the next character.
      out += reEscape(cs[++i]!.c);
    } else out += reEscape(c);
  }
  return out;
}

/** A bracket expression starting at cs[start] ('['); null if it has no closing ']'. */
function bracket(cs: Ch[], start: number): { re: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (i < cs.length && !cs[i]!.q && (cs[i]!.c === '!' || cs[i]!.c === '^')) {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < cs.length; i++, first = false) {
    const { c, q } = cs[i]!;
    if (c === ']' && !q && !first) return { re: body ? `[${negate ? '^' : ''}${body}]` : negate ? '[\\s\\S]' : '[^\\s\\S]', end: i };
    if (c === '[' && !q && cs[i + 1]?.c === ':') {
      const close = cs.findIndex((x, k) => k > i + 1 && x.c === ':' && cs[k + 1]?.c === ']');
      const name = close > 0 ? cs.slice(i + 2, close).map((x) => x.c).join('') : '';
      if (close > 0 && CLASSES[name] !== undefined) {
        body += CLASSES[name];
        i = close + 1;
        continue;
      }
    }
    if (cs[i + 1]?.c === '-' && i + 2 < cs.length && !(cs[i + 2]!.c === ']' && !cs[i + 2]!.q)) {
      body += `${reEscape(c)}-${reEscape(cs[i + 2]!.c)}`;
      i += 2;
      continue;
    }
    body += reEscape(c);
  }
  return null;
}

/** A whole-string matcher for a pattern (case, ${x#…}). */
export function compilePattern(segs: readonly Seg[]): RegExp {
  try {
    return new RegExp(`^(?:${patternSource(segs)})$`);
  } catch {
    return /(?!)/; // a range out of order ([z-a]) matches nothing
  }
}

/** Does `text` match the pattern? */
export function matchPattern(segs: readonly Seg[], text: string): boolean {
  return compilePattern(segs).test(text);
}

/** The text of segments with quoting removed. */
export function segText(segs: readonly Seg[]): string {
  return segs.map((s) => s.text).join('');
}
