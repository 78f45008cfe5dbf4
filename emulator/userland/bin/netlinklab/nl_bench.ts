// netlink-bench getlink N: N RTM_GETLINK requests for lo (ifindex 1), each answered before the
// next is sent — one sendto and one recvfrom per request, the kernel filling an RTM_NEWLINK of
// about 1.4 KiB each time. npm run bench reports it as netlink_getlink_per_s.

import { NETLINK_ROUTE, NLM_F_REQUEST, NLMSG_ERROR } from '../../../uapi/netlink';
import { RTM_GETLINK } from '../../../uapi/rtnetlink';
import { AF_NETLINK, SOCK_RAW } from '../../../uapi/socket';
import type { Sys } from '../../runtime/context';
import { errno, peekU32, poke } from '../../libc/process';
import { strerror } from '../../libc/string';
import { fputs, stderr } from '../../libc/stdio';
import { malloc } from '../../libc/stdlib';
import { recv, send, socket } from '../../libc/sys_socket';
import { nl_request } from '../iproute2/libnetlink';

function* fail(call: string): Sys<number> {
  yield* fputs(`netlink-bench: ${call}: ${strerror(errno())}\n`, stderr());
  return 1;
}

export function* nl_bench(argv: string[]): Sys<number> {
  const n = /^\d+$/.test(argv[2] ?? '') ? Number(argv[2]) : NaN;
  if (argv[1] !== 'getlink' || !Number.isSafeInteger(n) || argv.length > 3) {
    yield* fputs('usage: netlink-bench getlink N\n', stderr());
    return 2;
  }
  const fd = yield* socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
  if (fd < 0) return yield* fail('socket');
  const req = nl_request(RTM_GETLINK, NLM_F_REQUEST, 1, (b) => {
    const ifi = new Uint8Array(16);
    ifi[4] = 1;
    b.put(ifi);
  });
  const out = yield* malloc(req.length);
  poke(out, req);
  const SIZE = 8192;
  const buf = yield* malloc(SIZE);
  for (let i = 0; i < n; i++) {
    if ((yield* send(fd, out, req.length)) < 0) return yield* fail('send');
    const got = yield* recv(fd, buf, SIZE);
    if (got < 0) return yield* fail('recv');
    if (got < 16 || (peekU32(buf + 4) & 0xffff) === NLMSG_ERROR) {
      yield* fputs('netlink-bench: RTM_GETLINK for ifindex 1 was not answered with RTM_NEWLINK\n', stderr());
      return 1;
    }
  }
  return 0;
}
