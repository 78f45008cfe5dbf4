// UNIX_DIAG natively and in the machine: one C program (gcc -static) makes Unix sockets of every
// kind — a listener with one accepted and one waiting connection, a stream and a datagram
// socketpair, a bound datagram socket another one connected to, an unbound one, a shut-down
// end — then dumps them over NETLINK_SOCK_DIAG and prints each of its own sockets' answer (inodes
// as the program's socket numbers, since they differ between kernels), and the errors for bad
// requests. Natively it runs in a new network namespace, where only its sockets exist.

import { describe, expect, it } from 'vitest';
import { build, hasStaticLibc } from '../../../arch/x86/gcc';
import { kernelBugs, runInMachine } from '../../../../machine';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIAG_C = `#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

static unsigned inos[16]; static int nin;
static unsigned char buf[65536];
static int nl;

static int add(int fd) { struct stat st; fstat(fd, &st); inos[nin++] = st.st_ino; return fd; }
static void who(unsigned ino) { for (int i = 0; i < nin; i++) if (inos[i] == ino) { printf("s%d", i); return; } printf(ino ? "other" : "0"); }
static socklen_t abs_addr(struct sockaddr_un *a, const char *name) {
  memset(a, 0, sizeof *a); a->sun_family = AF_UNIX; strcpy(a->sun_path + 1, name);
  return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}
static int request(int family, unsigned states, unsigned ino, unsigned show, int flags, int len) {
  struct { struct nlmsghdr h; struct unix_diag_req r; } q;
  memset(&q, 0, sizeof q);
  q.h.nlmsg_len = len; q.h.nlmsg_type = SOCK_DIAG_BY_FAMILY; q.h.nlmsg_flags = NLM_F_REQUEST | flags; q.h.nlmsg_seq = 7;
  q.r.sdiag_family = family; q.r.udiag_states = states; q.r.udiag_ino = ino; q.r.udiag_show = show;
  q.r.udiag_cookie[0] = q.r.udiag_cookie[1] = ~0U;
  struct sockaddr_nl k = { .nl_family = AF_NETLINK };
  return sendto(nl, &q, len, 0, (struct sockaddr *)&k, sizeof k);
}
static void show_one(struct nlmsghdr *h) {
  struct unix_diag_msg *m = NLMSG_DATA(h);
  printf("type=%d state=%d", m->udiag_type, m->udiag_state);
  int len = h->nlmsg_len - NLMSG_LENGTH(sizeof *m);
  for (int want = 0; want <= UNIX_DIAG_UID; want++)
  for (struct rtattr *a = (struct rtattr *)(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (a->rta_type != want) continue;
    unsigned *u = RTA_DATA(a); unsigned char *c = RTA_DATA(a); int n = RTA_PAYLOAD(a);
    switch (a->rta_type) {
    case UNIX_DIAG_NAME: printf(" name="); for (int i = 0; i < n; i++) putchar(c[i] ? c[i] : '@'); break;
    case UNIX_DIAG_PEER: printf(" peer="); who(u[0]); break;
    case UNIX_DIAG_ICONS: printf(" icons=["); for (int i = 0; i < n / 4; i++) { if (i) putchar(','); who(u[i]); } printf("]"); break;
    case UNIX_DIAG_RQLEN: printf(" rq=%u wq=%u", u[0], u[1]); break;
    case UNIX_DIAG_SHUTDOWN: printf(" shutdown=%u", c[0]); break;
    case UNIX_DIAG_UID: printf(" uid=%u", u[0]); break;
    case UNIX_DIAG_VFS: printf(" vfs"); break;
    }
  }
  printf("\\n");
}
static void dump(unsigned states, unsigned show) {
  static unsigned char all[1 << 18]; int total = 0;
  request(AF_UNIX, states, 0, show, NLM_F_DUMP, sizeof(struct nlmsghdr) + sizeof(struct unix_diag_req));
  for (int done = 0; !done; ) {
    int n = recv(nl, buf, sizeof buf, 0);
    if (n <= 0) { printf("recv %d\\n", n < 0 ? -errno : 0); return; }
    for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE) { done = 1; break; }
      if (h->nlmsg_type == NLMSG_ERROR) { printf("error %d\\n", ((struct nlmsgerr *)NLMSG_DATA(h))->error); return; }
      if (h->nlmsg_flags != NLM_F_MULTI || h->nlmsg_seq != 7) printf("flags %x seq %u\\n", h->nlmsg_flags, h->nlmsg_seq);
      memcpy(all + total, h, h->nlmsg_len); total += NLMSG_ALIGN(h->nlmsg_len);
    }
  }
  for (int i = 0; i < nin; i++) {
    int len = total, found = 0;
    for (struct nlmsghdr *h = (void *)all; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
      struct unix_diag_msg *m = NLMSG_DATA(h);
      if (m->udiag_ino != inos[i]) continue;
      printf("s%d ", i); show_one(h); found = 1;
    }
    if (!found) printf("s%d -\\n", i);
  }
}
static void one(int family, unsigned ino, int len) {
  request(family, ~0U, ino, UDIAG_SHOW_NAME | UDIAG_SHOW_PEER, 0, len);
  int n = recv(nl, buf, sizeof buf, 0);
  struct nlmsghdr *h = (void *)buf;
  if (n < 0) printf("recv %d\\n", -errno);
  else if (h->nlmsg_type == NLMSG_ERROR) printf("error %d\\n", ((struct nlmsgerr *)NLMSG_DATA(h))->error);
  else { printf("get flags %x ", h->nlmsg_flags); show_one(h); }
}
int main(void) {
  struct sockaddr_un a; socklen_t al;
  int sv[2];
  nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
  int lis = add(socket(AF_UNIX, SOCK_STREAM, 0));                       /* s0 */
  al = abs_addr(&a, "rs-diag-listen"); bind(lis, (void *)&a, al); listen(lis, 3);
  int c1 = add(socket(AF_UNIX, SOCK_STREAM, 0));                        /* s1 */
  connect(c1, (void *)&a, al);
  add(accept(lis, NULL, NULL));                                         /* s2 */
  int c2 = add(socket(AF_UNIX, SOCK_STREAM, 0));                        /* s3: waits in the queue */
  connect(c2, (void *)&a, al);
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv); add(sv[0]); add(sv[1]);      /* s4 s5 */
  write(sv[0], "hello", 5); shutdown(sv[1], SHUT_WR);
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv); add(sv[0]); add(sv[1]);       /* s6 s7 */
  write(sv[0], "abc", 3); write(sv[0], "defgh", 5);
  int srv = add(socket(AF_UNIX, SOCK_DGRAM, 0));                        /* s8 */
  al = abs_addr(&a, "rs-diag-dgram"); bind(srv, (void *)&a, al);
  int cli = add(socket(AF_UNIX, SOCK_SEQPACKET, 0));                    /* s9: unbound, unconnected */
  int dc = add(socket(AF_UNIX, SOCK_DGRAM, 0));                         /* s10 */
  connect(dc, (void *)&a, al);
  (void)cli;
  printf("-- all\\n"); dump(~0U, UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_ICONS | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID);
  printf("-- listening only, nothing shown\\n"); dump(1 << 10, 0);
  printf("-- established\\n"); dump(1 << 1, UDIAG_SHOW_PEER);
  printf("-- get s2\\n"); one(AF_UNIX, inos[2], sizeof(struct nlmsghdr) + sizeof(struct unix_diag_req));
  printf("-- get unknown\\n"); one(AF_UNIX, 0x7ffffff0, sizeof(struct nlmsghdr) + sizeof(struct unix_diag_req));
  printf("-- short request\\n"); one(AF_UNIX, inos[2], sizeof(struct nlmsghdr) + 8);
  printf("-- family without handler\\n"); one(3, 0, sizeof(struct nlmsghdr) + sizeof(struct unix_diag_req));
  printf("-- family past AF_MAX\\n"); one(99, 0, sizeof(struct nlmsghdr) + sizeof(struct unix_diag_req));
  return 0;
}
`;

/** Run `bin` natively in a new network namespace (its own Unix sockets only); null where impossible. */
function runInNetns(bin: Uint8Array): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-diag-'));
  try {
    writeFileSync(join(dir, 'p'), bin, { mode: 0o755 });
    const r = spawnSync('unshare', ['-n', join(dir, 'p')], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0;

describe('UNIX_DIAG: native Linux and the machine agree', () => {
  it.skipIf(!hasStaticLibc || !canUnshare)('dumps with state filters and attributes, exact gets, errors', () => {
    const bin = build(DIAG_C, []);
    const native = runInNetns(bin);
    expect(native).not.toBeNull();
    expect(native).toContain('s0 type=1 state=10');
    const r = runInMachine('/tmp/diag', { files: [{ path: '/tmp/diag', data: bin, mode: 0o755 }] }, 60_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(native);
  });
});
