// Shared memory objects (mm/shmem.c): a set of frames that belongs to no address space, so every
// mapping of it sees the same bytes. Linux backs three things with shmem: MAP_SHARED|MAP_ANONYMOUS
// (shmem_zero_setup, an unlinked "/dev/zero" file), SysV shm segments (ipc/shm.c) and tmpfs files.
// The object holds one reference on each of its frames; every address space that faults a frame
// in takes another, so a frame lives while the object or any mapping still has it.

import type { Page, PhysMem } from './page';
import type { Vma, VmaShared } from './vma';

export class ShmemObject implements VmaShared {
  /** Frames by page index; allocated (zeroed) on first touch. */
  readonly pages = new Map<number, Page>();
  /** VMAs using the object (open minus close). */
  mapCount = 0;
  /** Called when the last VMA closes (anonymous shared memory frees itself then). */
  onLastClose: (() => void) | null = null;

  constructor(readonly phys: PhysMem) {}

  getPage(index: number): Page | null {
    let p = this.pages.get(index);
    if (!p) {
      const fresh = this.phys.alloc();
      if (!fresh) return null;
      this.pages.set(index, (p = fresh));
    }
    p.refs++;
    return p;
  }

  open(_vma: Vma): void {
    this.mapCount++;
  }

  close(_vma: Vma): void {
    if (--this.mapCount === 0) this.onLastClose?.();
  }

  /** Resident frames (/proc/sysvipc/shm's rss is this times the page size). */
  get resident(): number {
    return this.pages.size;
  }

  /** Drop the object's own references (shmem_evict_inode). */
  release(): void {
    for (const p of this.pages.values()) this.phys.put(p);
    this.pages.clear();
  }
}

/** shmem_zero_setup: the object behind a new MAP_SHARED|MAP_ANONYMOUS mapping. */
export function shmem_zero_setup(phys: PhysMem): ShmemObject {
  const obj = new ShmemObject(phys);
  obj.onLastClose = () => obj.release();
  return obj;
}
