// A device as systemd's sd-device library sees it (src/libsystemd/sd-device): a directory under
// /sys/devices with a `uevent` file. Everything comes from sysfs through plain syscalls — the
// path, the properties in the uevent file, the attributes, the parent — as udevadm reads it.
//
// Properties keep the order sd-device adds them in, which udevadm prints: DEVPATH first; the
// uevent file's lines as they come except MAJOR and MINOR, which are added after the others
// (device_set_devnum); SUBSYSTEM whenever it is first asked for. A device found through a /dev
// node has its subsystem asked for after the uevent was read; one found by its /sys path, before.
//
// There is no udev database here (no udevd runs), so no symlinks (S:), tags or USEC_INITIALIZED.

import type { Sys } from '../../runtime/context';
import { S_IFBLK, S_IFCHR, S_IFMT, S_ISDIR, major, minor } from '../../../uapi/stat';
import { readdir } from '../../libc/dirent';
import { readTextFile } from '../../libc/read_file';
import { lstat, stat } from '../../libc/sys_stat';
import { readlink } from '../../libc/unistd';
import { canonicalize } from '../coreutils/lib/canon';

export class SdDevice {
  /** "/devices/virtual/mem/null". */
  devpath: string;
  readonly properties = new Map<string, string>();
  subsystem: string | null | undefined = undefined;
  devtype: string | null = null;
  devname: string | null = null;
  devnum: { major: number; minor: number } | null = null;
  driver: string | null = null;
  private ueventRead = false;

  constructor(readonly syspath: string) {
    this.devpath = syspath.slice('/sys'.length);
    this.properties.set('DEVPATH', this.devpath);
  }

  /** The last path component ("null"); "!" in sysfs names stands for "/". */
  get sysname(): string {
    return this.syspath.slice(this.syspath.lastIndexOf('/') + 1).replace(/!/g, '/');
  }

  /** The trailing number of the name ("0" for cpu0, loop0), if any (sd_device_get_sysnum). */
  get sysnum(): string | null {
    const m = /(\d+)$/.exec(this.sysname);
    return m ? m[1]! : null;
  }

  /** device_read_uevent_file. */
  *readUevent(): Sys<void> {
    if (this.ueventRead) return;
    this.ueventRead = true;
    const text = yield* readTextFile(`${this.syspath}/uevent`);
    if (text === null) return;
    let maj: string | null = null, min: string | null = null;
    for (const line of text.split('\n')) {
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq), value = line.slice(eq + 1);
      if (key === 'MAJOR') maj = value;
      else if (key === 'MINOR') min = value;
      else if (key === 'DEVNAME') {
        this.devname = value.startsWith('/') ? value : `/dev/${value}`;
        this.properties.set('DEVNAME', this.devname);
      } else {
        if (key === 'DEVTYPE') this.devtype = value;
        if (key === 'DRIVER') this.driver = value;
        this.properties.set(key, value);
      }
    }
    if (maj !== null && min !== null) {
      this.devnum = { major: Number(maj), minor: Number(min) };
      this.properties.set('MAJOR', maj);
      this.properties.set('MINOR', min);
    }
  }

  /**
   * sd_device_get_subsystem: the name the `subsystem` link points to; for the directories of
   * buses and classes themselves "subsystem", for a bus's drivers "drivers", for modules "module".
   */
  *getSubsystem(): Sys<string | null> {
    if (this.subsystem !== undefined) return this.subsystem;
    const target = yield* readlink(`${this.syspath}/subsystem`);
    this.subsystem = target === null ? pseudo_subsystem(this.syspath) : target.slice(target.lastIndexOf('/') + 1);
    if (this.subsystem !== null) this.properties.set('SUBSYSTEM', this.subsystem);
    return this.subsystem;
  }

  /** sd_device_get_parent: the nearest directory above that is a device, or null. */
  *getParent(): Sys<SdDevice | null> {
    let p = this.syspath;
    for (;;) {
      p = p.slice(0, p.lastIndexOf('/'));
      if (!p.startsWith('/sys/devices/') && p !== '/sys/devices') return null;
      if (p === '/sys/devices') return null;
      const st = yield* stat(`${p}/uevent`);
      if (st) return new SdDevice(p);
    }
  }

  /**
   * The attribute names (device_sysattrs_read_all): the files and links of the directory, and
   * the files of its subdirectories that are not devices themselves ("power/control").
   */
  *sysattrs(): Sys<string[]> {
    const out: string[] = [];
    const top = (yield* readdir(this.syspath)) ?? [];
    for (const e of top) {
      if (e.name === '.' || e.name === '..') continue;
      const st = yield* lstat(`${this.syspath}/${e.name}`);
      if (!st) continue;
      if (S_ISDIR(st.mode)) {
        if (yield* stat(`${this.syspath}/${e.name}/uevent`)) continue;
        const sub = (yield* readdir(`${this.syspath}/${e.name}`)) ?? [];
        for (const s of sub) {
          if (s.name === '.' || s.name === '..') continue;
          const sst = yield* lstat(`${this.syspath}/${e.name}/${s.name}`);
          if (sst && !S_ISDIR(sst.mode)) out.push(`${e.name}/${s.name}`);
        }
        continue;
      }
      out.push(e.name);
    }
    return out;
  }

  /** sd_device_get_sysattr_value: the file's text without its trailing newlines, or null. */
  *sysattrValue(name: string): Sys<string | null> {
    const text = yield* readTextFile(`${this.syspath}/${name}`);
    return text === null ? null : text.replace(/\n+$/, '');
  }
}

/** The subsystem of the sysfs directories that are not devices but sd-device still knows. */
function pseudo_subsystem(syspath: string): string | null {
  if (/^\/sys\/module\/[^/]+$/.test(syspath)) return 'module';
  if (/^\/sys\/bus\/[^/]+\/drivers\/[^/]+$/.test(syspath)) return 'drivers';
  if (/^\/sys\/(bus|class)\/[^/]+$/.test(syspath)) return 'subsystem';
  return null;
}

/**
 * sd_device_new_from_syspath: a directory under /sys/devices with a uevent file — or a bus, a
 * class, a bus's driver or a module directory.
 */
export function* device_from_syspath(path: string): Sys<SdDevice | null> {
  const real = yield* canonicalize(path, 'existing');
  if (real === null || !real.startsWith('/sys/')) return null;
  if (real.startsWith('/sys/devices/')) {
    if (!(yield* stat(`${real}/uevent`))) return null;
  } else {
    const st = yield* stat(real);
    if (!st || !S_ISDIR(st.mode) || pseudo_subsystem(real) === null) return null;
  }
  return new SdDevice(real);
}

/** sd_device_new_from_devname: the device behind a /dev node, through /sys/dev/{char,block}/M:m. */
export function* device_from_devname(path: string): Sys<SdDevice | null> {
  const st = yield* stat(path);
  if (!st) return null;
  const type = st.mode & S_IFMT;
  if (type !== S_IFCHR && type !== S_IFBLK) return null;
  const kind = type === S_IFBLK ? 'block' : 'char';
  const dev = yield* device_from_syspath(`/sys/dev/${kind}/${major(st.rdev)}:${minor(st.rdev)}`);
  if (!dev) return null;
  yield* dev.readUevent();
  const subsystem = yield* dev.getSubsystem();
  // A block node must lead to a block device, a char node to anything else.
  if ((subsystem === 'block') !== (type === S_IFBLK)) return null;
  return dev;
}

/** The entries of a directory, without . and .. (empty if it cannot be read). */
export function* names(dir: string): Sys<string[]> {
  return ((yield* readdir(dir)) ?? []).map((e) => e.name).filter((n) => n !== '.' && n !== '..');
}

/** sd_device_enumerator for devices: every class member and bus device, by real path. */
export function* enumerateDevices(match: string[], nomatch: string[], sysnames: string[]): Sys<string[]> {
  const found = new Set<string>();
  const wanted = (sub: string) => (match.length === 0 || match.includes(sub)) && !nomatch.includes(sub);
  const add = function* (link: string, name: string): Sys<void> {
    if (sysnames.length && !sysnames.includes(name)) return;
    const real = yield* canonicalize(link, 'existing');
    if (real && real.startsWith('/sys/devices/')) found.add(real);
  };
  for (const c of yield* names('/sys/class')) {
    if (!wanted(c)) continue;
    for (const d of yield* names(`/sys/class/${c}`)) yield* add(`/sys/class/${c}/${d}`, d);
  }
  for (const b of yield* names('/sys/bus')) {
    if (!wanted(b)) continue;
    for (const d of yield* names(`/sys/bus/${b}/devices`)) yield* add(`/sys/bus/${b}/devices/${d}`, d);
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
