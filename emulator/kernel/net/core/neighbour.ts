// The neighbour tables (net/core/neighbour.c): what ARP and IPv6 neighbour discovery learned about
// the hardware addresses of hosts on each link, which `ip neigh` dumps with RTM_GETNEIGH.
//
// Simplified: this machine resolves no neighbours — lo needs none, dummy drops what it sends and
// veth hands packets straight to its peer — so the table is always empty, and a dump of it says so.

import { RTM_GETNEIGH } from '../../../uapi/rtnetlink';
import { rtnl_register, rtnl_register_init } from './rtnetlink';

rtnl_register_init(() => {
  // neigh_dump_info: no entries, so the dump ends at once with NLMSG_DONE.
  rtnl_register(0, RTM_GETNEIGH, undefined, () => 0);
});
