cd /sys/class/net/lo && for f in addr_assign_type addr_len address broadcast carrier carrier_changes dev_id dev_port dormant flags ifalias ifindex iflink link_mode mtu netdev_group operstate proto_down tx_queue_len type uevent; do echo "$f: $(cat $f 2>&1)"; done; ls /sys/class/net | cat; readlink /sys/class/net/lo
ip link add v0 type veth peer name v1; ip link set v0 up
for d in v0 v1; do cd /sys/class/net/$d && for f in addr_assign_type carrier carrier_changes flags iflink ifindex operstate mtu type tx_queue_len uevent; do echo "$d $f: $(cat $f 2>&1)"; done; done
ip link set v1 up; sleep 1; cat /sys/class/net/v0/operstate /sys/class/net/v0/carrier_changes /sys/class/net/v1/carrier; ls /sys/class/net | cat
ls /sys/class/net/lo/statistics | cat; cat /sys/class/net/lo/statistics/rx_packets /sys/class/net/lo/statistics/tx_errors
