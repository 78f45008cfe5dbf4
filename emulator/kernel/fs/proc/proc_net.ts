// /proc/net: the network's tables. Linux makes /proc/net a link to self/net, one directory per
// network namespace; this machine has one namespace, so it is a plain directory.

import { netlink_seq_show } from '../../net/netlink/proc';
import { unix_seq_show } from '../../net/unix/proc';
import { dev_seq_show } from '../../net/core/net-procfs';
import {
  snmp_show, sockstat_show, tcp4_seq_show, tcp6_seq_show, udp4_seq_show, udp6_seq_show,
} from '../../net/ipv4/proc';
import { proc_files_dir } from './proc_dir';

export const proc_net_inode = proc_files_dir('net', [
  ['dev', dev_seq_show],
  ['netlink', netlink_seq_show],
  ['snmp', snmp_show],
  ['sockstat', sockstat_show],
  ['tcp', tcp4_seq_show],
  ['tcp6', tcp6_seq_show],
  ['udp', udp4_seq_show],
  ['udp6', udp6_seq_show],
  ['unix', unix_seq_show],
]);
