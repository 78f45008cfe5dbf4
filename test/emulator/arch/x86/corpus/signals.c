/* Signals: a handler installed with sigaction, SA_SIGINFO details, a signal held pending by
 * sigprocmask and delivered on unblock, and a child killed by a signal. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static volatile sig_atomic_t hits, last, code;

static void on_usr1(int sig) { hits++; last = sig; }
static void on_usr2(int sig, siginfo_t *si, void *uc) { (void)uc; last = sig; code = si->si_code == SI_USER; }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, 0);
  raise(SIGUSR1);
  kill(getpid(), SIGUSR1);
  printf("SIGUSR1 handled %d times, last %d\n", (int)hits, (int)last);

  sa.sa_sigaction = on_usr2;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR2, &sa, 0);
  sigset_t set, pending;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, 0);
  kill(getpid(), SIGUSR2);
  sigpending(&pending);
  printf("blocked SIGUSR2 pending: %d, delivered: %d\n", sigismember(&pending, SIGUSR2), last == SIGUSR2);
  sigprocmask(SIG_UNBLOCK, &set, 0);
  printf("after unblock delivered: %d, from kill: %d\n", last == SIGUSR2, (int)code);

  pid_t pid = fork();
  if (pid == 0) { for (;;) pause(); }
  kill(pid, SIGTERM);
  int st;
  waitpid(pid, &st, 0);
  printf("child killed by signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  return 0;
}
