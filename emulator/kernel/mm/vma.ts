// A virtual memory area: one contiguous range of an address space with one set of permissions
// (Linux's struct vm_area_struct). /proc/<pid>/maps prints one line per VMA.

import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../../uapi/mman';
import type { Page } from './page';

export const VM_SHARED = 1;
export const VM_GROWSDOWN = 2;

export interface VmaFile {
  /** The file's identity for /proc/<pid>/maps: device, inode and path. */
  dev: number;
  ino: number;
  path: string;
}

export interface Vma {
  start: number;
  end: number;
  prot: number;
  flags: number;
  /** Offset into the file, in bytes, for file mappings. */
  pgoff: number;
  file: VmaFile | null;
  /** "[heap]", "[stack]", "[vdso]" … for anonymous areas with a name. */
  name: string;
  /** Where a shared mapping's frames come from (shared anonymous memory, SysV shm): see VmaShared. */
  shared?: VmaShared;
}

/**
 * The object behind a shared mapping (Linux: vma->vm_file of shmem plus vma->vm_ops). Every
 * address space that maps it gets the object's frames, so a write through one mapping is seen
 * through all of them. open/close run for each VMA that starts or stops using the object — a
 * new mapping, a fork's copy, each piece of a split, an unmap — as vm_ops->open/close do (SysV
 * shm counts its attaches with them).
 */
export interface VmaShared {
  /** The frame at page `index` of the object with a reference taken for the mapping; null when out of memory. */
  getPage(index: number): Page | null;
  open?(vma: Vma): void;
  close?(vma: Vma): void;
}

export function vmaPermString(v: Vma): string {
  return (
    (v.prot & PROT_READ ? 'r' : '-') +
    (v.prot & PROT_WRITE ? 'w' : '-') +
    (v.prot & PROT_EXEC ? 'x' : '-') +
    (v.flags & VM_SHARED ? 's' : 'p')
  );
}
