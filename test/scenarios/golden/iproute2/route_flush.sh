exec 2>&1
ip link add v0 type veth peer name v1; ip link set v0 up; ip addr add 10.1.2.3/24 dev v0; ip route add 10.9.0.0/16 via 10.1.2.1; ip route flush; echo rc=$?; ip route flush dev v0; echo rc=$?; ip route; ip route show table local; ip route add 10.8.0.0/16 dev v0; ip -s route flush dev v0; echo rc=$?; ip -s route flush dev v0; echo rc=$?; ip route flush dev nope; echo rc=$?
