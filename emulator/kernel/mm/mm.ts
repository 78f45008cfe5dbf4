// An address space (Linux's struct mm_struct): a page table of 4 KiB frames and a sorted list of VMAs.
//
// Pages are mapped lazily: touching an address inside a VMA for the first time takes a page fault
// that allocates a zeroed frame (or copies a shared one on write, for copy-on-write after fork).
// Both the kernel's copy_from_user/copy_to_user and user-mode accesses go through the same walk,
// so a bad pointer is EFAULT for a syscall and SIGSEGV for the program, never a JavaScript error.

import { PAGE_SHIFT, PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_WRITE, TASK_SIZE } from '../../uapi/mman';
import { PhysMem, type Page } from './page';
import { VM_GROWSDOWN, VM_SHARED, type Vma, type VmaFile } from './vma';

/** Why an access failed: the address has no VMA, or the VMA forbids it, or there is no memory. */
export const FAULT_OK = 0;
export const FAULT_MAPERR = 1;
export const FAULT_ACCERR = 2;
export const FAULT_OOM = 3;

/** The kinds of access MM.userPage checks. */
export const ACCESS_READ = 0;
export const ACCESS_WRITE = 1;
export const ACCESS_EXEC = 2;

/** Observes faults for the trace and /proc counters (set by the kernel). */
export interface FaultObserver {
  pageFault(mm: MM, addr: number, write: boolean, result: number, cow: boolean): void;
}

/** How far below the stack VMA a fault may grow it (the stack rlimit, 8 MiB by default). */
const STACK_LIMIT = 8 << 20;

export class MM {
  readonly pages = new Map<number, Page>();
  vmas: Vma[] = [];
  startCode = 0;
  endCode = 0;
  startData = 0;
  endData = 0;
  startBrk = 0;
  brk = 0;
  startStack = 0;
  argStart = 0;
  argEnd = 0;
  envStart = 0;
  envEnd = 0;
  mmapBase = 0x7ffff7fff000;
  /** Where the vDSO image is mapped (mm->context.vdso; AT_SYSINFO_EHDR), or 0. */
  vdsoBase = 0;
  /** The auxiliary vector exec gave the program (mm->saved_auxv, /proc/<pid>/auxv): key, value pairs ending in AT_NULL. */
  savedAuxv: readonly number[] = [];
  /** Minor faults taken in this address space (for /proc/<pid>/stat). */
  minFlt = 0;
  observer: FaultObserver | null = null;
  /** Tasks using this address space (mm_users): more than one after clone(CLONE_VM) or vfork. */
  users = 1;
  /** The last page looked up, to make runs of small accesses cheap. */
  private lastVpn = -1;
  private lastPage: Page | null = null;
  private lastWritable = false;
  /**
   * For a CPU's TLB (arch/x86): bumped whenever a frame or a permission may have changed — a fault
   * mapped or copied a frame, munmap/mprotect/mremap rewrote VMAs, fork made frames copy-on-write.
   * A CPU that caches frames by page number drops its cache when this moves.
   */
  mapGen = 0;
  /**
   * Pages from which a CPU has decoded instructions (by page number), and what to tell it when one of
   * them is written — by the kernel (read(2) into code, PTRACE_POKETEXT) or by the CPU's own slow
   * path — so a decoded-instruction cache never runs stale code.
   */
  readonly codePages = new Set<number>();
  onCodeWrite: ((vpn: number) => void) | null = null;

  constructor(readonly phys: PhysMem) {}

  // ---- VMAs -------------------------------------------------------------------------------------

  findVma(addr: number): Vma | null {
    const v = this.vmas;
    let lo = 0;
    let hi = v.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = v[mid]!;
      if (addr < m.start) hi = mid - 1;
      else if (addr >= m.end) lo = mid + 1;
      else return m;
    }
    return null;
  }

  /** Insert a VMA over [start, end), unmapping whatever was there (MAP_FIXED semantics). */
  insertVma(vma: Vma): void {
    this.unmapRange(vma.start, vma.end);
    const i = this.vmas.findIndex((v) => v.start > vma.start);
    if (i < 0) this.vmas.push(vma);
    else this.vmas.splice(i, 0, vma);    vma.shared?.open?.(vma);
  }

  /** Find a free range of `len` bytes below mmapBase, top-down as Linux's default layout does. */
  getUnmappedArea(len: number, hint = 0): number {
    if (hint && hint + len <= TASK_SIZE && this.isFree(hint, hint + len)) return hint;
    let top = this.mmapBase;
    for (let i = this.vmas.length - 1; i >= 0; i--) {
      const v = this.vmas[i]!;
      if (v.start >= top) continue;
      if (v.end <= top - len) return top - len;
      top = Math.min(top, v.start);
    }
    return top - len >= 0x10000 ? top - len : -1;
  }

  isFree(start: number, end: number): boolean {
    return !this.vmas.some((v) => v.start < end && v.end > start);
  }

  /**
   * Split the VMAs at `start` and `end` (split_vma), and replace the pieces inside the range
   * with what `inside` returns for each (nothing, to unmap it).
   */
  private rewriteRange(start: number, end: number, inside: (piece: Vma) => Vma | null): void {
    const out: Vma[] = [];
    for (const v of this.vmas) {
      if (v.end <= start || v.start >= end) {
        out.push(v);
        continue;
      }
      const pieces: Vma[] = [];
      if (v.start < start) pieces.push({ ...v, end: start });
      const s = Math.max(v.start, start);
      const piece = inside({ ...v, start: s, end: Math.min(v.end, end), pgoff: v.pgoff + (s - v.start) });
      if (piece) pieces.push(piece);
      if (v.end > end) pieces.push({ ...v, start: end, pgoff: v.pgoff + (end - v.start) });
      // A shared object sees each piece open and the old VMA close (split_vma + remove_vma).
      if (v.shared) {
        for (const p of pieces) v.shared.open?.(p);
        v.shared.close?.(v);
      }
      out.push(...pieces);
    }
    this.vmas = out;
    this.lastVpn = -1;
    this.mapGen++;
    this.codeChanged(start, end);
  }

  /** Remove [start, end) from every VMA, splitting at the edges, and free the pages. */
  unmapRange(start: number, end: number): void {
    this.rewriteRange(start, end, () => null);
    this.dropPages(start, end);
  }

  /** Free the frames behind [start, end) but keep the VMAs: the range reads back as zeros. */
  dropPages(start: number, end: number): void {
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.ceil(end / PAGE_SIZE);
    // Walk whichever is smaller: the range, or the resident pages (munmap of a huge range is legal).
    const vpns = last - first < this.pages.size ? range(first, last) : [...this.pages.keys()].filter((n) => n >= first && n < last);
    for (const vpn of vpns) {
      const p = this.pages.get(vpn);
      if (p) {
        this.phys.put(p);
        this.pages.delete(vpn);
      }
    }
    this.lastVpn = -1;
    this.mapGen++;
    this.codeChanged(start, end);
  }

  /** Change permissions of [start, end), splitting VMAs. Returns false if part is unmapped. */
  protectRange(start: number, end: number, prot: number): boolean {
    for (let a = start; a < end; ) {
      const v = this.findVma(a);
      if (!v) return false;
      a = v.end;
    }
    this.rewriteRange(start, end, (piece) => ({ ...piece, prot }));
    return true;
  }

  /** Total mapped bytes (VmSize). */
  get totalVm(): number {
    let n = 0;
    for (const v of this.vmas) n += v.end - v.start;
    return n;
  }

  /** Resident pages (VmRSS). */
  get rss(): number {
    return this.pages.size;
  }

  // ---- page faults -------------------------------------------------------------------------------

  /**
   * Resolve a fault at `addr` (do_user_addr_fault + handle_mm_fault). Allocates a zero page,
   * breaks copy-on-write, or grows the stack. Returns FAULT_OK or the reason it cannot.
   */
  fault(addr: number, write: boolean): number {
    let vma = this.findVma(addr);
    if (!vma) vma = this.growStack(addr);
    let result = FAULT_OK;
    let cow = false;
    if (!vma) result = FAULT_MAPERR;
    else if (write ? !(vma.prot & PROT_WRITE) : !(vma.prot & PROT_READ)) result = FAULT_ACCERR;
    else {
      const vpn = Math.floor(addr / PAGE_SIZE);
      const page = this.pages.get(vpn);
      if (!page && vma.shared) {
        // A shared mapping's frame belongs to its object: every address space gets the same one.
        const shared = vma.shared.getPage(Math.floor((vma.pgoff + (vpn * PAGE_SIZE - vma.start)) / PAGE_SIZE));
        if (!shared) result = FAULT_OOM;
        else this.pages.set(vpn, shared);
      } else if (!page) {
        const fresh = this.phys.alloc();
        if (!fresh) result = FAULT_OOM;
        else this.pages.set(vpn, fresh);
      } else if (write && page.refs > 1 && !(vma.flags & VM_SHARED)) {
        const copy = this.phys.alloc();
        if (!copy) result = FAULT_OOM;
        else {
          copy.data.set(page.data);
          this.phys.put(page);
          this.pages.set(vpn, copy);
          cow = true;
        }
      }
      this.minFlt++;
      this.lastVpn = -1;
      this.mapGen++;
    }
    this.observer?.pageFault(this, addr, write, result, cow);
    return result;
  }

  private growStack(addr: number): Vma | null {
    const above = this.vmas.find((v) => v.start > addr);
    if (!above || !(above.flags & VM_GROWSDOWN)) return null;
    if (this.startStack - addr > STACK_LIMIT) return null;
    const start = Math.floor(addr / PAGE_SIZE) * PAGE_SIZE;
    above.start = start;
    return above;
  }

  /**
   * The frame behind `addr`, faulting it in if needed. Returns the page or a FAULT_* code.
   * A write to a copy-on-write frame faults, so the caller always gets a private frame to write.
   */
  private page(addr: number, write: boolean): Page | number {
    if (addr < 0 || addr >= TASK_SIZE || !Number.isInteger(addr)) return FAULT_MAPERR;
    const vpn = Math.floor(addr / PAGE_SIZE);
    if (write && this.codePages.has(vpn)) this.codeWritten(vpn);
    if (vpn === this.lastVpn && (!write || this.lastWritable)) return this.lastPage!;
    let page = this.pages.get(vpn);
    const vma = this.findVma(addr);
    const permitted = vma && (write ? vma.prot & PROT_WRITE : vma.prot & PROT_READ);
    const needsCow = write && page && page.refs > 1 && vma && !(vma.flags & VM_SHARED);
    if (!page || !permitted || needsCow) {
      const r = this.fault(addr, write);
      if (r !== FAULT_OK) return r;
      page = this.pages.get(vpn)!;
    }
    this.lastVpn = vpn;
    this.lastPage = page;
    this.lastWritable = write || (vma !== null && !!(vma.prot & PROT_WRITE) && (page.refs === 1 || !!(vma.flags & VM_SHARED)));
    return page;
  }

  /** munmap, mprotect, madvise: code decoded from [start, end) may no longer be there, or executable. */
  private codeChanged(start: number, end: number): void {
    if (this.codePages.size === 0) return;
    const first = Math.floor(start / PAGE_SIZE), last = Math.ceil(end / PAGE_SIZE);
    for (const vpn of [...this.codePages]) if (vpn >= first && vpn < last) this.codeWritten(vpn);
  }

  /** A page that held decoded code is being written: it stops being code until decoded again. */
  private codeWritten(vpn: number): void {
    this.codePages.delete(vpn);
    this.onCodeWrite?.(vpn);
  }

  /**
   * The CPU's MMU walk: the bytes of the frame behind `addr`, for a read, a write or an instruction
   * fetch (`access` is one of the ACCESS_* values), faulting the frame in as a user access would.
   * Returns the frame's bytes or a FAULT_* code; FAULT_ACCERR when the VMA forbids the access,
   * including a fetch from a page without PROT_EXEC (x86's NX bit). The CPU keeps the array in its
   * TLB until `mapGen` moves; it must not keep a write mapping for a page in `codePages`.
   */
  userPage(addr: number, access: number): Uint8Array | number {
    if (access === ACCESS_EXEC) {
      const vma = this.findVma(addr);
      if (vma && !(vma.prot & PROT_EXEC)) return FAULT_ACCERR;
    }
    const p = this.page(addr, access === ACCESS_WRITE);
    return typeof p === 'number' ? p : p.data;
  }

  // ---- access (both the kernel's uaccess and the user-mode MMU use these) -----------------------

  /** Copy `len` bytes at `addr` into `out` (at `outOff`). Returns FAULT_OK or a FAULT_* code. */
  readInto(addr: number, out: Uint8Array, outOff = 0, len = out.length - outOff): number {
    let done = 0;
    while (done < len) {
      const a = addr + done;
      const p = this.page(a, false);
      if (typeof p === 'number') return p;
      const off = a & (PAGE_SIZE - 1);
      const n = Math.min(PAGE_SIZE - off, len - done);
      out.set(n === PAGE_SIZE ? p.data : p.data.subarray(off, off + n), outOff + done);
      done += n;
    }
    return FAULT_OK;
  }

  /** Copy `src` to `addr`. Returns FAULT_OK or a FAULT_* code (bytes before the fault are written). */
  writeFrom(addr: number, src: Uint8Array): number {
    const len = src.length;
    let done = 0;
    while (done < len) {
      const a = addr + done;
      const p = this.page(a, true);
      if (typeof p === 'number') return p;
      const off = a & (PAGE_SIZE - 1);
      const n = Math.min(PAGE_SIZE - off, len - done);
      p.data.set(n === len && done === 0 ? src : src.subarray(done, done + n), off);
      done += n;
    }
    return FAULT_OK;
  }

  /** Fill `len` bytes at `addr` with `byte`. */
  fill(addr: number, len: number, byte: number): number {
    let done = 0;
    while (done < len) {
      const a = addr + done;
      const p = this.page(a, true);
      if (typeof p === 'number') return p;
      const off = a & (PAGE_SIZE - 1);
      const n = Math.min(PAGE_SIZE - off, len - done);
      p.data.fill(byte, off, off + n);
      done += n;
    }
    return FAULT_OK;
  }

  /** Read a NUL-terminated string of at most `max` bytes. Returns the bytes (without NUL) or a fault code. */
  readCString(addr: number, max: number): Uint8Array | number {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let a = addr;
    while (total < max) {
      const p = this.page(a, false);
      if (typeof p === 'number') return p;
      const off = a & (PAGE_SIZE - 1);
      const lim = Math.min(PAGE_SIZE, off + (max - total));
      const z = p.data.indexOf(0, off);
      if (z >= 0 && z < lim) {
        chunks.push(p.data.subarray(off, z));
        total += z - off;
        return concat(chunks, total);
      }
      chunks.push(p.data.subarray(off, lim));
      total += lim - off;
      a += lim - off;
    }
    return concat(chunks, total);
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  /** dup_mmap: a copy for a forked child; private pages become shared copy-on-write. */
  fork(): MM {
    const child = new MM(this.phys);
    child.vmas = this.vmas.map((v) => ({ ...v }));
    for (const v of child.vmas) v.shared?.open?.(v);
    for (const [vpn, page] of this.pages) {
      page.refs++;
      child.pages.set(vpn, page);
    }
    const fields = ['startCode', 'endCode', 'startData', 'endData', 'startBrk', 'brk', 'startStack', 'argStart', 'argEnd', 'envStart', 'envEnd', 'mmapBase', 'vdsoBase'] as const;
    for (const f of fields) child[f] = this[f];
    child.savedAuxv = this.savedAuxv;
    child.observer = this.observer;
    this.lastVpn = -1;
    this.mapGen++;
    return child;
  }

  /** exit_mmap: drop every mapping. */
  destroy(): void {
    for (const p of this.pages.values()) this.phys.put(p);
    this.pages.clear();
    for (const v of this.vmas) v.shared?.close?.(v);
    this.vmas = [];
    this.lastVpn = -1;
    this.mapGen++;
  }

  /** Map an area; anonymous when `file` is null. */
  mapArea(start: number, end: number, prot: number, flags: number, name = '', file: VmaFile | null = null, pgoff = 0): Vma {
    const vma: Vma = { start, end, prot, flags, pgoff, file, name };
    this.insertVma(vma);
    return vma;
  }
}

/** Drop a task's use of an address space; the last user frees it (mmput). */
export function mmput(mm: MM): void {
  if (--mm.users === 0) mm.destroy();
}

function* range(a: number, b: number): Generator<number> {
  for (let i = a; i < b; i++) yield i;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!.slice();
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export { PAGE_SHIFT, PAGE_SIZE };
