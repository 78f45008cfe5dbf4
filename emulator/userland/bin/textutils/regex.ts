// POSIX regular expressions (basic and extended, with the GNU extensions grep and sed accept),
// translated to JavaScript RegExp source.
//
// BRE: \( \) group, \{m,n\} interval, \| alternation, \+ \? (GNU); + ? | ( ) { } are literal; * is
// literal at the start of an expression; ^ and $ anchor only at the ends of an expression.
// ERE: ( ) | + ? { } special, backslash makes them literal; a { that does not start a valid
// interval, and a ) with no open group, are literal (as GNU does).
// Both: bracket expressions with [:class:], [=c=], [.c.]; backslash is literal inside brackets;
// \< \> \b \B \w \W \s \S \` \' and back-references \1-\9.
// Simplification: JavaScript picks the leftmost-first match rather than POSIX's leftmost-longest;
// for deciding whether a line matches the two agree. Text is taken as bytes (the C locale).

export class RegexError extends Error {}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

function escChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c === '\n' ? '\\n' : c;
}

/** Translate a bracket expression starting at p[i] === '['; returns [js, index after ']']. */
function bracket(p: string, i: number): [string, number] {
  let j = i + 1;
  let neg = false;
  if (p[j] === '^') {
    neg = true;
    j++;
  }
  const items: string[] = [];
  let first = true;
  // GNU reports a '[' that ends the pattern differently from an unclosed list.
  if (j >= p.length) throw new RegexError('Invalid regular expression');
  for (;;) {
    if (j >= p.length) throw new RegexError('Unmatched [, [^, [:, [., or [=');
    const c = p[j]!;
    if (c === ']' && !first) {
      j++;
      break;
    }
    first = false;
    if (c === '[' && /[:=.]/.test(p[j + 1] ?? '')) {
      const kind = p[j + 1]!;
      const end = p.indexOf(kind + ']', j + 2);
      if (end < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      const name = p.slice(j + 2, end);
      j = end + 2;
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexError('Invalid character class name');
        items.push(cls);
      } else items.push([...name].map(escChar).join(''));
      continue;
    }
    // A range a-z (a '-' first, last, or after a range is literal).
    if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      let hi = p[j + 2]!;
      let next = j + 3;
      if (hi === '[' && p[j + 3] === '.') {
        const end = p.indexOf('.]', j + 4);
        if (end < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
        hi = p.slice(j + 4, end);
        next = end + 2;
      }
      if (hi.charCodeAt(0) < c.charCodeAt(0)) throw new RegexError('Invalid range end');
      items.push(escChar(c) + '-' + escChar(hi));
      j = next;
      continue;
    }
    items.push(escChar(c));
    j++;
  }
  // JavaScript has no empty class that means "]" first, so everything is escaped above.
  return [(neg ? '[^' : '[') + items.join('') + ']', j];
}

/** Translate a POSIX regular expression (ERE if extended) to JavaScript RegExp source. */
export function translate(p: string, extended: boolean, warnings: string[] = []): string {
  let out = '';
  let depth = 0;
  let groups = 0;
  // True where a '*' would be literal (start of the expression, after a group opening or '|').
  let atStart = true;
  // Whether the last emitted thing can take a quantifier, and whether it already is quantified.
  let lastQuantified = false;
  const quant = (q: string) => {
    // POSIX allows a** or a*\{2\}; JavaScript wants the first quantified atom grouped.
    if (lastQuantified) out = out.slice(0, lastAtomStart) + `(?:${out.slice(lastAtomStart)})`;
    out += q;
    lastQuantified = true;
  };
  let lastAtomStart = 0;
  const atom = (s: string) => {
    lastAtomStart = out.length;
    out += s;
    atStart = false;
    lastQuantified = false;
  };
  const groupStarts: number[] = [];
  const openGroup = () => {
    groupStarts.push(out.length);
    out += '(';
    depth++;
    groups++;
    atStart = true;
    lastQuantified = false;
  };
  const closeGroup = () => {
    out += ')';
    depth--;
    lastAtomStart = groupStarts.pop()!;
    atStart = false;
    lastQuantified = false;
  };
  const alternate = () => {
    out += '|';
    atStart = true;
    lastQuantified = false;
  };
  const interval = (body: string): string | null => {
    const m = /^(\d*)(,(\d*))?$/.exec(body);
    if (!m || (m[1] === '' && m[2] === undefined)) return null;
    const lo = m[1] === '' ? '0' : m[1]!;
    if (m[3] && Number(m[3]) < Number(lo)) throw new RegexError('Invalid content of \\{\\}');
    return m[2] === undefined ? `{${lo}}` : `{${lo},${m[3] ?? ''}}`;
  };
  // GNU ignores a repetition operator that starts an ERE (it repeats an empty expression), and
  // after a leading ^ it repeats the anchor, which can then match nothing.
  let caretAt = -1;
  const leadingOp = (op: string) => {
    warnings.push(`${op} at start of expression`);
    if (caretAt >= 0 && caretAt === out.length - 1) out = out.slice(0, caretAt) + '(?:^)?';
  };
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    const bre = !extended;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) throw new RegexError('Trailing backslash');
      i++;
      if (bre && n === '(') openGroup();
      else if (bre && n === ')') {
        if (depth === 0) throw new RegexError('Unmatched ) or \\)');
        closeGroup();
      } else if (bre && n === '|') alternate();
      else if (bre && (n === '+' || n === '?')) {
        if (atStart) atom(escChar(n));
        else quant(n);
      } else if (bre && n === '{') {
        const end = p.indexOf('\\}', i + 1);
        if (end < 0) throw new RegexError('Unmatched \\{');
        const q = interval(p.slice(i + 1, end));
        if (q === null) throw new RegexError('Invalid content of \\{\\}');
        i = end + 1;
        if (atStart) throw new RegexError('Invalid preceding regular expression');
        quant(q);
      } else if (/[1-9]/.test(n)) {
        if (Number(n) > groups) throw new RegexError('Invalid back reference');
        atom('\\' + n);
      } else if (n === '<') atom('\\b(?=\\w)');
      else if (n === '>') atom('\\b(?<=\\w)');
      else if (n === 'b' || n === 'B') atom('\\' + n);
      else if (/[wWsS]/.test(n)) atom('\\' + n);
      else if (n === '`') atom('^');
      else if (n === "'") atom('$');
      else atom(escChar(n));
      continue;
    }
    if (c === '[') {
      const [js, next] = bracket(p, i);
      atom(js);
      i = next - 1;
      continue;
    }
    if (c === '.') {
      atom('.');
      continue;
    }
    if (c === '*') {
      if (atStart && extended) leadingOp('*');
      else if (atStart) atom('\\*');
      else quant('*');
      continue;
    }
    if (c === '^') {
      if (extended || atStart) {
        caretAt = out.length;
        out += '^';
        // After an anchor, a following '*' is still literal in a BRE.
      } else atom('\\^');
      continue;
    }
    if (c === '$') {
      const rest = p.slice(i + 1);
      if (extended || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|')) {
        atom('$');
      } else atom('\\$');
      continue;
    }
    if (extended) {
      if (c === '(') {
        openGroup();
        continue;
      }
      if (c === ')') {
        if (depth === 0) atom('\\)');
        else closeGroup();
        continue;
      }
      if (c === '|') {
        alternate();
        continue;
      }
      if (c === '+' || c === '?') {
        if (atStart) leadingOp(c);
        else quant(c);
        continue;
      }
      if (c === '{') {
        const end = p.indexOf('}', i + 1);
        if (atStart && end >= 0 && interval(p.slice(i + 1, end)) !== null) {
          leadingOp('{...}');
          i = end;
          continue;
        }
        const q = end < 0 || atStart ? null : interval(p.slice(i + 1, end));
        if (q === null) atom('\\{');
        else {
          quant(q);
          i = end;
        }
        continue;
      }
    }
    atom(escChar(c));
  }
  if (depth > 0) throw new RegexError('Unmatched ( or \\(');
  return out;
}

/** Compile a POSIX pattern; flags add 'i' for case folding. Always dotAll: lines hold no '\n'. */
export function compile(p: string, extended: boolean, icase = false, warnings: string[] = []): RegExp {
  const src = translate(p, extended, warnings);
  try {
    return new RegExp(src, icase ? 'si' : 's');
  } catch {
    throw new RegexError('Invalid regular expression');
  }
}
