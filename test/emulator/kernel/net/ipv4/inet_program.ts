// A C program exercising TCP and UDP over loopback (IPv4 and IPv6) with the BSD socket API, for
// the differential test: it prints each call's result or errno name, never a number that depends
// on the system (ports are checked against the range, not printed).

export const INET_PROGRAM = String.raw`
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PORT 47311
#define UPORT 47313
#define NOPORT 47317

static void r(const char *what, long v) {
  if (v < 0) printf("%s -1 %s\n", what, strerrorname_np(errno));
  else printf("%s %ld\n", what, v);
}
static struct sockaddr_in sin4(const char *a, int port) {
  struct sockaddr_in s; memset(&s, 0, sizeof s);
  s.sin_family = AF_INET; s.sin_port = htons(port); inet_pton(AF_INET, a, &s.sin_addr);
  return s;
}
static void nap(void) { struct timespec ts = { 0, 20000000 }; nanosleep(&ts, 0); }
#define SA(x) ((struct sockaddr *)&(x))

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  signal(SIGPIPE, SIG_IGN);
  struct sockaddr_in a = sin4("127.0.0.1", PORT), got; socklen_t len;
  char buf[64];
  int one = 1, v = 0;

  /* a fresh socket, and nobody listening */
  int c0 = socket(AF_INET, SOCK_STREAM, 0);
  struct pollfd p = { c0, POLLIN | POLLOUT | POLLRDHUP, 0 };
  r("poll-fresh", poll(&p, 1, 0)); printf("revents %#x\n", p.revents);
  len = sizeof v; getsockopt(c0, IPPROTO_TCP, TCP_MAXSEG, &v, &len); printf("maxseg-fresh %d\n", v);
  r("connect-refused", connect(c0, SA(a), sizeof a));
  r("send-unconnected", send(c0, "x", 1, 0));
  r("recv-unconnected", recv(c0, buf, 1, MSG_DONTWAIT));
  len = sizeof got; r("getpeername-unconnected", getpeername(c0, SA(got), &len));
  close(c0);

  /* bind rules */
  int l = socket(AF_INET, SOCK_STREAM, 0);
  r("reuseaddr", setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
  r("bind-short", bind(l, SA(a), 8));
  struct sockaddr_in far = sin4("10.1.2.3", PORT);
  r("bind-notlocal", bind(l, SA(far), sizeof far));
  r("bind", bind(l, SA(a), sizeof a));
  r("bind-again", bind(l, SA(a), sizeof a));
  r("listen", listen(l, 4));
  int l2 = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in any = sin4("0.0.0.0", PORT);
  r("bind-inuse", bind(l2, SA(any), sizeof any));
  setsockopt(l2, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  r("bind-inuse-reuse", bind(l2, SA(any), sizeof any));
  struct sockaddr_in eph = sin4("127.0.0.1", 0);
  r("bind-ephemeral", bind(l2, SA(eph), sizeof eph));
  len = sizeof got; getsockname(l2, SA(got), &len);
  printf("ephemeral in range %d\n", ntohs(got.sin_port) >= 32768 && ntohs(got.sin_port) <= 60999);
  close(l2);
  len = sizeof got; r("getsockname", getsockname(l, SA(got), &len));
  printf("len %d port %d addr %s\n", len, ntohs(got.sin_port), inet_ntoa(got.sin_addr));
  p.fd = l; p.events = POLLIN | POLLOUT;
  r("poll-listener-empty", poll(&p, 1, 0));

  /* a connection */
  int c = socket(AF_INET, SOCK_STREAM, 0);
  r("connect", connect(c, SA(a), sizeof a));
  r("connect-again", connect(c, SA(a), sizeof a));
  r("poll-listener-ready", poll(&p, 1, 0)); printf("revents %#x\n", p.revents);
  struct sockaddr_in peer; len = sizeof peer;
  int s = accept(l, SA(peer), &len);
  r("accept", s >= 0 ? 0 : -1);
  struct sockaddr_in cl; socklen_t cll = sizeof cl; getsockname(c, SA(cl), &cll);
  printf("peer matches client %d\n", peer.sin_port == cl.sin_port && peer.sin_addr.s_addr == cl.sin_addr.s_addr);
  len = sizeof got; getpeername(c, SA(got), &len); printf("client peer port %d\n", ntohs(got.sin_port));
  r("nodelay", setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
  len = sizeof v; getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len); printf("nodelay %d\n", v);
  p.fd = c; p.events = POLLIN | POLLOUT | POLLRDHUP;
  r("poll-connected", poll(&p, 1, 0)); printf("revents %#x\n", p.revents);
  r("send", send(c, "hello", 5, 0));
  r("recv-peek", recv(s, buf, sizeof buf, MSG_PEEK));
  int n = 0; ioctl(s, FIONREAD, &n); printf("fionread %d\n", n);
  r("recv-2", recv(s, buf, 2, 0));
  r("recv-rest", recv(s, buf, sizeof buf, 0)); buf[3] = 0; printf("data %s\n", buf);
  r("recv-empty", recv(s, buf, sizeof buf, MSG_DONTWAIT));
  r("send-3", send(c, "abc", 3, 0));
  r("send-4", send(c, "defg", 4, 0));
  r("recv-waitall", recv(s, buf, 7, MSG_WAITALL));

  /* half-close */
  r("shutdown-wr", shutdown(c, SHUT_WR));
  p.fd = s; r("poll-peer-shut", poll(&p, 1, 0)); printf("revents %#x\n", p.revents);
  r("recv-eof", recv(s, buf, sizeof buf, 0));
  r("send-after-peer-shut", send(s, "bye", 3, 0));
  r("recv-bye", recv(c, buf, sizeof buf, 0));
  r("send-after-shut", send(c, "x", 1, 0));
  close(s);
  nap();
  r("recv-after-close", recv(c, buf, sizeof buf, 0));
  p.fd = c; r("poll-closed", poll(&p, 1, 0)); printf("revents %#x\n", p.revents);
  close(c);

  /* writing to a closed peer: the first send goes, the reset makes the second EPIPE */
  c = socket(AF_INET, SOCK_STREAM, 0);
  connect(c, SA(a), sizeof a);
  s = accept(l, 0, 0);
  close(s);
  nap();
  p.fd = c; r("poll-peer-closed", poll(&p, 1, 0)); printf("revents %#x\n", p.revents);
  r("send-to-closed", send(c, "x", 1, 0));
  nap();
  r("send-after-rst", send(c, "x", 1, 0));
  r("recv-after-rst", recv(c, buf, 1, 0));
  len = sizeof v; getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len); printf("so_error %d\n", v);
  close(c);

  /* unread data at close resets the connection */
  c = socket(AF_INET, SOCK_STREAM, 0);
  connect(c, SA(a), sizeof a);
  s = accept(l, 0, 0);
  send(c, "unread", 6, 0);
  nap();
  close(s);
  nap();
  r("recv-reset", recv(c, buf, 1, 0));
  r("send-reset", send(c, "x", 1, 0));
  close(c);

  /* non-blocking connect */
  c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  r("nb-connect", connect(c, SA(a), sizeof a));
  p.fd = c; p.events = POLLOUT; r("nb-poll", poll(&p, 1, 1000)); printf("revents %#x\n", p.revents);
  len = sizeof v; getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len); printf("so_error %d\n", v);
  r("nb-connect-2", connect(c, SA(a), sizeof a));
  r("nb-connect-3", connect(c, SA(a), sizeof a));
  close(c);
  s = accept(l, 0, 0); close(s);
  struct sockaddr_in none = sin4("127.0.0.1", NOPORT);
  c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  r("nb-connect-refused", connect(c, SA(none), sizeof none));
  p.fd = c; p.events = POLLOUT | POLLIN; r("nb-poll-refused", poll(&p, 1, 1000)); printf("revents %#x\n", p.revents);
  len = sizeof v; getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &len); printf("so_error %s\n", strerrorname_np(v));
  r("nb-connect-after", connect(c, SA(none), sizeof none));
  close(c);
  close(l);

  /* UDP */
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in ua = sin4("127.0.0.1", UPORT);
  r("udp-bind", bind(u, SA(ua), sizeof ua));
  int u2 = socket(AF_INET, SOCK_DGRAM, 0);
  r("udp-send-unconnected", send(u2, "x", 1, 0));
  r("udp-sendto", sendto(u2, "0123456789", 10, 0, SA(ua), sizeof ua));
  r("udp-sendto-2", sendto(u2, "ab", 2, 0, SA(ua), sizeof ua));
  r("udp-recv-trunc", recv(u, buf, 4, MSG_TRUNC));
  len = sizeof got;
  r("udp-recvfrom", recvfrom(u, buf, sizeof buf, 0, SA(got), &len));
  struct sockaddr_in u2a; socklen_t u2l = sizeof u2a; getsockname(u2, SA(u2a), &u2l);
  printf("from sender %d len %d\n", got.sin_port == u2a.sin_port, len);
  r("udp-recv-empty", recv(u, buf, sizeof buf, MSG_DONTWAIT));
  struct iovec iov = { buf, 3 };
  struct msghdr mh; memset(&mh, 0, sizeof mh); mh.msg_iov = &iov; mh.msg_iovlen = 1;
  sendto(u2, "abcdef", 6, 0, SA(ua), sizeof ua);
  r("udp-recvmsg", recvmsg(u, &mh, 0)); printf("msg_flags %#x\n", mh.msg_flags);
  struct sockaddr_in un = sin4("127.0.0.1", NOPORT);
  r("udp-connect", connect(u2, SA(un), sizeof un));
  r("udp-send-refused", send(u2, "x", 1, 0));
  nap();
  r("udp-recv-refused", recv(u2, buf, 1, MSG_DONTWAIT));
  r("udp-recv-after", recv(u2, buf, 1, MSG_DONTWAIT));
  struct sockaddr unspec = { AF_UNSPEC };
  r("udp-disconnect", connect(u2, &unspec, sizeof unspec));
  r("udp-sendto-noport", sendto(u2, "x", 1, 0, SA(un), sizeof un));
  nap();
  r("udp-recv-unconnected-noerr", recv(u2, buf, 1, MSG_DONTWAIT));
  close(u); close(u2);

  /* IPv6 and dual stack */
  int l6 = socket(AF_INET6, SOCK_STREAM, 0);
  len = sizeof v; getsockopt(l6, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len); printf("v6only %d\n", v);
  struct sockaddr_in6 a6; memset(&a6, 0, sizeof a6);
  a6.sin6_family = AF_INET6; a6.sin6_port = htons(PORT); a6.sin6_addr = in6addr_any;
  setsockopt(l6, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  r("bind6", bind(l6, SA(a6), sizeof a6));
  r("listen6", listen(l6, 4));
  int c4 = socket(AF_INET, SOCK_STREAM, 0);
  r("connect-v4-to-dual", connect(c4, SA(a), sizeof a));
  struct sockaddr_in6 p6; len = sizeof p6;
  s = accept(l6, SA(p6), &len);
  char txt[64]; inet_ntop(AF_INET6, &p6.sin6_addr, txt, sizeof txt);
  printf("accepted len %d family %d addr %s\n", len, p6.sin6_family, txt);
  len = sizeof p6; getsockname(s, SA(p6), &len); inet_ntop(AF_INET6, &p6.sin6_addr, txt, sizeof txt);
  printf("local %s port %d\n", txt, ntohs(p6.sin6_port));
  r("dual-send", send(c4, "v4", 2, 0));
  r("dual-recv", recv(s, buf, sizeof buf, 0));
  close(s); close(c4);
  int c6 = socket(AF_INET6, SOCK_STREAM, 0);
  a6.sin6_addr = in6addr_loopback;
  r("connect6", connect(c6, SA(a6), sizeof a6));
  s = accept(l6, SA(p6), &len); inet_ntop(AF_INET6, &p6.sin6_addr, txt, sizeof txt);
  printf("accepted6 %s\n", txt);
  close(s); close(c6); close(l6);
  int o6 = socket(AF_INET6, SOCK_STREAM, 0);
  r("v6only-set", setsockopt(o6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one));
  struct sockaddr_in6 m6; memset(&m6, 0, sizeof m6); m6.sin6_family = AF_INET6; m6.sin6_port = htons(PORT);
  inet_pton(AF_INET6, "::ffff:127.0.0.1", &m6.sin6_addr);
  r("bind-mapped-v6only", bind(o6, SA(m6), sizeof m6));
  r("bind6-short", bind(o6, SA(m6), 20));
  r("bind6-wrongfamily", bind(o6, SA(a), sizeof a));
  close(o6);

  /* UDP over IPv6: a datagram to a port nobody holds comes back as ICMPv6 port unreachable */
  int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
  struct sockaddr_in6 n6; memset(&n6, 0, sizeof n6); n6.sin6_family = AF_INET6; n6.sin6_port = htons(NOPORT);
  n6.sin6_addr = in6addr_loopback;
  r("udp6-connect", connect(u6, SA(n6), sizeof n6));
  r("udp6-send", send(u6, "x", 1, 0));
  nap();
  r("udp6-recv-refused", recv(u6, buf, 1, MSG_DONTWAIT));
  close(u6);

  /* TCP_INFO's state */
  l = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  bind(l, SA(a), sizeof a); listen(l, 1);
  c = socket(AF_INET, SOCK_STREAM, 0); connect(c, SA(a), sizeof a);
  struct tcp_info ti; len = sizeof ti;
  r("tcp_info", getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti, &len));
  printf("state %d\n", ti.tcpi_state);
  len = sizeof ti; getsockopt(l, IPPROTO_TCP, TCP_INFO, &ti, &len); printf("listener state %d queued %u backlog %u\n", ti.tcpi_state, ti.tcpi_unacked, ti.tcpi_sacked);
  /* SO_RCVTIMEO: a blocking receive gives up with EAGAIN */
  struct timeval tv = { 0, 100000 };
  setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  r("recv-timeout", recv(c, buf, 1, 0));
  int ut = socket(AF_INET, SOCK_DGRAM, 0);
  setsockopt(ut, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  r("udp-recv-timeout", recv(ut, buf, 1, 0));
  close(ut);
  close(c); close(l);
  return 0;
}
`;
