// How GNU tools quote file names (gnulib's quotearg), in a UTF-8 locale:
//   shell-escape: what ls prints on a terminal and diagnostics print for names ('a b', "it's",
//     'a'$'\n''b'): a string a shell would read back as the same name;
//   locale: the ‘a b’ of a few older messages (mkdir, chmod…), with C escapes inside.

/** Characters a shell would treat specially anywhere in a word. */
const SHELL_SPECIAL = /[\s!"$&'()*;<=>?[\\^`|\x00-\x1f\x7f]/;
const CONTROL = /[\x00-\x1f\x7f]/;
const C_ESCAPES: Record<string, string> = { '\x07': 'a', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v' };

const cEscape = (c: string) => '\\' + (C_ESCAPES[c] ?? c.charCodeAt(0).toString(8).padStart(3, '0'));

function needsShellQuoting(s: string): boolean {
  return s === '' || /^[#~]/.test(s) || SHELL_SPECIAL.test(s);
}

/**
 * The shell-escape style; `always` quotes even names that need none (shell-escape-always, what
 * "cannot remove 'x'" uses). A name whose only troublesome characters are quotes and spaces goes in
 * double quotes; otherwise single quotes, with ' written '\'' and control characters as $'\n'.
 */
export function shellQuote(s: string, always = false): string {
  if (!needsShellQuoting(s)) return always ? `'${s}'` : s;
  if (s.includes("'") && !/[!"$&()*;<=>?[\\^`|\x00-\x1f\x7f]/.test(s)) return `"${s}"`;
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") out += "'\\''";
    else if (CONTROL.test(c)) {
      // A run of control characters becomes one $'…' word between the quoted parts.
      let run = '';
      while (i < s.length && CONTROL.test(s[i]!)) run += cEscape(s[i++]!);
      i--;
      out += `'$'${run}'`;
      if (i === s.length - 1) return out;
      out += "'";
    } else out += c;
  }
  return out + "'";
}

/** The locale style: ‘name’, with backslashes and control characters escaped C-style. */
export function localeQuote(s: string): string {
  return `\u2018${s.replace(/[\\\x00-\x1f\x7f]/g, (c) => (c === '\\' ? '\\\\' : cEscape(c)))}\u2019`;
}
