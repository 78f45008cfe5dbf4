exec 2>&1
ip link add v0 type veth peer name v1; ip link set v0 up; ip link set v1 up
ip -6 addr add 2001:db8::1/64 dev v0 nodad; ip -6 addr add 2001:db8:1::5/48 dev v1 nodad; ip -6 addr add fe80::1234/64 dev v0 nodad
ip -6 addr; ip -6 -br addr; ip addr show v0; ip -6 -o addr
ip -6 addr add 2001:db8::1/64 dev v0 nodad; echo rc=$?; ip -6 addr del 2001:db8::99/64 dev v0; echo rc=$?
ip -6 addr del 2001:db8::1/64 dev v0; ip -6 addr show dev v0
