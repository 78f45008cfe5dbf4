// netlink_proto_init and the protocols' initcalls: the family socket(2) finds for AF_NETLINK, with
// every protocol that creates a kernel socket registered to run when a machine's Netlink starts.
// The modules imported for their registrations: the link kinds (dummy, veth) and the address and
// route families of rtnetlink.

import '../../drivers/net/dummy';
import '../../drivers/net/veth';
import '../ipv4/devinet_rtnl';
import '../ipv4/fib_frontend';
import '../ipv6/addrconf_rtnl';
import '../core/neighbour';
import { rtnetlink_init } from '../core/rtnetlink';
import { netlink_family_ops, netlink_register_init } from './af_netlink';
import { genl_init } from './genetlink';
import { uevent_net_init } from './uevent_sock';
import { sock_diag_net_init } from '../core/sock_diag';
import { unix_diag_init } from '../unix/diag';
import { inet_diag_init } from '../ipv4/inet_diag';
import { tcp_diag_init } from '../ipv4/tcp_diag';
import { udp_diag_init } from '../ipv4/udp_diag';

netlink_register_init(rtnetlink_init);
netlink_register_init(uevent_net_init);
netlink_register_init(genl_init);
// NETLINK_SOCK_DIAG, with the families that answer on it (the unix_diag, inet_diag, tcp_diag and
// udp_diag modules' inits).
netlink_register_init(sock_diag_net_init);
unix_diag_init();
inet_diag_init();
tcp_diag_init();
udp_diag_init();

export { netlink_family_ops };
