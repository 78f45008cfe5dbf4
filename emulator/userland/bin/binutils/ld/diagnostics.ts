// ld's messages about a place in an input: "in function `f':" once for a run of messages about the
// same function, then `source.asm:(.text+0x1): …` (the source name comes from the object's FILE
// symbol). A place outside any function is named by the object: `prog.o:(.data+0x0): …`.

import { STT_FILE, STT_SECTION } from '../../../../uapi/elf';
import type { InputSection } from './inputs';

export class Diagnostics {
  readonly lines: string[] = [];
  private lastFunction: string | null = null;

  /** The symbol a place is in: the nearest one at or before it in its section. */
  functionAt(sec: InputSection, offset: number): string | null {
    let best: { name: string; value: bigint } | null = null;
    for (const s of sec.obj.symbols) {
      if (s.shndx !== sec.index || s.type === STT_SECTION || s.type === STT_FILE || s.name === '') continue;
      if (s.value <= BigInt(offset) && (!best || s.value > best.value)) best = { name: s.name, value: s.value };
    }
    return best?.name ?? null;
  }

  /** `file:(section+0xoff)` as ld writes a place. */
  where(sec: InputSection, offset: number, withObject = false): string {
    const obj = sec.obj;
    const src = obj.sourceName ?? obj.path;
    const place = `(${sec.shdr.name}+0x${offset.toString(16)})`;
    if (this.functionAt(sec, offset) === null) return `${obj.path}:${place}`;
    return withObject ? `${obj.path}:${src}:${place}` : `${src}:${place}`;
  }

  error(sec: InputSection, offset: number, msg: string): void {
    const fn = this.functionAt(sec, offset);
    if (fn === null) {
      this.lines.push(`ld: ${this.where(sec, offset)}: ${msg}`);
      return;
    }
    const key = `${sec.obj.path}\0${fn}`;
    if (key !== this.lastFunction) {
      this.lastFunction = key;
      this.lines.push(`ld: ${sec.obj.path}: in function \`${fn}':`);
      this.lines.push(`${this.where(sec, offset)}: ${msg}`);
    } else {
      this.lines.push(`ld: ${this.where(sec, offset)}: ${msg}`);
    }
  }

  plain(msg: string): void {
    this.lines.push(`ld: ${msg}`);
  }
}
