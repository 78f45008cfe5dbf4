// Shared by the binutils tests: link in-process, and the host's GNU ld as an oracle (tests that
// need it are skipped where it is not installed).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readObject } from '../../../../../emulator/userland/bin/binutils/ld/inputs';
import { link } from '../../../../../emulator/userland/bin/binutils/ld/link';
import { hostHas, ourObject } from '../nasm/helpers';

export { hostHas, ourObject };
export const hasLd = hostHas('ld', '--version');

export interface Source {
  name: string;
  text: string;
}

/** Assemble each source with our nasm and link them with our ld. */
export function ourLink(sources: Source[], entry = '_start', strip = false) {
  const objects = sources.map((s) => readObject(s.name.replace(/\.asm$/, '.o'), ourObject(s.text, s.name)));
  return link(objects, entry, strip);
}

/** The same objects (our nasm's) linked by the host's ld: its output and messages. */
export function hostLink(sources: Source[], flags: string[] = []): { output: Uint8Array | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-ld-'));
  const objs = sources.map((s) => {
    const o = s.name.replace(/\.asm$/, '.o');
    writeFileSync(join(dir, o), ourObject(s.text, s.name));
    return o;
  });
  const r = spawnSync('ld', [...flags, ...objs, '-o', 'out'], { cwd: dir, encoding: 'utf8' });
  return { output: r.status === 0 ? new Uint8Array(readFileSync(join(dir, 'out'))) : null, stderr: r.stderr };
}
