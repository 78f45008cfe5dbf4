// Is the Electron runtime (the binary, not just the npm package) on this machine?
//
// The npm package `electron` downloads its binary at install time and records its name in
// path.txt. `require('electron')` would answer too, but when the binary is missing it tries to
// download it on the spot — which cannot work offline — so we repeat its lookup without that step.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The absolute path of the Electron executable, or null if it is not installed.
 * @param {{ env?: Record<string, string | undefined>, electronDir?: string | null }} [options]
 *   env: the environment to read overrides from; electronDir: where the `electron` package is.
 * @returns {string | null}
 */
export function findElectronBinary({ env = process.env, electronDir = resolvePackageDir('electron') } = {}) {
  // electron-vite's override, honoured the same way it honours it.
  if (env.ELECTRON_EXEC_PATH) return existsSync(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  if (!electronDir) return null;
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = readFileSync(pathFile, 'utf8').trim();
  if (!executable) return null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const binary = join(distDir, executable);
  return existsSync(binary) ? binary : null;
}

/**
 * The directory of an installed npm package, or null.
 * @param {string} name
 * @returns {string | null}
 */
export function resolvePackageDir(name) {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}
