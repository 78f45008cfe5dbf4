// -e read=FD / -e write=FD: after the line of a call that moved data through a watched fd, strace
// dumps the data in full (not cut at -s), 16 bytes a row:
//  ` | 00000  01 02 20 61 62 63 80 78  79 7a                    .. abc.xyz       |`
// A vectored call (readv, writev) gets a ` * N bytes in buffer I` header before each buffer's dump.

import { syscallSignature } from '../../uapi/syscall_signatures';
import type { Decode, SyscallCall } from './types';
import { UIO_MAXIOV } from './arrays';
import { int32, succeeded, uint64 } from './numbers';
import { readMem, readStruct } from './requests';

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** The dump rows of `bytes`. */
export function formatHexDump(bytes: Uint8Array): string[] {
  const rows: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, off + 16);
    let hexes = '';
    for (let i = 0; i < 16; i++) hexes += (i < row.length ? hex2(row[i]!) : '  ') + (i === 7 ? '  ' : ' ');
    const text = [...row].map((b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.')).join('');
    rows.push(` | ${off.toString(16).padStart(5, '0')}  ${hexes} ${text.padEnd(16)} |`);
  }
  return rows;
}

/** Data a call moved through an fd, for the dump: which fd, which way, and the dump lines. */
export interface IoDump {
  fd: number;
  direction: 'read' | 'write';
  lines: string[];
}

const IOVEC_SIZE = 16;

/** The iovec buffers' data, `total` bytes at most, each as a headed dump. */
function* dumpIovecs(addr: number, count: number, total: number): Decode<string[]> {
  const n = Math.min(count, UIO_MAXIOV);
  const f = yield* readStruct(addr, n * IOVEC_SIZE);
  if (!f) return [];
  const lines: string[] = [];
  let left = total;
  for (let i = 0; i < n && left > 0; i++) {
    const len = Math.min(Number(f.u64(i * IOVEC_SIZE + 8)), left);
    left -= len;
    const data = len ? yield* readMem(Number(f.u64(i * IOVEC_SIZE)), len) : null;
    if (data) lines.push(` * ${len} bytes in buffer ${i}`, ...formatHexDump(data));
  }
  return lines;
}

/**
 * The dump for a returned call that read or wrote through its first argument, an fd (read, write,
 * pread64, readv, writev, …); null for any other call or a failed one. The caller checks the fd
 * against -e read=/-e write=.
 */
export function* dumpIo(call: SyscallCall): Decode<IoDump | null> {
  const sig = syscallSignature(call.nr);
  if (!sig || sig.args[0]?.[1] !== 'fd' || !succeeded(call.ret)) return null;
  const moved = call.ret!;
  for (const [i, [, kind]] of sig.args.entries()) {
    const addr = call.args[i] ?? 0;
    const count = Number(uint64(call.args[sig.lengthArg?.[i] ?? -1] ?? 0));
    const direction = kind === 'buf_in' || kind === 'iovec_in' ? 'write' : 'read';
    let lines: string[] | null = null;
    if (kind === 'buf_in' || kind === 'buf_out') {
      const data = moved ? yield* readMem(addr, moved) : new Uint8Array(0);
      lines = data ? formatHexDump(data) : [];
    } else if (kind === 'iovec_in' || kind === 'iovec_out') lines = yield* dumpIovecs(addr, count, moved);
    if (lines) return { fd: int32(call.args[0] ?? 0), direction, lines };
  }
  return null;
}
