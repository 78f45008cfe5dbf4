// Pseudo-terminals (drivers/tty/pty.c): Unix98 pty pairs.
//
// A pty is two terminals joined back to back, with no hardware behind either:
//   - the slave, /dev/pts/N (136:N), is an ordinary terminal for the programs that run on it: a
//     shell opens it, makes it its controlling terminal, and N_TTY does line editing, echo and
//     ^C on it, exactly as on the console;
//   - the master, what opening /dev/ptmx (5:2) returns (Linux's ptm driver, major 128, is never
//     opened by number), is the "hardware" for the program that owns the pty — a terminal
//     emulator, sshd, `script`. What it writes is what the slave's user "types"; what the slave's
//     programs write (after OPOST: "\n" becomes "\r\n") and the slave's echo become readable on
//     the master. The master has N_TTY too, but in raw mode, so bytes pass through as they are.
// Each side's driver write (pty_write) pushes the bytes into the *other* side's flip buffer.
//
// The life of a pair:
//   1. open("/dev/ptmx") makes both halves, locks the slave (TIOCSPTLCK) and makes /dev/pts/N in
//      the devpts mounted next to it (fs/devpts). The master's fd answers TIOCGPTN with N;
//   2. unlockpt (TIOCSPTLCK 0) lets the slave be opened; before that, opening it is EIO;
//   3. closing the master hangs the slave up: its session leader gets SIGHUP (and SIGCONT), its
//      open files read end-of-file and fail writes with EIO, and /dev/pts/N disappears;
//   4. closing every slave file makes the master's reads fail with EIO once it has read what was
//      left (how `script` learns that the shell has exited); writes still go in.
// The modes, window size and job control of a pair are the slave's: TCSETS or TIOCSWINSZ on the
// master changes the slave (tty_pair_get_tty), and a new window size sends SIGWINCH to the
// slave's foreground process group.
//
// Simplified: no BSD ptys (/dev/ptyp0, majors 2 and 3), and the flip buffers hold plain bytes.

import { EFAULT, EINVAL, EIO, EMFILE, ENODEV, ENOIOCTLCMD } from '../../../uapi/errno';
import { O_CLOEXEC } from '../../../uapi/fcntl';
import { SIGINT, SIGQUIT, SIGTSTP, SIGWINCH } from '../../../uapi/signal';
import { makedev } from '../../../uapi/stat';
import {
  B38400, CREAD, CS8, CSIZE, EXTPROC, IXON, PARENB, TIOCGPKT, TIOCGPTLCK, TIOCGPTN, TIOCGPTPEER, TIOCPKT,
  TIOCPKT_DOSTOP, TIOCPKT_FLUSHWRITE, TIOCPKT_IOCTL, TIOCPKT_NOSTOP, TIOCPKT_START, TIOCPKT_STOP, TIOCSIG,
  TIOCSPTLCK, VSTART, VSTOP,
} from '../../../uapi/termios';
import { has_driver_model } from '../../base/base';
import { device_create } from '../../base/core';
import { registerChrdev } from '../../fs/char_dev';
import {
  devpts_acquire, devpts_get_priv, devpts_kill_index, devpts_new_index, devpts_pty_kill, devpts_pty_new,
  init_devpts_fs, NR_UNIX98_PTY_MAX, PTMX_MAJOR, PTMX_MINOR, UNIX98_PTY_SLAVE_MAJOR, type PtsFsInfo,
} from '../../fs/devpts/inode';
import type { Dentry } from '../../fs/dentry';
import type { File } from '../../fs/file';
import { fput } from '../../fs/file';
import { rlimit_nofile } from '../../fs/fdtable';
import { FMODE_LSEEK, FMODE_PREAD, FMODE_PWRITE, type FileOperations } from '../../fs/fs';
import type { Inode } from '../../fs/inode';
import type { Mount } from '../../fs/mount';
import { vfs_open } from '../../fs/open';
import type { Kernel } from '../../kernel';
import { get_user_i32, put_user_i32, put_user_u32 } from '../../mm/uaccess';
import type { Task } from '../../sched/task';
import { SLEEP } from '../../sched/waitqueue';
import { n_tty_open } from './n_tty';
import {
  Ktermios, PTY_TYPE_MASTER, PTY_TYPE_SLAVE, Tty, TtyDriver, TTY_DRIVER_TYPE_PTY, TTY_IO_ERROR,
  TTY_OTHER_CLOSED, TTY_PTY_LOCK, file_tty, tty_std_termios, type TtyFilePrivate, type TtyOperations, type Winsize,
} from './tty';
import { TTYB_DEFAULT_MEM_LIMIT, tty_flip_buffer_push, tty_insert_flip_string } from './tty_buffer';
import { tty_fops, tty_register_driver, tty_release_last, tty_vhangup, tty_wakeup, TTYAUX_MAJOR } from './tty_io';
import { tty_kill_pgrp } from './tty_jobctrl';

/** The master's major (UNIX98_PTY_MASTER_MAJOR); its numbers exist but open only through ptmx. */
export const UNIX98_PTY_MASTER_MAJOR = 128;

/** What a master remembers: its devpts instance and the mount it was found through. */
interface PtmPrivate {
  fsi: PtsFsInfo;
  mnt: Mount;
}

interface PtyDrivers {
  ptm: TtyDriver;
  pts: TtyDriver;
}

const drivers = new WeakMap<Kernel, PtyDrivers>();

const is_master = (tty: Tty) => tty.driver.subtype === PTY_TYPE_MASTER;

// ---- the driver operations, both halves ------------------------------------------------------------

/**
 * pty_write: what one half writes goes into the other half's flip buffer and on to its line
 * discipline — "the other end of the wire". Nothing moves while output is stopped (^S).
 */
function pty_write(tty: Tty, bytes: Uint8Array): number {
  const to = tty.link;
  if (!to || tty.flow.stopped || bytes.length === 0) return 0;
  const n = tty_insert_flip_string(to, bytes);
  tty_flip_buffer_push(to);
  return n;
}

/** pty_write_room: what the other half's flip buffer can still take. */
function pty_write_room(tty: Tty): number {
  if (tty.flow.stopped || !tty.link) return 0;
  return Math.max(0, TTYB_DEFAULT_MEM_LIMIT - tty.link.port.size);
}

/**
 * pty_flush_buffer (TCOFLUSH): what we wrote and the other half has not taken is dropped; a
 * master in packet mode hears of it (TIOCPKT_FLUSHWRITE).
 */
function pty_flush_buffer(tty: Tty): void {
  const to = tty.link;
  if (!to) return;
  to.port.flush();
  if (to.packet) {
    tty.pktstatus |= TIOCPKT_FLUSHWRITE;
    to.read_wait.wakeAll();
  }
}

/** pty_unthrottle: our reader made room, so the other half's writers may go on. */
function pty_unthrottle(tty: Tty): void {
  if (tty.link) tty_wakeup(tty.link);
}

/**
 * pty_open: every open of either half. The slave cannot be opened while the master keeps it
 * locked, after the master is gone, or once the master is closing (EIO, and TTY_IO_ERROR).
 */
function pty_open(tty: Tty): number {
  const link = tty.link;
  if (!link) return -ENODEV;
  const fail = (tty.flags & TTY_OTHER_CLOSED) !== 0 || (link.flags & TTY_PTY_LOCK) !== 0 || (!is_master(tty) && link.count !== 1);
  if (fail) {
    tty.flags |= TTY_IO_ERROR;
    return -EIO;
  }
  tty.flags &= ~TTY_IO_ERROR;
  link.flags &= ~TTY_OTHER_CLOSED;
  return 0;
}

/**
 * pty_close: every close of either half, before its count drops. The last slave file closing
 * tells the master (TTY_OTHER_CLOSED: its reads end in EIO); the master closing removes
 * /dev/pts/N and hangs the slave up.
 */
function pty_close(tty: Tty): void {
  // A slave's count includes the master's hold on it: more than 2 means other slave files remain.
  if (!is_master(tty) && (tty.flags & TTY_IO_ERROR || tty.count > 2)) return;
  tty.flags |= TTY_IO_ERROR;
  tty.read_wait.wakeAll();
  tty.write_wait.wakeAll();
  tty.packet = false;
  const link = tty.link;
  if (!link) return;
  link.flags |= TTY_OTHER_CLOSED;
  link.read_wait.wakeAll();
  link.write_wait.wakeAll();
  if (is_master(tty)) {
    tty.flags |= TTY_OTHER_CLOSED;
    const dentry = link.driver_data as Dentry | null;
    if (dentry) devpts_pty_kill(dentry);
    link.driver_data = null;
    tty_vhangup(link);
  }
}

/**
 * The last close of one half (release_tty). The master's going also drops its hold on the slave;
 * when both halves are gone, the pair's number is free again (pty_unix98_remove).
 */
function pty_shutdown(tty: Tty): void {
  const link = tty.link;
  if (!link) return;
  if (is_master(tty)) {
    if (link.count > 0 && --link.count === 0) {
      tty_release_last(link);
      return;
    }
  }
  const master = is_master(tty) ? tty : link;
  const slave = is_master(tty) ? link : tty;
  if (master.count === 0 && slave.count === 0) {
    const priv = master.driver_data as PtmPrivate | null;
    if (priv) devpts_kill_index(priv.fsi, master.index);
    master.driver_data = null;
  }
}

/**
 * pty_resize (TIOCSWINSZ on either half lands here, on the slave): both halves get the size, and
 * the foreground groups of both (normally just the slave's) get SIGWINCH.
 */
function pty_resize(tty: Tty, ws: Winsize): number {
  const w = tty.winsize;
  if (w.row === ws.row && w.col === ws.col && w.xpixel === ws.xpixel && w.ypixel === ws.ypixel) return 0;
  const pty = tty.link;
  const pgrp = tty.pgrp;
  const rpgrp = pty?.pgrp ?? 0;
  if (pgrp) tty_kill_pgrp(tty.kernel, pgrp, SIGWINCH);
  if (rpgrp !== pgrp && rpgrp) tty_kill_pgrp(tty.kernel, rpgrp, SIGWINCH);
  tty.winsize = { ...ws };
  if (pty) pty.winsize = { ...ws };
  return 0;
}

/** Packet mode: a status change of the slave for the master to read (pty_stop, pty_start). */
function pty_pktstatus(tty: Tty, set: number, clear: number): void {
  const master = tty.link;
  if (!master?.packet) return;
  tty.pktstatus = (tty.pktstatus & ~clear) | set;
  master.read_wait.wakeAll();
}

/**
 * pty_set_termios (the slave's modes changed): a master in packet mode learns whether ^S/^Q flow
 * control is now on (DOSTOP) or off (NOSTOP). A pty has no wires: always 8 bits, no parity.
 */
function pty_set_termios(tty: Tty, old: Ktermios): void {
  const tm = tty.termios;
  if (tty.link?.packet) {
    const extproc = (old.lflag & EXTPROC) | (tm.lflag & EXTPROC);
    const oldFlow = (old.iflag & IXON) !== 0 && old.cc[VSTOP] === 0x13 && old.cc[VSTART] === 0x11;
    const newFlow = (tm.iflag & IXON) !== 0 && tm.cc[VSTOP] === 0x13 && tm.cc[VSTART] === 0x11;
    if (oldFlow !== newFlow || extproc) {
      if (oldFlow !== newFlow) tty.pktstatus = (tty.pktstatus & ~(TIOCPKT_DOSTOP | TIOCPKT_NOSTOP)) | (newFlow ? TIOCPKT_DOSTOP : TIOCPKT_NOSTOP);
      if (extproc) tty.pktstatus |= TIOCPKT_IOCTL;
      tty.link.read_wait.wakeAll();
    }
  }
  tm.cflag = ((tm.cflag & ~(CSIZE | PARENB)) | CS8 | CREAD) >>> 0;
}

// ---- the master's ioctls --------------------------------------------------------------------------

/** pty_signal (TIOCSIG): the master sends ^C, ^\ or ^Z's signal to the slave's foreground group. */
function pty_signal(tty: Tty, sig: number): number {
  if (sig !== SIGINT && sig !== SIGQUIT && sig !== SIGTSTP) return -EINVAL;
  if (tty.link?.pgrp) tty_kill_pgrp(tty.kernel, tty.link.pgrp, sig);
  return 0;
}

/**
 * ptm_open_peer (TIOCGPTPEER): open the slave through the master's devpts, without looking up a
 * path (safe even if /dev/pts is not where the program thinks). Returns the new fd.
 */
function ptm_open_peer(tty: Tty, t: Task, flags: number): number {
  const priv = tty.driver_data as PtmPrivate | null;
  const dentry = tty.link?.driver_data as Dentry | null;
  if (!priv || !dentry) return -EIO;
  const file = vfs_open(t, { mnt: priv.mnt, dentry }, flags);
  if (file === SLEEP) return -EIO;
  if (typeof file === 'number') return file;
  const fd = t.files.install(file, (flags & O_CLOEXEC) !== 0, 0, rlimit_nofile(t));
  if (fd < 0) {
    fput(file, t);
    return -EMFILE;
  }
  return fd;
}

/** pty_unix98_ioctl: the master's requests; -ENOIOCTLCMD for the rest (termios, job control …). */
function pty_unix98_ioctl(tty: Tty, cmd: number, arg: number, t: Task): number {
  switch (cmd) {
    case TIOCSPTLCK: {
      // pty_set_lock: unlockpt() passes 0.
      const v = get_user_i32(t, arg);
      if (Number.isNaN(v)) return -EFAULT;
      if (v) tty.flags |= TTY_PTY_LOCK;
      else tty.flags &= ~TTY_PTY_LOCK;
      return 0;
    }
    case TIOCGPTLCK:
      return put_user_i32(t, arg, tty.flags & TTY_PTY_LOCK ? 1 : 0) < 0 ? -EFAULT : 0;
    case TIOCPKT: {
      const v = get_user_i32(t, arg);
      if (Number.isNaN(v)) return -EFAULT;
      if (v && !tty.packet && tty.link) tty.link.pktstatus = 0;
      tty.packet = v !== 0;
      return 0;
    }
    case TIOCGPKT:
      return put_user_i32(t, arg, tty.packet ? 1 : 0) < 0 ? -EFAULT : 0;
    case TIOCGPTN:
      return put_user_u32(t, arg, tty.index) < 0 ? -EFAULT : 0;
    case TIOCSIG:
      return pty_signal(tty, arg);
    case TIOCGPTPEER:
      return ptm_open_peer(tty, t, arg);
    default:
      return -ENOIOCTLCMD;
  }
}

/** ptm_unix98_ops: the master's driver. */
const ptm_unix98_ops: TtyOperations = {
  write: pty_write,
  write_room: pty_write_room,
  flush_buffer: pty_flush_buffer,
  unthrottle: pty_unthrottle,
  ioctl: pty_unix98_ioctl,
  open: pty_open,
  close: pty_close,
  shutdown: pty_shutdown,
  resize: pty_resize,
};

/** pty_unix98_ops: the slave's driver (its own ioctls are only the generic ones). */
const pty_unix98_ops: TtyOperations = {
  write: pty_write,
  write_room: pty_write_room,
  flush_buffer: pty_flush_buffer,
  unthrottle: pty_unthrottle,
  set_termios: pty_set_termios,
  stop: (tty) => pty_pktstatus(tty, TIOCPKT_STOP, TIOCPKT_START),
  start: (tty) => pty_pktstatus(tty, TIOCPKT_START, TIOCPKT_STOP),
  open: pty_open,
  close: pty_close,
  shutdown: pty_shutdown,
  resize: pty_resize,
};

// ---- /dev/ptmx ----------------------------------------------------------------------------------

/**
 * ptmx_open: a new pair. The master is this file (never a controlling terminal); the slave is
 * locked, held by the master, and has its node /dev/pts/N in the devpts next to the ptmx opened.
 */
function ptmx_open(_inode: Inode, file: File, t: Task): number {
  const d = drivers.get(t.kernel);
  if (!d) return -ENODEV;
  file.f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE); // nonseekable_open
  const found = devpts_acquire(file);
  if (typeof found === 'number') return found;
  const index = devpts_new_index(found.fsi);
  if (index < 0) return index;
  // tty_init_dev + pty_common_install: both halves, each with its line discipline.
  const master = new Tty(t.kernel, d.ptm, index);
  const slave = new Tty(t.kernel, d.pts, index);
  master.link = slave;
  slave.link = master;
  n_tty_open(master);
  n_tty_open(slave);
  master.flags |= TTY_PTY_LOCK; // locked until unlockpt()
  slave.count = 1; // the master's hold on its slave
  master.driver_data = { fsi: found.fsi, mnt: found.mnt } satisfies PtmPrivate;
  master.count = 1;
  master.files.add(file);
  file.private_data = { tty: master, redirected: false } satisfies TtyFilePrivate;
  slave.driver_data = devpts_pty_new(found.fsi, index, slave, t.cred);
  return pty_open(master);
}

/**
 * ptmx_fops: tty_fops with ptmx's own open; a master's /proc/<pid>/fdinfo names its pty
 * (pty_show_fdinfo: "tty-index:\t0").
 */
const ptmx_fops: FileOperations = {
  ...tty_fops,
  open: ptmx_open,
  show_fdinfo: (file) => `tty-index:\t${file_tty(file).index}\n`,
};

/** The pty half behind a devpts node (pts_unix98_lookup): EIO for a 136:N node outside devpts. */
function pts_unix98_lookup(file: File): Tty | number {
  const tty = devpts_get_priv(file.path.dentry) as Tty | null;
  return tty ?? -EIO;
}

/** The master and slave drivers' starting modes (pty.c's init_termios). */
function pty_init_termios(master: boolean): Ktermios {
  const k = tty_std_termios();
  if (master) k.iflag = k.oflag = k.lflag = 0;
  k.cflag = B38400 | CS8 | CREAD;
  return k;
}

function pty_driver(name: string, procName: string, major: number, subtype: number, ops: TtyOperations): TtyDriver {
  const d = new TtyDriver(name, name, major, 0, NR_UNIX98_PTY_MAX, ops, pty_init_termios(subtype === PTY_TYPE_MASTER));
  d.type = TTY_DRIVER_TYPE_PTY;
  d.subtype = subtype;
  d.procName = procName;
  d.resetTermios = true;
  d.realRaw = true;
  return d;
}

/**
 * unix98_pty_init: the ptm (128) and pts (136) drivers, /dev/ptmx (5:2) and the devpts
 * filesystem. Call after console_init. Returns 0 or -errno.
 */
export function unix98_pty_init(kernel: Kernel): number {
  const ptm = pty_driver('ptm', 'pty_master', UNIX98_PTY_MASTER_MAJOR, PTY_TYPE_MASTER, ptm_unix98_ops);
  const pts = pty_driver('pts', 'pty_slave', UNIX98_PTY_SLAVE_MAJOR, PTY_TYPE_SLAVE, pty_unix98_ops);
  ptm.lookup = () => -EIO; // "Master must be opened via ptmx"
  pts.lookup = pts_unix98_lookup;
  for (const d of [ptm, pts]) {
    const r = tty_register_driver(kernel, d);
    if (r < 0) return r;
  }
  drivers.set(kernel, { ptm, pts });
  const r = registerChrdev(kernel, TTYAUX_MAJOR, PTMX_MINOR, 1, '/dev/ptmx', ptmx_fops);
  if (r < 0) return r;
  const f = init_devpts_fs(kernel);
  if (f < 0) return f;
  // The tty class gives /dev/ptmx mode 0666 (tty_devnode), like /dev/tty.
  if (has_driver_model(kernel)) device_create(kernel, { name: 'ptmx', className: 'tty', devt: makedev(PTMX_MAJOR, PTMX_MINOR), nodeMode: 0o666 });
  return 0;
}
