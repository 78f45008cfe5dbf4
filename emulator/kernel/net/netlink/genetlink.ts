// Generic Netlink (net/netlink/genetlink.c): NETLINK_GENERIC multiplexes many "families" over one
// protocol. A family registers with a name, gets a numeric id (the nlmsg_type of its messages) and
// multicast group ids, and lists its commands; each message's payload starts with struct
// genlmsghdr { cmd, version, reserved }. The controller family "nlctrl" (id 0x10) answers
// CTRL_CMD_GETFAMILY — by name, by id, or as a dump of all — which is how user space (`genl ctrl
// list`, libnl's genl_ctrl_resolve) learns a family's id and groups.
//
// Ids as Linux hands them out: nlctrl is 0x10, 0x11 and 0x12 are reserved (VFS_DQUOT, PMCRAID),
// other families get 0x13 upward; group ids come from a bitmap where 0, 1 and those reserved ids
// are taken, so the first ordinary group is 2.
//
// This machine registers one demo family, "ringside_demo" (see uapi/genetlink.ts):
//   RINGSIDE_DEMO_CMD_ECHO       doit: answers with the same RINGSIDE_DEMO_ATTR_MSG and the number of
//                                echoes so far; multicasts a CMD_EVENT with the text to "events"
//   RINGSIDE_DEMO_CMD_GET_STATS  doit: ATTR_COUNT echoes so far (and ATTR_PID: exits reported)
//   group "events"               CMD_EVENT for each echo, and for each process exit (ATTR_PID the
//                                thread id, ATTR_STATUS the exit code) while anyone listens
//
// Simplified: no per-op policies (so no CTRL_CMD_GETPOLICY and no "has policy"), no family
// unregistration, parallel_ops or pre/post hooks.

import { EEXIST, EINVAL, ENOENT, ENOMEM, EOPNOTSUPP, EPERM } from '../../../uapi/errno';
import {
  CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_HDRSIZE, CTRL_ATTR_MAXATTR, CTRL_ATTR_MCAST_GROUPS, CTRL_ATTR_MCAST_GRP_ID,
  CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_OPS, CTRL_ATTR_OP_FLAGS, CTRL_ATTR_OP_ID, CTRL_ATTR_VERSION, CTRL_CMD_GETFAMILY,
  CTRL_CMD_NEWFAMILY, GENL_ADMIN_PERM, GENL_CMD_CAP_DO, GENL_CMD_CAP_DUMP, GENL_HDRLEN, GENL_ID_CTRL, GENL_MAX_ID,
  RINGSIDE_DEMO_ATTR_COUNT, RINGSIDE_DEMO_ATTR_MAX, RINGSIDE_DEMO_ATTR_MSG, RINGSIDE_DEMO_ATTR_PID, RINGSIDE_DEMO_ATTR_STATUS,
  RINGSIDE_DEMO_CMD_ECHO, RINGSIDE_DEMO_CMD_EVENT, RINGSIDE_DEMO_CMD_GET_STATS, RINGSIDE_DEMO_GENL_NAME,
  RINGSIDE_DEMO_GENL_VERSION, RINGSIDE_DEMO_MCGRP_EVENTS,
} from '../../../uapi/genetlink';
import { NETLINK_GENERIC, NLM_F_DUMP, NLM_F_MULTI, NlBuilder, nla_get_string, nla_get_u16, nla_parse, type NlAttrs, type NlMsg } from '../../../uapi/netlink';
import type { Kernel } from '../../kernel';
import {
  NL_CFG_F_NONROOT_RECV, netlink_broadcast, netlink_dump_start, netlink_has_listeners, netlink_kernel_create, netlink_rcv_skb,
  nl_dump_fits, nlmsg_unicast, type ExtAck, type NetlinkCallback, type NetlinkSock, type NlSkb,
} from './af_netlink';

/** What a command handler gets: the request, its attributes, and the family's kernel socket. */
export interface GenlInfo {
  skb: NlSkb;
  nlh: NlMsg;
  cmd: number;
  attrs: NlAttrs;
  extack: ExtAck;
}

/** struct genl_ops. */
export interface GenlOps {
  cmd: number;
  /** GENL_ADMIN_PERM … */
  flags: number;
  doit?: (info: GenlInfo) => number;
  dumpit?: (cb: NetlinkCallback, b: NlBuilder, budget: number) => number;
}

/** struct genl_family. */
export interface GenlFamily {
  name: string;
  version: number;
  hdrsize: number;
  maxattr: number;
  ops: GenlOps[];
  mcgrps: string[];
  /** Filled in by genl_register_family. */
  id: number;
  mcgrp_offset: number;
}

interface GenlState {
  ksk: NetlinkSock;
  families: Map<number, GenlFamily>;
  /** Group ids in use (mc_groups). */
  groups: Set<number>;
  nextId: number;
}

const states = new WeakMap<Kernel, GenlState>();

/** The first id handed to an ordinary family (GENL_START_ALLOC). */
const GENL_START_ALLOC = 0x13;

/** genl_register_family: an id, group ids, and the family is reachable. */
export function genl_register_family(kernel: Kernel, family: Omit<GenlFamily, 'id' | 'mcgrp_offset'>, fixedId = 0): GenlFamily | number {
  const s = states.get(kernel);
  if (!s) return -EINVAL;
  for (const f of s.families.values()) if (f.name === family.name) return -EEXIST;
  let id = fixedId;
  if (!id) {
    for (id = Math.max(s.nextId, GENL_START_ALLOC); s.families.has(id); id++) if (id > GENL_MAX_ID) return -ENOMEM;
    s.nextId = id + 1;
  }
  // genl_validate_assign_mc_groups: nlctrl's group is its id; the others take consecutive free ids.
  let offset = id === GENL_ID_CTRL ? GENL_ID_CTRL : 0;
  if (!offset && family.mcgrps.length) {
    for (offset = 2; ; offset++) {
      let free = true;
      for (let i = 0; i < family.mcgrps.length; i++) if (s.groups.has(offset + i)) free = false;
      if (free) break;
    }
  }
  for (let i = 0; i < family.mcgrps.length; i++) s.groups.add(offset + i);
  const f: GenlFamily = { ...family, id, mcgrp_offset: offset };
  s.families.set(id, f);
  return f;
}

/** genlmsg_put: a header and the genetlink header for `family`. */
export function genlmsg_put(b: NlBuilder, family: GenlFamily, portid: number, seq: number, flags: number, cmd: number): void {
  b.nlmsg_put(family.id, flags, seq, portid);
  b.put(Uint8Array.of(cmd, family.version, 0, 0));
}

/** genlmsg_multicast: to the family's group number `group` (its index among the family's groups). */
export function genlmsg_multicast(kernel: Kernel, family: GenlFamily, b: NlBuilder, group: number): void {
  const s = states.get(kernel);
  if (!s) return;
  netlink_broadcast(s.ksk, b.bytes(), 0, family.mcgrp_offset + group);
}

export function genl_has_listeners(kernel: Kernel, family: GenlFamily, group: number): boolean {
  const s = states.get(kernel);
  return !!s && netlink_has_listeners(s.ksk, family.mcgrp_offset + group);
}

/** genlmsg_reply: the answer to a doit request. */
export function genlmsg_reply(kernel: Kernel, b: NlBuilder, info: GenlInfo): number {
  return nlmsg_unicast(states.get(kernel)!.ksk, b.bytes(), info.skb.portid);
}

/** genl_rcv_msg: find the family and command, check rights, then dump or do. */
function genl_rcv_msg(kernel: Kernel, skb: NlSkb, nlh: NlMsg, extack: ExtAck): number {
  const s = states.get(kernel)!;
  const family = s.families.get(nlh.type);
  if (!family) return -ENOENT;
  if (nlh.payload.length < GENL_HDRLEN + family.hdrsize) return -EINVAL;
  const cmd = nlh.payload[0]!;
  const op = family.ops.find((o) => o.cmd === cmd);
  if (!op) return -EOPNOTSUPP;
  if (op.flags & GENL_ADMIN_PERM && skb.task && skb.task.cred.euid !== 0) return -EPERM;
  if ((nlh.flags & NLM_F_DUMP) === NLM_F_DUMP) {
    const dumpit = op.dumpit;
    if (!dumpit) return -EOPNOTSUPP;
    return netlink_dump_start(s.ksk, skb, nlh, dumpit);
  }
  if (!op.doit) return -EOPNOTSUPP;
  const attrs = nla_parse(nlh.payload.subarray(GENL_HDRLEN + family.hdrsize));
  return op.doit({ skb, nlh, cmd, attrs, extack });
}

/** The capability bits the controller reports for an operation. */
const op_flags = (o: GenlOps): number => o.flags | (o.doit ? GENL_CMD_CAP_DO : 0) | (o.dumpit ? GENL_CMD_CAP_DUMP : 0);

/** ctrl_fill_info. */
function ctrl_fill_info(b: NlBuilder, ctrl: GenlFamily, family: GenlFamily, portid: number, seq: number, flags: number): void {
  genlmsg_put(b, ctrl, portid, seq, flags, CTRL_CMD_NEWFAMILY);
  b.nla_put_string(CTRL_ATTR_FAMILY_NAME, family.name);
  b.nla_put_u16(CTRL_ATTR_FAMILY_ID, family.id);
  b.nla_put_u32(CTRL_ATTR_VERSION, family.version);
  b.nla_put_u32(CTRL_ATTR_HDRSIZE, family.hdrsize);
  b.nla_put_u32(CTRL_ATTR_MAXATTR, family.maxattr);
  if (family.ops.length) {
    const ops = b.nest_start(CTRL_ATTR_OPS);
    family.ops.forEach((o, i) => {
      const n = b.nest_start(i + 1);
      b.nla_put_u32(CTRL_ATTR_OP_ID, o.cmd);
      b.nla_put_u32(CTRL_ATTR_OP_FLAGS, op_flags(o));
      b.nest_end(n);
    });
    b.nest_end(ops);
  }
  if (family.mcgrps.length) {
    const grps = b.nest_start(CTRL_ATTR_MCAST_GROUPS);
    family.mcgrps.forEach((name, i) => {
      const n = b.nest_start(i + 1);
      b.nla_put_u32(CTRL_ATTR_MCAST_GRP_ID, family.mcgrp_offset + i);
      b.nla_put_string(CTRL_ATTR_MCAST_GRP_NAME, name);
      b.nest_end(n);
    });
    b.nest_end(grps);
  }
  b.nlmsg_end();
}

export function genl_init(kernel: Kernel): void {
  const ksk = netlink_kernel_create(kernel, NETLINK_GENERIC, {
    groups: 32,
    flags: NL_CFG_F_NONROOT_RECV,
    input: (skb) => netlink_rcv_skb(skb, (sk, nlh, extack) => genl_rcv_msg(kernel, sk, nlh, extack)),
  });
  // mc_group_start: 0 and 1 are never handed out, nor the reserved families' ids.
  const s: GenlState = { ksk, families: new Map(), groups: new Set([0, 1, 0x11, 0x12]), nextId: GENL_START_ALLOC };
  states.set(kernel, s);
  const ctrl = genl_register_family(kernel, {
    name: 'nlctrl', version: 2, hdrsize: 0, maxattr: 0, mcgrps: ['notify'],
    ops: [{
      cmd: CTRL_CMD_GETFAMILY,
      flags: 0,
      // ctrl_getfamily: by id or by name.
      doit: (info) => {
        const idAttr = info.attrs.get(CTRL_ATTR_FAMILY_ID);
        const nameAttr = info.attrs.get(CTRL_ATTR_FAMILY_NAME);
        let family: GenlFamily | undefined;
        if (idAttr) family = s.families.get(nla_get_u16(idAttr));
        else if (nameAttr) {
          const name = nla_get_string(nameAttr);
          family = [...s.families.values()].find((f) => f.name === name);
        } else return -EINVAL;
        if (!family) return -ENOENT;
        const b = new NlBuilder();
        ctrl_fill_info(b, ctrlFamily(), family, info.skb.portid, info.nlh.seq, 0);
        return genlmsg_reply(kernel, b, info);
      },
      // ctrl_dumpfamily: every family in id order, resuming at cb.args[0].
      dumpit: (cb, b, budget) => {
        const fams = [...s.families.values()].sort((x, y) => x.id - y.id);
        const start = b.len;
        let i = cb.args[0]!;
        for (; i < fams.length; i++) {
          const f = fams[i]!;
          if (!nl_dump_fits(b, budget, (bb) => ctrl_fill_info(bb, ctrlFamily(), f, cb.portid, cb.nlh.seq, NLM_F_MULTI))) break;
        }
        cb.args[0] = i;
        return b.len - start;
      },
    }],
  }, GENL_ID_CTRL) as GenlFamily;
  const ctrlFamily = () => ctrl;
  ringside_demo_init(kernel);
}

// ---- the demo family ----------------------------------------------------------------------------

function ringside_demo_init(kernel: Kernel): void {
  let echoes = 0, exits = 0;
  const te = new TextEncoder();
  const fam = genl_register_family(kernel, {
    name: RINGSIDE_DEMO_GENL_NAME, version: RINGSIDE_DEMO_GENL_VERSION, hdrsize: 0, maxattr: RINGSIDE_DEMO_ATTR_MAX,
    mcgrps: [RINGSIDE_DEMO_MCGRP_EVENTS],
    ops: [
      {
        cmd: RINGSIDE_DEMO_CMD_ECHO,
        flags: 0,
        doit: (info) => {
          const msg = info.attrs.get(RINGSIDE_DEMO_ATTR_MSG);
          if (!msg) {
            info.extack.msg = 'missing message';
            return -EINVAL;
          }
          echoes++;
          const b = new NlBuilder();
          genlmsg_put(b, f, info.skb.portid, info.nlh.seq, 0, RINGSIDE_DEMO_CMD_ECHO);
          b.nla_put(RINGSIDE_DEMO_ATTR_MSG, msg);
          b.nla_put_u32(RINGSIDE_DEMO_ATTR_COUNT, echoes);
          b.nlmsg_end();
          const r = genlmsg_reply(kernel, b, info);
          if (genl_has_listeners(kernel, f, 0)) {
            const e = new NlBuilder();
            genlmsg_put(e, f, 0, 0, 0, RINGSIDE_DEMO_CMD_EVENT);
            e.nla_put(RINGSIDE_DEMO_ATTR_MSG, msg);
            e.nla_put_u32(RINGSIDE_DEMO_ATTR_PID, info.skb.task?.tgid ?? 0);
            e.nlmsg_end();
            genlmsg_multicast(kernel, f, e, 0);
          }
          return r;
        },
      },
      {
        cmd: RINGSIDE_DEMO_CMD_GET_STATS,
        flags: 0,
        doit: (info) => {
          const b = new NlBuilder();
          genlmsg_put(b, f, info.skb.portid, info.nlh.seq, 0, RINGSIDE_DEMO_CMD_GET_STATS);
          b.nla_put_u32(RINGSIDE_DEMO_ATTR_COUNT, echoes);
          b.nla_put_u32(RINGSIDE_DEMO_ATTR_PID, exits);
          b.nlmsg_end();
          return genlmsg_reply(kernel, b, info);
        },
      },
    ],
  }) as GenlFamily;
  const f = fam;
  kernel.exitHooks.push((t) => {
    if (!genl_has_listeners(kernel, f, 0)) return;
    exits++;
    const e = new NlBuilder();
    genlmsg_put(e, f, 0, 0, 0, RINGSIDE_DEMO_CMD_EVENT);
    e.nla_put(RINGSIDE_DEMO_ATTR_MSG, te.encode(`exit ${t.comm}\0`));
    e.nla_put_u32(RINGSIDE_DEMO_ATTR_PID, t.tid);
    e.nla_put_u32(RINGSIDE_DEMO_ATTR_STATUS, t.exitCode);
    e.nlmsg_end();
    genlmsg_multicast(kernel, f, e, 0);
  });
}
