// /proc/<pid>/mem (fs/proc/base.c: mem_open, mem_rw, mem_lseek): the process's address space as a
// file. The file position is the virtual address: lseek to it, then read or write — what a
// debugger does instead of a word at a time with PTRACE_PEEKDATA.
//
//   - open needs the right to trace the process (PTRACE_MODE_ATTACH): EACCES otherwise; the
//     address space is taken at open, so the file keeps showing it after the process execs;
//   - a read or write stops at the first page that is not mapped (or not readable): what was done
//     so far is returned, or EIO if that is nothing;
//   - once the process is gone the file reads as empty.
//
// Simplified: Linux writes with FOLL_FORCE, so a debugger can patch read-only text; like our
// PTRACE_POKEDATA, we write only where the process itself could.

import { EACCES, EINVAL, EIO, ESRCH } from '../../../uapi/errno';
import { PAGE_SIZE } from '../../../uapi/mman';
import { SEEK_CUR, SEEK_SET } from '../../../uapi/fcntl';
import { FAULT_OK, type MM } from '../../mm/mm';
import type { File } from '../file';
import type { FileOperations } from '../fs';
import { vfs_setpos } from '../libfs';
import { get_proc_task, ptrace_may_access } from './internal';

/** The address space held by an open mem file (file->private_data). */
const file_mm = (file: File) => file.private_data as MM | null;

/** mem_rw's loop: one page at a time from `addr`, stopping at the first fault. */
function mem_read(mm: MM, addr: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  let done = 0;
  while (done < count) {
    const n = Math.min(PAGE_SIZE - ((addr + done) % PAGE_SIZE), count - done);
    if (mm.readInto(addr + done, out, done, n) !== FAULT_OK) break;
    done += n;
  }
  return out.subarray(0, done);
}

function mem_write(mm: MM, addr: number, data: Uint8Array): number {
  let done = 0;
  while (done < data.length) {
    const n = Math.min(PAGE_SIZE - ((addr + done) % PAGE_SIZE), data.length - done);
    if (mm.writeFrom(addr + done, data.subarray(done, done + n)) !== FAULT_OK) break;
    done += n;
  }
  return done;
}

/** A read is capped like any read (MAX_RW_COUNT); we also stop at 1 MiB per call to bound the copy. */
const MEM_RW_MAX = 1 << 20;

export const proc_mem_operations: FileOperations = {
  open(inode, file, t) {
    const task = get_proc_task(inode);
    if (!task) return -ESRCH;
    if (!ptrace_may_access(t, task)) return -EACCES;
    file.private_data = task.mm;
    return 0;
  },
  read(file, _t, count, ppos) {
    const mm = file_mm(file);
    if (!mm || mm.users === 0) return new Uint8Array(0);
    const data = mem_read(mm, ppos.pos, Math.min(count, MEM_RW_MAX));
    if (data.length === 0 && count > 0) return -EIO;
    ppos.pos += data.length;
    return data;
  },
  write(file, _t, data, ppos) {
    const mm = file_mm(file);
    if (!mm || mm.users === 0) return 0;
    const n = mem_write(mm, ppos.pos, data.subarray(0, MEM_RW_MAX));
    if (n === 0 && data.length > 0) return -EIO;
    ppos.pos += n;
    return n;
  },
  /** mem_lseek: SEEK_SET and SEEK_CUR only. */
  llseek(file, offset, whence) {
    if (whence === SEEK_SET) return vfs_setpos(file, offset);
    if (whence === SEEK_CUR) return vfs_setpos(file, file.pos + offset);
    return -EINVAL;
  },
};
