exec 2>&1
ip link add v0 type veth peer name v1; ip link set v1 up
ip -4 monitor address route > /tmp/mon4.txt & M=$!; sleep 0.3
ip addr add 10.1.2.3/24 dev v0
ip link set v0 up
ip addr add 10.1.2.9/24 brd + dev v0
ip route add 10.8.0.0/16 via 10.1.2.1 metric 7
ip route del 10.8.0.0/16
ip addr del 10.1.2.3/24 dev v0
ip link set v0 down
sleep 0.3; kill $M; wait
cat /tmp/mon4.txt
