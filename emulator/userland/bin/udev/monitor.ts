// udevadm monitor (systemd 252's udevadm-monitor.c): listen on the kernel's uevent socket
// (NETLINK_KOBJECT_UEVENT, group 1 — what udevd itself reads) and print each event as it comes:
//
//   KERNEL[1234.567890] add      /devices/virtual/block/loop0 (block)
//
// the time being CLOCK_MONOTONIC when it was received; with --property, every KEY=value of the
// event follows, then a blank line. There is no udevd on this machine, so the "UDEV" events (the
// ones udevd sends on group 2 after its rules ran) never come; --udev is accepted and waits.

import { CLOCK_MONOTONIC } from '../../../uapi/time';
import { NETLINK_KOBJECT_UEVENT } from '../../../uapi/netlink';
import { AF_NETLINK, SOCK_CLOEXEC, SOCK_DGRAM } from '../../../uapi/socket';
import { EINTR } from '../../../uapi/errno';
import type { Sys } from '../../runtime/context';
import { getoptParse } from '../../libc/getopt';
import { errno, peek } from '../../libc/process';
import { fflush, fputs, stderr, stdout } from '../../libc/stdio';
import { malloc } from '../../libc/stdlib';
import { strerror } from '../../libc/string';
import { bind, recv, socket } from '../../libc/sys_socket';
import { clock_gettime } from '../../libc/time';

const HELP = `udevadm monitor [OPTIONS]

Listen to kernel and udev events.

  -h --help                                Show this help
  -V --version                             Show package version
  -p --property                            Print the event properties
  -k --kernel                              Print kernel uevents
  -u --udev                                Print udev events
  -s --subsystem-match=SUBSYSTEM[/DEVTYPE] Filter events by subsystem
  -t --tag-match=TAG                       Filter events by tag
`;

/** One uevent datagram: "ACTION@DEVPATH\0" then KEY=value\0 … (device_new_from_nulstr). */
export function parse_uevent(b: Uint8Array): { header: string; props: [string, string][] } | null {
  const parts = new TextDecoder().decode(b).split('\0').filter((s) => s !== '');
  const header = parts.shift();
  if (!header || !header.includes('@')) return null;
  const props: [string, string][] = [];
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq > 0) props.push([p.slice(0, eq), p.slice(eq + 1)]);
  }
  return { header, props };
}

export function* monitor(argv: string[]): Sys<number> {
  const r = getoptParse('monitor', argv, 'pekus:t:hV', [
    { name: 'property', hasArg: 0, val: 'p' }, { name: 'environment', hasArg: 0, val: 'e' }, { name: 'kernel', hasArg: 0, val: 'k' },
    { name: 'udev', hasArg: 0, val: 'u' }, { name: 'subsystem-match', hasArg: 1, val: 's' }, { name: 'tag-match', hasArg: 1, val: 't' },
    { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
  ]);
  if (r.error) {
    yield* fputs(r.message, stderr());
    return 1;
  }
  let props = false, kernel = false, udev = false;
  const subsystems: string[] = [];
  for (const o of r.options) {
    if (o.opt === 'p' || o.opt === 'e') props = true;
    else if (o.opt === 'k') kernel = true;
    else if (o.opt === 'u') udev = true;
    else if (o.opt === 's') subsystems.push(o.arg!.split('/')[0]!);
    else if (o.opt === 'h') {
      yield* fputs(HELP, stdout());
      return 0;
    } else if (o.opt === 'V') {
      yield* fputs('252\n', stdout());
      return 0;
    }
  }
  if (!kernel && !udev) kernel = udev = true;
  const out = stdout();
  let head = 'monitor will print the received events for:\n';
  if (udev) head += 'UDEV - the event which udev sends out after rule processing\n';
  if (kernel) head += 'KERNEL - the kernel uevent\n';
  yield* fputs(head + '\n', out);
  yield* fflush(out);
  const fd = yield* socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
  if (fd < 0) {
    yield* fputs(`Failed to create netlink socket: ${strerror(errno())}\n`, stderr());
    return 1;
  }
  // Group 1 is the kernel's; group 2 would be udevd's, which this machine does not run.
  const addr = new Uint8Array(12);
  addr[0] = AF_NETLINK;
  addr[8] = (kernel ? 1 : 0) | (udev ? 2 : 0);
  if ((yield* bind(fd, addr)) < 0) {
    yield* fputs(`Failed to bind netlink socket: ${strerror(errno())}\n`, stderr());
    return 1;
  }
  const SIZE = 8192;
  const buf = yield* malloc(SIZE);
  for (;;) {
    const n = yield* recv(fd, buf, SIZE);
    if (n < 0) {
      if (errno() === EINTR) continue;
      yield* fputs(`Failed to receive uevent: ${strerror(errno())}\n`, stderr());
      return 1;
    }
    const ev = parse_uevent(peek(buf, n));
    if (!ev) continue;
    const get = (k: string) => ev.props.find(([key]) => key === k)?.[1] ?? '';
    if (subsystems.length && !subsystems.includes(get('SUBSYSTEM'))) continue;
    const ts = yield* clock_gettime(CLOCK_MONOTONIC);
    const sec = ts?.sec ?? 0, usec = Math.floor((ts?.nsec ?? 0) / 1000);
    let line = `${'KERNEL'.padEnd(6)}[${sec}.${String(usec).padStart(6, '0')}] ${get('ACTION').padEnd(8)} ${get('DEVPATH')} (${get('SUBSYSTEM')})\n`;
    if (props) line += ev.props.map(([k, v]) => `${k}=${v}\n`).join('') + '\n';
    yield* fputs(line, out);
    yield* fflush(out);
  }
}
