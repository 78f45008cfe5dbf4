// udevadm trigger (systemd 252): ask the kernel to send a uevent for every device, as udev does
// at boot ("coldplug") so rules run for devices that appeared before udevd. For each device it
// writes the action ("change" by default) to the device's /sys/.../uevent file; the kernel sends
// the event (with SYNTH_UUID=0) and counts it in /sys/kernel/uevent_seqnum.
//
// Devices are enumerated as sd-device does: the members of every /sys/class/<c> and every
// /sys/bus/<b>/devices, each once, sorted by path. Options: -v -n -q -c -s -S -y -t, and
// --uuid (the "add <uuid>" form; the UUID printed is random, from /dev/urandom).

import type { Sys } from '../../runtime/context';
import { O_RDONLY, O_WRONLY } from '../../../uapi/fcntl';
import { errno } from '../../libc/process';
import { getoptParse } from '../../libc/getopt';
import { open } from '../../libc/fcntl';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';
import { strerror } from '../../libc/string';
import { close, readBytes, writeAll } from '../../libc/unistd';
import { canonicalize } from '../coreutils/lib/canon';
import { enumerateDevices, names } from './sd_device';

const ACTIONS = ['add', 'remove', 'change', 'move', 'online', 'offline', 'bind', 'unbind'];

/** --type=subsystems: the buses (Linux's /sys/bus/<b>) and their drivers. */
function* enumerateSubsystems(match: string[], nomatch: string[]): Sys<string[]> {
  const out: string[] = [];
  for (const b of yield* names('/sys/bus')) {
    if ((match.length && !match.includes(b)) || nomatch.includes(b)) continue;
    out.push(`/sys/bus/${b}`);
    for (const d of yield* names(`/sys/bus/${b}/drivers`)) out.push(`/sys/bus/${b}/drivers/${d}`);
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A random version-4 UUID (what --uuid sends with each event). */
function* randomUuid(): Sys<string> {
  const fd = yield* open('/dev/urandom', O_RDONLY);
  const b = fd >= 0 ? ((yield* readBytes(fd, 16)) ?? new Uint8Array(16)) : new Uint8Array(16);
  if (fd >= 0) yield* close(fd);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function* trigger(argv: string[]): Sys<number> {
  const r = getoptParse('trigger', argv, 'vnqt:c:s:S:y:hV', [
    { name: 'verbose', hasArg: 0, val: 'v' }, { name: 'dry-run', hasArg: 0, val: 'n' }, { name: 'quiet', hasArg: 0, val: 'q' },
    { name: 'type', hasArg: 1, val: 't' }, { name: 'action', hasArg: 1, val: 'c' },
    { name: 'subsystem-match', hasArg: 1, val: 's' }, { name: 'subsystem-nomatch', hasArg: 1, val: 'S' },
    { name: 'sysname-match', hasArg: 1, val: 'y' }, { name: 'uuid', hasArg: 0, val: 'uuid' },
    { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
  ]);
  if (r.error) {
    yield* fputs(r.message, stderr());
    return 1;
  }
  let verbose = false, dryRun = false, quiet = false, uuid = false;
  let type = 'devices', action = 'change';
  const match: string[] = [], nomatch: string[] = [], sysnames: string[] = [];
  for (const o of r.options) {
    switch (o.opt) {
      case 'v': verbose = true; break;
      case 'n': dryRun = true; break;
      case 'q': quiet = true; break;
      case 't':
        if (o.arg !== 'devices' && o.arg !== 'subsystems') {
          yield* fputs(`Unknown type --type=${o.arg}\n`, stderr());
          return 1;
        }
        type = o.arg;
        break;
      case 'c':
        if (o.arg === 'help') {
          yield* fwrite(stdout(), `${ACTIONS.join('\n')}\n`);
          return 0;
        }
        if (!ACTIONS.includes(o.arg!)) {
          yield* fputs(`Unknown action '${o.arg}'\n`, stderr());
          return 1;
        }
        action = o.arg!;
        break;
      case 's': match.push(o.arg!); break;
      case 'S': nomatch.push(o.arg!); break;
      case 'y': sysnames.push(o.arg!); break;
      case 'uuid': uuid = true; break;
      case 'h':
        yield* fwrite(stdout(), 'udevadm trigger [OPTIONS] DEVPATH\n\nRequest events from the kernel.\n');
        return 0;
      case 'V':
        yield* fwrite(stdout(), '252\n');
        return 0;
    }
  }
  const paths = type === 'devices' ? yield* enumerateDevices(match, nomatch, sysnames) : yield* enumerateSubsystems(match, nomatch);
  for (const operand of r.operands) {
    const real = yield* canonicalize(operand.startsWith('/sys/') ? operand : `/sys${operand}`, 'existing');
    if (real && !paths.includes(real)) paths.push(real);
  }
  let status = 0;
  for (const p of paths) {
    let text = action;
    if (uuid) {
      const id = yield* randomUuid();
      text = `${action} ${id}`;
      if (verbose) yield* fwrite(stdout(), `${p}\n${id}\n`);
    } else if (verbose) {
      yield* fwrite(stdout(), `${p}\n`);
    }
    if (dryRun) continue;
    const fd = yield* open(`${p}/uevent`, O_WRONLY);
    const ok = fd >= 0 && (yield* writeAll(fd, text)) >= 0;
    const e = errno();
    if (fd >= 0) yield* close(fd);
    if (!ok) {
      if (!quiet) yield* fputs(`Failed to write '${action}' to '${p}/uevent': ${strerror(e)}\n`, stderr());
      status = 1;
    }
  }
  return status;
}
