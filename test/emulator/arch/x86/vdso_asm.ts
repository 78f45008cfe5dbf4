// Test helper: assemble emulator/arch/x86/vdso/vdso.asm with the host's NASM (as Linux's build
// makes vdso-image-64.c with vdso2c) and render the vdso_text.ts that the image builder embeds.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VDSO_ASM = new URL('../../../../emulator/arch/x86/vdso/vdso.asm', import.meta.url).pathname;
export const VDSO_TEXT_TS = new URL('../../../../emulator/arch/x86/vdso/vdso_text.ts', import.meta.url).pathname;
export const hasNasm = spawnSync('nasm', ['-v']).status === 0;

export interface Assembled {
  text: Uint8Array;
  /** Top-level labels (no local `.x` ones), in address order, with their offsets. */
  labels: { name: string; offset: number }[];
  textOffset: number;
}

export function assembleVdso(): Assembled {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-vdso-'));
  try {
    copyFileSync(VDSO_ASM, join(dir, 'vdso.asm'));
    const r = spawnSync('nasm', ['-f', 'bin', 'vdso.asm', '-o', 'vdso.bin'], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`nasm failed: ${r.stderr}`);
    const map = readFileSync(join(dir, 'vdso.map'), 'utf8');
    const section = map.slice(map.indexOf('Section .text'));
    const labels = [...section.matchAll(/^\s*([0-9A-F]+)\s+[0-9A-F]+\s+([A-Za-z_][\w]*)$/gm)]
      .map((m) => ({ name: m[2]!, offset: parseInt(m[1]!, 16) }))
      .filter((l) => l.offset < 0x100000);
    const textOffset = parseInt(/TEXT_OFFSET\s+equ\s+(0x[0-9a-f]+)/i.exec(readFileSync(VDSO_ASM, 'utf8'))![1]!, 16);
    return { text: new Uint8Array(readFileSync(join(dir, 'vdso.bin'))), labels, textOffset };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The vdso_text.ts for an assembly: the bytes, and each exported function's offset and size. */
export function renderVdsoText(a: Assembled): string {
  const exported = a.labels
    .map((l, k) => ({ ...l, size: (a.labels[k + 1]?.offset ?? a.text.length) - l.offset }))
    .filter((l) => l.name.startsWith('__vdso_'));
  const hex = Buffer.from(a.text).toString('hex');
  const lines = hex.match(/.{1,96}/g)!.map((l) => `  '${l}'`).join(' +\n');
  return `// Generated from vdso.asm by test/emulator/arch/x86/vdso.test.ts (UPDATE_VDSO=1) with the host's
// NASM: the vDSO's machine code and where each exported function starts. Do not edit by hand.

export const VDSO_TEXT_OFFSET = 0x${a.textOffset.toString(16)};

export const VDSO_TEXT =
${lines};

export const VDSO_SYMBOLS: readonly { name: string; offset: number; size: number }[] = [
${exported.map((s) => `  { name: '${s.name}', offset: 0x${s.offset.toString(16)}, size: ${s.size} },`).join('\n')}
];
`;
}
