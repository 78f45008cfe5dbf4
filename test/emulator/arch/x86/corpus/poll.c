/* Waiting on many files: poll, ppoll, select, pselect and epoll on pipes — readiness, hangups,
 * bad descriptors, timeouts, a wake-up from another process, signals that cut a wait short, and
 * epoll's level-triggered, edge-triggered and one-shot modes. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void on_usr1(int sig) { (void)sig; }

static const char *err(int r) { return r < 0 ? strerror(errno) : "ok"; }

static void check_poll(void) {
  int p[2];
  pipe(p);
  struct pollfd fds[4] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {-1, POLLIN, 0}, {99, POLLIN, 0}};
  int r = poll(fds, 4, 0);
  printf("poll empty pipe: %d, revents %#x %#x %#x %#x\n", r, fds[0].revents, fds[1].revents, fds[2].revents, fds[3].revents);
  write(p[1], "x", 1);
  r = poll(fds, 1, 0);
  printf("poll after write: %d, revents %#x\n", r, fds[0].revents);
  long long t0 = now_ms();
  char c;
  read(p[0], &c, 1);
  r = poll(fds, 1, 50);
  printf("poll with a 50 ms timeout: %d, waited enough: %s\n", r, now_ms() - t0 >= 50 ? "yes" : "no");
  close(p[1]);
  r = poll(fds, 1, -1);
  printf("poll after the writer closed: %d, revents %#x\n", r, fds[0].revents);
  close(p[0]);

  pipe(p);
  pid_t pid = fork();
  if (pid == 0) {
    usleep(20000);
    write(p[1], "late", 4);
    _exit(0);
  }
  struct pollfd one = {p[0], POLLIN, 0};
  r = poll(&one, 1, -1);
  printf("poll woken by another process: %d, revents %#x\n", r, one.revents);
  waitpid(pid, NULL, 0);
  close(p[0]);
  close(p[1]);
  r = poll(NULL, 0, 10);
  printf("poll of nothing for 10 ms: %d\n", r);
  r = poll(fds, 1 << 30, 0);
  printf("poll of too many: %d %s\n", r, err(r));
}

static void check_select(void) {
  int p[2];
  pipe(p);
  fd_set rd, wr;
  FD_ZERO(&rd); FD_ZERO(&wr);
  FD_SET(p[0], &rd); FD_SET(p[1], &wr);
  struct timeval tv = {0, 30000};
  int r = select(p[1] + 1, &rd, &wr, NULL, &tv);
  printf("select: %d, read set %d, write set %d\n", r, FD_ISSET(p[0], &rd), FD_ISSET(p[1], &wr));
  FD_ZERO(&rd); FD_SET(p[0], &rd);
  tv.tv_sec = 0; tv.tv_usec = 30000;
  r = select(p[0] + 1, &rd, NULL, NULL, &tv);
  printf("select timeout: %d, time left %ld.%06ld\n", r, (long)tv.tv_sec, (long)tv.tv_usec);
  write(p[1], "y", 1);
  FD_ZERO(&rd); FD_SET(p[0], &rd);
  struct timespec ts = {1, 0};
  r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL);
  printf("pselect: %d, read set %d\n", r, FD_ISSET(p[0], &rd));
  close(p[1]);
  int closed = p[1];
  FD_ZERO(&rd); FD_SET(closed, &rd);
  tv.tv_sec = 0; tv.tv_usec = 0;
  r = select(closed + 1, &rd, NULL, NULL, &tv);
  printf("select on a closed fd: %d %s\n", r, err(r));
  tv.tv_usec = 2000000;
  r = select(0, NULL, NULL, NULL, &tv);
  printf("select with a bad timeval: %d %s\n", r, err(r));
  close(p[0]);
}

static void check_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sa.sa_flags = SA_RESTART; /* poll and epoll_wait fail with EINTR even so */
  sigaction(SIGUSR1, &sa, NULL);
  int p[2];
  pipe(p);
  pid_t parent = getpid(), pid = fork();
  if (pid == 0) {
    usleep(20000);
    kill(parent, SIGUSR1);
    _exit(0);
  }
  struct pollfd one = {p[0], POLLIN, 0};
  int r = poll(&one, 1, -1);
  printf("poll cut short by a handled signal: %d %s\n", r, err(r));
  waitpid(pid, NULL, 0);

  /* ppoll with a mask: SIGUSR1 is blocked outside, unblocked only while waiting. */
  sigset_t block, empty;
  sigemptyset(&block); sigaddset(&block, SIGUSR1); sigemptyset(&empty);
  sigprocmask(SIG_BLOCK, &block, NULL);
  kill(getpid(), SIGUSR1); /* pending, held back */
  struct timespec ts = {1, 0};
  r = ppoll(&one, 1, &ts, &empty);
  printf("ppoll lets the pending signal in: %d %s\n", r, err(r));
  sigset_t now;
  sigprocmask(SIG_SETMASK, NULL, &now);
  printf("mask restored after ppoll: %d\n", sigismember(&now, SIGUSR1));
  sigprocmask(SIG_UNBLOCK, &block, NULL);
  close(p[0]);
  close(p[1]);
}

static int ep_wait(int ep, int timeout, unsigned *events, unsigned long *data) {
  struct epoll_event ev[4];
  int r = epoll_wait(ep, ev, 4, timeout);
  if (r > 0) { *events = ev[0].events; *data = ev[0].data.u64; }
  return r;
}

static void check_epoll(void) {
  int ep = epoll_create1(EPOLL_CLOEXEC);
  printf("epoll_create1: %s, cloexec %d\n", ep >= 0 ? "ok" : "failed", (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
  int r = epoll_create1(12345);
  printf("epoll_create1 with bad flags: %d %s\n", r, err(r));
  r = epoll_create(0);
  printf("epoll_create(0): %d %s\n", r, err(r));
  int p[2];
  pipe(p);
  struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788UL};
  printf("add: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev)));
  printf("add again: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev)));
  printf("mod of a stranger: %s\n", err(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev)));
  printf("add itself: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev)));
  int f = open("/tmp/epoll-regular", O_CREAT | O_RDWR, 0600);
  printf("add a regular file: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, f, &ev)));
  close(f);
  unlink("/tmp/epoll-regular");
  printf("bad op: %s\n", err(epoll_ctl(ep, 7, p[0], &ev)));
  unsigned events = 0;
  unsigned long data = 0;
  printf("wait on an empty pipe: %d\n", ep_wait(ep, 0, &events, &data));
  long long t0 = now_ms();
  r = ep_wait(ep, 30, &events, &data);
  printf("wait 30 ms: %d, waited enough: %s\n", r, now_ms() - t0 >= 30 ? "yes" : "no");
  write(p[1], "ab", 2);
  r = ep_wait(ep, -1, &events, &data);
  printf("level-triggered: %d events %#x data %#lx\n", r, events, data);
  r = ep_wait(ep, 0, &events, &data);
  printf("still ready, reported again: %d\n", r);

  ev.events = EPOLLIN | EPOLLET;
  epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
  printf("edge-triggered after mod: %d\n", ep_wait(ep, 0, &events, &data));
  printf("edge-triggered, no new data: %d\n", ep_wait(ep, 0, &events, &data));
  write(p[1], "c", 1);
  printf("edge-triggered, new data: %d\n", ep_wait(ep, 0, &events, &data));

  ev.events = EPOLLIN | EPOLLONESHOT;
  epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
  printf("one-shot: %d\n", ep_wait(ep, 0, &events, &data));
  write(p[1], "d", 1);
  printf("one-shot, disarmed: %d\n", ep_wait(ep, 0, &events, &data));

  ev.events = EPOLLIN;
  epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
  int outer = epoll_create1(0);
  struct epoll_event oev = {.events = EPOLLIN, .data.fd = ep};
  printf("epoll inside epoll: %s\n", err(epoll_ctl(outer, EPOLL_CTL_ADD, ep, &oev)));
  printf("and the loop back: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, outer, &oev)));
  printf("outer sees inner ready: %d\n", ep_wait(outer, 0, &events, &data));

  char buf[16];
  read(p[0], buf, sizeof buf);
  close(p[1]);
  r = ep_wait(ep, 0, &events, &data);
  printf("writer gone: %d events %#x\n", r, events);

  int dup0 = dup(p[0]);
  close(p[0]);
  printf("item outlives one of two descriptors: %s\n", err(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL)));
  close(dup0);
  printf("epoll_wait with maxevents 0: %s\n", err(epoll_wait(ep, (struct epoll_event *)buf, 0, 0)));
  close(outer);
  close(ep);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  check_poll();
  check_select();
  check_signals();
  check_epoll();
  return 0;
}
