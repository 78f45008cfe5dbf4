// Physical pages and the machine's memory budget.
//
// Linux keeps a `struct page` per frame with a reference count; a page shared copy-on-write after
// fork has more than one reference and is copied by the first writer. We do the same with
// JavaScript objects: a Page is a frame, `refs` counts the page tables that map it.

import { PAGE_SIZE } from '../../uapi/mman';

export class Page {
  readonly data = new Uint8Array(PAGE_SIZE);
  /** How many address spaces map this frame. */
  refs = 1;
}

/** The machine's RAM: a budget of frames, so a runaway program meets the OOM killer, not the host. */
export class PhysMem {
  used = 0;
  constructor(readonly limitPages: number) {}

  /** A zeroed frame, or null when the machine is out of memory. */
  alloc(): Page | null {
    if (this.used >= this.limitPages) return null;
    this.used++;
    return new Page();
  }

  /** Drop one reference; the frame returns to the budget with its last mapping. */
  put(page: Page): void {
    if (--page.refs === 0) this.used--;
  }

  get totalBytes(): number {
    return this.limitPages * PAGE_SIZE;
  }
}
