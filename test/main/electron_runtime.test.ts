// How `npm start` decides whether Electron can run, against fake `electron` package directories.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary, resolvePackageDir } from '../../main/cli/electron_runtime.mjs';

/** A fake node_modules/electron: path.txt as the installer writes it, and optionally the binary. */
function fakeElectronPackage({ pathTxt, binary }: { pathTxt?: string; binary?: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-electron-'));
  if (pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), pathTxt);
  if (binary !== undefined) {
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist', binary), '');
  }
  return dir;
}

describe('findElectronBinary', () => {
  it('finds the binary the installer downloaded', () => {
    const dir = fakeElectronPackage({ pathTxt: 'electron', binary: 'electron' });
    expect(findElectronBinary({ env: {}, electronDir: dir })).toBe(join(dir, 'dist', 'electron'));
  });

  it('says no when the package is not installed', () => {
    expect(findElectronBinary({ env: {}, electronDir: null })).toBeNull();
  });

  it('says no when the download never happened (no path.txt), as offline', () => {
    expect(findElectronBinary({ env: {}, electronDir: fakeElectronPackage({}) })).toBeNull();
  });

  it('says no when path.txt names a binary that is not there', () => {
    expect(findElectronBinary({ env: {}, electronDir: fakeElectronPackage({ pathTxt: 'electron' }) })).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH and ELECTRON_EXEC_PATH', () => {
    const elsewhere = fakeElectronPackage({ binary: 'electron' });
    const dir = fakeElectronPackage({ pathTxt: 'electron' });
    const env = { ELECTRON_OVERRIDE_DIST_PATH: join(elsewhere, 'dist') };
    expect(findElectronBinary({ env, electronDir: dir })).toBe(join(elsewhere, 'dist', 'electron'));
    const exec = join(elsewhere, 'dist', 'electron');
    expect(findElectronBinary({ env: { ELECTRON_EXEC_PATH: exec }, electronDir: null })).toBe(exec);
    expect(findElectronBinary({ env: { ELECTRON_EXEC_PATH: '/nonexistent/electron' }, electronDir: dir })).toBeNull();
  });

  it('never triggers the electron package’s download (does not require it)', () => {
    // On this machine the real package has no binary; asking must simply answer.
    expect(() => findElectronBinary()).not.toThrow();
  });
});

describe('resolvePackageDir', () => {
  it('finds installed packages and answers null for missing ones', () => {
    expect(resolvePackageDir('vite')).toMatch(/node_modules[/\\]vite$/);
    expect(resolvePackageDir('no-such-package-ringside')).toBeNull();
  });
});
