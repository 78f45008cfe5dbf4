// Writing a cpio archive in the "newc" format (what Linux's initramfs unpacker reads): per entry an
// ASCII header "070701" + 13 eight-digit hex fields, the NUL-terminated name padded to 4 bytes,
// the data padded to 4 bytes; the archive ends with an entry named "TRAILER!!!".

export interface CpioEntry {
  name: string;
  mode: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  data?: Uint8Array;
  nlink?: number;
  rdevMajor?: number;
  rdevMinor?: number;
}

const encoder = new TextEncoder();

export function writeCpio(entries: readonly CpioEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let ino = 1;
  let total = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    total += b.length;
  };
  const pad = () => {
    const n = (4 - (total % 4)) % 4;
    if (n) push(new Uint8Array(n));
  };
  const hex = (v: number) => (v >>> 0).toString(16).padStart(8, '0');
  for (const e of [...entries, { name: 'TRAILER!!!', mode: 0 } as CpioEntry]) {
    const name = encoder.encode(e.name);
    const data = e.data ?? new Uint8Array(0);
    const header =
      '070701' +
      hex(e.name === 'TRAILER!!!' ? 0 : ino++) +
      hex(e.mode) + hex(e.uid ?? 0) + hex(e.gid ?? 0) + hex(e.nlink ?? 1) + hex(e.mtime ?? 0) +
      hex(data.length) + hex(0) + hex(0) + hex(e.rdevMajor ?? 0) + hex(e.rdevMinor ?? 0) +
      hex(name.length + 1) + hex(0);
    push(encoder.encode(header));
    push(name);
    push(new Uint8Array(1));
    pad();
    if (data.length) push(data);
    pad();
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
