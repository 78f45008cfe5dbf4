// mmap(2) protections and flags (x86-64).

export const PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
export const MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;
export const MAP_GROWSDOWN = 0x100, MAP_DENYWRITE = 0x800, MAP_EXECUTABLE = 0x1000, MAP_LOCKED = 0x2000;
export const MAP_NORESERVE = 0x4000, MAP_POPULATE = 0x8000, MAP_NONBLOCK = 0x10000, MAP_STACK = 0x20000;
export const MAP_FIXED_NOREPLACE = 0x100000;
export const MAP_FAILED = -1;
export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
/** The top of the x86-64 user address space (47 bits, minus the guard page). */
export const TASK_SIZE = 0x7ffffffff000;
export const PROT_SEM = 0x8, PROT_GROWSDOWN = 0x01000000, PROT_GROWSUP = 0x02000000;
/** The sharing type in the low bits of the mmap flags; MAP_SHARED_VALIDATE rejects unknown flags. */
export const MAP_TYPE = 0x0f, MAP_SHARED_VALIDATE = 0x03;
export const MAP_32BIT = 0x40, MAP_HUGETLB = 0x40000, MAP_SYNC = 0x80000;
/** Bits 26-31 of the flags may give a huge page size as its log2. */
export const MAP_HUGE_SHIFT = 26;

/** madvise(2) advice, by value (asm-generic/mman-common.h). */
export const MADV_NAMES: readonly (readonly [number, string])[] = [
  [0, 'MADV_NORMAL'], [1, 'MADV_RANDOM'], [2, 'MADV_SEQUENTIAL'], [3, 'MADV_WILLNEED'], [4, 'MADV_DONTNEED'],
  [8, 'MADV_FREE'], [9, 'MADV_REMOVE'], [10, 'MADV_DONTFORK'], [11, 'MADV_DOFORK'], [12, 'MADV_MERGEABLE'],
  [13, 'MADV_UNMERGEABLE'], [14, 'MADV_HUGEPAGE'], [15, 'MADV_NOHUGEPAGE'], [16, 'MADV_DONTDUMP'], [17, 'MADV_DODUMP'],
  [18, 'MADV_WIPEONFORK'], [19, 'MADV_KEEPONFORK'], [20, 'MADV_COLD'], [21, 'MADV_PAGEOUT'], [22, 'MADV_POPULATE_READ'],
  [23, 'MADV_POPULATE_WRITE'], [100, 'MADV_HWPOISON'], [101, 'MADV_SOFT_OFFLINE'],
];
