// udevadm (systemd 252): the udev management tool. `udevadm info` is what is here — what the
// kernel says about a device, found by its /dev node or its /sys path:
//
//   udevadm info /dev/null          the record: P: path, M: name, U: subsystem, D: numbers, E: properties
//   udevadm info -q path|name|symlink|property|all  one part of it
//   udevadm info -a /dev/null       the attribute walk, in udev rules syntax, up the parent chain
//   udevadm info -e                 every device's record (there is no database beyond sysfs)
//
// Everything is read from sysfs (sd_device.ts). `udevadm trigger` (trigger.ts) asks the kernel
// for events through the uevent files; `udevadm settle` has no queue to wait for; `udevadm monitor`
// (monitor.ts) reads the kernel's uevent netlink socket. The other verbs (control …) need udevd.

import type { Sys } from '../../runtime/context';
import { getoptParse } from '../../libc/getopt';
import { fputs, fwrite, stderr, stdout } from '../../libc/stdio';
import { device_from_devname, device_from_syspath, enumerateDevices, type SdDevice } from './sd_device';
import { monitor } from './monitor';
import { trigger } from './trigger';

const ATTRIBUTE_WALK_HEADER =
  '\n' +
  'Udevadm info starts with the device specified by the devpath and then\n' +
  'walks up the chain of parent devices. It prints for every device\n' +
  'found, all possible attributes in the udev rules key format.\n' +
  'A rule to match, can be composed by the attributes of the device\n' +
  'and the attributes from one single parent device.\n' +
  '\n';

const INFO_HELP = `udevadm info [OPTIONS] [DEVPATH|FILE]

Query sysfs or the udev database.

  -h --help                   Print this message
  -V --version                Print version of the program
  -q --query=TYPE             Query device information:
       name                     Name of device node
       symlink                  Pointing to node
       path                     sysfs device path
       property                 The device properties
       all                      All values
     --property=NAME          Show only properties by this name
     --value                  When showing properties, print only their values
  -p --path=SYSPATH           sysfs device path used for query or attribute walk
  -n --name=NAME              Node or symlink name used for query or attribute walk
  -r --root                   Prepend dev directory to path names
  -a --attribute-walk         Print all key matches walking along the chain
                              of parent devices
  -x --export                 Export key/value pairs
  -P --export-prefix          Export the key name with a prefix
  -e --export-db              Export the content of the udev database
`;

/** The systemd version we mimic (udevadm --version). */
const VERSION = '252';

function* err(msg: string): Sys<number> {
  yield* fputs(`${msg}\n`, stderr());
  return 1;
}

/** Attributes udevadm -a never shows (skip_attribute). */
const SKIPPED_ATTRS = new Set(['uevent', 'dev', 'modalias', 'resource', 'driver', 'subsystem', 'module']);

/** print_all_attributes: ATTR{name}=="value" (ATTRS for parents), sorted by name. */
function* printAllAttributes(dev: SdDevice, key: 'ATTR' | 'ATTRS'): Sys<string> {
  const lines: [string, string][] = [];
  for (const name of yield* dev.sysattrs()) {
    if (SKIPPED_ATTRS.has(name)) continue;
    const value = yield* dev.sysattrValue(name);
    if (value === null) continue;
    // Values that look like a path, or hold anything unprintable, are left out.
    if (value.startsWith('/')) continue;
    if (!/^[\x20-\x7e]*$/.test(value)) continue;
    lines.push([name, value]);
  }
  lines.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return lines.map(([n, v]) => `    ${key}{${n}}=="${v}"\n`).join('');
}

/** print_device_chain: the device, then each parent. */
function* attributeWalk(dev: SdDevice): Sys<string> {
  let out = ATTRIBUTE_WALK_HEADER;
  yield* dev.readUevent();
  out += `  looking at device '${dev.devpath}':\n`;
  out += `    KERNEL=="${dev.sysname}"\n`;
  out += `    SUBSYSTEM=="${(yield* dev.getSubsystem()) ?? ''}"\n`;
  out += `    DRIVER=="${dev.driver ?? ''}"\n`;
  out += yield* printAllAttributes(dev, 'ATTR');
  out += '\n';
  for (let p = yield* dev.getParent(); p; p = yield* p.getParent()) {
    yield* p.readUevent();
    out += `  looking at parent device '${p.devpath}':\n`;
    out += `    KERNELS=="${p.sysname}"\n`;
    out += `    SUBSYSTEMS=="${(yield* p.getSubsystem()) ?? ''}"\n`;
    out += `    DRIVERS=="${p.driver ?? ''}"\n`;
    out += yield* printAllAttributes(p, 'ATTRS');
    out += '\n';
  }
  return out;
}

/** print_record: the whole record, as `udevadm info` prints it by default. */
function* printRecord(dev: SdDevice): Sys<string> {
  let out = `P: ${dev.devpath}\nM: ${dev.sysname}\n`;
  if (dev.sysnum !== null) out += `R: ${dev.sysnum}\n`;
  const subsystem = yield* dev.getSubsystem();
  if (subsystem !== null) out += `U: ${subsystem}\n`;
  yield* dev.readUevent();
  if (dev.devtype !== null) out += `T: ${dev.devtype}\n`;
  if (dev.devnum) out += `D: ${subsystem === 'block' ? 'b' : 'c'} ${dev.devnum.major}:${dev.devnum.minor}\n`;
  if (dev.devname !== null) out += `N: ${dev.devname.slice('/dev/'.length)}\nL: 0\n`;
  const diskseq = dev.properties.get('DISKSEQ');
  if (diskseq !== undefined) out += `Q: ${diskseq}\n`;
  if (dev.driver !== null) out += `V: ${dev.driver}\n`;
  for (const [k, v] of dev.properties) out += `E: ${k}=${v}\n`;
  return `${out}\n`;
}

type Query = 'name' | 'symlink' | 'path' | 'property' | 'all';

interface InfoOptions {
  query: Query;
  walk: boolean;
  root: boolean;
  exportFormat: boolean;
  exportPrefix: string | null;
  properties: string[] | null;
  valueOnly: boolean;
}

function* queryDevice(dev: SdDevice, o: InfoOptions): Sys<string | number> {
  switch (o.query) {
    case 'name': {
      yield* dev.readUevent();
      if (dev.devname === null) return yield* err('No device node found');
      return `${o.root ? dev.devname : dev.devname.slice('/dev/'.length)}\n`;
    }
    case 'symlink':
      // Links are udev's database; without udevd there are none.
      return '\n';
    case 'path':
      return `${dev.devpath}\n`;
    case 'property': {
      yield* dev.getSubsystem();
      yield* dev.readUevent();
      let out = '';
      for (const [k, v] of dev.properties) {
        if (o.properties && !o.properties.includes(k)) continue;
        if (o.valueOnly) out += `${v}\n`;
        else if (o.exportFormat || o.exportPrefix !== null) out += `${o.exportPrefix ?? ''}${k}='${v}'\n`;
        else out += `${k}=${v}\n`;
      }
      return out;
    }
    case 'all':
      return yield* printRecord(dev);
  }
}

/** export_devices (-e): the record of every device, in path order. */
function* exportDevices(): Sys<number> {
  for (const path of yield* enumerateDevices([], [], [])) {
    const dev = yield* device_from_syspath(path);
    if (dev) yield* fwrite(stdout(), yield* printRecord(dev));
  }
  return 0;
}

/** find_device: a /dev node or a /sys path (with -n / -p, a bare name is allowed). */
function* findDevice(arg: string, kind: 'any' | 'name' | 'path'): Sys<SdDevice | null | number> {
  if (kind === 'name' && !arg.startsWith('/dev/')) arg = `/dev/${arg}`;
  if (kind === 'path' && !arg.startsWith('/sys/')) arg = `/sys/${arg.replace(/^\/+/, '')}`;
  if (arg.startsWith('/dev/')) return yield* device_from_devname(arg);
  if (arg.startsWith('/sys/')) return yield* device_from_syspath(arg);
  return yield* err(`Bad argument "${arg}", expected an absolute path in /dev/ or /sys/ or a unit name: Invalid argument`);
}

function* info(argv: string[]): Sys<number> {
  const r = getoptParse('info', argv, 'q:p:n:raxP:ehV', [
    { name: 'query', hasArg: 1, val: 'q' }, { name: 'path', hasArg: 1, val: 'p' }, { name: 'name', hasArg: 1, val: 'n' },
    { name: 'root', hasArg: 0, val: 'r' }, { name: 'attribute-walk', hasArg: 0, val: 'a' }, { name: 'export', hasArg: 0, val: 'x' },
    { name: 'export-prefix', hasArg: 1, val: 'P' }, { name: 'export-db', hasArg: 0, val: 'e' }, { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
    { name: 'property', hasArg: 1, val: 'property' }, { name: 'value', hasArg: 0, val: 'value' },
  ]);
  if (r.error) {
    yield* fputs(r.message, stderr());
    return 1;
  }
  const o: InfoOptions = { query: 'all', walk: false, root: false, exportFormat: false, exportPrefix: null, properties: null, valueOnly: false };
  const devices: [string, 'any' | 'name' | 'path'][] = [];
  for (const opt of r.options) {
    switch (opt.opt) {
      case 'q':
        if (!['name', 'symlink', 'path', 'property', 'env', 'all'].includes(opt.arg!)) return yield* err('unknown query type');
        o.query = opt.arg === 'env' ? 'property' : (opt.arg as Query);
        break;
      case 'p':
        devices.push([opt.arg!, 'path']);
        break;
      case 'n':
        devices.push([opt.arg!, 'name']);
        break;
      case 'r':
        o.root = true;
        break;
      case 'a':
        o.walk = true;
        break;
      case 'x':
        o.exportFormat = true;
        break;
      case 'P':
        o.exportPrefix = opt.arg!;
        break;
      case 'property':
        o.properties = opt.arg!.split(',');
        break;
      case 'value':
        o.valueOnly = true;
        break;
      case 'e':
        return yield* exportDevices();
      case 'h':
        yield* fwrite(stdout(), INFO_HELP);
        return 0;
      case 'V':
        yield* fwrite(stdout(), `${VERSION}\n`);
        return 0;
    }
  }
  for (const a of r.operands) devices.push([a, 'any']);
  if (devices.length === 0) return yield* err('A device name or path is required');
  if (o.walk && devices.length > 1) return yield* err('Only one device may be specified with -a/--attribute-walk');
  let status = 0;
  for (const [arg, kind] of devices) {
    const dev = yield* findDevice(arg, kind);
    if (typeof dev === 'number') return dev;
    if (!dev) {
      yield* err(`Unknown device "${arg}": No such device`);
      return 1;
    }
    const out = o.walk ? yield* attributeWalk(dev) : yield* queryDevice(dev, o);
    if (typeof out === 'number') {
      status = out;
      continue;
    }
    yield* fwrite(stdout(), out);
  }
  return status;
}

/**
 * udevadm settle: wait until udevd's event queue is empty. Without udevd there is no queue
 * (/run/udev/queue does not exist), so, as the real one does then, it returns at once.
 */
function* settle(argv: string[]): Sys<number> {
  const r = getoptParse('settle', argv, 't:E:hV', [
    { name: 'timeout', hasArg: 1, val: 't' }, { name: 'exit-if-exists', hasArg: 1, val: 'E' },
    { name: 'help', hasArg: 0, val: 'h' }, { name: 'version', hasArg: 0, val: 'V' },
  ]);
  if (r.error) {
    yield* fputs(r.message, stderr());
    return 1;
  }
  return 0;
}

export function* udevadm(argv: string[]): Sys<number> {
  const verb = argv[1];
  if (verb === undefined) return yield* err('Command verb required.');
  if (verb === '--version' || verb === '-V') {
    yield* fwrite(stdout(), `${VERSION}\n`);
    return 0;
  }
  if (verb === 'info') return yield* info(argv.slice(1));
  if (verb === 'trigger') return yield* trigger(argv.slice(1));
  if (verb === 'settle') return yield* settle(argv.slice(1));
  if (verb === 'monitor') return yield* monitor(argv.slice(1));
  return yield* err(`Unknown command verb ${verb}.`);
}
