// The same Netlink conversation run natively on the host (gcc -static against glibc, in a fresh
// network namespace with lo up, so the host's own interfaces do not show) and in the machine: acks,
// errors with the request echoed, capped errors, silently dropped short headers, RTM_GETLINK for lo
// (its attributes printed in type order), a dump ending with NLMSG_DONE in a later read, MSG_PEEK
// and MSG_TRUNC, group membership on the uevent socket, an extended ack's text, ENOBUFS after an
// overflowing receive buffer, the generic controller resolving "nlctrl" and refusing unknown
// families, connect/getpeername, NETLINK_LIST_MEMBERSHIPS, the socket's line in /proc/net/netlink and
// poll readiness, and NETLINK_USERSOCK between two user sockets (explicit ports, EADDRINUSE, a
// multicast group, ECONNREFUSED). The output must be identical.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, hasStaticLibc, runNative } from '../../../arch/x86/gcc';
import { kernelBugs, runInMachine } from '../../../../machine';

export const GETLINK_C = `#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

static int fd;
static void hex(const unsigned char *p, int n) { for (int i = 0; i < n; i++) printf("%02x", p[i]); printf("\\n"); }
static int xfer(void *req, int len, unsigned char *buf, int cap) {
  struct sockaddr_nl k = { .nl_family = AF_NETLINK };
  if (sendto(fd, req, len, 0, (struct sockaddr *)&k, sizeof k) < 0) { printf("send %d\\n", -errno); return -1; }
  struct sockaddr_nl from; socklen_t fl = sizeof from;
  int n = recvfrom(fd, buf, cap, MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
  if (n < 0) { printf("recv %d\\n", -errno); return n; }
  printf("from pid=%u groups=%u len=%d\\n", from.nl_pid, from.nl_groups, fl);
  return n;
}
static void attrs(struct nlmsghdr *h) {
  struct ifinfomsg *ifi = NLMSG_DATA(h);
  printf("ifinfo type=%d index=%d flags=%x\\n", ifi->ifi_type, ifi->ifi_index, ifi->ifi_flags);
  for (int want = 0; want < 64; want++) {
  int len = h->nlmsg_len - NLMSG_LENGTH(sizeof *ifi);
  for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (a->rta_type != want) continue;
    unsigned char *d = RTA_DATA(a);
    switch (a->rta_type) {
    case IFLA_IFNAME: case IFLA_QDISC: printf("attr %d %s\\n", a->rta_type, (char *)d); break;
    case IFLA_MTU: case IFLA_TXQLEN: case IFLA_GROUP: case IFLA_PROMISCUITY: printf("attr %d %u\\n", a->rta_type, *(unsigned *)d); break;
    case IFLA_OPERSTATE: case IFLA_LINKMODE: case IFLA_CARRIER: printf("attr %d %u\\n", a->rta_type, d[0]); break;
    case IFLA_ADDRESS: case IFLA_BROADCAST: printf("attr %d ", a->rta_type); hex(d, RTA_PAYLOAD(a)); break;
    case IFLA_STATS64: printf("attr %d len %d\\n", a->rta_type, (int)RTA_PAYLOAD(a)); break;
    }
  }
  }
}
int main(void) {
  unsigned char buf[65536];
  fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
  printf("bad type %d\\n", socket(AF_NETLINK, SOCK_STREAM, NETLINK_ROUTE) < 0 ? -errno : 0);
  printf("bad proto %d\\n", socket(AF_NETLINK, SOCK_RAW, 31) < 0 ? -errno : 0);
  struct sockaddr_nl me; socklen_t ml = sizeof me;
  getsockname(fd, (struct sockaddr *)&me, &ml);
  printf("unbound pid=%u\\n", me.nl_pid);
  /* 1: a request with an unknown type and NLM_F_ACK: an error with the request echoed */
  struct { struct nlmsghdr h; unsigned char pad[4]; } bad = { { 20, 200, NLM_F_REQUEST | NLM_F_ACK, 7, 0 }, { 1, 2, 3, 4 } };
  int n = xfer(&bad, 20, buf, sizeof buf);
  getsockname(fd, (struct sockaddr *)&me, &ml);
  printf("bound pid==getpid %d\\n", me.nl_pid == (unsigned)getpid());
  if (n > 0) { ((struct nlmsghdr *)buf)->nlmsg_pid = 0; ((struct nlmsghdr *)(buf + 20))->nlmsg_pid = 0; hex(buf, n); }
  /* 2: not a request, with ACK: acknowledged with 0, capped */
  bad.h.nlmsg_flags = NLM_F_ACK; bad.h.nlmsg_seq = 8;
  n = xfer(&bad, 20, buf, sizeof buf);
  if (n > 0) { ((struct nlmsghdr *)buf)->nlmsg_pid = 0; hex(buf, n); }
  /* 3: a short header: silently ignored */
  bad.h.nlmsg_len = 12; bad.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
  n = xfer(&bad, 20, buf, sizeof buf);
  /* 4: CAP_ACK: the error without the payload */
  int one = 1; setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  bad.h.nlmsg_len = 20;
  n = xfer(&bad, 20, buf, sizeof buf);
  if (n > 0) { ((struct nlmsghdr *)buf)->nlmsg_pid = 0; ((struct nlmsghdr *)(buf + 20))->nlmsg_pid = 0; hex(buf, n); }
  one = 0; setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  /* 5: RTM_GETLINK for ifindex 1 */
  struct { struct nlmsghdr h; struct ifinfomsg i; } gl = { { sizeof gl, RTM_GETLINK, NLM_F_REQUEST, 9, 0 }, { .ifi_index = 1 } };
  n = xfer(&gl, sizeof gl, buf, sizeof buf);
  if (n > 0) { struct nlmsghdr *h = (void *)buf; printf("type %d flags %x seq %u\\n", h->nlmsg_type, h->nlmsg_flags, h->nlmsg_seq); attrs(h); }
  /* 6: unknown index */
  gl.i.ifi_index = 999;
  n = xfer(&gl, sizeof gl, buf, sizeof buf);
  if (n > 0) printf("error %d\\n", ((struct nlmsgerr *)NLMSG_DATA((struct nlmsghdr *)buf))->error);
  /* 7: dump: messages then NLMSG_DONE in a later read */
  gl.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP; gl.i.ifi_index = 0; gl.h.nlmsg_seq = 10;
  n = xfer(&gl, sizeof gl, buf, sizeof buf);
  if (n > 0) { struct nlmsghdr *h = (void *)buf; printf("dump first type %d flags %x\\n", h->nlmsg_type, h->nlmsg_flags); }
  for (;;) {
    n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n <= 0) { printf("end %d\\n", n < 0 ? -errno : 0); break; }
    struct nlmsghdr *h = (void *)buf;
    if (h->nlmsg_type == NLMSG_DONE) { h->nlmsg_pid = 0; printf("done "); hex(buf, n); break; }
  }
  /* 8: peek and trunc */
  gl.h.nlmsg_flags = NLM_F_REQUEST; gl.i.ifi_index = 1;
  sendto(fd, &gl, sizeof gl, 0, NULL, 0);
  n = recv(fd, buf, 16, MSG_PEEK | MSG_TRUNC);
  printf("peek trunc %d\\n", n > 16);
  n = recv(fd, buf, 16, 0);
  printf("trunc read %d\\n", n);
  printf("after %d\\n", recv(fd, buf, 16, MSG_DONTWAIT) < 0 ? -errno : 0);
  /* 9: uevent socket joins group 1 */
  int u = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_KOBJECT_UEVENT);
  struct sockaddr_nl ua = { .nl_family = AF_NETLINK, .nl_groups = 1 };
  printf("uevent bind %d\\n", bind(u, (struct sockaddr *)&ua, sizeof ua));
  int grp = 2; printf("uevent add 2: %d\\n", setsockopt(u, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp, sizeof grp) < 0 ? -errno : 0);
  ml = sizeof me; getsockname(u, (struct sockaddr *)&me, &ml); printf("uevent groups %u\\n", me.nl_groups);

  /* 10: extended ack: the message text follows the capped error */
  one = 1; setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
  struct { struct nlmsghdr h; struct ifaddrmsg a; struct rtattr ra; unsigned char ip[4]; } da = {
    { sizeof da, RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, 11, 0 }, { AF_INET, 24, 0, 0, 1 }, { 8, IFA_LOCAL }, { 10, 7, 7, 7 } };
  n = xfer(&da, sizeof da, buf, sizeof buf);
  if (n > 0) {
    struct nlmsghdr *h = (void *)buf; struct nlmsgerr *e = NLMSG_DATA(h);
    printf("extack flags %x error %d len %d\\n", h->nlmsg_flags, e->error, h->nlmsg_len);
    unsigned char *p = (unsigned char *)e + sizeof(int) + e->msg.nlmsg_len;
    if (h->nlmsg_flags & NLM_F_CAPPED) p = (unsigned char *)e + sizeof *e;
    struct nlattr *a = (void *)p;
    printf("attr type %d msg %s\\n", a->nla_type, (char *)(a + 1));
  }
  /* 11: overflow: a small receive buffer, requests not read: ENOBUFS first, then the queue */
  int small = 1; setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  gl.h.nlmsg_flags = NLM_F_REQUEST; gl.i.ifi_index = 1;
  for (int i = 0; i < 64; i++) sendto(fd, &gl, sizeof gl, 0, NULL, 0);
  n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
  printf("overflow first recv %d\\n", n < 0 ? -errno : 1);
  n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
  printf("then %s\\n", n > 0 ? "data" : "nothing");
  while (recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0) ;
  /* 12: generic netlink: resolve nlctrl by name */
  int g = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
  struct { struct nlmsghdr h; unsigned char gh[4]; struct rtattr ra; char name[8]; } gf = {
    { sizeof gf, 0x10, NLM_F_REQUEST, 12, 0 }, { 3, 1, 0, 0 }, { 4 + 7, 2 }, "nlctrl" };
  struct sockaddr_nl k = { .nl_family = AF_NETLINK };
  sendto(g, &gf, sizeof gf, 0, (struct sockaddr *)&k, sizeof k);
  n = recv(g, buf, sizeof buf, 0);
  if (n > 0) {
    struct nlmsghdr *h = (void *)buf; unsigned char *gh = NLMSG_DATA(h);
    printf("genl reply type %x cmd %d version %d\\n", h->nlmsg_type, gh[0], gh[1]);
    int len = h->nlmsg_len - NLMSG_HDRLEN - 4;
    for (struct rtattr *a = (void *)(gh + 4); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
      if (a->rta_type == 1) printf("family id %x\\n", *(unsigned short *)RTA_DATA(a));
      if (a->rta_type == 2) printf("family name %s\\n", (char *)RTA_DATA(a));
      if (a->rta_type == 3) printf("version %u\\n", *(unsigned *)RTA_DATA(a));
    }
  }
  gf.h.nlmsg_type = 0x7ff; gf.h.nlmsg_flags |= NLM_F_ACK;
  sendto(g, &gf, sizeof gf, 0, (struct sockaddr *)&k, sizeof k);
  n = recv(g, buf, sizeof buf, 0);
  if (n > 0) printf("unknown family error %d\\n", ((struct nlmsgerr *)NLMSG_DATA((struct nlmsghdr *)buf))->error);
  memcpy(gf.name, "nosuch", 7); gf.h.nlmsg_type = 0x10;
  sendto(g, &gf, sizeof gf, 0, (struct sockaddr *)&k, sizeof k);
  n = recv(g, buf, sizeof buf, 0);
  if (n > 0) printf("unknown name error %d\\n", ((struct nlmsgerr *)NLMSG_DATA((struct nlmsghdr *)buf))->error);
  /* 13: connect and the peer name; memberships */
  struct sockaddr_nl peer = { .nl_family = AF_NETLINK, .nl_pid = 0 };
  printf("connect %d\\n", connect(g, (struct sockaddr *)&peer, sizeof peer));
  ml = sizeof me; getpeername(g, (struct sockaddr *)&me, &ml); printf("peer pid %u groups %u len %d\\n", me.nl_pid, me.nl_groups, ml);
  unsigned mem[4] = { 0 }; socklen_t mlen = sizeof mem;
  printf("list memberships %d", getsockopt(u, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, mem, &mlen)); printf(" %x len>=4 %d\\n", mem[0], mlen >= 4);
  printf("bad level %d\\n", setsockopt(u, SOL_NETLINK, 99, &one, sizeof one) < 0 ? -errno : 0);
  /* 14: /proc/net/netlink: our socket's line, without the address and inode */
  FILE *pf = fopen("/proc/net/netlink", "r"); char line[256]; char want[32]; snprintf(want, sizeof want, " %-10u ", (unsigned)getpid());
  if (pf && fgets(line, sizeof line, pf)) printf("%s", line);
  while (pf && fgets(line, sizeof line, pf)) if (strncmp(line + 17, "0   ", 4) == 0 && strstr(line, want)) { line[17 + 4 + 11 + 42] = 0; printf("[%s]\\n", line + 17 + 4 + 11); }
  if (pf) fclose(pf);
  /* 15: poll: writable at once, readable once an answer is queued */
  struct pollfd pfd = { fd, POLLIN | POLLOUT, 0 };
  int pr = poll(&pfd, 1, 0);
  printf("poll idle %d revents %x\\n", pr, pfd.revents);
  sendto(fd, &gl, sizeof gl, 0, NULL, 0);
  pr = poll(&pfd, 1, 0);
  printf("poll answer %d revents %x\\n", pr, pfd.revents);
  /* 16: NETLINK_USERSOCK between two user sockets: explicit ports, unicast, a group */
  int ua1 = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_USERSOCK), ua2 = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_USERSOCK);
  struct sockaddr_nl a1 = { .nl_family = AF_NETLINK, .nl_pid = 7001 }, a2 = { .nl_family = AF_NETLINK, .nl_pid = 7002, .nl_groups = 4 };
  printf("bind %d %d\\n", bind(ua1, (struct sockaddr *)&a1, sizeof a1), bind(ua2, (struct sockaddr *)&a2, sizeof a2));
  printf("bind again %d\\n", bind(socket(AF_NETLINK, SOCK_DGRAM, NETLINK_USERSOCK), (struct sockaddr *)&a1, sizeof a1) < 0 ? -errno : 0);
  printf("rebind other pid %d\\n", bind(ua1, (struct sockaddr *)&a2, sizeof a2) < 0 ? -errno : 0);
  char hello[] = "hello";
  a2.nl_groups = 0;
  printf("send %zd\\n", sendto(ua1, hello, 5, 0, (struct sockaddr *)&a2, sizeof a2));
  struct sockaddr_nl from2; socklen_t fl2 = sizeof from2; char rb[16] = { 0 };
  n = recvfrom(ua2, rb, sizeof rb, MSG_DONTWAIT, (struct sockaddr *)&from2, &fl2);
  printf("got %d %s from %u groups %u\\n", n, rb, from2.nl_pid, from2.nl_groups);
  struct sockaddr_nl grpa = { .nl_family = AF_NETLINK, .nl_pid = 0, .nl_groups = 4 };
  printf("send group %d\\n", sendto(ua1, hello, 5, 0, (struct sockaddr *)&grpa, sizeof grpa) < 0 ? -errno : 0);
  memset(rb, 0, sizeof rb); fl2 = sizeof from2;
  n = recvfrom(ua2, rb, sizeof rb, MSG_DONTWAIT, (struct sockaddr *)&from2, &fl2);
  printf("got %d %s from %u groups %u\\n", n, rb, from2.nl_pid, from2.nl_groups);
  struct sockaddr_nl nobody = { .nl_family = AF_NETLINK, .nl_pid = 7999 };
  printf("send nobody %d\\n", sendto(ua1, hello, 5, 0, (struct sockaddr *)&nobody, sizeof nobody) < 0 ? -errno : 0);
  return 0;
}
`;

/** Run `bin` natively in a new network namespace with lo up; null where that is not possible. */
export function runInNetns(bin: Uint8Array, args: string[] = []): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-nl-'));
  try {
    writeFileSync(join(dir, 'p'), bin, { mode: 0o755 });
    const r = spawnSync('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec "$0" "$@"`, join(dir, 'p'), ...args], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout : null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0 && spawnSync('ip', ['-V']).status === 0;

describe('Netlink: native Linux and the machine agree', () => {
  it.skipIf(!hasStaticLibc || !canUnshare)('acks, errors, RTM_GETLINK for lo, a dump, peek/trunc, groups, extack, ENOBUFS, nlctrl', () => {
    const bin = build(GETLINK_C, []);
    const native = runInNetns(bin);
    expect(native).not.toBeNull();
    expect(native).toContain('attr 3 lo\n');
    const r = runInMachine('/tmp/getlink', { files: [{ path: '/tmp/getlink', data: bin, mode: 0o755 }] }, 60_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(native);
  });

  it.skipIf(!hasStaticLibc)('a user sender blocks on a full user receiver until it drains (EAGAIN without waiting)', () => {
    const bin = build(BLOCK_C, []);
    const native = runNative(bin);
    expect(native.stdout).toBe('eagain 1\nchild got all 1\nblocking send 1 1\n');
    const r = runInMachine('/tmp/block', { files: [{ path: '/tmp/block', data: bin, mode: 0o755 }] }, 60_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(native.stdout);
  });
});

const BLOCK_C = `#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <linux/netlink.h>
/* A user sender fills a user receiver's buffer: nonblocking sends fail with EAGAIN, a blocking one
   waits until the receiver (a child) drains it, and everything sent arrives. */
int main(void) {
  int r = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_USERSOCK), s = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_USERSOCK);
  struct sockaddr_nl ra = { .nl_family = AF_NETLINK, .nl_pid = 9001 };
  bind(r, (struct sockaddr *)&ra, sizeof ra);
  int small = 1; setsockopt(r, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  char msg[1000] = { 0 };
  int sent = 0, eagain = 0;
  for (int i = 0; i < 100; i++) {
    if (sendto(s, msg, sizeof msg, MSG_DONTWAIT, (struct sockaddr *)&ra, sizeof ra) < 0) { if (errno == EAGAIN) eagain = 1; break; }
    sent++;
  }
  printf("eagain %d\\n", eagain);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char b[2000]; int got = 0;
    for (;;) { int n = recv(r, b, sizeof b, 0); if (n <= 0) break; got++; if (n == 1) break; }
    printf("child got all %d\\n", got == sent + 2);
    fflush(stdout);
    _exit(0);
  }
  int ok = sendto(s, msg, sizeof msg, 0, (struct sockaddr *)&ra, sizeof ra) == sizeof msg;
  int ok2 = sendto(s, msg, 1, 0, (struct sockaddr *)&ra, sizeof ra) == 1;
  waitpid(pid, NULL, 0);
  printf("blocking send %d %d\\n", ok, ok2);
  return 0;
}
`;
