// Memory-mapping syscalls (mm/mmap.c, mm/mprotect.c): brk, mmap, munmap, mprotect, madvise.
// Anonymous mappings, private and shared, and mappings of files whose data is in the page cache
// (tmpfs: /dev/shm, POSIX shared memory).

import { EACCES, EBADF, EEXIST, EINVAL, ENODEV, ENOMEM } from '../../uapi/errno';
import { S_ISREG } from '../../uapi/stat';
import { d_path } from '../fs/d_path';
import { FMODE_READ, FMODE_WRITE } from '../fs/fs';
import {
  MAP_ANONYMOUS, MAP_FIXED, MAP_FIXED_NOREPLACE, MAP_GROWSDOWN, MAP_PRIVATE, MAP_SHARED, PAGE_SIZE,
  PROT_EXEC, PROT_READ, PROT_WRITE, TASK_SIZE,
} from '../../uapi/mman';
import type { Task } from '../sched/task';
import type { SyscallGroup } from '../syscalls/types';
import { VM_GROWSDOWN, VM_SHARED, type VmaFile, type VmaShared } from './vma';
import { shmem_zero_setup } from './shmem';

const pageUp = (n: number) => Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
const isPageAligned = (n: number) => n % PAGE_SIZE === 0;

/** The most address space one process may map: the machine's RAM times 4 (a modest overcommit). */
function overcommitLimit(t: Task): number {
  return t.kernel.phys.totalBytes * 4;
}

/** brk(2): move the end of the heap; returns the new break (or the old one if the move fails). */
function sys_brk(t: Task, brk: number): number {
  const mm = t.mm!;
  if (brk < mm.startBrk || brk >= TASK_SIZE) return mm.brk;
  const oldEnd = pageUp(mm.brk);
  const newEnd = pageUp(brk);
  if (newEnd > oldEnd) {
    if (!mm.isFree(oldEnd, newEnd) || mm.totalVm + (newEnd - oldEnd) > overcommitLimit(t)) return mm.brk;
    const heap = mm.vmas.find((v) => v.name === '[heap]');
    if (heap && heap.end === oldEnd) heap.end = newEnd;
    else mm.mapArea(oldEnd, newEnd, PROT_READ | PROT_WRITE, 0, '[heap]');
  } else if (newEnd < oldEnd) {
    mm.unmapRange(newEnd, oldEnd);
  }
  mm.brk = brk;
  return brk;
}

function sys_mmap(t: Task, addr: number, len: number, prot: number, flags: number, fd: number, off: number): number {
  const mm = t.mm!;
  if (len <= 0 || len > TASK_SIZE) return -EINVAL;
  if (!isPageAligned(off) || off < 0) return -EINVAL;
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) return -EINVAL;
  const type = flags & 3;
  if (type !== MAP_SHARED && type !== MAP_PRIVATE) return -EINVAL;
  let fileMap: FileMapping | null = null;
  if (!(flags & MAP_ANONYMOUS)) {
    const m = file_mapping(t, fd | 0, prot, type === MAP_SHARED);
    if (typeof m === 'number') return m;
    fileMap = m;
  }
  const size = pageUp(len);
  if (mm.totalVm + size > overcommitLimit(t)) return -ENOMEM;
  let start: number;
  if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if (!isPageAligned(addr) || addr + size > TASK_SIZE || addr < PAGE_SIZE) return -EINVAL;
    if (flags & MAP_FIXED_NOREPLACE && !(flags & MAP_FIXED) && !mm.isFree(addr, addr + size)) return -EEXIST;
    start = addr;
  } else {
    start = mm.getUnmappedArea(size, addr && isPageAligned(addr) && addr >= 0x10000 ? addr : 0);
    if (start < 0) return -ENOMEM;
  }
  const vma = { start, end: start + size, prot, flags: (type === MAP_SHARED ? VM_SHARED : 0) | (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0), pgoff: 0, file: null, name: '' };
  if (fileMap) mm.insertVma({ ...vma, pgoff: off, file: fileMap.file, shared: fileMap.shared });
  // Shared anonymous memory gets its own shmem object, so a child forked before the first touch
  // still shares the frames with its parent.
  else if (type === MAP_SHARED) mm.insertVma({ ...vma, shared: shmem_zero_setup(mm.phys) });
  else mm.insertVma(vma);
  return start;
}

interface FileMapping {
  file: VmaFile;
  shared: VmaShared;
}

/**
 * The page cache behind a file mapping (filemap_fault). Only files whose data lives in the page
 * cache can be mapped — tmpfs files, which covers /dev/shm and POSIX shared memory; other files
 * give ENODEV. The frames are the file's own, so a MAP_SHARED mapping, read(2), write(2) and other
 * processes' mappings all see the same bytes; a MAP_PRIVATE one copies a page at its first write.
 */
function file_mapping(t: Task, fd: number, prot: number, shared: boolean): FileMapping | number {
  const file = fd >= 0 ? t.files.get(fd) : null;
  if (!file) return -EBADF;
  const mapping = file.inode.mapping;
  if (!mapping || !S_ISREG(file.inode.mode)) return -ENODEV;
  if (!(file.f_mode & FMODE_READ)) return -EACCES;
  if (shared && prot & PROT_WRITE && !(file.f_mode & FMODE_WRITE)) return -EACCES;
  return {
    file: { dev: file.inode.sb.dev, ino: file.inode.ino, path: d_path(file.path, t.fs.root) },
    shared: {
      getPage(index: number) {
        const page = mapping.getPage(index, true);
        if (page) page.refs++;
        return page;
      },
    },
  };
}

function sys_munmap(t: Task, addr: number, len: number): number {
  if (!isPageAligned(addr) || len <= 0 || addr < 0 || addr + len > TASK_SIZE) return -EINVAL;
  t.mm!.unmapRange(addr, addr + pageUp(len));
  return 0;
}

function sys_mprotect(t: Task, addr: number, len: number, prot: number): number {
  if (!isPageAligned(addr) || len < 0 || addr < 0) return -EINVAL;
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | 0x01000000 | 0x02000000)) return -EINVAL;
  if (len === 0) return 0;
  const end = addr + pageUp(len);
  const mm = t.mm!;
  // With anonymous memory only, every change is allowed (a read-only file mapping could not gain
  // PROT_WRITE: EACCES, once file mappings exist).
  return mm.protectRange(addr, end, prot & 7) ? 0 : -ENOMEM;
}

const MADV_DONTNEED = 4;

/** madvise(2): MADV_DONTNEED drops the pages (they read back as zeros); other advice is accepted. */
function sys_madvise(t: Task, addr: number, len: number, advice: number): number {
  if (!isPageAligned(addr) || len < 0) return -EINVAL;
  if ((advice | 0) === MADV_DONTNEED) t.mm!.dropPages(addr, addr + pageUp(len));
  return 0;
}

export const mmapSyscalls: SyscallGroup = {
  brk: sys_brk,
  mmap: sys_mmap,
  munmap: sys_munmap,
  mprotect: sys_mprotect,
  madvise: sys_madvise,
};
