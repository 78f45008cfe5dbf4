// /proc/net: the network's tables. Linux makes /proc/net a link to self/net, one directory per
// network namespace; this machine has one namespace, so it is a plain directory.

import { netlink_seq_show } from '../../net/netlink/proc';
import { unix_seq_show } from '../../net/unix/proc';
import { proc_files_dir } from './proc_dir';

export const proc_net_inode = proc_files_dir('net', [['netlink', netlink_seq_show], ['unix', unix_seq_show]]);
