exec 2>&1
udevadm monitor --kernel --subsystem-match=net > /tmp/u1.txt & A=$!
udevadm monitor -k -p -s net > /tmp/u2.txt & B=$!
sleep 0.3
ip link add v0 type veth peer name v1
ip link set v1 name v2
ip link del v0
sleep 0.3; kill $A $B; wait
cat /tmp/u1.txt; echo "## -p"; cat /tmp/u2.txt
