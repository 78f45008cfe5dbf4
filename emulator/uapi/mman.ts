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
