// readv/writev's arrays of struct iovec { void *iov_base; size_t iov_len; }:
// `[{iov_base="ab", iov_len=2}, {iov_base="cde\n", iov_len=4}]`. For writev each buffer is shown
// in full (up to -s); for readv only the bytes the call returned, spread over the buffers in
// order — and when the call failed, the buffers print as their addresses.

import type { Decode } from './types';
import type { ArgContext, ArgDecoder, ArgSpec } from './context';
import { UIO_MAXIOV, arrayLimit, formatList } from './arrays';
import { hex, succeeded } from './numbers';
import { readStruct } from './requests';
import { formatBuffer } from './strings';

const IOVEC_SIZE = 16;

/** Lists the iovecs; `filled(len)`, asked for each buffer in order, says how many of its bytes to show (null: its address only). */
function* formatIovecs(a: ArgContext, filled: (len: number) => number | null): Decode {
  if (a.value === 0) return 'NULL';
  const count = Number(a.length ?? 0);
  const shown = Math.min(count, arrayLimit(a.opts), UIO_MAXIOV);
  const f = yield* readStruct(a.value, shown * IOVEC_SIZE);
  if (!f) return hex(a.value);
  const items: string[] = [];
  for (let i = 0; i < shown; i++) {
    const base = Number(f.u64(i * IOVEC_SIZE));
    const len = Number(f.u64(i * IOVEC_SIZE + 8));
    const n = filled(len);
    items.push(`{iov_base=${n === null ? hex(base) : yield* formatBuffer(base, n, a.opts)}, iov_len=${len}}`);
  }
  return formatList(items, count > shown);
}

export const iovecInArg: ArgDecoder = (a) => formatIovecs(a, (len) => len);

/** process_vm_readv/writev's remote array: the buffers are in another process, shown as addresses. */
export const remoteIovecArg: ArgDecoder = (a) => formatIovecs(a, () => null);

/** readv's array, at exit: the returned byte count fills the buffers one after another. */
export const iovecOutSpec: ArgSpec = {
  phase: 'exit',
  decode: (a) => {
    let left = succeeded(a.call.ret) ? a.call.ret! : -1;
    return formatIovecs(a, (len) => {
      if (left < 0) return null;
      const n = Math.min(len, left);
      left -= n;
      return n;
    });
  },
};
