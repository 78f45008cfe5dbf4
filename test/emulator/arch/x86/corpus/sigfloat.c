// A signal handler that uses floating point must not disturb the code it interrupted: the kernel
// saves the x87 and SSE state in the signal frame (uc_mcontext.fpregs) and rt_sigreturn restores
// it — from the frame, so a change the handler makes there is what the interrupted code sees.
#define _GNU_SOURCE
#include <fenv.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static volatile double hd;

static void handler(int sig, siginfo_t *info, void *ctx) {
  ucontext_t *uc = ctx;
  struct _fpstate *fp = (struct _fpstate *)uc->uc_mcontext.fpregs;
  unsigned short cw;
  unsigned mx;
  __asm__ volatile("fnstcw %0; stmxcsr %1" : "=m"(cw), "=m"(mx));
  printf("handler %d: fresh cw=%04x mxcsr=%08x\n", sig, cw, mx);
  printf("saved: cwd=%04x swd=%04x ftw=%02x mxcsr=%08x st0=%04x:%04x%04x%04x%04x xmm7=%08x%08x\n", fp->cwd, fp->swd, fp->ftw & 0xff,
         fp->mxcsr, fp->_st[0].exponent, fp->_st[0].significand[3], fp->_st[0].significand[2], fp->_st[0].significand[1],
         fp->_st[0].significand[0], fp->_xmm[7].element[1], fp->_xmm[7].element[0]);
  // Use the FPU: x87 and SSE arithmetic, printf of floats, another rounding mode.
  long double x = 1.0L;
  for (int k = 0; k < 20; k++) x = x * 1.1L + 0.25L;
  hd = hd * 3.5 + 1.0 / 3.0;
  fesetround(FE_UPWARD);
  printf("handler math: %.10Lf %.17g %.3f\n", x, hd, 2.0 / 3.0);
  __asm__ volatile("fldpi; fldz; fld1; pxor %%xmm7, %%xmm7" ::: "xmm7");
  // Edit the saved state: the interrupted code resumes with this value in xmm7's low dword.
  fp->_xmm[7].element[0] = 0x12345678;
  (void)info;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, 0);
  hd = 1.5;
  static long double third = 1.0L / 3.0L, out1, out2;
  static double dv = 2.0 / 7.0;
  static unsigned long xmm7out;
  static unsigned short cw = 0x0b7f, cwout, swout; // round down, all masked
  static unsigned mx = 0x3f80, mxout;               // round down
  long pid = getpid();
  __asm__ volatile(
      "fldcw %[cw]\n ldmxcsr %[mx]\n movsd %[dv], %%xmm7\n fldt %[l]\n fld1\n fdivr %%st(1), %%st\n"
      "mov $62, %%eax\n mov %[pid], %%rdi\n mov $10, %%esi\n syscall\n"
      "fnstsw %[swout]\n fstpt %[o1]\n fstpt %[o2]\n movq %%xmm7, %[x7]\n fnstcw %[cwout]\n stmxcsr %[mxout]\n fninit\n"
      : [o1] "=m"(out1), [o2] "=m"(out2), [x7] "=m"(xmm7out), [cwout] "=m"(cwout), [mxout] "=m"(mxout), [swout] "=m"(swout)
      : [cw] "m"(cw), [mx] "m"(mx), [dv] "m"(dv), [l] "m"(third), [pid] "r"(pid)
      : "rax", "rcx", "rdx", "rsi", "rdi", "r11", "xmm7", "memory");
  __asm__ volatile("ldmxcsr %0" ::"m"(mx));
  unsigned short *p1 = (unsigned short *)&out1, *p2 = (unsigned short *)&out2;
  printf("after: st0=%04x:%04x%04x%04x%04x st1=%04x:%04x%04x%04x%04x xmm7=%016lx cw=%04x mxcsr=%08x sw=%04x\n", p1[4], p1[3], p1[2],
         p1[1], p1[0], p2[4], p2[3], p2[2], p2[1], p2[0], xmm7out, cwout, mxout, swout & 0x3800);
  fesetround(FE_TONEAREST);
  printf("%.20Lf %.20Lf %.6f\n", out1, out2, hd);
  return 0;
}
