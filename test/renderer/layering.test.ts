// The renderer's layer rule for its Vue components, which eslint does not read: a component
// imports only the renderer's own modules, emulator/api, the assets, and browser-side packages —
// never the machine (emulator/* beyond api), Node's modules or Electron (see DESIGN.md).

import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? vueFiles(join(dir, e.name)) : e.name.endsWith('.vue') ? [join(dir, e.name)] : [],
  );
}

/** Why an import of `spec` from `file` breaks the rule, or null. */
function problem(file: string, spec: string): string | null {
  if (spec.startsWith('.')) {
    const target = relative(root, resolve(dirname(file), spec));
    if (target.startsWith('renderer/') || target.startsWith('emulator/api/') || target.startsWith('assets/')) return null;
    return `${spec} leaves the renderer (${target})`;
  }
  const name = spec.replace(/^node:/, '').split('/')[0]!;
  if (spec.startsWith('node:') || builtinModules.includes(name) || name === 'electron') return `${spec} is not for a web page`;
  return null;
}

describe('renderer layering', () => {
  it('keeps the Vue components within the renderer, emulator/api and the assets', () => {
    const files = vueFiles(join(root, 'renderer', 'src'));
    expect(files.length).toBeGreaterThan(10);
    const bad: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^\s*import\s[^;]*?from\s+'([^']+)'/gm)) {
        const why = problem(file, m[1]!);
        if (why) bad.push(`${relative(root, file)}: ${why}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('would catch a component that reaches into the kernel', () => {
    const file = join(root, 'renderer', 'src', 'components', 'X.vue');
    expect(problem(file, '../../../emulator/kernel/kernel')).toMatch(/leaves the renderer/);
    expect(problem(file, 'node:fs')).toMatch(/not for a web page/);
    expect(problem(file, '../../../emulator/api/protocol')).toBeNull();
  });
});
