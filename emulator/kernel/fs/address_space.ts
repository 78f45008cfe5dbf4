// The page cache of one file (struct address_space, mm/filemap.c): its data as 4 KiB frames from
// the machine's RAM. tmpfs keeps files only here, as Linux's tmpfs keeps them in the page cache,
// so a big file costs the machine memory, a sparse file costs only the pages written, and a
// MAP_SHARED mapping can map the very same frames (see getPage).

import { PAGE_SIZE } from '../../uapi/mman';
import type { Page, PhysMem } from '../mm/page';

export class AddressSpace {
  /** Page index → frame. Missing pages are holes and read as zeros. */
  readonly pages = new Map<number, Page>();

  constructor(readonly phys: PhysMem) {}

  get nrpages(): number {
    return this.pages.size;
  }

  /** Copy `len` bytes from `pos` (holes read as zeros). */
  read(pos: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const p = pos + done;
      const off = p % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, len - done);
      const page = this.pages.get(Math.floor(p / PAGE_SIZE));
      if (page) out.set(page.data.subarray(off, off + n), done);
      done += n;
    }
    return out;
  }

  /**
   * Copy `data` to `pos`, allocating pages as needed. Returns the bytes written: fewer than asked
   * when the machine runs out of memory (the caller turns 0 into ENOSPC).
   */
  write(pos: number, data: Uint8Array): number {
    let done = 0;
    while (done < data.length) {
      const p = pos + done;
      const off = p % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, data.length - done);
      const page = this.getPage(Math.floor(p / PAGE_SIZE), true);
      if (!page) break;
      page.data.set(data.subarray(done, done + n), off);
      done += n;
    }
    return done;
  }

  /** find_or_create_page: the frame at `index`, allocating a zeroed one if `create`. */
  getPage(index: number, create: boolean): Page | null {
    let page = this.pages.get(index);
    if (!page && create) {
      page = this.phys.alloc() ?? undefined;
      if (page) this.pages.set(index, page);
    }
    return page ?? null;
  }

  /** truncate_inode_pages: drop whole pages past `size` and zero the tail of the last one. */
  truncate(size: number): void {
    const keep = Math.ceil(size / PAGE_SIZE);
    for (const [index, page] of this.pages) {
      if (index >= keep) {
        this.pages.delete(index);
        this.phys.put(page);
      }
    }
    const off = size % PAGE_SIZE;
    if (off) this.pages.get(keep - 1)?.data.fill(0, off);
  }

  /** Punch a hole: whole pages in [pos, pos+len) go, partial ones are zeroed. Returns pages freed. */
  punch(pos: number, len: number): number {
    const end = pos + len;
    let freed = 0;
    for (const [index, page] of [...this.pages]) {
      const start = index * PAGE_SIZE;
      const stop = start + PAGE_SIZE;
      if (stop <= pos || start >= end) continue;
      if (start >= pos && stop <= end) {
        this.pages.delete(index);
        this.phys.put(page);
        freed++;
      } else {
        page.data.fill(0, Math.max(pos, start) - start, Math.min(end, stop) - start);
      }
    }
    return freed;
  }

  /** Free every page (the inode is gone). Frames still mapped somewhere live on there. */
  release(): void {
    for (const page of this.pages.values()) this.phys.put(page);
    this.pages.clear();
  }
}
