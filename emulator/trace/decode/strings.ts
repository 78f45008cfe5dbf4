// Strings and buffers in tracee memory. Three cases, as strace has them:
//  - a path: NUL-terminated, never cut by -s (it is what the call acts on);
//  - a string (argv element, hostname): NUL-terminated, cut after -s bytes with `...`;
//  - a buffer: `len` bytes, NULs and all, cut after -s bytes with `...`. For a buffer the kernel
//    fills (read), the length is what the call returned, so it is shown only after the return.

import type { Decode, DecodeOptions } from './types';
import type { ArgDecoder } from './context';
import { hex, uint64 } from './numbers';
import { quote, type QuoteStyle } from './quote';
import { readCString, readMem } from './requests';

/** Linux's PATH_MAX: the longest path the kernel reads. */
const PATH_MAX = 4096;

/** A NUL-terminated path, in full. */
function* formatPath(addr: number, opts: DecodeOptions): Decode {
  if (addr === 0) return 'NULL';
  const s = yield* readCString(addr, PATH_MAX);
  return s ? quote(s.bytes, opts, { truncated: !s.terminated }) : hex(addr);
}

/** A NUL-terminated string, at most -s bytes of it. */
export function* formatString(addr: number, opts: DecodeOptions): Decode {
  if (addr === 0) return 'NULL';
  // One byte more than shown tells a string of exactly -s bytes from a longer one.
  const s = yield* readCString(addr, opts.strsize + 1);
  if (!s) return hex(addr);
  const cut = s.bytes.length > opts.strsize;
  return quote(cut ? s.bytes.subarray(0, opts.strsize) : s.bytes, opts, { truncated: cut || !s.terminated });
}

/** `len` bytes at `addr`, at most -s of them. */
export function* formatBuffer(addr: number, len: number, opts: DecodeOptions, style: QuoteStyle = {}): Decode {
  if (addr === 0) return 'NULL';
  const shown = Math.min(len, opts.strsize);
  const bytes = yield* readMem(addr, shown);
  return bytes ? quote(bytes.subarray(0, shown), opts, { ...style, truncated: len > shown }) : hex(addr);
}

/** The length a buffer argument is shown with: its length argument, read as a size_t. */
const bufferLength = (n: number | undefined): number => Number(uint64(n ?? 0));

/** buf_in: data the caller passes (write's buffer), `count` bytes long. */
export const bufIn: ArgDecoder = (a) => formatBuffer(a.value, bufferLength(a.length), a.opts);

/**
 * buf_out: data the kernel wrote, as many bytes as the call returned (read, readlink) — but never
 * more than the buffer holds (recv with MSG_TRUNC returns a datagram's full length).
 */
export const bufOut: ArgDecoder = (a) => {
  const ret = a.call.ret ?? 0;
  return formatBuffer(a.value, a.length === undefined ? ret : Math.min(ret, bufferLength(a.length)), a.opts);
};

/** getcwd's buffer holds a path (the returned length counts its NUL). */
export const cwdBuffer: ArgDecoder = (a) => formatPath(a.value, a.opts);

export const pathArg: ArgDecoder = (a) => formatPath(a.value, a.opts);
export const stringArg: ArgDecoder = (a) => formatString(a.value, a.opts);

