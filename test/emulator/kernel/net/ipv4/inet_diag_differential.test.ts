// INET_DIAG natively and in the machine: one C program (gcc -static) makes a TCP listener, an
// accepted connection with unread and unacknowledged-free data, a connection closed into
// TIME_WAIT, a bound UDP socket with a datagram queued, and an IPv6 listener; then dumps TCP and
// UDP over NETLINK_SOCK_DIAG for AF_INET and AF_INET6 and prints each of its sockets' answer
// (inodes as the program's socket numbers, the ephemeral ports as "eph"), and the errors for bad
// requests. Natively it runs in a new network namespace with lo up, where only its sockets exist.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, hasStaticLibc } from '../../../arch/x86/gcc';
import { kernelBugs, runInMachine } from '../../../../machine';

const DIAG_C = `#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>

static unsigned inos[16]; static int nin;
static int nl;
static int add(int fd) { struct stat st; fstat(fd, &st); inos[nin++] = st.st_ino; return fd; }
static void port(unsigned p) { if (p >= 47000 && p < 47100) printf("%u", p); else if (p) printf("eph"); else printf("0"); }
static void addr(int family, unsigned *a) {
  char b[64]; inet_ntop(family, a, b, sizeof b); printf("%s", b);
}
static void show(struct nlmsghdr *h) {
  struct inet_diag_msg *m = NLMSG_DATA(h);
  int who = -1;
  for (int i = 0; i < nin; i++) if (m->idiag_inode && inos[i] == m->idiag_inode) who = i;
  if (who >= 0) printf("s%d", who); else printf("ino%s", m->idiag_inode ? "?" : "0");
  printf(" fam=%d state=%d timer=%d ", m->idiag_family, m->idiag_state, m->idiag_timer);
  addr(m->idiag_family, m->id.idiag_src); putchar(':'); port(ntohs(m->id.idiag_sport)); printf(" -> ");
  addr(m->idiag_family, m->id.idiag_dst); putchar(':'); port(ntohs(m->id.idiag_dport));
  /* UDP's receive queue is counted in sk_buff truesize natively, in bytes in the machine: only say whether there is one. */
  if (m->idiag_state == 7 && m->idiag_rqueue) printf(" rq=some wq=%u uid=%u", m->idiag_wqueue, m->idiag_uid);
  else printf(" rq=%u wq=%u uid=%u", m->idiag_rqueue, m->idiag_wqueue, m->idiag_uid);
  int len = h->nlmsg_len - NLMSG_LENGTH(sizeof *m);
  for (struct rtattr *a = (struct rtattr *)(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    unsigned char *c = RTA_DATA(a);
    if (a->rta_type == INET_DIAG_SHUTDOWN) printf(" shutdown=%u", c[0]);
    if (a->rta_type == INET_DIAG_SKV6ONLY) printf(" v6only=%u", c[0]);
  }
  printf("\\n");
}
static void dump(int family, int proto, unsigned states) {
  struct { struct nlmsghdr h; struct inet_diag_req_v2 r; } q;
  memset(&q, 0, sizeof q);
  q.h.nlmsg_len = sizeof q; q.h.nlmsg_type = SOCK_DIAG_BY_FAMILY; q.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP; q.h.nlmsg_seq = 3;
  q.r.sdiag_family = family; q.r.sdiag_protocol = proto; q.r.idiag_states = states;
  struct sockaddr_nl k = { .nl_family = AF_NETLINK };
  sendto(nl, &q, sizeof q, 0, (struct sockaddr *)&k, sizeof k);
  static unsigned char buf[65536];
  /* Sort lines: by the program's socket number, then timewait entries. */
  static char lines[64][256]; int n_lines = 0;
  for (int done = 0; !done; ) {
    int n = recv(nl, buf, sizeof buf, 0);
    if (n <= 0) { printf("recv %d\\n", n < 0 ? -errno : 0); return; }
    for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE) { done = 1; break; }
      if (h->nlmsg_type == NLMSG_ERROR) { printf("error %d\\n", ((struct nlmsgerr *)NLMSG_DATA(h))->error); return; }
      fflush(stdout);
      char *p; size_t sz; FILE *f = open_memstream(&p, &sz); FILE *o = stdout; stdout = f; show(h); fclose(f); stdout = o;
      strncpy(lines[n_lines++], p, 255);
    }
  }
  for (int i = 0; i < n_lines; i++) for (int j = i + 1; j < n_lines; j++) if (strcmp(lines[i], lines[j]) > 0) { char t[256]; strcpy(t, lines[i]); strcpy(lines[i], lines[j]); strcpy(lines[j], t); }
  for (int i = 0; i < n_lines; i++) fputs(lines[i], stdout);
}
static void bad(int family, int proto, int len) {
  struct { struct nlmsghdr h; struct inet_diag_req_v2 r; } q;
  memset(&q, 0, sizeof q);
  q.h.nlmsg_len = len; q.h.nlmsg_type = SOCK_DIAG_BY_FAMILY; q.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP; q.h.nlmsg_seq = 4;
  q.r.sdiag_family = family; q.r.sdiag_protocol = proto; q.r.idiag_states = ~0U;
  struct sockaddr_nl k = { .nl_family = AF_NETLINK };
  sendto(nl, &q, len, 0, (struct sockaddr *)&k, sizeof k);
  static unsigned char buf[4096];
  int n = recv(nl, buf, sizeof buf, 0);
  struct nlmsghdr *h = (void *)buf;
  if (n > 0 && h->nlmsg_type == NLMSG_ERROR) printf("error %d\\n", ((struct nlmsgerr *)NLMSG_DATA(h))->error);
  else printf("answer type %d\\n", n > 0 ? h->nlmsg_type : -1);
}
int main(void) {
  nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
  int one = 1;
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(47001), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
  int lis = add(socket(AF_INET, SOCK_STREAM, 0));                              /* s0 */
  setsockopt(lis, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  bind(lis, (void *)&a, sizeof a); listen(lis, 7);
  int c = add(socket(AF_INET, SOCK_STREAM, 0));                                /* s1 */
  connect(c, (void *)&a, sizeof a);
  int s = add(accept(lis, NULL, NULL));                                        /* s2 */
  write(c, "twelve bytes", 12);
  usleep(100000);
  int c2 = add(socket(AF_INET, SOCK_STREAM, 0));                               /* s3: closes first: TIME_WAIT */
  connect(c2, (void *)&a, sizeof a);
  int s2 = add(accept(lis, NULL, NULL));                                       /* s4 */
  shutdown(s, SHUT_WR);
  close(c2); usleep(100000); close(s2); usleep(100000);
  int u = add(socket(AF_INET, SOCK_DGRAM, 0));                                 /* s5 */
  struct sockaddr_in ua = { .sin_family = AF_INET, .sin_port = htons(47002), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
  bind(u, (void *)&ua, sizeof ua);
  int u2 = add(socket(AF_INET, SOCK_DGRAM, 0));                                /* s6 */
  sendto(u2, "datagram", 8, 0, (void *)&ua, sizeof ua);
  int l6 = add(socket(AF_INET6, SOCK_STREAM, 0));                              /* s7 */
  struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(47003) };
  setsockopt(l6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  bind(l6, (void *)&a6, sizeof a6); listen(l6, 2);
  usleep(100000);
  printf("-- tcp inet all\\n"); dump(AF_INET, IPPROTO_TCP, ~0U);
  printf("-- tcp inet listen\\n"); dump(AF_INET, IPPROTO_TCP, 1 << 10);
  printf("-- tcp inet6 all\\n"); dump(AF_INET6, IPPROTO_TCP, ~0U);
  printf("-- udp inet all\\n"); dump(AF_INET, IPPROTO_UDP, ~0U);
  printf("-- short request\\n"); bad(AF_INET, IPPROTO_TCP, sizeof(struct nlmsghdr) + 8);
  printf("-- unknown protocol\\n"); bad(AF_INET, 99, sizeof(struct nlmsghdr) + sizeof(struct inet_diag_req_v2));
  return 0;
}
`;

/** Run `bin` natively in a new network namespace with lo up; null where that is not possible. */
function runInNetns(bin: Uint8Array): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-idiag-'));
  try {
    writeFileSync(join(dir, 'p'), bin, { mode: 0o755 });
    const r = spawnSync('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec "$0"`, join(dir, 'p')], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0 && spawnSync('ip', ['-V']).status === 0;

describe('INET_DIAG: native Linux and the machine agree', () => {
  it.skipIf(!hasStaticLibc || !canUnshare)('TCP and UDP dumps with state filters, TIME_WAIT, IPv6, errors', () => {
    const bin = build(DIAG_C, []);
    const native = runInNetns(bin);
    expect(native).not.toBeNull();
    expect(native).toContain('s0 fam=2 state=10');
    const r = runInMachine('/tmp/idiag', { files: [{ path: '/tmp/idiag', data: bin, mode: 0o755 }] }, 60_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(native);
  });
});
