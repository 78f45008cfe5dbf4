// Random requests to every kernel Netlink protocol of the machine (route, uevent, generic,
// sock_diag): headers with random lengths, types and flags, payloads with random attributes. Each
// must be answered or ignored; no request may make the kernel throw (a BUG in its log), and the
// machine's interfaces must be as they were.

import { describe, expect, it } from 'vitest';
import { build, hasStaticLibc } from '../../../arch/x86/gcc';
import { kernelBugs, runInMachine } from '../../../../machine';

const FUZZ_C = `#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>
#include <sys/socket.h>
#include <linux/netlink.h>

/* Random requests to every kernel Netlink protocol: valid headers with random types, flags and
   payloads (random attributes too), then whatever comes back is drained. The kernel must answer
   or ignore each one, never crash. */
int main(int argc, char **argv) {
  int protos[] = { 0, 15, 16, 4 };
  unsigned seed = argc > 1 ? atoi(argv[1]) : 1;
  srand(seed);
  unsigned char buf[4096], in[65536];
  long answers = 0;
  for (int p = 0; p < 4; p++) {
    int fd = socket(AF_NETLINK, SOCK_RAW, protos[p]);
    if (fd < 0) continue;
    for (int i = 0; i < 3000; i++) {
      int len = 16 + rand() % 200;
      for (int j = 0; j < len; j++) buf[j] = rand();
      struct nlmsghdr *h = (void *)buf;
      h->nlmsg_len = (rand() % 8) ? len : rand() % 300;
      h->nlmsg_type = (rand() % 2) ? 16 + rand() % 16 : rand() % 0x40;
      if (protos[p] == 16 && rand() % 2) h->nlmsg_type = 0x10 + rand() % 5;
      h->nlmsg_flags = rand() % 2 ? (NLM_F_REQUEST | (rand() % 2 ? NLM_F_ACK : 0) | (rand() % 4 == 0 ? NLM_F_DUMP : 0)) : rand();
      /* sprinkle plausible attribute headers after a 16-byte family header */
      for (int off = 32; off + 4 < len; off += 4 + (rand() % 12)) { buf[off] = 4 + rand() % 12; buf[off + 1] = 0; buf[off + 2] = rand() % 40; buf[off + 3] = rand() % 2 ? 0x80 : 0; }
      sendto(fd, buf, len, MSG_DONTWAIT, NULL, 0);
      while (recv(fd, in, sizeof in, MSG_DONTWAIT) > 0) answers++;
    }
    close(fd);
  }
  printf("done %d\\n", answers > 0);
  return 0;
}
`;

describe('Netlink under random requests', () => {
  it.skipIf(!hasStaticLibc)('answers or ignores them all and keeps lo as it was', () => {
    const bin = build(FUZZ_C, []);
    const r = runInMachine('/tmp/fuzz 7 && ip -br link && ip -br addr', { files: [{ path: '/tmp/fuzz', data: bin, mode: 0o755 }] }, 120_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(
      'done 1\n' +
        'lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n' +
        'lo               UNKNOWN        127.0.0.1/8 ::1/128 \n',
    );
  });
});
