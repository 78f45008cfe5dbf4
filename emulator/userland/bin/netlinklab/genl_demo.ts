// genl-demo: the lab program for the machine's Generic Netlink demo family, "ringside_demo".
// It does what any Generic Netlink client does (libnl's genl_ctrl_resolve and friends): ask the
// controller (nlctrl, id 0x10) for the family's id and its multicast groups by name, then talk to
// the family with that id.
//
//   genl-demo echo TEXT   RINGSIDE_DEMO_CMD_ECHO: the kernel answers with TEXT and its echo count
//   genl-demo stats       RINGSIDE_DEMO_CMD_GET_STATS: echoes so far, exits reported
//   genl-demo listen [N]  join the "events" group and print N events (default: forever) — every
//                         echo anyone sends and every process exit, as the kernel multicasts them
//
// Run `genl-demo listen &` then `genl-demo echo hi` under `strace -e trace=network` to see the
// resolution, the request, the reply and the multicast.

import {
  CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_MCAST_GROUPS, CTRL_ATTR_MCAST_GRP_ID, CTRL_ATTR_MCAST_GRP_NAME,
  CTRL_CMD_GETFAMILY, GENL_HDRLEN, GENL_ID_CTRL, RINGSIDE_DEMO_ATTR_COUNT, RINGSIDE_DEMO_ATTR_MSG, RINGSIDE_DEMO_ATTR_PID,
  RINGSIDE_DEMO_ATTR_STATUS, RINGSIDE_DEMO_CMD_ECHO, RINGSIDE_DEMO_CMD_GET_STATS, RINGSIDE_DEMO_GENL_NAME, RINGSIDE_DEMO_MCGRP_EVENTS,
} from '../../../uapi/genetlink';
import { NETLINK_ADD_MEMBERSHIP, NETLINK_GENERIC, SOL_NETLINK, nla_get_string, nla_get_u16, nla_get_u32, nla_list, nla_parse, type NlMsg } from '../../../uapi/netlink';
import type { Sys } from '../../runtime/context';
import { errno } from '../../libc/process';
import { fflush, fputs, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { setsockoptInt } from '../../libc/sys_socket';
import { rtnl_close, rtnl_error_text, rtnl_open, rtnl_recv, rtnl_talk, type RtnlHandle } from '../iproute2/libnetlink';

const USAGE = 'usage: genl-demo echo TEXT | stats | listen [COUNT]\n';

/** genl_ctrl_resolve: the family's id and its groups by name. */
function* resolve(rth: RtnlHandle): Sys<{ id: number; groups: Map<string, number> } | null> {
  const r = yield* rtnl_talk(rth, GENL_ID_CTRL, 0, (b) => {
    b.put(Uint8Array.of(CTRL_CMD_GETFAMILY, 1, 0, 0));
    b.nla_put_string(CTRL_ATTR_FAMILY_NAME, RINGSIDE_DEMO_GENL_NAME);
  });
  if (!r || 'error' in r) {
    yield* fputs(`genl-demo: cannot resolve ${RINGSIDE_DEMO_GENL_NAME}: ${r ? rtnl_error_text(r) : 'no answer\n'}`, stderr());
    return null;
  }
  const tb = nla_parse(r.payload.subarray(GENL_HDRLEN));
  const groups = new Map<string, number>();
  for (const g of nla_list(tb.get(CTRL_ATTR_MCAST_GROUPS) ?? new Uint8Array(0))) {
    const gt = nla_parse(g.value);
    groups.set(nla_get_string(gt.get(CTRL_ATTR_MCAST_GRP_NAME)!), nla_get_u32(gt.get(CTRL_ATTR_MCAST_GRP_ID)!));
  }
  return { id: nla_get_u16(tb.get(CTRL_ATTR_FAMILY_ID)!), groups };
}

const attrs = (m: NlMsg) => nla_parse(m.payload.subarray(GENL_HDRLEN));

function describe(m: NlMsg): string {
  const tb = attrs(m);
  const parts: string[] = [];
  const msg = tb.get(RINGSIDE_DEMO_ATTR_MSG);
  if (msg) parts.push(`msg "${nla_get_string(msg)}"`);
  const pid = tb.get(RINGSIDE_DEMO_ATTR_PID);
  if (pid) parts.push(`pid ${nla_get_u32(pid)}`);
  const st = tb.get(RINGSIDE_DEMO_ATTR_STATUS);
  if (st) parts.push(`status ${nla_get_u32(st)}`);
  return parts.join(' ');
}

export function* genl_demo(argv: string[]): Sys<number> {
  const cmd = argv[1];
  if (cmd !== 'echo' && cmd !== 'stats' && cmd !== 'listen') {
    yield* fputs(USAGE, stderr());
    return 2;
  }
  if ((cmd === 'echo' && argv[2] === undefined) || (cmd === 'listen' && argv[2] !== undefined && !/^\d+$/.test(argv[2]))) {
    yield* fputs(USAGE, stderr());
    return 2;
  }
  const rth = yield* rtnl_open(NETLINK_GENERIC);
  if (!rth) return 1;
  try {
    const fam = yield* resolve(rth);
    if (!fam) return 1;
    const out = stdout();
    if (cmd === 'listen') {
      const group = fam.groups.get(RINGSIDE_DEMO_MCGRP_EVENTS)!;
      if ((yield* setsockoptInt(rth.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group)) < 0) {
        yield* fputs(`genl-demo: cannot join group ${group}: ${strerror(errno())}\n`, stderr());
        return 1;
      }
      let left = argv[2] !== undefined ? Number(argv[2]) : Infinity;
      yield* fputs(`listening on ${RINGSIDE_DEMO_GENL_NAME} (id 0x${fam.id.toString(16)}) group "${RINGSIDE_DEMO_MCGRP_EVENTS}" (${group})\n`, out);
      yield* fflush(out);
      while (left > 0) {
        const msgs = yield* rtnl_recv(rth);
        if (!msgs) {
          yield* fputs(`genl-demo: ${strerror(errno())}\n`, stderr());
          return 1;
        }
        for (const m of msgs) {
          if (m.type !== fam.id) continue;
          yield* fputs(`event: ${describe(m)}\n`, out);
          yield* fflush(out);
          left--;
        }
      }
      return 0;
    }
    const r = yield* rtnl_talk(rth, fam.id, 0, (b) => {
      b.put(Uint8Array.of(cmd === 'echo' ? RINGSIDE_DEMO_CMD_ECHO : RINGSIDE_DEMO_CMD_GET_STATS, 1, 0, 0));
      if (cmd === 'echo') b.nla_put_string(RINGSIDE_DEMO_ATTR_MSG, argv.slice(2).join(' '));
    });
    if (!r || 'error' in r) {
      yield* fputs(`genl-demo: ${r ? rtnl_error_text(r) : 'no answer\n'}`, stderr());
      return 1;
    }
    const tb = attrs(r);
    const count = nla_get_u32(tb.get(RINGSIDE_DEMO_ATTR_COUNT) ?? new Uint8Array(4));
    if (cmd === 'echo') yield* fputs(`${nla_get_string(tb.get(RINGSIDE_DEMO_ATTR_MSG)!)} (echo #${count})\n`, out);
    else yield* fputs(`echoes ${count}\nexits reported ${nla_get_u32(tb.get(RINGSIDE_DEMO_ATTR_PID) ?? new Uint8Array(4))}\n`, out);
    return 0;
  } finally {
    yield* rtnl_close(rth);
  }
}
