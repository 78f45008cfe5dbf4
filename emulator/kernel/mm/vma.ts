// A virtual memory area: one contiguous range of an address space with one set of permissions
// (Linux's struct vm_area_struct). /proc/<pid>/maps prints one line per VMA.

import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../../uapi/mman';

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
}

export function vmaPermString(v: Vma): string {
  return (
    (v.prot & PROT_READ ? 'r' : '-') +
    (v.prot & PROT_WRITE ? 'w' : '-') +
    (v.prot & PROT_EXEC ? 'x' : '-') +
    (v.flags & VM_SHARED ? 's' : 'p')
  );
}
