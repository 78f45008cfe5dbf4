// id (GNU coreutils): print user and group ids — our own (from the kernel's credentials) or a
// named user's (from /etc/passwd and /etc/group).
//   id [-u | -g | -G] [-n] [-r] [USER]      default: uid=0(root) gid=0(root) groups=0(root)

import type { Sys } from '../../runtime/context';
import { getopt } from '../../libc/getopt';
import { getegid, geteuid, getgid, getgroups, getuid } from '../../libc/unistd';
import { getpwnam, getpwuid } from '../../libc/pwd';
import { getgrgid, getgrouplist } from '../../libc/grp';
import { fwrite, stdout } from '../../libc/stdio';
import { cq, warn } from './lib/common';

interface Ids {
  uid: number;
  euid: number;
  gid: number;
  egid: number;
  groups: number[];
}

function* ourIds(): Sys<Ids> {
  const [uid, euid, gid, egid] = [yield* getuid(), yield* geteuid(), yield* getgid(), yield* getegid()];
  // As GNU lists them: the real group, the effective one, then the supplementary ones.
  const groups = [gid];
  if (egid !== gid) groups.push(egid);
  for (const g of (yield* getgroups()) ?? []) if (!groups.includes(g)) groups.push(g);
  return { uid, euid, gid, egid, groups };
}

const userName = function* (uid: number) {
  return (yield* getpwuid(uid))?.name ?? null;
};
const groupName = function* (gid: number) {
  return (yield* getgrgid(gid))?.name ?? null;
};
/** "0(root)", or just the number when the database has no name for it. */
const both = (id: number, name: string | null) => (name === null ? String(id) : `${id}(${name})`);

export function* id(argv: string[]): Sys<number> {
  const r = yield* getopt('id', argv, 'ugGnrz', [
    { name: 'user', hasArg: 0, val: 'u' }, { name: 'group', hasArg: 0, val: 'g' }, { name: 'groups', hasArg: 0, val: 'G' },
    { name: 'name', hasArg: 0, val: 'n' }, { name: 'real', hasArg: 0, val: 'r' }, { name: 'zero', hasArg: 0, val: 'z' },
  ]);
  if (r.error) return 1;
  const has = (c: string) => r.options.some((o) => o.opt === c);
  const only = ['u', 'g', 'G'].filter(has);
  if (only.length > 1) {
    yield* warn('id', 'cannot print "only" of more than one choice');
    return 1;
  }
  if (only.length === 0 && (has('n') || has('r'))) {
    yield* warn('id', 'cannot print only names or real IDs in default format');
    return 1;
  }
  if (r.operands.length === 0) return yield* report(yield* ourIds());
  let status = 0;
  for (const name of r.operands) {
    const pw = yield* getpwnam(name);
    if (!pw) {
      yield* warn('id', `${cq(name)}: no such user`);
      status = 1;
      continue;
    }
    status = Math.max(status, yield* report({ uid: pw.uid, euid: pw.uid, gid: pw.gid, egid: pw.gid, groups: yield* getgrouplist(pw.name, pw.gid) }));
  }
  return status;

  function* report(ids: Ids): Sys<number> {
  const sep = has('z') ? '\0' : '\n';
  const real = has('r');
  let out: string;
  if (has('u')) {
    const uid = real ? ids.uid : ids.euid;
    out = has('n') ? (yield* userName(uid)) ?? String(uid) : String(uid);
  } else if (has('g')) {
    const gid = real ? ids.gid : ids.egid;
    out = has('n') ? (yield* groupName(gid)) ?? String(gid) : String(gid);
  } else if (has('G')) {
    const names: string[] = [];
    for (const g of ids.groups) names.push(has('n') ? (yield* groupName(g)) ?? String(g) : String(g));
    out = names.join(has('z') ? '\0' : ' ');
  } else {
    out = `uid=${both(ids.uid, yield* userName(ids.uid))} gid=${both(ids.gid, yield* groupName(ids.gid))}`;
    if (ids.euid !== ids.uid) out += ` euid=${both(ids.euid, yield* userName(ids.euid))}`;
    if (ids.egid !== ids.gid) out += ` egid=${both(ids.egid, yield* groupName(ids.egid))}`;
    const gs: string[] = [];
    for (const g of ids.groups) gs.push(both(g, yield* groupName(g)));
    out += ` groups=${gs.join(',')}`;
  }
  yield* fwrite(stdout(), out + sep);
  return 0;
  }
}
