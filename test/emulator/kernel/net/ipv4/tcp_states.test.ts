// TCP's states and timers in the machine (the virtual clock lets the test wait out Linux's real
// timeouts): a SYN dropped by a full accept queue and retransmitted a second later, a writer
// blocked on the peer's window until it reads, TIME_WAIT in /proc/net/tcp until 60 s have passed,
// epoll's edge-triggered readiness on a TCP socket, and SIGPIPE for a write to a reset connection.

import { describe, expect, it } from 'vitest';
import { build, hasStaticLibc } from '../../../arch/x86/gcc';
import { kernelBugs, runInMachine } from '../../../../machine';

const PROGRAM = String.raw`
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static void r(const char *what, long v) {
  if (v < 0) printf("%s -1 %s\n", what, strerrorname_np(errno)); else printf("%s %ld\n", what, v);
}
/* The states of the sockets on one local port, from /proc/net/tcp. */
static void states(const char *what, int port) {
  char line[256], want[16]; snprintf(want, sizeof want, ":%04X ", port);
  FILE *f = fopen("/proc/net/tcp", "r"); printf("%s:", what);
  fgets(line, sizeof line, f);
  while (fgets(line, sizeof line, f)) if (strstr(line, want)) printf(" %.2s", line + 34);
  printf("\n"); fclose(f);
}
static struct sockaddr_in a;
static int client(int nonblock) {
  int c = socket(AF_INET, SOCK_STREAM | (nonblock ? SOCK_NONBLOCK : 0), 0);
  connect(c, (struct sockaddr *)&a, sizeof a);
  return c;
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  a.sin_family = AF_INET; a.sin_port = htons(9000); a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int l = socket(AF_INET, SOCK_STREAM, 0);
  bind(l, (struct sockaddr *)&a, sizeof a);
  r("listen-0", listen(l, 0));

  /* backlog 0 holds one connection; the next SYN is dropped and comes again after 1 s */
  int c1 = client(0);
  int c2 = client(1);
  struct pollfd p = { c2, POLLOUT, 0 };
  r("poll-syn-dropped", poll(&p, 1, 500));
  states("while-dropped", 9000);
  double t0 = now();
  int s1 = accept(l, 0, 0);
  r("poll-after-retry", poll(&p, 1, 5000));
  printf("retry after %.0f s\n", now() - t0 + 0.5);
  int s2 = accept(l, 0, 0);
  r("accepted-both", s1 >= 0 && s2 >= 0);
  close(c2); close(s2);

  /* a writer blocks on the window until the reader reads */
  int pid = fork();
  if (pid == 0) {
    static char big[1 << 20];
    long n = write(c1, big, sizeof big);
    _exit(n == sizeof big ? 0 : 1);
  }
  usleep(100000);
  states("writer-blocked", 9000);
  static char buf[1 << 16];
  long total = 0, n;
  while (total < (1 << 20) && (n = read(s1, buf, sizeof buf)) > 0) total += n;
  int st; waitpid(pid, &st, 0);
  printf("read %ld writer-exit %d\n", total, WEXITSTATUS(st));

  /* epoll, edge-triggered */
  int ep = epoll_create1(0);
  struct epoll_event ev = { EPOLLIN | EPOLLRDHUP | EPOLLET, { .fd = s1 } }, out[4];
  epoll_ctl(ep, EPOLL_CTL_ADD, s1, &ev);
  r("epoll-idle", epoll_wait(ep, out, 4, 0));
  write(c1, "ab", 2);
  r("epoll-data", epoll_wait(ep, out, 4, 0)); printf("events %#x\n", out[0].events);
  r("epoll-again", epoll_wait(ep, out, 4, 0));
  write(c1, "c", 1);
  r("epoll-more", epoll_wait(ep, out, 4, 0));
  shutdown(c1, SHUT_WR);
  r("epoll-rdhup", epoll_wait(ep, out, 4, 0)); printf("events %#x\n", out[0].events);
  r("read-all", read(s1, buf, sizeof buf));
  r("read-eof", read(s1, buf, sizeof buf));
  states("half-closed", 9000);
  close(s1);
  states("closed", 9000);
  close(c1);
  sleep(30);
  states("after-30s", 9000);
  sleep(31);
  states("after-61s", 9000);

  /* SIGPIPE for a write after the peer reset the connection */
  int c3 = client(0), s3 = accept(l, 0, 0);
  close(s3);
  pid = fork();
  if (pid == 0) { write(c3, "x", 1); usleep(10000); write(c3, "x", 1); _exit(0); }
  waitpid(pid, &st, 0);
  printf("writer killed by %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);

  /* ephemeral ports come from net.ipv4.ip_local_port_range: bind() takes odd ones, connect() even */
  FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "w"); fputs("40000 40003", f); fclose(f);
  int e = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in any = { AF_INET, 0, { htonl(INADDR_LOOPBACK) } }, got; socklen_t gl = sizeof got;
  bind(e, (struct sockaddr *)&any, sizeof any); listen(e, 4);
  getsockname(e, (struct sockaddr *)&got, &gl); int bp = ntohs(got.sin_port); printf("bind port odd %d in range %d\n", bp & 1, bp >= 40000 && bp <= 40003);
  int e2 = socket(AF_INET, SOCK_STREAM, 0);
  connect(e2, (struct sockaddr *)&got, sizeof got);
  gl = sizeof got; getsockname(e2, (struct sockaddr *)&got, &gl); int cp = ntohs(got.sin_port); printf("connect port odd %d in range %d\n", cp & 1, cp >= 40000 && cp <= 40003);
  return 0;
}
`;

describe('TCP states and timers', () => {
  it.skipIf(!hasStaticLibc)('drops a SYN for a full queue, blocks on the window, keeps TIME_WAIT for 60 s, raises SIGPIPE, takes ephemeral ports from the sysctl', () => {
    const bin = build(PROGRAM, ['-D_GNU_SOURCE']);
    const r = runInMachine('/tmp/tcpstates', { files: [{ path: '/tmp/tcpstates', data: bin, mode: 0o755 }] }, 60_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(
      'listen-0 0\n' +
        'poll-syn-dropped 0\n' +
        // the listener, the queued connection's two ends, and the client still in SYN_SENT
        'while-dropped: 0A 01 01 02\n' +
        'poll-after-retry 1\nretry after 1 s\naccepted-both 1\n' +
        // (the first pair closed client first: the client's end waits in TIME_WAIT)
        'writer-blocked: 0A 01 01 06\n' +
        'read 1048576 writer-exit 0\n' +
        'epoll-idle 0\nepoll-data 1\nevents 0x1\nepoll-again 0\nepoll-more 1\n' +
        'epoll-rdhup 1\nevents 0x2001\nread-all 3\nread-eof 0\n' +
        // the client shut its side (FIN_WAIT2), the server has the FIN (CLOSE_WAIT)
        'half-closed: 0A 05 08 06\n' +
        // the server's close ends its side; the client, which closed first, waits in TIME_WAIT
        'closed: 0A 06 06\n' +
        'after-30s: 0A 06 06\n' +
        'after-61s: 0A\n' +
        'writer killed by 13\n' +
        'bind port odd 1 in range 1\nconnect port odd 0 in range 1\n',
    );
  });
});
