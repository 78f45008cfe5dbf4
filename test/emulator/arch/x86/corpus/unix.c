/* Unix domain sockets: socketpair, filesystem and abstract names, autobind, listen/connect/accept
 * with a backlog, datagrams with their source address, seqpacket records, shutdown and EOF, EPIPE,
 * passing a descriptor (SCM_RIGHTS) and credentials (SCM_CREDENTIALS), SO_PEERCRED, FIONREAD,
 * timeouts, poll readiness — and the errors. Prints only what any Linux prints. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *err(long r) { return r < 0 ? strerror(errno) : "ok"; }

static socklen_t addr_of(struct sockaddr_un *a, const char *path, int abstract) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  size_t n = strlen(path);
  if (abstract) { memcpy(a->sun_path + 1, path, n); return offsetof(struct sockaddr_un, sun_path) + 1 + n; }
  memcpy(a->sun_path, path, n);
  return offsetof(struct sockaddr_un, sun_path) + n + 1;
}

static void pairs(void) {
  int sv[2];
  printf("socketpair: %s\n", err(socketpair(AF_UNIX, SOCK_STREAM, 0, sv)));
  write(sv[0], "hello", 5);
  char buf[64] = {0};
  int n = 0;
  ioctl(sv[1], FIONREAD, &n);
  printf("FIONREAD: %d\n", n);
  printf("read: %zd [%s]\n", read(sv[1], buf, sizeof buf), buf);
  struct ucred uc; socklen_t len = sizeof uc;
  getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &uc, &len);
  printf("SO_PEERCRED is this process: %s, uid %u, len %u\n", uc.pid == getpid() ? "yes" : "no", uc.uid, len);
  int type; len = sizeof type;
  getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len);
  printf("SO_TYPE: %d\n", type);
  shutdown(sv[0], SHUT_WR);
  printf("after SHUT_WR the other end reads: %zd\n", read(sv[1], buf, sizeof buf));
  printf("and writing on the shut end: %s\n", err(send(sv[0], "x", 1, MSG_NOSIGNAL)));
  close(sv[1]);
  signal(SIGPIPE, SIG_IGN);
  int sp[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sp);
  close(sp[1]);
  printf("write to a closed peer: %s\n", err(write(sp[0], "x", 1)));
  struct pollfd p = {sp[0], POLLIN | POLLOUT, 0};
  poll(&p, 1, 0);
  printf("poll after the peer closed: %#x\n", p.revents);
  close(sp[0]);
  close(sv[0]);
  int fresh = socket(AF_UNIX, SOCK_STREAM, 0);
  p.fd = fresh; p.revents = 0;
  poll(&p, 1, 0);
  printf("poll of a fresh stream socket: %#x\n", p.revents);
  char c;
  printf("recv on it: %s\n", err(recv(fresh, &c, 1, 0)));
  printf("getpeername: %s\n", err(getpeername(fresh, (struct sockaddr *)&(struct sockaddr_un){0}, &(socklen_t){sizeof(struct sockaddr_un)})));
  printf("listen unbound: %s\n", err(listen(fresh, 1)));
  close(fresh);
}

static void named(void) {
  unlink("/tmp/corpus.sock");
  struct sockaddr_un a, b;
  socklen_t alen = addr_of(&a, "/tmp/corpus.sock", 0);
  int srv = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  umask(022);
  printf("bind: %s\n", err(bind(srv, (struct sockaddr *)&a, alen)));
  struct stat st;
  stat("/tmp/corpus.sock", &st);
  printf("the name is a socket: %d, mode %o\n", S_ISSOCK(st.st_mode), st.st_mode & 0777);
  int other = socket(AF_UNIX, SOCK_STREAM, 0);
  printf("bind the same path again: %s\n", err(bind(other, (struct sockaddr *)&a, alen)));
  printf("connect before listen: %s\n", err(connect(other, (struct sockaddr *)&a, alen)));
  printf("listen: %s\n", err(listen(srv, 1)));
  int acc; socklen_t l = sizeof acc;
  getsockopt(srv, SOL_SOCKET, SO_ACCEPTCONN, &acc, &l);
  printf("SO_ACCEPTCONN: %d\n", acc);
  printf("connect: %s\n", err(connect(other, (struct sockaddr *)&a, alen)));
  struct pollfd p = {srv, POLLIN, 0};
  printf("listener readable: %d\n", poll(&p, 1, 0));
  socklen_t blen = sizeof b;
  int conn = accept(srv, (struct sockaddr *)&b, &blen);
  printf("accept: %s, peer address length %u (unbound client)\n", conn >= 0 ? "ok" : strerror(errno), blen);
  blen = sizeof b;
  getsockname(conn, (struct sockaddr *)&b, &blen);
  printf("accepted socket's name: %s (%u)\n", b.sun_path, blen);
  blen = sizeof b;
  getpeername(other, (struct sockaddr *)&b, &blen);
  printf("client's peer: %s (%u)\n", b.sun_path, blen);
  send(other, "ping", 4, 0);
  char buf[16] = {0};
  recv(conn, buf, sizeof buf, 0);
  printf("server got: %s\n", buf);
  close(other);
  printf("EOF after the client went: %zd\n", recv(conn, buf, sizeof buf, 0));
  close(conn);

  /* The backlog: listen(1) queues two connections, the third waits (EAGAIN when non-blocking). */
  int ok = 0, last = 0;
  for (int i = 0; i < 4; i++) {
    int c = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    last = connect(c, (struct sockaddr *)&a, alen);
    if (last == 0) ok++;
    else { printf("connection %d: %s\n", i + 1, strerror(errno)); break; }
  }
  printf("connections queued: %d\n", ok);
  close(srv);
  int late = socket(AF_UNIX, SOCK_STREAM, 0);
  printf("connect after the listener closed: %s\n", err(connect(late, (struct sockaddr *)&a, alen)));
  unlink("/tmp/corpus.sock");
  printf("connect to a missing path: %s\n", err(connect(late, (struct sockaddr *)&a, alen)));
  alen = addr_of(&a, "/etc/hostname", 0);
  printf("connect to a regular file: %s\n", err(connect(late, (struct sockaddr *)&a, alen)));
  close(late);
}

static void abstract_and_autobind(void) {
  struct sockaddr_un a, b;
  socklen_t alen = addr_of(&a, "corpus-abstract", 1);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  printf("abstract bind: %s\n", err(bind(s, (struct sockaddr *)&a, alen)));
  socklen_t blen = sizeof b;
  getsockname(s, (struct sockaddr *)&b, &blen);
  printf("abstract name length %u, first byte %d, name %.*s\n", blen, b.sun_path[0], (int)(blen - 3), b.sun_path + 1);
  int t = socket(AF_UNIX, SOCK_STREAM, 0);
  printf("same abstract name: %s\n", err(bind(t, (struct sockaddr *)&a, alen)));
  listen(s, 5);
  printf("abstract connect: %s\n", err(connect(t, (struct sockaddr *)&a, alen)));
  close(t);
  close(s);
  int u = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un fam = {.sun_family = AF_UNIX};
  printf("autobind: %s\n", err(bind(u, (struct sockaddr *)&fam, sizeof(sa_family_t))));
  blen = sizeof b;
  getsockname(u, (struct sockaddr *)&b, &blen);
  int hex = 1;
  for (int i = 1; i < 6; i++) hex &= strchr("0123456789abcdef", b.sun_path[i]) != NULL;
  printf("autobound name: length %u, abstract %d, five hex digits %d\n", blen, b.sun_path[0] == 0, hex);
  close(u);
}

static void datagrams(void) {
  unlink("/tmp/corpus.d1");
  unlink("/tmp/corpus.d2");
  struct sockaddr_un a1, a2, from;
  socklen_t l1 = addr_of(&a1, "/tmp/corpus.d1", 0), l2 = addr_of(&a2, "/tmp/corpus.d2", 0);
  int d1 = socket(AF_UNIX, SOCK_DGRAM, 0), d2 = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(d1, (struct sockaddr *)&a1, l1);
  bind(d2, (struct sockaddr *)&a2, l2);
  sendto(d1, "first datagram", 14, 0, (struct sockaddr *)&a2, l2);
  sendto(d1, "second", 6, 0, (struct sockaddr *)&a2, l2);
  char buf[8] = {0};
  socklen_t fl = sizeof from;
  ssize_t n = recvfrom(d2, buf, 5, 0, (struct sockaddr *)&from, &fl);
  printf("recvfrom: %zd [%.5s] from %s\n", n, buf, from.sun_path);
  struct iovec iov = {buf, 3};
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
  n = recvmsg(d2, &m, MSG_TRUNC);
  printf("recvmsg with MSG_TRUNC: %zd, flags %#x\n", n, m.msg_flags);
  printf("recv on an empty queue: %s\n", err(recv(d2, buf, sizeof buf, MSG_DONTWAIT)));
  int d3 = socket(AF_UNIX, SOCK_DGRAM, 0);
  connect(d2, (struct sockaddr *)&a1, l1);
  printf("a stranger sends to a connected socket: %s\n", err(sendto(d3, "x", 1, 0, (struct sockaddr *)&a2, l2)));
  printf("send without address, unconnected: %s\n", err(send(d3, "x", 1, 0)));
  struct timeval tv = {0, 50000};
  setsockopt(d1, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  n = recv(d1, buf, sizeof buf, 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
  printf("SO_RCVTIMEO: %s after %s\n", err(n), ms >= 50 ? "the timeout" : "too little time");
  close(d1); close(d2); close(d3);
  unlink("/tmp/corpus.d1");
  unlink("/tmp/corpus.d2");
  int sq[2];
  socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sq);
  send(sq[0], "one", 3, 0);
  send(sq[0], "two!", 4, 0);
  char r[16] = {0};
  printf("seqpacket records: %zd", recv(sq[1], r, sizeof r, 0));
  printf(" %zd\n", recv(sq[1], r, 2, 0));
  close(sq[0]); close(sq[1]);
}

/* Who sent it: the sender's bound name, or nothing (length 0) for an unbound sender, on datagram
 * and stream sockets alike. */
static void sender_names(void) {
  struct sockaddr_un f;
  socklen_t l;
  char b[4];
  int d[2], s[2], t[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, d);
  send(d[0], "a", 1, 0);
  l = sizeof f;
  recvfrom(d[1], b, sizeof b, 0, (struct sockaddr *)&f, &l);
  printf("datagram from an unbound sender: address length %u\n", l);
  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  send(s[0], "b", 1, 0);
  l = sizeof f;
  recvfrom(s[1], b, sizeof b, 0, (struct sockaddr *)&f, &l);
  printf("stream from an unbound sender: address length %u\n", l);
  socketpair(AF_UNIX, SOCK_STREAM, 0, t);
  struct sockaddr_un named;
  socklen_t nl = addr_of(&named, "corpus-sender", 1);
  bind(t[0], (struct sockaddr *)&named, nl);
  send(t[0], "c", 1, 0);
  l = sizeof f;
  recvfrom(t[1], b, sizeof b, 0, (struct sockaddr *)&f, &l);
  printf("stream from a named sender: address length %u, name %.*s\n", l, (int)(l - 3), f.sun_path + 1);
  close(d[0]); close(d[1]); close(s[0]); close(s[1]); close(t[0]); close(t[1]);
}

static void passing(void) {
  int sv[2], pp[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  pipe(pp);
  char cbuf[CMSG_SPACE(sizeof(int))];
  memset(cbuf, 0, sizeof cbuf);
  struct iovec iov = {"F", 1};
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &pp[1], sizeof(int));
  printf("sendmsg with SCM_RIGHTS: %zd\n", sendmsg(sv[0], &m, 0));
  close(pp[1]);
  char b;
  char rbuf[CMSG_SPACE(sizeof(int))];
  struct iovec riov = {&b, 1};
  struct msghdr rm = {.msg_iov = &riov, .msg_iovlen = 1, .msg_control = rbuf, .msg_controllen = sizeof rbuf};
  printf("recvmsg: %zd, controllen %zu\n", recvmsg(sv[1], &rm, 0), (size_t)rm.msg_controllen);
  struct cmsghdr *rc = CMSG_FIRSTHDR(&rm);
  int got = -1;
  if (rc && rc->cmsg_type == SCM_RIGHTS) memcpy(&got, CMSG_DATA(rc), sizeof got);
  printf("received a descriptor: %s\n", got >= 0 ? "yes" : "no");
  write(got, "via passed fd", 13);
  close(got);
  char out[32] = {0};
  read(pp[0], out, sizeof out);
  printf("the pipe got: %s\n", out);
  close(pp[0]);

  /* Too little room for the descriptor: MSG_CTRUNC, and the descriptor is not installed. */
  int pq[2];
  pipe(pq);
  memcpy(CMSG_DATA(c), &pq[0], sizeof(int));
  sendmsg(sv[0], &m, 0);
  struct msghdr small = {.msg_iov = &riov, .msg_iovlen = 1, .msg_control = rbuf, .msg_controllen = 10};
  recvmsg(sv[1], &small, 0);
  printf("short control buffer: flags %#x, controllen %zu\n", small.msg_flags, (size_t)small.msg_controllen);
  close(pq[0]); close(pq[1]);

  int on = 1;
  setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
  send(sv[0], "C", 1, 0);
  char crbuf[CMSG_SPACE(sizeof(struct ucred))];
  struct msghdr cm = {.msg_iov = &riov, .msg_iovlen = 1, .msg_control = crbuf, .msg_controllen = sizeof crbuf};
  recvmsg(sv[1], &cm, 0);
  struct cmsghdr *cc = CMSG_FIRSTHDR(&cm);
  struct ucred uc = {0};
  if (cc && cc->cmsg_type == SCM_CREDENTIALS) memcpy(&uc, CMSG_DATA(cc), sizeof uc);
  printf("SCM_CREDENTIALS: pid is the sender: %s, uid %u, gid %u\n", uc.pid == getpid() ? "yes" : "no", uc.uid, uc.gid);

  /* A lie about one's pid is refused. */
  char lbuf[CMSG_SPACE(sizeof(struct ucred))];
  memset(lbuf, 0, sizeof lbuf);
  struct msghdr lm = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = lbuf, .msg_controllen = sizeof lbuf};
  struct cmsghdr *lc = CMSG_FIRSTHDR(&lm);
  lc->cmsg_level = SOL_SOCKET; lc->cmsg_type = SCM_CREDENTIALS; lc->cmsg_len = CMSG_LEN(sizeof(struct ucred));
  struct ucred lie = {1, 0, 0};
  memcpy(CMSG_DATA(lc), &lie, sizeof lie);
  if (getuid() != 0) printf("claiming pid 1: %s\n", err(sendmsg(sv[0], &lm, 0)));
  else printf("claiming pid 1 as root: %s\n", err(sendmsg(sv[0], &lm, 0)));
  close(sv[0]); close(sv[1]);
}

static void across_fork(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  pid_t pid = fork();
  if (pid == 0) {
    close(sv[0]);
    char b[8];
    ssize_t n = read(sv[1], b, sizeof b);
    write(sv[1], b, n);
    _exit(0);
  }
  close(sv[1]);
  write(sv[0], "echo", 4);
  char b[8] = {0};
  read(sv[0], b, sizeof b);
  waitpid(pid, NULL, 0);
  printf("child echoed: %s\n", b);
  close(sv[0]);
  int bad[2];
  pipe(bad);
  printf("a pipe is not a socket: %s\n", err(send(bad[0], "x", 1, 0)));
  printf("socket type 99: %s\n", err(socket(AF_UNIX, 99, 0)));
  printf("protocol 7: %s\n", err(socket(AF_UNIX, SOCK_STREAM, 7)));
  int raw = socket(AF_UNIX, SOCK_RAW, 0);
  int type; socklen_t l = sizeof type;
  getsockopt(raw, SOL_SOCKET, SO_TYPE, &type, &l);
  printf("SOCK_RAW becomes type %d\n", type);
  int sz = 1000; l = sizeof sz;
  setsockopt(raw, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
  getsockopt(raw, SOL_SOCKET, SO_SNDBUF, &sz, &l);
  printf("SO_SNDBUF 1000 reads back %d\n", sz);
  printf("unknown option: %s\n", err(getsockopt(raw, SOL_SOCKET, 999, &sz, &l)));
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  pairs();
  named();
  abstract_and_autobind();
  datagrams();
  sender_names();
  passing();
  across_fork();
  return 0;
}
