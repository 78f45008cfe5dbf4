// Pathname expansion (XCU 2.6.6): a field with unquoted * ? [ becomes the sorted list of the
// existing paths it matches, read from the directories with getdents64 (readdir). A name
// starting with a dot is matched only by a pattern that starts with a dot.

import type { Sys } from '../../libc/process';
import { readdir } from '../../libc/dirent';
import { lstat } from '../../libc/sys_stat';
import { compilePattern, hasGlobChars, segText, type Seg } from './pattern';

/** Split segments at every slash (quoted or not: a slash always separates path components). */
function components(segs: readonly Seg[]): Seg[][] {
  const out: Seg[][] = [[]];
  for (const s of segs) {
    const parts = s.text.split('/');
    parts.forEach((t, i) => {
      if (i > 0) out.push([]);
      if (t) out[out.length - 1]!.push({ text: t, quoted: s.quoted });
    });
  }
  return out;
}

function join(dir: string, name: string): string {
  return dir === '' ? name : dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The paths matching a field, sorted; null when nothing matches (the field stays as it is). */
export function* globField(segs: readonly Seg[]): Sys<string[] | null> {
  const comps = components(segs);
  const absolute = comps[0]!.length === 0 && comps.length > 1;
  let paths = [absolute ? '/' : ''];
  // Literal components appended since the last directory read must be checked to exist.
  let unchecked = false;
  for (let i = absolute ? 1 : 0; i < comps.length; i++) {
    const comp = comps[i]!;
    if (comp.length === 0) {
      // "dir/" or "a//b": keep the slash; only a directory can be followed by one.
      paths = paths.map((p) => (p.endsWith('/') ? p : p + '/'));
      unchecked = true;
    } else if (!hasGlobChars(comp)) {
      paths = paths.map((p) => join(p, segText(comp)));
      unchecked = true;
    } else {
      paths = yield* matchIn(paths, comp);
      unchecked = false;
      if (paths.length === 0) return null;
    }
  }
  if (unchecked) {
    const existing: string[] = [];
    for (const p of paths) if ((yield* lstat(p)) !== null) existing.push(p);
    paths = existing;
  }
  return paths.length ? paths.sort(byBytes) : null;
}

/** The entries of each directory in `dirs` that match one pattern component. */
function* matchIn(dirs: string[], comp: Seg[]): Sys<string[]> {
  const re = compilePattern(comp);
  const dotOk = segText(comp).startsWith('.');
  const out: string[] = [];
  for (const dir of dirs) {
    const entries = yield* readdir(dir === '' ? '.' : dir);
    if (!entries) continue;
    for (const e of entries) if ((dotOk || !e.name.startsWith('.')) && re.test(e.name)) out.push(join(dir, e.name));
  }
  return out;
}

function byBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
