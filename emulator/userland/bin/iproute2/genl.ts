// genl (iproute2 6.1's genl/genl.c and genl/ctrl.c): ask the Generic Netlink controller about the
// families the kernel has.
//
//   genl ctrl list|show                 every family (a CTRL_CMD_GETFAMILY dump)
//   genl ctrl get name NAME | id ID     one family
//
// Each family is printed as print_ctrl does: name, id, version, header size, max attribute, the
// commands with their capabilities, and the multicast groups.

import {
  CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_HDRSIZE, CTRL_ATTR_MAXATTR, CTRL_ATTR_MCAST_GROUPS, CTRL_ATTR_MCAST_GRP_ID,
  CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_OPS, CTRL_ATTR_OP_FLAGS, CTRL_ATTR_OP_ID, CTRL_ATTR_VERSION, CTRL_CMD_GETFAMILY,
  GENL_ADMIN_PERM, GENL_CMD_CAP_DO, GENL_CMD_CAP_DUMP, GENL_CMD_CAP_HASPOL, GENL_HDRLEN, GENL_ID_CTRL,
} from '../../../uapi/genetlink';
import { NETLINK_GENERIC, nla_get_string, nla_get_u16, nla_get_u32, nla_list, nla_parse, type NlMsg } from '../../../uapi/netlink';
import type { Sys } from '../../runtime/context';
import { fputs, stderr, stdout } from '../../libc/stdio';
import { rtnl_close, rtnl_dump, rtnl_error_text, rtnl_open, rtnl_talk } from './libnetlink';

const USAGE = `Usage: genl [ OPTIONS ] OBJECT [help] }
where  OBJECT := { ctrl etc }
       OPTIONS := { -s[tatistics] | -d[etails] | -r[aw] | -V[ersion] | -h[elp] }
`;

function cmd_flags(fl: number): string {
  let s = `\n\t\tCapabilities (0x${fl.toString(16)}):\n `;
  if (!fl) return s + '\n';
  s += '\t\t ';
  if (fl & GENL_ADMIN_PERM) s += ' requires admin permission;';
  if (fl & GENL_CMD_CAP_DO) s += ' can doit;';
  if (fl & GENL_CMD_CAP_DUMP) s += ' can dumpit;';
  if (fl & GENL_CMD_CAP_HASPOL) s += ' has policy';
  return s + '\n';
}

/** print_ctrl: one family. */
export function print_ctrl(m: NlMsg): string {
  const tb = nla_parse(m.payload.subarray(GENL_HDRLEN));
  let s = '\n';
  const name = tb.get(CTRL_ATTR_FAMILY_NAME);
  if (name) s += `Name: ${nla_get_string(name)}\n`;
  const id = tb.get(CTRL_ATTR_FAMILY_ID);
  if (id) s += `\tID: 0x${nla_get_u16(id).toString(16)} `;
  const v = tb.get(CTRL_ATTR_VERSION);
  if (v) s += ` Version: 0x${nla_get_u32(v).toString(16)} `;
  const h = tb.get(CTRL_ATTR_HDRSIZE);
  if (h) s += ` header size: ${nla_get_u32(h)} `;
  const ma = tb.get(CTRL_ATTR_MAXATTR);
  if (ma) s += ` max attribs: ${nla_get_u32(ma)} `;
  s += '\n';
  const ops = tb.get(CTRL_ATTR_OPS);
  if (ops) {
    s += '\tcommands supported: \n';
    for (const op of nla_list(ops).sort((a, b) => a.type - b.type)) {
      const ot = nla_parse(op.value);
      s += `\t\t#${op.type}: `;
      const oid = ot.get(CTRL_ATTR_OP_ID);
      if (oid) s += ` ID-0x${nla_get_u32(oid).toString(16)} `;
      const fl = ot.get(CTRL_ATTR_OP_FLAGS);
      if (fl) s += cmd_flags(nla_get_u32(fl));
      s += '\n';
    }
    s += '\n';
  }
  const grps = tb.get(CTRL_ATTR_MCAST_GROUPS);
  if (grps) {
    s += '\tmulticast groups:\n';
    for (const g of nla_list(grps).sort((a, b) => a.type - b.type)) {
      const gt = nla_parse(g.value);
      s += `\t\t#${g.type}: `;
      const gid = gt.get(CTRL_ATTR_MCAST_GRP_ID);
      if (gid) s += ` ID-0x${nla_get_u32(gid).toString(16)} `;
      const gname = gt.get(CTRL_ATTR_MCAST_GRP_NAME);
      if (gname) s += ` name: ${nla_get_string(gname)} `;
      s += '\n';
    }
    s += '\n';
  }
  return s;
}

const genlhdr = (cmd: number) => Uint8Array.of(cmd, 1, 0, 0);

function* ctrl(args: string[]): Sys<number> {
  const sub = args[0];
  if (sub === undefined || !['list', 'show', 'lst', 'get'].includes(sub)) {
    yield* fputs('wrong controller params\n', stderr());
    return 255;
  }
  const rth = yield* rtnl_open(NETLINK_GENERIC);
  if (!rth) return 1;
  try {
    if (sub === 'get') {
      if (args.length !== 3) {
        yield* fputs('Wrong number of params\n', stderr());
        return 255;
      }
      const [, key, value] = args as [string, string, string];
      if (key !== 'name' && key !== 'id') {
        yield* fputs(`Wrong params\n`, stderr());
        return 255;
      }
      const id = key === 'id' ? Number(value) : 0;
      if (key === 'id' && (!Number.isInteger(id) || id < 0 || id > 0xffff)) {
        yield* fputs(`Illegal "id"\n`, stderr());
        return 255;
      }
      const r = yield* rtnl_talk(rth, GENL_ID_CTRL, 0, (b) => {
        b.put(genlhdr(CTRL_CMD_GETFAMILY));
        if (key === 'name') b.nla_put_string(CTRL_ATTR_FAMILY_NAME, value);
        else b.nla_put_u16(CTRL_ATTR_FAMILY_ID, id);
      });
      if (!r || 'error' in r) {
        if (r) yield* fputs(rtnl_error_text(r), stderr());
        yield* fputs('Error talking to the kernel\n', stderr());
        return 255;
      }
      yield* fputs(print_ctrl(r), stdout());
      return 0;
    }
    const r = yield* rtnl_dump(rth, GENL_ID_CTRL, (b) => b.put(genlhdr(CTRL_CMD_GETFAMILY)));
    if (!Array.isArray(r)) {
      yield* fputs(rtnl_error_text(r), stderr());
      return 255;
    }
    yield* fputs(r.map(print_ctrl).join(''), stdout());
    return 0;
  } finally {
    yield* rtnl_close(rth);
  }
}

export function* genl(argv: string[]): Sys<number> {
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const o = argv[i]!.replace(/^--?/, '');
    if ('Version'.startsWith(o) && o.length) {
      yield* fputs('genl utility, iproute2-6.1.0\n', stdout());
      return 0;
    }
    if (['statistics', 'details', 'raw'].some((x) => x.startsWith(o) && o.length)) continue;
    yield* fputs(USAGE, stderr());
    return 255;
  }
  const obj = argv[i];
  if (obj === undefined || obj === 'help') {
    yield* fputs(USAGE, stderr());
    return 255;
  }
  if (obj !== 'ctrl' && obj !== 'nlctrl') {
    yield* fputs(`Unknown genl "${obj}", hence option "${obj}" is unparsable\n`, stderr());
    return 255;
  }
  return yield* ctrl(argv.slice(i + 1));
}
