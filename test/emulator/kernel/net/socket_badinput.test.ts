// Garbage from user space for the socket calls of every family: option lengths of 0, 1, -1 and
// INT_MAX, option values and lengths at unmapped addresses, short and bad addresses, bad iovecs,
// msg_name, msg_control and message headers, and a send length of 4 GiB. Each must be answered
// with -errno; none may make the kernel throw.

import { describe, expect, it } from 'vitest';
import { build, hasStaticLibc } from '../../arch/x86/gcc';
import { kernelBugs, runInMachine } from '../../../machine';
const C = `#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/netlink.h>
#define T(x) do { long r = (x); printf("%s = %ld %d\\n", #x, r, r < 0 ? errno : 0); errno = 0; } while (0)
#include <signal.h>
int main() { signal(SIGPIPE, SIG_IGN); setvbuf(stdout, 0, _IONBF, 0);
  int fams[][3] = {{AF_INET, SOCK_STREAM, 0},{AF_INET, SOCK_DGRAM, 0},{AF_UNIX, SOCK_STREAM,0},{AF_UNIX,SOCK_DGRAM,0},{AF_NETLINK,SOCK_RAW,0},{AF_INET6,SOCK_DGRAM,0}};
  int levels[] = {SOL_SOCKET, IPPROTO_IP, IPPROTO_TCP, IPPROTO_UDP, 270, IPPROTO_IPV6};
  char buf[256]; memset(buf, 0x41, sizeof buf);
  for (int f = 0; f < 6; f++) {
    int fd = socket(fams[f][0], fams[f][1], fams[f][2]);
    printf("fam %d fd %d\\n", f, fd);
    if (fd < 0) continue;
    int bad = 0;
    for (int l = 0; l < 6; l++) for (int o = 0; o < 80; o++) {
      int lens[] = {0, 1, 3, 4, 8, -1, 0x7fffffff};
      for (int k = 0; k < 7; k++) {
        errno = 0;
        setsockopt(fd, levels[l], o, buf, lens[k]);
        setsockopt(fd, levels[l], o, (void*)8, lens[k]);
        socklen_t ol = lens[k];
        getsockopt(fd, levels[l], o, buf, &ol);
        ol = lens[k];
        getsockopt(fd, levels[l], o, (void*)8, &ol);
        getsockopt(fd, levels[l], o, buf, (void*)8);
      }
    }
    T(bind(fd, (void*)buf, 1));
    T(bind(fd, (void*)8, 16));
    T(bind(fd, (void*)buf, 200));
    T(bind(fd, (void*)buf, -1));
    T(connect(fd, (void*)buf, 1));
    T(connect(fd, (void*)buf, 3));
    T(sendto(fd, buf, 10, MSG_DONTWAIT, (void*)buf, 1));
    T(sendto(fd, buf, 0xffffffffUL, MSG_DONTWAIT, 0, 0));
    T(sendto(fd, (void*)8, 0x7fffffffUL, MSG_DONTWAIT, 0, 0));
    T(sendto(fd, (void*)8, 10, MSG_DONTWAIT, 0, 0));
    T(recvfrom(fd, buf, 0xffffffffUL, MSG_DONTWAIT, 0, 0));
    T(recvfrom(fd, buf, 10, MSG_DONTWAIT, (void*)buf, (void*)8));
    struct msghdr m; memset(&m, 0, sizeof m);
    struct iovec iv = { (void*)8, 10 };
    m.msg_iov = &iv; m.msg_iovlen = 1;
    T(sendmsg(fd, &m, MSG_DONTWAIT));
    m.msg_iovlen = 100000; T(sendmsg(fd, &m, MSG_DONTWAIT));
    m.msg_iov = (void*)8; m.msg_iovlen = 1; T(sendmsg(fd, &m, MSG_DONTWAIT));
    iv.iov_base = buf; m.msg_iov = &iv; m.msg_name = (void*)8; m.msg_namelen = 16; T(sendmsg(fd, &m, MSG_DONTWAIT));
    m.msg_name = buf; m.msg_namelen = -5; T(sendmsg(fd, &m, MSG_DONTWAIT));
    m.msg_namelen = 0; m.msg_control = (void*)8; m.msg_controllen = 64; T(sendmsg(fd, &m, MSG_DONTWAIT));
    m.msg_control = buf; m.msg_controllen = 5; T(sendmsg(fd, &m, MSG_DONTWAIT));
    m.msg_controllen = 256; T(sendmsg(fd, &m, MSG_DONTWAIT));
    m.msg_control = (void*)8; m.msg_controllen = 64; T(recvmsg(fd, &m, MSG_DONTWAIT));
    T(recvmsg(fd, (void*)8, MSG_DONTWAIT));
    T(sendmsg(fd, (void*)8, MSG_DONTWAIT));
    T(getsockname(fd, (void*)8, (void*)buf));
    T(getsockname(fd, buf, (void*)8));
    socklen_t neg = -14; T(getsockname(fd, (void*)buf, &neg));
    T(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, (void*)8, 4));
    if (f < 2) T(setsockopt(fd, IPPROTO_IP, IP_TTL, (void*)8, 4));
    T(setsockopt(fd, 77, 1, buf, -1));
    if (f == 1 || f == 5) { unsigned short un[8] = { AF_UNIX }; T(sendto(fd, "x", 1, MSG_DONTWAIT, (void*)un, 8)); un[0] = AF_UNSPEC; T(sendto(fd, "x", 1, MSG_DONTWAIT, (void*)un, 16)); }
    if (f < 2) { unsigned char ttl = 9; T(setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, 1)); T(setsockopt(fd, 77, 1, buf, 0)); }
    if (f < 2) { socklen_t m1 = -1, l4 = 4; T(getsockopt(fd, IPPROTO_IP, 0, buf, &m1)); T(getsockopt(fd, f ? IPPROTO_TCP : IPPROTO_UDP, 1, buf, &l4)); }
    close(fd);
  }
  printf("done\\n");
  return 0;
}`;
describe('socket calls given garbage', () => {
  it.skipIf(!hasStaticLibc)('answer -errno like Linux and never throw', () => {
    const bin = build(C, []);
    const r = runInMachine('/tmp/b', { files: [{ path: '/tmp/b', data: bin, mode: 0o755 }] }, 120_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    const lines = r.output.split('\n');
    expect(lines.filter((l) => l.startsWith('fam ')).length).toBe(6);
    expect(lines).toContain('done');
    // What Linux answers too, for every family.
    const count = (l: string) => lines.filter((x) => x === l).length;
    expect(count('bind(fd, (void*)8, 16) = -1 14')).toBe(6);
    expect(count('bind(fd, (void*)buf, 200) = -1 22')).toBe(6);
    expect(count('bind(fd, (void*)buf, -1) = -1 22')).toBe(6);
    expect(count('connect(fd, (void*)buf, 1) = -1 22')).toBe(6);
    expect(count('recvmsg(fd, (void*)8, MSG_DONTWAIT) = -1 14')).toBe(6);
    expect(count('sendmsg(fd, (void*)8, MSG_DONTWAIT) = -1 14')).toBe(6);
    expect(count('getsockname(fd, (void*)buf, &neg) = -1 22')).toBe(6);
    expect(count('setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, (void*)8, 4) = -1 14')).toBe(6);
    expect(count('setsockopt(fd, IPPROTO_IP, IP_TTL, (void*)8, 4) = -1 14')).toBe(2);
    expect(count('getsockopt(fd, IPPROTO_IP, 0, buf, &m1) = -1 22')).toBe(2);
    expect(count('getsockopt(fd, f ? IPPROTO_TCP : IPPROTO_UDP, 1, buf, &l4) = -1 95')).toBe(2);
    expect(count('setsockopt(fd, 77, 1, buf, -1) = -1 22')).toBe(6);
    expect(count('setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, 1) = 0 0')).toBe(2);
    expect(count('setsockopt(fd, 77, 1, buf, 0) = -1 92')).toBe(2);
    // UDP: a short address is EINVAL whatever its family; to IPv6, AF_UNSPEC is no address at all.
    expect(count('sendto(fd, "x", 1, MSG_DONTWAIT, (void*)un, 8) = -1 22')).toBe(2);
    expect(count('sendto(fd, "x", 1, MSG_DONTWAIT, (void*)un, 16) = -1 22')).toBe(1);
    expect(count('sendto(fd, "x", 1, MSG_DONTWAIT, (void*)un, 16) = -1 89')).toBe(1);
    // Every answer of a call under test is a result or -1 with an errno.
    for (const l of lines.filter((x) => x.includes(') = '))) expect(l).toMatch(/ = (-1 [1-9]\d*|\d+ 0)$/);
  });
});
