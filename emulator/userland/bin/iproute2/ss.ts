// ss (iproute2 6.1 misc/ss.c): socket statistics.
//
//   ss [-a|-l] [-x] [-t] [-u] [-4|-6] [-p] [-e] [-o] [-n] [-H] [-f FAMILY] [state NAME | exclude NAME]…
//
// Which sockets: a set of tables (dbs: tcp, udp, unix stream/dgram/seqpacket …), of families, and of
// states, merged with each table's defaults exactly as ss's filter_* functions do — so `ss -x`
// shows connected Unix sockets, `-a` every state, `-l` the listening and unconnected ones, and the
// Netid or State column disappears when only one table or one state can appear.
//
// Where from: like the real ss, Unix, TCP and UDP sockets are asked of the kernel over
// NETLINK_SOCK_DIAG (ss_diag.ts) and, where that fails or PROC_ROOT is set, read from
// /proc/net/unix (which carries no queue lengths and no peers, so those show as 0 and "*") and
// /proc/net/{tcp,udp}{,6}.
// -p finds each socket's processes as ss does: every /proc/PID/fd/N link "socket:[INO]", and the
// command name from /proc/PID/stat.
// -s prints the summary of /proc/net/sockstat{,6} and /proc/net/snmp as print_summary does.
// Simplified: no filter expressions (only `state X`/`exclude X`), no -m/-i/-K/-E, no service
// names (ports are always numeric), no cgroup paths in -e, no packet/raw tables; Netlink sockets
// come from /proc/net/netlink (this kernel has no netlink_diag).

import { AF_INET, AF_INET6, AF_UNIX, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM } from '../../../uapi/socket';
import type { Sys } from '../../runtime/context';
import { readdir } from '../../libc/dirent';
import { getoptParse, type LongOption } from '../../libc/getopt';
import { readTextFile } from '../../libc/read_file';
import { fputs, perror, stderr, stdout } from '../../libc/stdio';
import { getenv } from '../../libc/stdlib';
import { tcgetwinsize } from '../../libc/termios';
import { isatty, readlink } from '../../libc/unistd';
import { COL_EXT, COL_NETID, COL_STATE, SsTable } from './ss_render';
import { inet_show_netlink, unix_show_netlink, type InetDiagSock, type UnixDiagSock } from './ss_diag';
import { in6_words_text } from '../../../uapi/in';

// ---- tables, states, families (ss.c's enums and default filters) -------------------------------

const TCP_DB = 0, DCCP_DB = 1, UDP_DB = 2, RAW_DB = 3, UNIX_DG_DB = 4, UNIX_ST_DB = 5, UNIX_SQ_DB = 6, PACKET_DG_DB = 7,
  PACKET_R_DB = 8, NETLINK_DB = 9, SCTP_DB = 10, VSOCK_ST_DB = 11, VSOCK_DG_DB = 12, TIPC_DB = 13, XDP_DB = 14, MPTCP_DB = 15;
const MAX_DB = 16;
const UNIX_DBM = (1 << UNIX_DG_DB) | (1 << UNIX_ST_DB) | (1 << UNIX_SQ_DB);
const PACKET_DBM = (1 << PACKET_DG_DB) | (1 << PACKET_R_DB);
const INET_L4_DBM = (1 << TCP_DB) | (1 << UDP_DB) | (1 << DCCP_DB) | (1 << SCTP_DB);
const INET_DBM = INET_L4_DBM | (1 << RAW_DB);
const VSOCK_DBM = (1 << VSOCK_ST_DB) | (1 << VSOCK_DG_DB);

export const SS_ESTABLISHED = 1, SS_SYN_SENT = 2, SS_SYN_RECV = 3, SS_FIN_WAIT1 = 4, SS_FIN_WAIT2 = 5, SS_TIME_WAIT = 6,
  SS_CLOSE = 7, SS_CLOSE_WAIT = 8, SS_LAST_ACK = 9, SS_LISTEN = 10, SS_CLOSING = 11, SS_MAX = 12;
const SS_ALL = (1 << SS_MAX) - 1;
const SS_CONN = SS_ALL & ~((1 << SS_LISTEN) | (1 << SS_CLOSE) | (1 << SS_TIME_WAIT) | (1 << SS_SYN_RECV));

const AF_PACKET = 17, AF_NETLINK = 16, AF_TIPC = 30, AF_VSOCK = 40, AF_XDP = 44;
const SSTATE_NAME = ['UNKNOWN', 'ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'];
/** scan_state's names for `state NAME`. */
const STATE_NAMES: Record<string, number> = {
  established: 1 << SS_ESTABLISHED, 'syn-sent': 1 << SS_SYN_SENT, 'syn-recv': 1 << SS_SYN_RECV, 'fin-wait-1': 1 << SS_FIN_WAIT1,
  'fin-wait-2': 1 << SS_FIN_WAIT2, 'time-wait': 1 << SS_TIME_WAIT, closed: 1 << SS_CLOSE, 'close-wait': 1 << SS_CLOSE_WAIT,
  'last-ack': 1 << SS_LAST_ACK, listening: 1 << SS_LISTEN, closing: 1 << SS_CLOSING, all: SS_ALL, connected: SS_CONN,
  synchronized: SS_CONN & ~(1 << SS_SYN_SENT), bucket: (1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT),
  big: SS_ALL & ~((1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT)),
};

interface Filter {
  dbs: number;
  states: number;
  families: number;
}

const fam = (af: number) => 2 ** af;
const has = (mask: number, af: number) => Math.floor(mask / fam(af)) % 2 === 1;

/** default_dbs[]: each table's states and families. */
const DEFAULT_DBS: Record<number, { states: number; families: number }> = {
  [TCP_DB]: { states: SS_CONN, families: fam(AF_INET) + fam(AF_INET6) },
  [DCCP_DB]: { states: SS_CONN, families: fam(AF_INET) + fam(AF_INET6) },
  [UDP_DB]: { states: 1 << SS_ESTABLISHED, families: fam(AF_INET) + fam(AF_INET6) },
  [RAW_DB]: { states: 1 << SS_ESTABLISHED, families: fam(AF_INET) + fam(AF_INET6) },
  [UNIX_DG_DB]: { states: 1 << SS_CLOSE, families: fam(AF_UNIX) },
  [UNIX_ST_DB]: { states: SS_CONN, families: fam(AF_UNIX) },
  [UNIX_SQ_DB]: { states: SS_CONN, families: fam(AF_UNIX) },
  [PACKET_DG_DB]: { states: 1 << SS_CLOSE, families: fam(AF_PACKET) },
  [PACKET_R_DB]: { states: 1 << SS_CLOSE, families: fam(AF_PACKET) },
  [NETLINK_DB]: { states: 1 << SS_CLOSE, families: fam(AF_NETLINK) },
  [SCTP_DB]: { states: SS_CONN, families: fam(AF_INET) + fam(AF_INET6) },
  [VSOCK_ST_DB]: { states: SS_CONN, families: fam(AF_VSOCK) },
  [VSOCK_DG_DB]: { states: SS_CONN, families: fam(AF_VSOCK) },
  [TIPC_DB]: { states: SS_CONN, families: fam(AF_TIPC) },
  [XDP_DB]: { states: 1 << SS_CLOSE, families: fam(AF_XDP) },
  [MPTCP_DB]: { states: SS_CONN, families: fam(AF_INET) + fam(AF_INET6) },
};

/** default_afs[]: each family's tables and states. */
const DEFAULT_AFS: Record<number, { dbs: number; states: number }> = {
  [AF_INET]: { dbs: INET_DBM, states: SS_CONN },
  [AF_INET6]: { dbs: INET_DBM, states: SS_CONN },
  [AF_UNIX]: { dbs: UNIX_DBM, states: SS_CONN },
  [AF_PACKET]: { dbs: PACKET_DBM, states: 1 << SS_CLOSE },
  [AF_NETLINK]: { dbs: 1 << NETLINK_DB, states: 1 << SS_CLOSE },
  [AF_TIPC]: { dbs: 1 << TIPC_DB, states: SS_CONN },
  [AF_VSOCK]: { dbs: VSOCK_DBM, states: SS_CONN },
  [AF_XDP]: { dbs: 1 << XDP_DB, states: 1 << SS_CLOSE },
};

const FAMILY_NAMES: Record<string, number> = { inet: AF_INET, inet6: AF_INET6, link: AF_PACKET, unix: AF_UNIX, netlink: AF_NETLINK, tipc: AF_TIPC, vsock: AF_VSOCK, xdp: AF_XDP };

// ---- the socket records every source produces ---------------------------------------------------

/** struct sockstat, reduced to what is printed. */
interface SockStat {
  netid: string;
  state: number;
  rq: number;
  wq: number;
  local: string;
  lport: string;
  remote: string;
  rport: string;
  ino: number;
  /** -e text, already formatted (" <->", " ino:… dev:…", " uid:… ino:… sk:…"). */
  details: string;
}

const USAGE = `Usage: ss [ OPTIONS ]
       ss [ OPTIONS ] [ FILTER ]
   -h, --help          this message
   -V, --version       output version information
   -n, --numeric       don't resolve service names
   -r, --resolve       resolve host names
   -a, --all           display all sockets
   -l, --listening     display listening sockets
   -o, --options       show timer information
   -e, --extended      show detailed socket information
   -m, --memory        show socket memory usage
   -p, --processes     show process using socket
   -T, --threads       show thread using socket
   -i, --info          show internal TCP information
       --tipcinfo      show internal tipc socket information
   -s, --summary       show socket usage summary
       --tos           show tos and priority information
       --cgroup        show cgroup information
   -b, --bpf           show bpf filter socket information
   -E, --events        continually display sockets as they are destroyed
   -Z, --context       display task SELinux security contexts
   -z, --contexts      display task and socket SELinux security contexts
   -N, --net           switch to the specified network namespace name

   -4, --ipv4          display only IP version 4 sockets
   -6, --ipv6          display only IP version 6 sockets
   -0, --packet        display PACKET sockets
   -t, --tcp           display only TCP sockets
   -M, --mptcp         display only MPTCP sockets
   -S, --sctp          display only SCTP sockets
   -u, --udp           display only UDP sockets
   -d, --dccp          display only DCCP sockets
   -w, --raw           display only RAW sockets
   -x, --unix          display only Unix domain sockets
       --tipc          display only TIPC sockets
       --vsock         display only vsock sockets
       --xdp           display only XDP sockets
   -f, --family=FAMILY display sockets of type FAMILY
       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}

   -K, --kill          forcibly close sockets, display what was closed
   -H, --no-header     Suppress header line
   -O, --oneline       socket's data printed on a single line
       --inet-sockopt  show various inet socket options

   -A, --query=QUERY, --socket=QUERY
       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]

   -D, --diag=FILE     Dump raw information about TCP sockets to FILE
   -F, --filter=FILE   read filter information from FILE
       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]
       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}
         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}
          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
             bucket := {syn-recv|time-wait}
                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}
`;

const LONGOPTS: LongOption[] = [
  { name: 'numeric', hasArg: 0, val: 'n' }, { name: 'resolve', hasArg: 0, val: 'r' }, { name: 'all', hasArg: 0, val: 'a' },
  { name: 'listening', hasArg: 0, val: 'l' }, { name: 'extended', hasArg: 0, val: 'e' }, { name: 'processes', hasArg: 0, val: 'p' },
  { name: 'ipv4', hasArg: 0, val: '4' }, { name: 'ipv6', hasArg: 0, val: '6' }, { name: 'tcp', hasArg: 0, val: 't' },
  { name: 'udp', hasArg: 0, val: 'u' }, { name: 'unix', hasArg: 0, val: 'x' }, { name: 'family', hasArg: 1, val: 'f' },
  { name: 'no-header', hasArg: 0, val: 'H' }, { name: 'options', hasArg: 0, val: 'o' }, { name: 'summary', hasArg: 0, val: 's' }, { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
];

function filter_db_set(f: Filter, db: number): void {
  f.states |= DEFAULT_DBS[db]!.states;
  f.dbs |= 1 << db;
}

/** preferred_family: the last family an option named (-4 asks AF_INET only over Netlink). */
let preferredFamily = 0;

function filter_af_set(f: Filter, af: number): void {
  preferredFamily = af;
  f.states |= DEFAULT_AFS[af]!.states;
  if (!has(f.families, af)) f.families += fam(af);
}

function filter_merge_defaults(f: Filter): void {
  for (let db = 0; db < MAX_DB; db++) {
    if (!(f.dbs & (1 << db))) continue;
    const d = DEFAULT_DBS[db]!;
    if (!anyFamily(d.families, f.families)) for (const af of familiesOf(d.families)) if (!has(f.families, af)) f.families += fam(af);
  }
  for (const af of familiesOf(f.families)) {
    const d = DEFAULT_AFS[af];
    if (d && !(d.dbs & f.dbs)) f.dbs |= d.dbs;
  }
}

const ALL_AFS = [AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_TIPC, AF_VSOCK, AF_XDP];
const familiesOf = (mask: number) => ALL_AFS.filter((af) => has(mask, af));
const anyFamily = (a: number, b: number) => ALL_AFS.some((af) => has(a, af) && has(b, af));

export function* ss(argv: string[]): Sys<number> {
  const parsed = getoptParse('ss', argv, 'dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHSO', LONGOPTS);
  if (parsed.error) {
    yield* fputs(parsed.message + USAGE, stderr());
    return 255;
  }
  const f: Filter = { dbs: 0, states: 0, families: 0 };
  preferredFamily = 0;
  let doDefault = true;
  let stateFilter = 0;
  let showProcesses = false, showDetails = false, showHeader = true, showOptions = false, numeric = false, doSummary = false;
  for (const { opt, arg } of parsed.options) {
    switch (opt) {
      case 't': filter_db_set(f, TCP_DB); doDefault = false; break;
      case 'u': filter_db_set(f, UDP_DB); doDefault = false; break;
      case 'x': filter_af_set(f, AF_UNIX); doDefault = false; break;
      case '4': filter_af_set(f, AF_INET); doDefault = false; break;
      case '6': filter_af_set(f, AF_INET6); doDefault = false; break;
      case 'f': {
        const af = FAMILY_NAMES[arg ?? ''];
        if (af === undefined) {
          yield* fputs(`ss: "${arg}" is invalid family\n${USAGE}`, stderr());
          return 255;
        }
        filter_af_set(f, af);
        doDefault = false;
        break;
      }
      case 'a': stateFilter = SS_ALL; break;
      case 'l': stateFilter = (1 << SS_LISTEN) | (1 << SS_CLOSE); break;
      case 'p': showProcesses = true; break;
      case 'e': showDetails = true; break;
      case 'o': showOptions = true; break;
      case 's': doSummary = true; break;
      case 'H': showHeader = false; break;
      case 'n': numeric = true; break;
      case 'r': break; // host names are never looked up here
      case 'V':
        yield* fputs('ss utility, iproute2-6.1.0\n', stdout());
        return 0;
      case 'h':
        yield* fputs(USAGE, stdout());
        return 0;
      case 'Z':
      case 'z':
        // is_selinux_enabled() is false: this machine has no SELinux.
        yield* fputs('ss: SELinux is not enabled.\n', stderr());
        return 1;
      default:
        yield* fputs(`ss: option -${opt} is not supported here\n${USAGE}`, stderr());
        return 255;
    }
  }
  const rest = parsed.operands;
  if (doSummary) {
    yield* print_summary();
    if (doDefault && rest.length === 0) return 0;
  }
  // `state NAME` / `exclude NAME` before any expression.
  let sawStates = false;
  while (rest.length) {
    const w = rest[0]!;
    if (w !== 'state' && w !== 'exclude' && w !== 'excl') break;
    const name = rest[1];
    const bits = name === undefined ? undefined : STATE_NAMES[name];
    if (bits === undefined) {
      yield* fputs(name === undefined ? `Command line is not complete. Try option "help"\n` : `ss: wrong state name: ${name}\n`, stderr());
      return 255;
    }
    if (w === 'state') {
      if (!sawStates) stateFilter = 0;
      stateFilter |= bits;
    } else {
      if (!sawStates) stateFilter = SS_ALL;
      stateFilter &= ~bits;
    }
    sawStates = true;
    rest.splice(0, 2);
  }
  if (rest.length) {
    yield* fputs(`ss: filter expressions are not supported here\n${USAGE}`, stderr());
    return 255;
  }
  if (doDefault) {
    stateFilter = stateFilter || SS_CONN;
    for (let db = 0; db < MAX_DB; db++) filter_db_set(f, db);
  }
  if (stateFilter) f.states = stateFilter;
  filter_merge_defaults(f);

  const table = new SsTable();
  if (!(f.dbs & (f.dbs - 1))) table.disable(COL_NETID);
  if (!(f.states & (f.states - 1))) table.disable(COL_STATE);
  if (showHeader) table.header();

  const users = showProcesses ? yield* user_ent_hash_build() : null;
  const print = (s: SockStat) => {
    let ext = '';
    const u = users?.get(s.ino);
    if (u && s.ino) ext += ` users:(${u.join(',')})`;
    ext += s.details;
    const fields = [s.netid, SSTATE_NAME[s.state] ?? 'UNKNOWN', String(s.rq).padEnd(6), String(s.wq).padEnd(6), s.local, s.lport, s.remote, s.rport];
    fields[COL_EXT] = ext;
    table.row(fields);
  };

  if (f.dbs & (1 << NETLINK_DB)) yield* netlink_show(f, numeric, showDetails, print);
  if (f.dbs & UNIX_DBM && has(f.families, AF_UNIX)) yield* unix_show(f, showDetails, print);
  if (f.dbs & (1 << UDP_DB)) yield* inet_show(f, 'udp', print, showDetails, showOptions);
  if (f.dbs & (1 << TCP_DB)) yield* inet_show(f, 'tcp', print, showDetails, showOptions);

  let width = -1;
  if (yield* isatty(1)) {
    const ws = yield* tcgetwinsize(1);
    if (ws && ws.cols > 0) width = ws.cols;
  }
  yield* fputs(table.render(width), stdout());
  return 0;
}

// ---- -s: the summary from /proc/net/sockstat{,6} and /proc/net/snmp ------------------------------------

/** print_summary (get_sockstat, get_snmp_int("Tcp:", "CurrEstab")). */
function* print_summary(): Sys<void> {
  const root = getenv('PROC_ROOT') ?? '/proc';
  const s = { socks: 0, tcp_total: 0, tcp_orphans: 0, tcp_tws: 0, tcp4_hashed: 0, udp4: 0, raw4: 0, frag4: 0, tcp6_hashed: 0, udp6: 0, raw6: 0, frag6: 0 };
  const sockstat = yield* readTextFile(getenv('PROC_NET_SOCKSTAT') ?? `${root}/net/sockstat`);
  if (sockstat === null) yield* perror('ss: get_sockstat');
  const sockstat6 = (yield* readTextFile(getenv('PROC_NET_SOCKSTAT6') ?? `${root}/net/sockstat6`)) ?? '';
  for (const line of `${sockstat ?? ''}\n${sockstat6}`.split('\n')) {
    const [id, ...w] = line.trim().split(/\s+/);
    const n = (i: number) => Number(w[i] ?? 0) || 0;
    switch (id) {
      case 'sockets:': s.socks = n(1); break;
      case 'UDP:': s.udp4 = n(1); break;
      case 'UDP6:': s.udp6 = n(1); break;
      case 'RAW:': s.raw4 = n(1); break;
      case 'RAW6:': s.raw6 = n(1); break;
      case 'TCP6:': s.tcp6_hashed = n(1); break;
      case 'FRAG:': s.frag4 = n(1); break;
      case 'FRAG6:': s.frag6 = n(1); break;
      case 'TCP:': [s.tcp4_hashed, s.tcp_orphans, s.tcp_tws, s.tcp_total] = [n(1), n(3), n(5), n(7)]; break;
    }
  }
  // Tcp: CurrEstab, found by its column in the header line of /proc/net/snmp.
  let estab = 0;
  const snmp = yield* readTextFile(getenv('PROC_NET_SNMP') ?? `${root}/net/snmp`);
  const tcp = (snmp ?? '').split('\n').filter((l) => l.startsWith('Tcp:'));
  const col = tcp[0]?.split(' ').indexOf('CurrEstab') ?? -1;
  if (col > 0 && tcp[1]) estab = Number(tcp[1].split(' ')[col]) || 0;
  else yield* perror('ss: get_snmpstat');
  const row = (name: string, a: number, b: number) => `${name}\t  ${String(a + b).padEnd(9)} ${String(a).padEnd(9)} ${String(b).padEnd(9)}\n`;
  yield* fputs(
    `Total: ${s.socks}\n` +
      `TCP:   ${s.tcp_total + s.tcp_tws} (estab ${estab}, closed ${s.tcp_total - (s.tcp4_hashed + s.tcp6_hashed - s.tcp_tws)}, orphaned ${s.tcp_orphans}, timewait ${s.tcp_tws})\n\n` +
      'Transport Total     IP        IPv6\n' +
      row('RAW', s.raw4, s.raw6) + row('UDP', s.udp4, s.udp6) + row('TCP', s.tcp4_hashed, s.tcp6_hashed) +
      row('INET', s.raw4 + s.udp4 + s.tcp4_hashed, s.raw6 + s.udp6 + s.tcp6_hashed) + row('FRAG', s.frag4, s.frag6) + '\n',
    stdout(),
  );
}

// ---- Netlink sockets ------------------------------------------------------------------------------

/** lib/rt_names.c nl_proto_tab: the protocols' short names. */
const NL_PROTO_NAMES: Record<number, string> = {
  0: 'rtnl', 1: 'unused', 2: 'usersock', 3: 'fw', 4: 'tcpdiag', 5: 'nflog', 6: 'xfrm', 7: 'selinux', 8: 'iscsi', 9: 'audit',
  10: 'fiblookup', 11: 'connector', 12: 'nft', 13: 'ip6fw', 14: 'dec-rt', 15: 'uevent', 16: 'genl', 18: 'scsi-trans',
  19: 'ecryptfs', 20: 'rdma', 21: 'crypto',
};

/**
 * netlink_show from /proc/net/netlink: every Netlink socket is UNCONN; the local address is the
 * protocol and the port's owner ("kernel", or the command and pid of the process whose pid the
 * port is), the peer "*". Simplified: this kernel has no netlink_diag, so ss reads /proc directly —
 * what the real one falls back to when NETLINK_SOCK_DIAG cannot describe Netlink sockets.
 */
function* netlink_show(f: Filter, numeric: boolean, details: boolean, print: (s: SockStat) => void): Sys<void> {
  if (!has(f.families, AF_NETLINK) || !(f.states & (1 << SS_CLOSE))) return;
  const path = getenv('PROC_NET_NETLINK') ?? `${getenv('PROC_ROOT') ?? '/proc'}/net/netlink`;
  const text = yield* readTextFile(path);
  if (text === null) return;
  for (const line of text.split('\n').slice(1)) {
    const w = line.trim().split(/\s+/);
    if (w.length < 8) continue;
    const [sk = '0', prot = 0, pid = 0, groups = 0, rq = 0, wq = 0, cb = '0'] = [w[0], Number(w[1]), Number(w[2]), parseInt(w[3]!, 16), Number(w[4]), Number(w[5]), w[6]];
    let procname = String(pid);
    if (!numeric && pid === 0) procname = 'kernel';
    else if (!numeric && pid > 0) {
      const stat = yield* readTextFile(`${getenv('PROC_ROOT') ?? '/proc'}/${pid}/stat`);
      const comm = stat && /^\d+ \(([^)]*)\)/.exec(stat)?.[1];
      if (comm !== undefined && comm !== null) procname = `${comm}/${pid}`;
    }
    const hex = (x: string) => BigInt(`0x${x}`).toString(16);
    print({
      netid: 'nl', state: SS_CLOSE, rq, wq, local: `${numeric ? prot : NL_PROTO_NAMES[prot] ?? prot}:`, lport: procname, remote: '*', rport: '',
      ino: 0, details: details ? ` sk=${hex(sk)} cb=${hex(cb)} groups=0x${groups.toString(16).padStart(8, '0')}` : '',
    });
  }
}

// ---- Unix sockets ---------------------------------------------------------------------------------

const unix_netid_name = (type: number) => (type === SOCK_STREAM ? 'u_str' : type === SOCK_SEQPACKET ? 'u_seq' : type === SOCK_DGRAM ? 'u_dgr' : '???');

function unix_type_skip(type: number, f: Filter): boolean {
  return (type === SOCK_STREAM && !(f.dbs & (1 << UNIX_ST_DB))) ||
    (type === SOCK_DGRAM && !(f.dbs & (1 << UNIX_DG_DB))) ||
    (type === SOCK_SEQPACKET && !(f.dbs & (1 << UNIX_SQ_DB)));
}

function* unix_show(f: Filter, details: boolean, print: (s: SockStat) => void): Sys<void> {
  if (getenv('PROC_NET_UNIX') === undefined && getenv('PROC_ROOT') === undefined) {
    const socks = yield* unix_show_netlink(f.states, details);
    if (socks) {
      for (const u of socks) if (!unix_type_skip(u.type, f)) print(unix_diag_stat(u, details));
      return;
    }
  }
  yield* unix_show_proc(f, print);
}

/** unix_show_sock: one UNIX_DIAG answer as a line. */
function unix_diag_stat(u: UnixDiagSock, details: boolean): SockStat {
  let d = '';
  if (details) {
    if (u.shutdown !== undefined) d += ` ${u.shutdown & 1 ? '-' : '<'}-${u.shutdown & 2 ? '-' : '>'}`;
    // The device as the kernel's s_dev, split the way glibc's major()/minor() split a dev_t.
    if (u.vfs) d += ` ino:${u.vfs.ino} dev:${(u.vfs.dev >>> 8) & 0xfff}/${(u.vfs.dev & 0xff) | ((u.vfs.dev >>> 12) & 0xfff00)}`;
    if (u.icons) d += ' peers:' + u.icons.map((i) => ` ${i}`).join('');
  }
  return {
    netid: unix_netid_name(u.type), state: u.state, rq: u.rq, wq: u.wq,
    local: (u.name ?? '*') + ' ', lport: String(u.ino), remote: '* ', rport: String(u.peer ?? 0), ino: u.ino, details: d,
  };
}

/** The /proc/net/unix fallback: no queue lengths, no peers (the file's old format, as ss reads it). */
function* unix_show_proc(f: Filter, print: (s: SockStat) => void): Sys<void> {
  const path = getenv('PROC_NET_UNIX') ?? `${getenv('PROC_ROOT') ?? '/proc'}/net/unix`;
  const text = yield* readTextFile(path);
  if (text === null) return;
  const lines = text.split('\n');
  if (!lines.length) return;
  const unixStateMap = [SS_CLOSE, SS_SYN_SENT, SS_ESTABLISHED, SS_CLOSING];
  const list: { type: number; ino: number; state: number; name: string | null }[] = [];
  for (const line of lines.slice(1)) {
    const m = /^\s*[0-9a-fA-F]+:\s+[0-9a-fA-F]+\s+[0-9a-fA-F]+\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+)\s+(\d+)(?:\s+(\S+))?/.exec(line);
    if (!m) continue;
    const flags = parseInt(m[1]!, 16), type = parseInt(m[2]!, 16);
    let state = parseInt(m[3]!, 16);
    const ino = Number(m[4]);
    if (flags & (1 << 16)) state = SS_LISTEN;
    else if (state > 0 && state <= unixStateMap.length) state = unixStateMap[state - 1]!;
    if (unix_type_skip(type, f) || !(f.states & (1 << state))) continue;
    list.push({ type, ino, state, name: m[5] ?? null });
  }
  // ss keeps them sorted by type, then inode.
  list.sort((a, b) => a.type - b.type || a.ino - b.ino);
  for (const u of list) {
    print({ netid: unix_netid_name(u.type), state: u.state, rq: 0, wq: 0, local: (u.name ?? '*') + ' ', lport: String(u.ino), remote: '* ', rport: '0', ino: u.ino, details: '' });
  }
}

// ---- TCP and UDP ----------------------------------------------------------------------------------

/** tcp_show / udp_show: over NETLINK_SOCK_DIAG, or from /proc/net when that fails or PROC_* is set. */
function* inet_show(f: Filter, proto: 'tcp' | 'udp', print: (s: SockStat) => void, details: boolean, showOptions: boolean): Sys<void> {
  const env = proto === 'tcp' ? 'PROC_NET_TCP' : 'PROC_NET_UDP';
  if (getenv(env) === undefined && getenv('PROC_ROOT') === undefined) {
    const socks = yield* inet_show_netlink(proto === 'tcp' ? 6 : 17, f.states, preferredFamily);
    if (socks) {
      // show_one_inet_sock: only the families asked for.
      for (const s of socks) if (has(f.families, s.family)) print(inet_diag_stat(proto, s, details, details || showOptions));
      return;
    }
  }
  yield* inet_show_proc(f, proto, print, details);
}

/** inet_addr_print's address text: IPv4 dotted, IPv6 in brackets, a dual-stack wildcard as "*". */
function inet_addr_text(family: number, a: Uint8Array, v6only: boolean): string {
  if (family === AF_INET) return [...a].join('.');
  const words = Array.from({ length: 8 }, (_, i) => (a[2 * i]! << 8) | a[2 * i + 1]!);
  if (!v6only && words.every((w) => w === 0)) return '*';
  // inet_ntop writes a v4-mapped address with its IPv4 part dotted.
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return `[::ffff:${[...a.subarray(12)].join('.')}]`;
  return `[${in6_words_text(words)}]`;
}

/** print_ms_timer: "7.448ms", "2min", "12sec" … */
function print_ms_timer(timeout: number): string {
  let secs = Math.floor(timeout / 1000);
  const minutes = Math.floor(secs / 60);
  secs %= 60;
  let msecs = timeout % 1000;
  let buf = '';
  if (minutes) {
    msecs = 0;
    buf = `${minutes}min`;
    if (minutes > 9) secs = 0;
  }
  if (secs) {
    if (secs > 9) msecs = 0;
    buf += `${secs}${msecs ? '.' : 'sec'}`;
  }
  if (msecs) buf += String(msecs).padStart(3, '0') + 'ms';
  return buf;
}

const TMR_NAME = ['off', 'on', 'keepalive', 'timewait', 'persist', 'unknown'];

/** inet_show_sock: one INET_DIAG answer as a line (ports numeric: this machine has no /etc/services). */
function inet_diag_stat(proto: string, s: InetDiagSock, details: boolean, options: boolean): SockStat {
  const v6only = s.v6only === 1;
  let d = '';
  // tcp_timer_print (-o, and -e which implies it).
  if (options && s.timer) d += ` timer:(${TMR_NAME[Math.min(s.timer, 5)]},${print_ms_timer(s.expires)},${s.retrans})`;
  if (details) {
    if (s.uid) d += ` uid:${s.uid}`;
    d += ` ino:${s.ino} sk:${s.cookie.toString(16)}`;
    if (s.family === AF_INET6 && s.v6only !== null) d += ` v6only:${s.v6only}`;
    if (s.shutdown !== null) d += ` ${s.shutdown & 1 ? '-' : '<'}-${s.shutdown & 2 ? '-' : '>'}`;
  }
  return {
    netid: proto, state: s.state, rq: s.rq, wq: s.wq,
    local: inet_addr_text(s.family, s.src, v6only) + ':', lport: s.sport ? String(s.sport) : '*',
    remote: inet_addr_text(s.family, s.dst, v6only) + ':', rport: s.dport ? String(s.dport) : '*',
    ino: s.ino, details: d,
  };
}

/** An address of /proc/net/tcp ("0100007F:1F90" or 32 hex digits for IPv6) as ss prints it. */
function proc_inet_addr(hex: string, family: number): string {
  const [a = '', p = '0'] = hex.split(':');
  let text: string;
  if (family === AF_INET) {
    const v = parseInt(a, 16);
    text = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24].join('.');
  } else {
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const v = parseInt(a.slice(i * 8, i * 8 + 8), 16);
      // Each 32-bit word is printed in host (little-endian) order.
      words.push(((v & 0xff) << 8) | ((v >>> 8) & 0xff), (((v >>> 16) & 0xff) << 8) | (v >>> 24));
    }
    text = words.every((w) => w === 0) ? '*' : `[${in6_words_text(words)}]`;
  }
  return `${text}:${parseInt(p, 16) === 0 ? '*' : parseInt(p, 16)}`;
}

function* inet_show_proc(f: Filter, proto: 'tcp' | 'udp', print: (s: SockStat) => void, details: boolean): Sys<void> {
  for (const family of [AF_INET, AF_INET6]) {
    if (!has(f.families, family)) continue;
    const text = yield* readTextFile(`/proc/net/${proto}${family === AF_INET6 ? '6' : ''}`);
    if (text === null) continue;
    for (const line of text.split('\n').slice(1)) {
      const w = line.trim().split(/\s+/);
      if (w.length < 10) continue;
      const state = parseInt(w[3]!, 16);
      if (!(f.states & (1 << state))) continue;
      const [tx = '0', rx = '0'] = w[4]!.split(':');
      const local = proc_inet_addr(w[1]!, family), remote = proc_inet_addr(w[2]!, family);
      const split = (s: string) => [s.slice(0, s.lastIndexOf(':') + 1), s.slice(s.lastIndexOf(':') + 1)] as const;
      const [la, lp] = split(local), [ra, rp] = split(remote);
      const ino = Number(w[9]);
      const uid = Number(w[7]);
      print({
        netid: proto, state, rq: parseInt(rx, 16), wq: parseInt(tx, 16), local: la, lport: lp, remote: ra, rport: rp, ino,
        details: details ? `${uid ? ` uid:${uid}` : ''} ino:${ino} sk:${w[11] ?? '0'}` : '',
      });
    }
  }
}

// ---- -p: which processes hold each socket ---------------------------------------------------------

/** user_ent_hash_build: socket inode → the ("comm",pid=P,fd=N) entries, the last found first. */
function* user_ent_hash_build(): Sys<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  const root = getenv('PROC_ROOT') ?? '/proc';
  const pids = (yield* readdir(root)) ?? [];
  for (const d of pids) {
    if (!/^\d+$/.test(d.name)) continue;
    const fds = yield* readdir(`${root}/${d.name}/fd`);
    if (!fds) continue;
    let comm: string | null = null;
    for (const e of fds) {
      if (!/^\d+$/.test(e.name)) continue;
      const lnk = yield* readlink(`${root}/${d.name}/fd/${e.name}`);
      const m = lnk && /^socket:\[(\d+)\]$/.exec(lnk);
      if (!m) continue;
      if (comm === null) {
        const stat = yield* readTextFile(`${root}/${d.name}/stat`);
        comm = stat ? (/^\d+ \(([^)]*)\)/.exec(stat)?.[1] ?? '') : '';
      }
      const ino = Number(m[1]);
      const list = map.get(ino) ?? [];
      list.unshift(`("${comm}",pid=${d.name},fd=${e.name})`);
      map.set(ino, list);
    }
  }
  return map;
}
