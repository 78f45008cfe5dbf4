exec 2>&1
ip link help; echo rc=$?; ip addr help; echo rc=$?; ip route help; echo rc=$?; ip neigh help; echo rc=$?; ip monitor help; echo rc=$?
