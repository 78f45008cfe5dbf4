// file(1)'s judgement of a file that is not a known binary format: is it text, in which
// encoding, with which line terminators, and is it a script (#!)? Simplification: no guessing of
// programming languages from the contents (file's "C source" and the like); scripts are told by
// their interpreter.

/** Bytes file counts as text in ASCII: BEL BS TAB LF VT FF CR ESC and the printable range. */
const isTextByte = (b: number) => (b >= 7 && b <= 13) || b === 27 || (b >= 0x20 && b <= 0x7e);

function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** The interpreter named by a #! line, as file words it. */
function scriptKind(line: string): { name: string; plain?: boolean } {
  const words = line.slice(2).trim().split(/\s+/);
  let prog = words[0] ?? '';
  if (prog.endsWith('/env') && words[1]) prog = words[1];
  const base = prog.slice(prog.lastIndexOf('/') + 1);
  if (base === 'sh' || base === 'dash') return { name: 'POSIX shell script' };
  if (base === 'bash') return { name: 'Bourne-Again shell script' };
  if (base === 'zsh') return { name: "Paul Falstad's zsh script" };
  if (/^python[0-9.]*$/.test(base)) return { name: 'Python script' };
  if (base === 'node' || base === 'nodejs') return { name: 'Node.js script' };
  if (base === 'perl') return { name: 'Perl script text executable', plain: true };
  return { name: `a ${line.slice(2).trim()} script` };
}

export function describeText(b: Uint8Array): string {
  let encoding: string;
  if (b.every(isTextByte)) encoding = 'ASCII';
  else if (b.every((c) => c < 0x80 ? isTextByte(c) : true) && isUtf8(b)) encoding = 'Unicode text, UTF-8';
  else if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) encoding = 'Unicode text, UTF-16, little-endian';
  else if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) encoding = 'Unicode text, UTF-16, big-endian';
  else if (b.every((c) => isTextByte(c) || c >= 0xa0)) encoding = 'ISO-8859';
  else return 'data';

  const text = new TextDecoder('latin1').decode(b);
  const extras: string[] = [];
  const longest = Math.max(...text.split(/\r\n|\r|\n/).map((l) => l.length));
  if (longest > 300) extras.push(`with very long lines (${longest})`);
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  if (!crlf && !cr && !lf) extras.push('with no line terminators');
  else if (crlf || cr) extras.push(`with ${[crlf && 'CRLF', cr && 'CR', lf && 'LF'].filter(Boolean).join(', ')} line terminators`);
  if (b.includes(27)) extras.push('with escape sequences');

  let desc = `${encoding} text`;
  if (text.startsWith('#!')) {
    const kind = scriptKind(text.slice(0, text.search(/\r|\n|$/)));
    if (kind.plain) return [kind.name, ...extras].join(', ');
    desc = `${kind.name}, ${desc} executable`;
  }
  return [desc, ...extras].join(', ');
}
