// Consoles (kernel/printk/printk.c register_console, console_emit_next_record): where a record is
// printed as it is logged. A record is printed only if its level is more urgent than
// console_loglevel (4 with `quiet`: emergencies, alerts, critical conditions and errors), in the
// "[    1.234567] text" form of CONFIG_PRINTK_TIME — which is why `echo '<2>x' > /dev/kmsg`
// shows up on the screen while `echo x > /dev/kmsg` does not, and why `dmesg -n 8` makes
// everything appear.
//
// Simplified: records are printed synchronously from printk(), never deferred to a console
// thread, and only to the consoles registered (the VT: what vt_console_print writes, bypassing
// the line discipline).

import type { Kernel } from '../kernel';
import type { Console } from '../drivers/tty/console';
import { bytesOf } from '../fs/libfs';
import { print_time, type PrintkRecord } from './printk';

/** struct console: a name and a way to write text (newlines are "\n"; the console translates). */
export interface PrintkConsole {
  name: string;
  write(text: string): void;
}

const consoles = new WeakMap<Kernel, PrintkConsole[]>();

/** register_console. */
export function register_console(kernel: Kernel, con: PrintkConsole): void {
  let list = consoles.get(kernel);
  if (!list) consoles.set(kernel, (list = []));
  list.push(con);
}

/** console_emit_next_record for one new record: print it if it is urgent enough. */
export function console_emit_record(kernel: Kernel, rec: PrintkRecord): void {
  const list = consoles.get(kernel);
  if (!list || rec.level >= kernel.log.consolePrintk[0]!) return;
  const text = `${print_time(rec.ts)} ${rec.text}\n`;
  for (const c of list) c.write(text);
}

/**
 * The VT as a printk console (vt_console_print): straight to the screen, a newline as CR LF,
 * nothing while output is stopped with ^S.
 */
export function register_vt_console(kernel: Kernel, vt: Console): void {
  register_console(kernel, {
    name: 'tty',
    write: (text) => {
      const tty = vt.tty;
      tty.driver.ops.write(tty, bytesOf(text.replace(/\n/g, '\r\n')));
    },
  });
}
