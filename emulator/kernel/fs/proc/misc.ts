// /proc/misc (drivers/char/misc.c: misc_seq_show): the misc devices (major 10), "%3i %s" — minor
// and name — newest first, as misc_register adds each to the head of its list. They are the
// members of the device model's "misc" class.

import type { Kernel } from '../../kernel';
import { has_driver_model } from '../../base/base';
import { class_devices, class_find } from '../../base/class';
import { minor } from '../../../uapi/stat';

export function misc_proc_show(k: Kernel): string {
  const cls = has_driver_model(k) ? class_find(k, 'misc') : null;
  if (!cls) return '';
  return class_devices(k, cls)
    .filter((d) => d.registered)
    .reverse()
    .map((d) => `${String(minor(d.devt)).padStart(3)} ${d.name}\n`)
    .join('');
}
