// The vDSO data page ([vvar]): what the kernel publishes for the vDSO's code to read, so that
// clock_gettime, gettimeofday and time need no syscall (Linux's struct vdso_data in
// include/vdso/datapage.h). One page, mapped read-only into every process just below [vdso]; the
// kernel rewrites it (kernel/vsyscall.ts) and the code in arch/x86/vdso/vdso.asm reads it with the
// same offsets, which a test checks.
//
// Simplified relative to Linux: one clocksource base instead of Linux's two (CS_HRES_COARSE and
// CS_RAW), no time-namespace page, and the coarse clocks keep plain nanoseconds next to the
// high-resolution ones in the same table.

/** Sequence count: odd while the kernel is rewriting the page; readers retry if it moved. */
export const VD_SEQ = 0;
/** VDSO_CLOCKMODE_*: whether user space may read the clocksource (0: fall back to the syscall). */
export const VD_CLOCK_MODE = 4;
/** The clocksource's cycle counter (the TSC) when the bases below were taken. */
export const VD_CYCLE_LAST = 8;
/** ns = (cycles * mult) >> shift. */
export const VD_MULT = 16;
export const VD_SHIFT = 20;
/** basetime[clock id]: { u64 sec; u64 nsec } — nsec shifted left by `shift` for the hres clocks. */
export const VD_BASETIME = 24;
export const VD_BASETIME_ENTRY = 16;
/** Clock ids 0..11 have an entry (CLOCK_TAI is 11). */
export const VD_NR_CLOCKS = 12;
/** struct timezone for gettimeofday: tz_minuteswest, tz_dsttime. */
export const VD_TZ_MINUTESWEST = VD_BASETIME + VD_NR_CLOCKS * VD_BASETIME_ENTRY;
export const VD_TZ_DSTTIME = VD_TZ_MINUTESWEST + 4;
/** clock_getres of the high-resolution clocks, in ns. */
export const VD_HRTIMER_RES = VD_TZ_DSTTIME + 4;

export const VDSO_CLOCKMODE_NONE = 0;
export const VDSO_CLOCKMODE_TSC = 1;

/** Clock ids the vDSO serves from the clocksource (REALTIME, MONOTONIC, MONOTONIC_RAW, BOOTTIME, TAI). */
export const VDSO_HRES = (1 << 0) | (1 << 1) | (1 << 4) | (1 << 7) | (1 << 11);
/** Clock ids the vDSO serves from the bases alone (REALTIME_COARSE, MONOTONIC_COARSE). */
export const VDSO_COARSE = (1 << 5) | (1 << 6);
