// Netlink lab programs: the Generic Netlink demo family's client and the Netlink benchmark.

import type { ProgramEntry } from '../../programs';
import { genl_demo } from './genl_demo';
import { nl_bench } from './nl_bench';

export const netlinklabPrograms: ProgramEntry[] = [
  { name: 'genl-demo', main: genl_demo, paths: ['/usr/libexec/ringside/genl-demo'] },
  { name: 'netlink-bench', main: nl_bench, paths: ['/usr/libexec/ringside/netlink-bench'] },
];
