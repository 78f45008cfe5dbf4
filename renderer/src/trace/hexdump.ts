// Bytes as `hexdump -C` shows them: offset, sixteen hex bytes in two groups of eight, and the
// printable ASCII (others as '.'). The bytes come as a latin1 string (one char per byte), the
// protocol's wire form.

export interface HexLine {
  offset: string;
  hex: string;
  ascii: string;
}

export function hexdumpLines(bytes: string, width = 16): HexLine[] {
  const lines: HexLine[] = [];
  for (let off = 0; off < bytes.length; off += width) {
    let hex = '';
    let ascii = '';
    for (let i = 0; i < width; i++) {
      if (i === width / 2) hex += ' ';
      if (off + i < bytes.length) {
        const b = bytes.charCodeAt(off + i) & 0xff;
        hex += b.toString(16).padStart(2, '0') + ' ';
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else hex += '   ';
    }
    lines.push({ offset: off.toString(16).padStart(8, '0'), hex: hex.trimEnd(), ascii });
  }
  return lines;
}
