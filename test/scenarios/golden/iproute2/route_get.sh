exec 2>&1
ip link add v0 type veth peer name v1; ip link set v0 up; ip link set v1 up; ip addr add 10.1.2.3/24 dev v0; ip route add 10.9.0.0/16 via 10.1.2.1
ip route get 10.1.2.5; ip route get 10.9.1.1; ip route get 127.0.0.1; ip route get 127.0.0.5; ip route get 10.1.2.3; ip route get 10.1.2.255; ip route get 8.8.8.8; echo rc=$?
