// AF_INET6 (net/ipv6/af_inet6.c): the same TCP and UDP as AF_INET (af_inet.ts), addressed with
// sockaddr_in6. An IPv6 socket is dual-stack unless IPV6_V6ONLY is set: bound to :: it also
// receives IPv4, and its peers then appear as v4-mapped addresses (::ffff:127.0.0.1).

import { AF_INET6 } from '../../../uapi/socket';
import type { NetProtoFamily } from '../socket';
import { inet_create } from '../ipv4/af_inet';

export const inet6_family_ops: NetProtoFamily = {
  family: AF_INET6,
  create: (t, type, protocol) => inet_create(AF_INET6, t, type, protocol),
};
