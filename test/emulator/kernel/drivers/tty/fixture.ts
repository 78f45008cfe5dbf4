// A machine with the VFS and the console: device nodes for the terminals, tasks that call the
// syscalls directly (the fs fixture's UTask), and the console's output captured as a string.
// A session leader that opens /dev/tty1 gets it as its controlling terminal; other tasks can be
// put in its session, in the foreground group or in background groups.

import { Kernel } from '../../../../../emulator/kernel/kernel';
import { console_init, type Console, TTY_DEVICES } from '../../../../../emulator/kernel/drivers/tty/console';
import type { Tty } from '../../../../../emulator/kernel/drivers/tty/tty';
import { SLEEP } from '../../../../../emulator/kernel/sched/waitqueue';
import { TASK_RUNNING } from '../../../../../emulator/kernel/sched/task';
import { O_NONBLOCK, O_RDWR } from '../../../../../emulator/uapi/fcntl';
import { sigmask } from '../../../../../emulator/uapi/signal';
import { S_IFCHR, makedev } from '../../../../../emulator/uapi/stat';
import {
  ICANON, TCGETS, TCSETS, TERMIOS, TERMIOS_SIZE, VMIN, VTIME,
} from '../../../../../emulator/uapi/termios';
import { errname, fsKernel, UTask } from '../../fs/fixture';

export { errname, UTask, SLEEP };

/** Latin-1 bytes <-> strings, so that control bytes stay visible in assertions. */
export const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
export const str = (b: Uint8Array) => String.fromCharCode(...b);

export class TtyMachine {
  readonly k: Kernel;
  readonly con: Console;
  /** The session leader, with /dev/tty1 open as fd `fd` (its controlling terminal). */
  readonly sh: UTask;
  readonly fd: number;
  readonly init: UTask;
  private out = '';

  constructor(opts: { open?: boolean } = {}) {
    this.k = fsKernel();
    this.con = console_init(this.k);
    this.con.onOutput((b) => (this.out += str(b)));
    this.init = new UTask(this.k); // pid 1: parents that are init do not keep a group from being orphaned
    this.sh = new UTask(this.k);
    this.sh.t.parent = this.init.t;
    this.sh.sys('mkdir', '/dev', 0o755);
    for (const d of TTY_DEVICES) {
      const r = this.sh.sys('mknod', `/dev/${d.name}`, S_IFCHR | d.mode, makedev(d.major, d.minor));
      if (r < 0) throw new Error(`mknod ${d.name}: ${errname(r)}`);
    }
    this.fd = opts.open === false ? -1 : this.sh.open('/dev/tty1', O_RDWR);
  }

  get tty(): Tty {
    return this.con.tty;
  }

  /** Keys typed on the console. */
  type(s: string): void {
    this.con.input(bytes(s));
  }

  /** What the console showed since the last call. */
  output(): string {
    const o = this.out;
    this.out = '';
    return o;
  }

  /**
   * A new process in the leader's session (its child), in process group `pgid` (its own pid if
   * omitted), with the terminal as its controlling terminal and fd 0..2 shared from the leader's.
   */
  member(pgid?: number): UTask {
    const u = new UTask(this.k);
    const g = u.t.group;
    g.sid = this.sh.t.group.sid;
    g.pgid = pgid ?? u.t.tgid;
    g.tty = this.sh.t.group.tty;
    u.t.parent = this.sh.t;
    this.sh.t.children.push(u.t);
    if (this.fd >= 0) {
      const file = this.sh.t.files.get(this.fd)!;
      file.count++;
      u.t.files.installAt(0, file, false);
    }
    return u;
  }
}

/** read(2) into scratch memory: the bytes as a string, or the errno name, or 'SLEEP'. */
export function readStr(u: UTask, fd: number, count = 4096): string {
  const buf = u.alloc(Math.max(count, 1));
  const r = u.sys('read', fd, buf, count);
  if (r === SLEEP) return 'SLEEP';
  if (r < 0) return errname(r);
  return str(u.peek(buf, r));
}

/** write(2) of a latin-1 string: the count, the errno name, or 'SLEEP'. */
export function writeStr(u: UTask, fd: number, s: string): number | string {
  const b = bytes(s);
  const r = u.sys('write', fd, u.bytes(b), b.length);
  if (r === SLEEP) return 'SLEEP';
  return r < 0 ? errname(r) : r;
}

/** ioctl(2) with an int argument in memory: [result, the int after the call]. */
export function ioctlInt(u: UTask, fd: number, cmd: number, value = 0): [number, number] {
  const p = u.alloc(4);
  u.t.mm!.writeFrom(p, new Uint8Array(new Int32Array([value]).buffer));
  const r = u.sys('ioctl', fd, cmd, p);
  return [r, u.i32(p)];
}

/** The terminal's struct termios, decoded. */
export interface TermiosView {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  line: number;
  cc: number[];
}

export function tcgetattr(u: UTask, fd: number): TermiosView {
  const p = u.alloc(TERMIOS_SIZE);
  const r = u.sys('ioctl', fd, TCGETS, p);
  if (r < 0) throw new Error(`TCGETS: ${errname(r)}`);
  const b = u.peek(p, TERMIOS_SIZE);
  const v = new DataView(b.buffer);
  return {
    iflag: v.getUint32(TERMIOS.iflag, true),
    oflag: v.getUint32(TERMIOS.oflag, true),
    cflag: v.getUint32(TERMIOS.cflag, true),
    lflag: v.getUint32(TERMIOS.lflag, true),
    line: b[TERMIOS.line]!,
    cc: Array.from(b.subarray(TERMIOS.cc, TERMIOS.cc + 19)),
  };
}

export function tcsetattr(u: UTask, fd: number, tm: TermiosView, cmd = TCSETS): number {
  const b = new Uint8Array(TERMIOS_SIZE);
  const v = new DataView(b.buffer);
  v.setUint32(TERMIOS.iflag, tm.iflag, true);
  v.setUint32(TERMIOS.oflag, tm.oflag, true);
  v.setUint32(TERMIOS.cflag, tm.cflag, true);
  v.setUint32(TERMIOS.lflag, tm.lflag, true);
  b[TERMIOS.line] = tm.line;
  b.set(tm.cc, TERMIOS.cc);
  return u.sys('ioctl', fd, cmd, u.bytes(b));
}

/** Change some flags: set and clear bits of one flag word (like `stty`). */
export function stty(u: UTask, fd: number, change: Partial<Record<'iflag' | 'oflag' | 'lflag' | 'cflag', [set: number, clear: number]>>, cc: Record<number, number> = {}): void {
  const tm = tcgetattr(u, fd);
  for (const [k, [set, clear]] of Object.entries(change) as [keyof TermiosView & string, [number, number]][]) {
    (tm as unknown as Record<string, number>)[k] = (((tm as unknown as Record<string, number>)[k]! & ~clear) | set) >>> 0;
  }
  for (const [i, v] of Object.entries(cc)) tm.cc[Number(i)] = v;
  const r = tcsetattr(u, fd, tm);
  if (r < 0) throw new Error(`TCSETS: ${errname(r)}`);
}

/** Non-canonical mode with the given VMIN and VTIME. */
export function raw(u: UTask, fd: number, min: number, time: number): void {
  stty(u, fd, { lflag: [0, ICANON] }, { [VMIN]: min, [VTIME]: time });
}

/** Is this signal pending for the task's process? */
export function pending(u: UTask, sig: number): boolean {
  return ((u.t.group.sharedPending.set | u.t.pending.set) & sigmask(sig)) !== 0n;
}

/** Forget pending signals (as if they had been handled). */
export function clearSignals(u: UTask): void {
  u.t.group.sharedPending.clear();
  u.t.pending.clear();
}

/** Did the last SLEEP end (the task was woken)? */
export const woken = (u: UTask) => u.t.state === TASK_RUNNING;

export { O_NONBLOCK, O_RDWR };
