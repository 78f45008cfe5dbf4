exec 2>&1
ip link add v0 type veth peer name v1; ip addr add 10.1.2.3/24 dev v0; ip addr add 10.1.2.4/24 dev v0; ip addr add 10.3.3.3/16 dev v0; ip addr flush dev v0; echo rc=$?; ip -4 addr show v0; ip addr flush; echo rc=$?; ip addr flush dev nope; echo rc=$?; ip -s addr flush dev v1; echo rc=$?
ip addr add 10.1.2.3/24 dev v0; ip addr add 10.1.2.4/24 dev v0; ip addr add 10.3.3.3/16 dev v0; ip -s addr flush dev v0; echo rc=$?; ip addr add 10.1.2.3/24 dev v0; ip -6 addr flush dev v0; ip -4 -br addr show v0; ip route show table local
ip addr add 10.1.2.3/24 dev v0; ip addr add 10.9.2.3/24 dev v0; ip -s -s addr flush dev v0; echo rc=$?
