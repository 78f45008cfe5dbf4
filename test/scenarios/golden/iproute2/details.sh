exec 2>&1
ip link add v0 type veth peer name v1; ip -d link show lo; ip -d link show v0; ip -d addr show lo
