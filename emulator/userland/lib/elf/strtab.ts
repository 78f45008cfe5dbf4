// ELF string tables (.strtab, .shstrtab): NUL-terminated names packed after a leading NUL, each
// symbol or section pointing at its name by offset.

const encoder = new TextEncoder();
const byteLength = (s: string) => encoder.encode(s).length;

export class StringTable {
  private readonly names: string[] = [];
  private readonly offsets = new Map<string, number>();
  private size = 1;

  /**
   * @param mergeSuffixes GNU ld's tables (bfd's strtab) store a name that is the tail of another
   *   only once: "_start" points into "__bss_start". NASM's tables keep every name.
   */
  constructor(private readonly mergeSuffixes = false) {}

  /** Add a name (once); its offset is known after `finish()` when merging, at once otherwise. */
  add(name: string): void {
    if (name === '' || this.offsets.has(name)) return;
    this.names.push(name);
    this.offsets.set(name, this.size);
    if (!this.mergeSuffixes) this.size += byteLength(name) + 1;
  }

  /**
   * Lay the table out. With suffix merging (as bfd does it): sort the names by their reversed
   * spelling, greatest first, so that each name comes right after the names it ends; a name that
   * ends the last one kept is stored inside it. The kept names keep their order of addition.
   */
  finish(): Uint8Array {
    const host = new Map<string, string>();
    if (this.mergeSuffixes) {
      const rev = (n: string) => [...n].reverse().join('');
      const sorted = [...this.names].sort((a, b) => (rev(a) < rev(b) ? 1 : rev(a) > rev(b) ? -1 : 0));
      let last: string | null = null;
      for (const n of sorted) {
        if (last !== null && last.endsWith(n)) host.set(n, last);
        else last = n;
      }
      this.size = 1;
      for (const n of this.names) {
        if (host.has(n)) continue;
        this.offsets.set(n, this.size);
        this.size += byteLength(n) + 1;
      }
      for (const [n, h] of host) this.offsets.set(n, this.offsets.get(h)! + byteLength(h) - byteLength(n));
    }
    const out = new Uint8Array(this.size);
    for (const n of this.names) if (!host.has(n)) out.set(encoder.encode(n), this.offsets.get(n)!);
    return out;
  }

  /** A name's offset (after finish() for a merging table). */
  offset(name: string): number {
    return name === '' ? 0 : this.offsets.get(name)!;
  }
}
