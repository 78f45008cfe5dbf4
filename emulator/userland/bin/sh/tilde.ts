// Finding tilde prefixes in a parsed word (the expansion itself is in expand.ts).

import type { Word } from './ast';

/**
 * Tilde prefixes (XCU 2.6.1): an unquoted ~ at the start of a word, up to the first slash; in an
 * assignment also after each unquoted colon. A prefix with quoted characters is left alone.
 */
export function tildes(word: Word, assignment: boolean): Word {
  const out: Word = [];
  word.forEach((part, i) => {
    if (part.type !== 'lit') {
      out.push(part);
      return;
    }
    const last = i === word.length - 1;
    // Split the literal at the places where a tilde prefix may start.
    const pieces = assignment ? part.text.split(':') : [part.text];
    pieces.forEach((piece, j) => {
      const atStart = (i === 0 && j === 0) || j > 0;
      if (j > 0) pushLit(out, ':');
      const slash = piece.indexOf('/');
      const prefixEnds = slash >= 0 || j < pieces.length - 1 || last;
      if (atStart && piece.startsWith('~') && prefixEnds) {
        const user = slash >= 0 ? piece.slice(1, slash) : piece.slice(1);
        if (/^[A-Za-z0-9._-]*$/.test(user)) {
          out.push({ type: 'tilde', user });
          if (slash >= 0) pushLit(out, piece.slice(slash));
          return;
        }
      }
      pushLit(out, piece);
    });
  });
  return out;
}

function pushLit(out: Word, text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === 'lit') last.text += text;
  else out.push({ type: 'lit', text });
}

