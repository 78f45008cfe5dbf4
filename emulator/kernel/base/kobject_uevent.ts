// Kernel object events (lib/kobject_uevent.c). When a device appears, goes, or changes, the kernel
// tells user space with a "uevent": a list of KEY=value lines —
//
//   ACTION=add  DEVPATH=/devices/virtual/mem/null  SUBSYSTEM=mem  MAJOR=1  MINOR=3
//   DEVNAME=null  DEVMODE=0666  SEQNUM=1234
//
// numbered by a machine-wide sequence (/sys/kernel/uevent_seqnum). Linux multicasts them on
// NETLINK_KOBJECT_UEVENT sockets (what udevd listens to); here listeners subscribe with
// uevent_subscribe, and the netlink layer will be one of them. The events are also kept in a
// small ring so a late listener (or a test) can see what happened at boot.
//
// Simplified: no /sbin/hotplug helper (uevent_helper), no network namespaces.

import { EINVAL } from '../../uapi/errno';
import type { Kernel } from '../kernel';
import { KobjUeventEnv, kobject_get_path, type Kobject, type Kset } from './kobject';

export const KOBJ_ACTIONS = ['add', 'remove', 'change', 'move', 'online', 'offline', 'bind', 'unbind'] as const;
export type KobjectAction = (typeof KOBJ_ACTIONS)[number];

/** One event as user space receives it. */
export interface Uevent {
  action: KobjectAction;
  devpath: string;
  seqnum: number;
  /** Every KEY=value line, in the order Linux sends them (ACTION first, SEQNUM last). */
  env: string[];
}

export type UeventListener = (ev: Uevent) => void;

/** How many past events are kept for late listeners. */
const UEVENT_BACKLOG = 256;

/** Per machine: the sequence number (uevent_seqnum), listeners and recent events. */
export class UeventState {
  seqnum = 0;
  readonly listeners = new Set<UeventListener>();
  readonly recent: Uevent[] = [];
}

const states = new WeakMap<Kernel, UeventState>();

export function uevent_state(kernel: Kernel): UeventState {
  let s = states.get(kernel);
  if (!s) {
    s = new UeventState();
    states.set(kernel, s);
  }
  return s;
}

/** The kernel's subscription point for uevents; returns the unsubscribe function. */
export function uevent_subscribe(kernel: Kernel, listener: UeventListener): () => void {
  const s = uevent_state(kernel);
  s.listeners.add(listener);
  return () => s.listeners.delete(listener);
}

/** The last events sent (oldest first). */
export function uevent_recent(kernel: Kernel): readonly Uevent[] {
  return uevent_state(kernel).recent;
}

/** The kset that decides about `kobj`'s events: its own, or the nearest parent's (top_kobj). */
function uevent_kset(kobj: Kobject): Kset | null {
  for (let k: Kobject | null = kobj; k; k = k.parent) if (k.kset) return k.kset;
  return null;
}

/**
 * kobject_uevent_env: build and send the event for `action` on `kobj`, with extra lines `envp_ext`
 * after SUBSYSTEM. 0 if sent or filtered out, -errno if the kset's uevent callback refused.
 */
export function kobject_uevent_env(kernel: Kernel, kobj: Kobject, action: KobjectAction, envp_ext: readonly string[] = []): number {
  let top: Kobject | null = kobj;
  while (top && !top.kset) top = top.parent;
  const kset = uevent_kset(kobj);
  if (!top || !kset) return -EINVAL; // an object outside every kset sends nothing
  if (kobj.uevent_suppress) return 0;
  const ops = kset.uevent_ops;
  if (ops?.filter && !ops.filter(kobj)) return 0;
  const subsystem = ops?.name ? ops.name(kobj) : kset.name;
  if (!subsystem) return 0;

  const env = new KobjUeventEnv();
  const devpath = kobject_get_path(kobj);
  env.add(`ACTION=${action}`);
  env.add(`DEVPATH=${devpath}`);
  env.add(`SUBSYSTEM=${subsystem}`);
  for (const line of envp_ext) env.add(line);
  if (ops?.uevent) {
    const r = ops.uevent(kobj, env);
    if (r) return r;
  }
  // The core remembers which of add/remove it sent, so kobject_del can send the missing remove.
  if (action === 'add') kobj.state_add_uevent_sent = true;
  else if (action === 'remove') kobj.state_remove_uevent_sent = true;

  const s = uevent_state(kernel);
  const seqnum = ++s.seqnum;
  env.add(`SEQNUM=${seqnum}`);
  const ev: Uevent = { action, devpath, seqnum, env: env.envp };
  s.recent.push(ev);
  if (s.recent.length > UEVENT_BACKLOG) s.recent.shift();
  for (const l of [...s.listeners]) l(ev);
  return 0;
}

/** kobject_uevent: the event with no extra lines. */
export function kobject_uevent(kernel: Kernel, kobj: Kobject, action: KobjectAction): void {
  kobject_uevent_env(kernel, kobj, action);
}

/**
 * kobject_action_type: "add", "change\n", "add UUID KEY=value…" → the action and the arguments
 * after it; null for anything else.
 */
export function kobject_action_type(buf: string): { action: KobjectAction; args: string | null } | null {
  let count = buf.length;
  if (count && (buf[count - 1] === '\n' || buf[count - 1] === '\0')) count--;
  if (!count) return null;
  const text = buf.slice(0, count);
  const sp = text.indexOf(' ');
  const first = sp < 0 ? text : text.slice(0, sp);
  const action = KOBJ_ACTIONS.find((a) => a === first);
  if (!action) return null;
  return { action, args: sp < 0 ? null : text.slice(sp + 1) };
}

const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * kobject_synth_uevent: what writing to a `uevent` file does — send a "synthetic" event, as
 * `udevadm trigger` asks for. "add" sends ACTION=add with SYNTH_UUID=0; "add <uuid> A=1 B=2"
 * sends SYNTH_UUID=<uuid>, SYNTH_ARG_A=1, SYNTH_ARG_B=2. Anything else is EINVAL, and the kernel
 * log says why (as Linux's pr_warn does).
 */
export function kobject_synth_uevent(kernel: Kernel, kobj: Kobject, buf: string): number {
  const parsed = kobject_action_type(buf);
  let msg = 'unknown uevent action string';
  if (parsed) {
    if (parsed.args === null) return kobject_uevent_env(kernel, kobj, parsed.action, ['SYNTH_UUID=0']);
    const words = parsed.args.split(' ').filter((w) => w !== '');
    const envp: string[] = [];
    msg = 'invalid UUID';
    if (words.length && UUID_RE.test(words[0]!)) {
      envp.push(`SYNTH_UUID=${words[0]}`);
      msg = '';
      for (const w of words.slice(1)) {
        const m = /^([A-Za-z0-9]+)=(.*)$/.exec(w);
        if (!m) {
          msg = 'incorrect uevent action arguments';
          break;
        }
        envp.push(`SYNTH_ARG_${m[1]}=${m[2]}`);
      }
      if (!msg) return kobject_uevent_env(kernel, kobj, parsed.action, envp);
    }
  }
  kernel.printk(4, `synth uevent: ${kobject_get_path(kobj)}: ${msg}`);
  return -EINVAL;
}
