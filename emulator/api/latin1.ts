// Console bytes ⇄ latin1 strings, the protocol's wire form for bytes (see protocol.ts).
//
// In a latin1 string each char code *is* a byte value, so the conversion is lossless both ways —
// unlike decoding as UTF-8, which would mangle a multi-byte character split across two writes.

/** Chunk size for String.fromCharCode's argument list (engines cap the number of arguments). */
const CHUNK = 0x2000;

export function bytesToLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return s;
}

/** The inverse of bytesToLatin1. Chars above 0xff are truncated to their low byte. */
export function latin1ToBytes(s: string): Uint8Array {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** Text typed by the user (a JS string) as the UTF-8 bytes a terminal sends, in wire form. */
export function utf8ToLatin1(text: string): string {
  return bytesToLatin1(new TextEncoder().encode(text));
}
