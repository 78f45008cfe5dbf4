// PTRACE_GETFPREGS / PTRACE_SETFPREGS: a tracer reads a stopped child's x87 and SSE registers
// (struct user_fpregs_struct, the fxsave layout), changes st0 and xmm5, and the child resumes
// with the changed values.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  pid_t pid = fork();
  if (pid == 0) {
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    static double d = 1.25;
    static long double ld = 3.0L, ldout;
    static unsigned long xout;
    static unsigned mx = 0x3f80; // round down
    // Set the registers, then stop with a raw kill(getpid(), SIGSTOP) so no libc code runs in between.
    __asm__ volatile("fninit\n ldmxcsr %[mx]\n fldt %[ld]\n movsd %[d], %%xmm5\n mov $39, %%eax\n syscall\n"
                     "mov %%eax, %%edi\n mov $19, %%esi\n mov $62, %%eax\n syscall\n movq %%xmm5, %[xout]\n fstpt %[ldout]\n"
                     : [xout] "=m"(xout), [ldout] "=m"(ldout)
                     : [ld] "m"(ld), [d] "m"(d), [mx] "m"(mx)
                     : "rax", "rcx", "rdx", "rsi", "rdi", "r11", "xmm5", "memory");
    unsigned short *p = (unsigned short *)&ldout;
    printf("child: xmm5=%016lx st0=%04x:%04x%04x%04x%04x\n", xout, p[4], p[3], p[2], p[1], p[0]);
    exit(0);
  }
  int st;
  waitpid(pid, &st, 0);
  printf("stopped: %d\n", WIFSTOPPED(st) ? WSTOPSIG(st) : -1);
  struct user_fpregs_struct fp;
  long r = ptrace(PTRACE_GETFPREGS, pid, 0, &fp);
  printf("getfpregs %ld: cwd=%04x swd=%04x ftw=%02x mxcsr=%08x st0=%04x:%08x%08x xmm5=%08x%08x\n", r, fp.cwd, fp.swd,
         fp.ftw & 0xff, fp.mxcsr, fp.st_space[2] & 0xffff, fp.st_space[1], fp.st_space[0], fp.xmm_space[5 * 4 + 1],
         fp.xmm_space[5 * 4]);
  fflush(stdout);
  fp.xmm_space[5 * 4] = 0xdeadbeef;
  fp.st_space[0] |= 1;
  r = ptrace(PTRACE_SETFPREGS, pid, 0, &fp);
  printf("setfpregs %ld\n", r);
  fflush(stdout);
  ptrace(PTRACE_CONT, pid, 0, 0);
  waitpid(pid, &st, 0);
  printf("exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  return 0;
}
