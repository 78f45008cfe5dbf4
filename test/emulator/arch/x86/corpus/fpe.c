// Unmasked floating-point exceptions: SSE raises #XM at the faulting instruction, the x87 raises
// #MF at the next x87 instruction after the one that set the flag; the kernel turns both into
// SIGFPE with the si_code of the exception (FPE_FLTDIV, FPE_FLTINV …). A flag left set while
// masked does not trap SSE code when unmasked later, but does trap the next x87 instruction.
#define _GNU_SOURCE
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static volatile int traps;

static void on_fpe(int sig, siginfo_t *si, void *ctx) {
  (void)ctx;
  traps++;
  printf("signal %d code %d\n", sig, si->si_code);
  siglongjmp(env, 1);
}

static void set_mxcsr(unsigned v) { __asm__ volatile("ldmxcsr %0" ::"m"(v)); }
static unsigned get_mxcsr(void) { unsigned v; __asm__ volatile("stmxcsr %0" : "=m"(v)); return v; }
static void set_cw(unsigned short v) { __asm__ volatile("fldcw %0" ::"m"(v)); }
static unsigned short get_sw(void) { unsigned short v; __asm__ volatile("fnstsw %0" : "=m"(v)); return v; }

int main(int argc, char **argv) {
  (void)argv;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fpe;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, 0);
  volatile double one = argc, zero = argc - 1, minus = -argc;
  volatile long double lone = argc, lzero = argc - 1, lminus = -argc;

  // SSE, divide by zero unmasked: the division traps; the destination keeps its value.
  volatile double r = 42;
  if (!sigsetjmp(env, 1)) { set_mxcsr(0x1f80 & ~0x200); r = one / zero; printf("no trap\n"); }
  printf("sse div: r=%g mxcsr=%08x\n", r, get_mxcsr());
  // SSE, invalid unmasked: sqrt(-1) and 0/0.
  if (!sigsetjmp(env, 1)) { set_mxcsr(0x1f80 & ~0x80); r = sqrt(minus); printf("no trap\n"); }
  printf("sse sqrt: r=%g mxcsr=%08x\n", r, get_mxcsr());
  if (!sigsetjmp(env, 1)) { set_mxcsr(0x1f80 & ~0x80); r = zero / zero; printf("no trap\n"); }
  printf("sse 0/0: mxcsr=%08x\n", get_mxcsr());
  // A divide-by-zero flag raised while masked does not trap the next, exact, SSE operation.
  set_mxcsr(0x1f80);
  r = one / zero;
  set_mxcsr(get_mxcsr() & ~0x200);
  if (!sigsetjmp(env, 1)) { r = one + one; printf("sticky flag, no trap: %g\n", r); }
  set_mxcsr(0x1f80);

  // x87, divide by zero unmasked: the trap comes at the next x87 instruction.
  volatile long double lr = 7;
  __asm__ volatile("fninit");
  if (!sigsetjmp(env, 1)) { set_cw(0x37f & ~4); lr = lone / lzero; printf("no trap\n"); }
  printf("x87 div: sw=%04x\n", get_sw() & ~0x3800);
  __asm__ volatile("fninit");
  if (!sigsetjmp(env, 1)) { set_cw(0x37f & ~1); lr = sqrtl(lminus); printf("no trap\n"); }
  printf("x87 sqrt: sw=%04x\n", get_sw() & ~0x3800);
  __asm__ volatile("fninit");
  // A flag raised while masked traps the next x87 instruction once unmasked (even an exact one).
  lr = lone / lzero;
  if (!sigsetjmp(env, 1)) { set_cw(0x37f & ~4); lr = lone + lone; printf("no trap\n"); }
  printf("x87 sticky: sw=%04x\n", get_sw() & ~0x3800);
  __asm__ volatile("fninit");
  printf("all masked: %Lg %g traps=%d\n", lone / lzero, one / zero, traps);
  return 0;
}
