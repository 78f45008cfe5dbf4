// strace's string quoting. Printable ASCII prints as itself (with `"` and `\` escaped), the five
// C whitespace escapes as \t \n \r \v \f, anything else in octal with as few digits as possible —
// unless the next byte is an octal digit, which a short escape would swallow: bytes 01 '7' are
// `\0017`, not `\17` (so 00 01 '7' 'a' prints "\0\0017a"). -x turns a string with any
// non-printable byte into \xHH throughout; -xx does so for every string.

import type { DecodeOptions } from './types';

const C_ESCAPES: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x0b: '\\v', 0x0c: '\\f' };

const isPrintable = (b: number) => b >= 0x20 && b <= 0x7e;
const isOctalDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x37;

function hexBody(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += '\\x' + b.toString(16).padStart(2, '0');
  return s;
}

function escapedBody(bytes: Uint8Array): string {
  let s = '';
  bytes.forEach((b, i) => {
    if (b === 0x22) s += '\\"';
    else if (b === 0x5c) s += '\\\\';
    else if (isPrintable(b)) s += String.fromCharCode(b);
    else if (C_ESCAPES[b]) s += C_ESCAPES[b];
    else s += '\\' + b.toString(8).padStart(isOctalDigit(bytes[i + 1]) ? 3 : 1, '0');
  });
  return s;
}

export interface QuoteStyle {
  /** The source continued past what is shown: `...` follows the closing quote. */
  truncated?: boolean;
  /** Always hex, whatever -x says (getrandom's buffer). */
  forceHex?: boolean;
}

/** `bytes` as a quoted C string the way strace prints it. */
export function quote(bytes: Uint8Array, opts: Pick<DecodeOptions, 'xflag'>, style: QuoteStyle = {}): string {
  const hex = style.forceHex || opts.xflag === 2 || (opts.xflag === 1 && !bytes.every(isPrintable));
  return `"${hex ? hexBody(bytes) : escapedBody(bytes)}"${style.truncated ? '...' : ''}`;
}
