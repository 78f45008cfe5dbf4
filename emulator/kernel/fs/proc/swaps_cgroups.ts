// Two files that describe what this machine does not have, exactly as Linux prints them then:
//
// /proc/swaps (mm/swapfile.c: swap_show): the header and one line per swap area — there is no
// swap, so the header alone.
//
// /proc/cgroups (kernel/cgroup/cgroup-v1.c: proc_cgroupstats_show): one line per cgroup
// controller — the kernel has the cgroup v2 hierarchy (every process in "0::/", see
// /proc/<pid>/cgroup) but no controllers, so the header alone.

export function swaps_proc_show(): string {
  return 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';
}

export function cgroups_proc_show(): string {
  return '#subsys_name\thierarchy\tnum_cgroups\tenabled\n';
}
