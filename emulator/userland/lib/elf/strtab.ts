// ELF string tables (.strtab, .shstrtab): NUL-terminated names packed after a leading NUL, each
// symbol or section pointing at its name by offset.

const encoder = new TextEncoder();

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
    this.offsets.set(name, this.mergeSuffixes ? -1 : this.size);
    if (!this.mergeSuffixes) this.size += encoder.encode(name).length + 1;
  }

  /**
   * Lay the table out. With suffix merging, a name that ends another (longer) one borrows its
   * tail; the rest keep their order of addition.
   */
  finish(): Uint8Array {
    if (this.mergeSuffixes) {
      const kept = this.names.filter((n) => !this.names.some((m) => m.length > n.length && m.endsWith(n)));
      this.size = 1;
      for (const n of kept) {
        this.offsets.set(n, this.size);
        this.size += encoder.encode(n).length + 1;
      }
      for (const n of this.names) {
        if (kept.includes(n)) continue;
        const host = kept.find((m) => m.length > n.length && m.endsWith(n))!;
        this.offsets.set(n, this.offsets.get(host)! + encoder.encode(host).length - encoder.encode(n).length);
      }
    }
    const out = new Uint8Array(this.size);
    for (const n of this.names) {
      const off = this.offsets.get(n)!;
      if (this.mergeSuffixes && !this.kept(n)) continue;
      out.set(encoder.encode(n), off);
    }
    return out;
  }

  private kept(n: string): boolean {
    return !this.names.some((m) => m.length > n.length && m.endsWith(n));
  }

  offset(name: string): number {
    return name === '' ? 0 : this.offsets.get(name)!;
  }
}
