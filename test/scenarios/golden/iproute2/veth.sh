exec 2>&1
ip link add v0 type veth peer name v1
echo "## link"; ip link
echo "## set up"; ip link set v0 up; ip link show v0; ip link set v1 up; ip link; ip -br link
ip addr add 10.1.2.3/24 dev v0
ip addr add 10.1.2.4/24 dev v0
ip addr add 10.5.0.1/16 brd + dev v1 label v1:x
echo "## addr"; ip -4 addr; ip -4 addr show dev v1; ip -4 -br addr
echo "## route"; ip route; ip route show table local
ip route add 10.8.0.0/16 dev v0; ip route add 10.9.0.0/16 via 10.1.2.1 metric 5; ip route add default via 10.5.0.254
echo "## route2"; ip route
echo "## errors"; ip route add 10.9.0.0/16 via 10.1.2.1 metric 5; echo $?; ip addr add 10.1.2.3/24 dev v0; echo $?; ip addr del 10.7.7.7/24 dev v0; echo $?
ip link show dev nope; echo $?; ip link set nope up; echo $?; ip link add v0 type veth peer name v9; echo $?
ip foo; echo $?; ip link foo; echo $?; ip link show dev; echo $?; ip route add 10.10.0.0/16 via 192.168.99.1; echo $?
ip route del 10.99.0.0/16; echo $?; ip -x; echo $?; ip link set v0 name v1; echo $?
echo "## down"; ip link set v1 down; ip link; ip route
echo "## mtu name"; ip link set v1 mtu 9000; ip link set v1 name vv; ip link show vv; ip link set vv mtu 20; echo $?
echo "## stats"; ip -s link show lo
echo "## del"; ip route del 10.8.0.0/16; ip route del default; ip route; ip addr del 10.1.2.3/24 dev v0; ip -4 addr show v0
ip link del v0; ip link; ip route show table local; ip link del lo; echo $?
echo "## oneline"; ip -o link; ip -o addr; ip -o -4 addr; ip -o -s link show lo
