// The address families this kernel has (net/socket.c keeps them in net_families[], filled by
// sock_register as each family's module initialises). Here the table is written out: adding a
// family is one line. socket(2) on a family not listed fails with EAFNOSUPPORT.

import type { NetProtoFamily } from './socket';
import { unix_family_ops } from './unix/af_unix';
import { netlink_family_ops } from './netlink/netlink_init';
import { inet_family_ops } from './ipv4/af_inet';
import { inet6_family_ops } from './ipv6/af_inet6';

export const net_families: ReadonlyMap<number, NetProtoFamily> = new Map(
  [unix_family_ops, inet_family_ops, inet6_family_ops, netlink_family_ops].map((f) => [f.family, f]),
);
