// The FP/SIMD state in a signal frame (arch/x86/kernel/fpu/signal.c), and the SIGFPE code of a
// floating-point exception (fpu__exception_code, arch/x86/kernel/fpu/core.c).
//
// A signal handler may use floating point itself (printf("%f") does), so before it runs the
// interrupted code's x87 and SSE registers are saved on the user stack, and rt_sigreturn puts
// them back. On x86-64 the save area sits above the rt_sigframe, 64-byte aligned, and struct
// sigcontext's `fpstate` points at it. Its layout is the user context's business (the fxsave
// image on the x86 CPU, as Linux writes it on a CPU without XSAVE); the kernel only moves bytes.
// The handler itself starts with a clean FPU (fpu__clear_user_states), as on Linux.
//
// A context with no FP state (our TypeScript programs) gets fpstate = NULL, as Linux gives a
// task that never used the FPU on old kernels.

import { copy_from_user, copy_to_user } from './mm/uaccess';
import type { Task } from './sched/task';

/** fpu__alloc_mathframe: room for the FP state below sp. Returns the new sp (= the buffer), or sp unchanged if none. */
export function fpu__alloc_mathframe(t: Task, sp: number): { sp: number; size: number } {
  const size = t.uctx.fpStateSize ?? 0;
  if (size === 0) return { sp, size: 0 };
  sp -= size;
  return { sp: sp - (((sp % 64) + 64) % 64), size };
}

/** copy_fpstate_to_sigframe: write the state at buf, then give the handler a fresh FPU. False on a fault. */
export function copy_fpstate_to_sigframe(t: Task, buf: number): boolean {
  const u = t.uctx;
  if (!u.saveFpState || !u.restoreFpState) return true;
  if (copy_to_user(t, buf, u.saveFpState()) < 0) return false;
  u.restoreFpState(null);
  return true;
}

/**
 * fpu__restore_sig: rt_sigreturn's half. buf = 0 means "no saved state": the FPU is reset. A
 * state whose MXCSR has reserved bits is sanitized by the context (Linux masks them). False on a fault.
 */
export function fpu__restore_sig(t: Task, buf: number): boolean {
  const u = t.uctx;
  if (!u.restoreFpState || !u.fpStateSize) return true;
  if (buf === 0) {
    u.restoreFpState(null);
    return true;
  }
  const raw = copy_from_user(t, buf, u.fpStateSize);
  if (typeof raw === 'number') return false;
  u.restoreFpState(raw);
  return true;
}

/**
 * fpu__exception_code: the SIGFPE si_code for an x87 (#MF) or SIMD (#XM) floating-point
 * exception, from the unmasked exception flags that are set (the CPU reports them in the trap's
 * error code): invalid first, then divide-by-zero, overflow, underflow/denormal, precision.
 * 0 means none (a spurious exception: no signal).
 */
export function fpu__exception_code(err: number): number {
  if (err & 0x001) return 7; // FPE_FLTINV
  if (err & 0x004) return 3; // FPE_FLTDIV
  if (err & 0x008) return 4; // FPE_FLTOVF
  if (err & 0x012) return 5; // FPE_FLTUND
  if (err & 0x020) return 6; // FPE_FLTRES
  return 0;
}
