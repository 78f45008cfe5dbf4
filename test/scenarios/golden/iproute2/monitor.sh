exec 2>&1
echo "## monitor"
ip monitor > /tmp/mon.txt & udevadm monitor --kernel > /tmp/udev.txt & udevadm monitor -k -p -s block > /tmp/udevp.txt & sleep 0.2
ip link add d0 type dummy
ip link add dummy5 mtu 1400 type dummy
ip link add r0 type dummy; ip link set r0 name r1
ip link set d0 up
ip addr add 192.168.7.1/24 dev d0
ip -6 addr add 2001:db8::7/64 dev d0
ip route add 172.16.0.0/12 via 192.168.7.254
dd if=/dev/zero of=/tmp/img bs=1024 count=64 2>/dev/null; losetup -f /tmp/img; losetup -d /dev/loop0
ip addr del 192.168.7.1/24 dev d0
ip link del d0
sleep 0.2; kill %1 %2 %3
cat /tmp/mon.txt; echo "## udev"; cat /tmp/udev.txt; echo "## udev -p"; cat /tmp/udevp.txt
echo "## dummy"; ip link show dummy5; cat /sys/class/net/dummy5/mtu /sys/class/net/dummy5/type /sys/class/net/dummy5/ifindex /sys/class/net/dummy5/operstate
echo "## addr6"; ip link set dummy5 up; ip -6 addr add 2001:db8:0:1::1/64 dev dummy5 nodad; ip -6 addr add fe80::1/64 dev dummy5; ip -6 addr; ip addr show dummy5
echo "## genl"; genl ctrl list; genl ctrl get id 0x10
echo "## proc"; head -1 /proc/net/netlink; grep -c "^[0-9a-f]\{16\} 15  0          00000000" /proc/net/netlink
