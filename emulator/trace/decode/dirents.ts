// getdents/getdents64: the directory entries the kernel packed into the buffer, each `d_reclen`
// bytes long. Without -v strace only counts them (`0x7ffd… /* 4 entries */`); with -v it lists
// `{d_ino=…, d_off=…, d_reclen=24, d_type=DT_DIR, d_name="."}`. The old getdents keeps d_type in
// the record's last byte, and prints it after the name.

import { DIRENT, DIRENT64 } from '../../uapi/stat';
import { syscallName } from '../../uapi/unistd_64';
import { outArg, type ArgContext } from './context';
import { arrayLimit, formatList } from './arrays';
import { hex } from './numbers';
import { quote } from './quote';
import { readStruct } from './requests';
import type { Fields } from './struct';

const DT_NAMES: Record<number, string> = {
  0: 'DT_UNKNOWN', 1: 'DT_FIFO', 2: 'DT_CHR', 4: 'DT_DIR', 6: 'DT_BLK', 8: 'DT_REG', 10: 'DT_LNK', 12: 'DT_SOCK', 14: 'DT_WHT',
};
const dtName = (t: number) => DT_NAMES[t] ?? `${t}`;

/** The offsets of the records in a buffer of `len` bytes (stopping at a malformed d_reclen). */
function recordOffsets(f: Fields, len: number, reclenAt: number): number[] {
  const offs: number[] = [];
  for (let off = 0; off + reclenAt + 2 <= len; ) {
    const reclen = f.u16(off + reclenAt);
    if (reclen === 0 || off + reclen > len) break;
    offs.push(off);
    off += reclen;
  }
  return offs;
}

function formatEntry(f: Fields, off: number, is64: boolean, a: ArgContext): string {
  const reclen = f.u16(off + DIRENT.reclen);
  const head = `d_ino=${f.u64(off + DIRENT.ino)}, d_off=${f.u64(off + DIRENT.off)}, d_reclen=${reclen}`;
  if (is64) {
    const name = quote(f.cstr(off + DIRENT64.name, reclen - DIRENT64.name), a.opts);
    return `{${head}, d_type=${dtName(f.u8(off + DIRENT64.type))}, d_name=${name}}`;
  }
  const name = quote(f.cstr(off + DIRENT.name, reclen - DIRENT.name - 1), a.opts);
  return `{${head}, d_name=${name}, d_type=${dtName(f.u8(off + reclen - 1))}}`;
}

export const direntsOutSpec = outArg(function* (a) {
  const len = a.call.ret ?? 0;
  const f = yield* readStruct(a.value, len);
  if (!f) return hex(a.value);
  const offs = recordOffsets(f, len, DIRENT.reclen);
  if (!a.opts.verbose) return `${hex(a.value)} /* ${offs.length} entries */`;
  const is64 = syscallName.get(a.call.nr) === 'getdents64';
  const limit = arrayLimit(a.opts);
  return formatList(offs.slice(0, limit).map((off) => formatEntry(f, off, is64, a)), offs.length > limit);
});
