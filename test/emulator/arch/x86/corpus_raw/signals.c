/* Raw signals: rt_sigaction with our own SA_RESTORER trampoline (rt_sigreturn), SA_SIGINFO, a
 * blocked signal left pending and delivered on unblock, and a child killed by SIGTERM. */
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGTERM 15
#define SA_SIGINFO 4
#define SA_RESTORER 0x04000000

struct ksigaction { void *handler; unsigned long flags; void *restorer; unsigned long mask; };
void restore_rt(void);
__asm__(".text\nrestore_rt:\n\tmov $15, %eax\n\tsyscall\n");

static volatile int hits, last, from_kill;

static void on_usr1(int sig) { hits++; last = sig; }
static void on_usr2(int sig, int *info, void *uc) { (void)uc; last = sig; from_kill = info[2] == 0; /* si_code SI_USER */ }

int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  long me = sys3(39, 0, 0, 0);                                   /* getpid */
  struct ksigaction sa = { (void *)on_usr1, SA_RESTORER, (void *)restore_rt, 0 };
  sys6(13, SIGUSR1, (long)&sa, 0, 8, 0, 0);                      /* rt_sigaction */
  sys3(62, me, SIGUSR1, 0);                                      /* kill */
  sys3(62, me, SIGUSR1, 0);
  out("SIGUSR1 handled "); outnum(hits); out(" times, last "); outnum(last); out("\n");

  struct ksigaction sa2 = { (void *)on_usr2, SA_SIGINFO | SA_RESTORER, (void *)restore_rt, 0 };
  sys6(13, SIGUSR2, (long)&sa2, 0, 8, 0, 0);
  unsigned long set = 1UL << (SIGUSR2 - 1), pending = 0;
  sys6(14, 0, (long)&set, 0, 8, 0, 0);                           /* rt_sigprocmask(SIG_BLOCK) */
  sys3(62, me, SIGUSR2, 0);
  sys3(127, &pending, 8, 0);                                     /* rt_sigpending */
  out("blocked SIGUSR2 pending: "); outnum((pending >> (SIGUSR2 - 1)) & 1);
  out(", delivered: "); outnum(last == SIGUSR2); out("\n");
  sys6(14, 1, (long)&set, 0, 8, 0, 0);                           /* SIG_UNBLOCK */
  out("after unblock delivered: "); outnum(last == SIGUSR2); out(", from kill: "); outnum(from_kill); out("\n");

  long pid = sys3(57, 0, 0, 0);
  if (pid == 0) for (;;) sys3(34, 0, 0, 0);                     /* pause */
  sys3(62, pid, SIGTERM, 0);
  int status = 0;
  sys6(61, pid, (long)&status, 0, 0, 0, 0);
  out("child killed by signal "); outnum(status & 0x7f); out("\n");
  return 0;
}
