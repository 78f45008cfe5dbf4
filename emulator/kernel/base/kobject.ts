// kobjects and ksets (lib/kobject.c, include/linux/kobject.h): the objects behind every directory
// of /sys. A kobject has a name and a parent; adding it to the hierarchy makes its sysfs directory
// (fs/sysfs) under the parent's. A kset is a kobject that collects others (/sys/class/mem,
// /sys/bus/platform/devices…); a kobject added without a parent goes under its kset, and the
// kset's uevent operations decide what the uevents of its members say (kobject_uevent.ts).
//
// Simplified: no reference counting or release (the garbage collector frees what nothing holds);
// kobject_del removes the directory and the object is simply dropped.

import { EEXIST, EINVAL, ENOENT } from '../../uapi/errno';
import type { KernfsNode } from '../fs/kernfs/dir';
import { sysfs_create_dir_ns, sysfs_create_file, sysfs_remove_dir, sysfs_rename_dir, type SysfsAttribute } from '../fs/sysfs/sysfs';
import type { Kernel } from '../kernel';

/** What the members of a kset add to a uevent (struct kset_uevent_ops). */
export interface KsetUeventOps {
  /** False: this object sends no uevents (dev_uevent_filter: devices without a bus or class). */
  filter?(kobj: Kobject): boolean;
  /** SUBSYSTEM= (default: the kset's name). */
  name?(kobj: Kobject): string;
  /** Add KEY=value lines to the event; 0 or -errno (which cancels the event). */
  uevent?(kobj: Kobject, env: KobjUeventEnv): number;
}

/** struct kobj_uevent_env: the KEY=value lines of one event. */
export class KobjUeventEnv {
  readonly envp: string[] = [];
  /** add_uevent_var. */
  add(line: string): void {
    this.envp.push(line);
  }
}

/** struct kobj_type: the attributes every object of a kind has (default_groups). */
export interface KobjType {
  default_attrs?: readonly SysfsAttribute[];
}

export class Kobject {
  parent: Kobject | null = null;
  kset: Kset | null = null;
  ktype: KobjType | null = null;
  /** The sysfs directory, once added (kobj->sd). */
  sd: KernfsNode | null = null;
  state_in_sysfs = false;
  state_add_uevent_sent = false;
  state_remove_uevent_sent = false;
  /** Events of this object are not sent (dev_set_uevent_suppress). */
  uevent_suppress = false;

  constructor(public name: string) {}
}

export class Kset extends Kobject {
  /** The members, in the order they were added (kset->list). */
  readonly list: Kobject[] = [];
  uevent_ops: KsetUeventOps | null = null;
}

/** kobject_get_path: "/devices/virtual/mem/null" (the DEVPATH of uevents). */
export function kobject_get_path(kobj: Kobject): string {
  let path = '';
  for (let k: Kobject | null = kobj; k; k = k.parent) path = `/${k.name}${path}`;
  return path;
}

/**
 * kobject_add: link `kobj` into the hierarchy under `parent` (or, without one, under its kset)
 * and make its sysfs directory with its type's default attributes. 0 or -errno (-EEXIST when the
 * parent already has a child of that name).
 */
export function kobject_add(kernel: Kernel, kobj: Kobject, parent: Kobject | null, name?: string): number {
  if (name !== undefined) kobj.name = name;
  if (!kobj.name || kobj.name.includes('/')) return -EINVAL;
  if (kobj.state_in_sysfs) return -EINVAL;
  if (kobj.kset) {
    if (!parent) parent = kobj.kset;
    kobj.kset.list.push(kobj);
  }
  kobj.parent = parent;
  const sd = sysfs_create_dir_ns(kernel, kobj, parent?.sd ?? null);
  if (typeof sd === 'number') {
    kobj_kset_leave(kobj);
    kobj.parent = null;
    return sd === -EEXIST ? -EEXIST : sd;
  }
  kobj.sd = sd;
  kobj.state_in_sysfs = true;
  for (const attr of kobj.ktype?.default_attrs ?? []) sysfs_create_file(kobj, attr);
  return 0;
}

function kobj_kset_leave(kobj: Kobject): void {
  if (!kobj.kset) return;
  const i = kobj.kset.list.indexOf(kobj);
  if (i >= 0) kobj.kset.list.splice(i, 1);
}

/** kobject_create_and_add: a bare directory object (/sys/kernel, /sys/fs …). */
export function kobject_create_and_add(kernel: Kernel, name: string, parent: Kobject | null): Kobject {
  const kobj = new Kobject(name);
  const r = kobject_add(kernel, kobj, parent);
  if (r < 0) throw new Error(`kobject_create_and_add(${name}): ${r}`);
  return kobj;
}

/**
 * kset_create_and_add: a kset with its directory, under `parent` — or, with `memberOf`, as a
 * member of that kset (a bus in /sys/bus, a class in /sys/class).
 */
export function kset_create_and_add(kernel: Kernel, name: string, uevent_ops: KsetUeventOps | null, parent: Kobject | null, memberOf: Kset | null = null): Kset {
  const kset = new Kset(name);
  kset.uevent_ops = uevent_ops;
  kset.kset = memberOf;
  const r = kobject_add(kernel, kset, parent);
  if (r < 0) throw new Error(`kset_create_and_add(${name}): ${r}`);
  return kset;
}

/** kobject_del: remove the directory (and everything in it) and leave the kset. */
export function kobject_del(kobj: Kobject): void {
  if (!kobj.state_in_sysfs) return;
  sysfs_remove_dir(kobj);
  kobj.state_in_sysfs = false;
  kobj_kset_leave(kobj);
  kobj.parent = null;
}

/** kobject_rename: a new name for an added object (its directory follows). */
export function kobject_rename(kobj: Kobject, name: string): number {
  if (!name || name.includes('/')) return -EINVAL;
  if (!kobj.sd) return -ENOENT;
  const r = sysfs_rename_dir(kobj, name);
  if (r < 0) return r;
  kobj.name = name;
  return 0;
}
