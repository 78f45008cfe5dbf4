// Field splitting (XCU 2.6.5): the unquoted results of expansions are cut into fields at the
// characters of IFS. IFS white space (space, tab, newline) around a field is dropped and runs of
// it count as one separator; every other IFS character ends exactly one field, so "a::b" with
// IFS=: has an empty field in the middle.

import type { Seg } from './pattern';

/** Expanded text on its way to becoming fields; null is a hard field break ("$@"). */
export type Piece = { text: string; quoted: boolean; split: boolean } | null;

const DEFAULT_IFS = ' \t\n';

/**
 * Cut pieces into fields. `ifs` undefined means IFS is unset (default splitting). Quoted text
 * (even empty) always makes a field exist: "" is one empty field, while an unquoted empty
 * expansion vanishes.
 */
export function splitFields(pieces: readonly Piece[], ifs: string | undefined): Seg[][] {
  const sep = ifs ?? DEFAULT_IFS;
  const fields: Seg[][] = [];
  let cur: Seg[] | null = null;
  // After white space ended a field, one non-white IFS character belongs to that same separator.
  let afterWhite = false;
  const add = (text: string, quoted: boolean): void => {
    cur ??= [];
    const last = cur[cur.length - 1];
    if (last && last.quoted === quoted) last.text += text;
    else cur.push({ text, quoted });
    afterWhite = false;
  };
  const end = (): void => {
    if (cur) fields.push(cur);
    cur = null;
  };
  for (const p of pieces) {
    if (p === null) {
      end();
      afterWhite = false;
      continue;
    }
    if (!p.split || sep === '') {
      add(p.text, p.quoted);
      continue;
    }
    for (const c of p.text) {
      if (!sep.includes(c)) add(c, false);
      else if (DEFAULT_IFS.includes(c)) {
        if (cur) {
          end();
          afterWhite = true;
        }
      } else {
        if (cur) end();
        else if (!afterWhite) fields.push([]);
        afterWhite = false;
      }
    }
  }
  end();
  return fields;
}
