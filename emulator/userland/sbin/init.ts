// /sbin/init, pid 1. Starts a login shell on the console and respawns it when it exits (as a
// getty would), and one on tty2..tty6 when the user turns to that console; with `single` (single-user mode, as the kernel command line says it) runs that
// shell once and powers the machine off when it ends (`ringside shell`); with `-c COMMAND` runs
// one command on the console and powers off with its exit status (how `ringside run` works). Either way it reaps orphans: every process
// whose parent died becomes init's child, and init waits for them. Before anything else it mounts
// the kernel's virtual filesystems, as an /etc/fstab (or an initramfs script) would: proc on
// /proc, sysfs on /sys, devtmpfs on /dev (see mountVirtualFilesystems).

import { __NR } from '../../uapi/unistd_64';
import { O_NOCTTY, O_RDWR } from '../../uapi/fcntl';
import { EINTR } from '../../uapi/errno';
import { KDSIGACCEPT } from '../../uapi/kd';
import { SIGWINCH } from '../../uapi/signal';
import { sigaction } from '../libc/signal';
import { ioctl } from '../libc/sys_ioctl';
import { readTextFile } from '../libc/read_file';
import { WEXITSTATUS, WIFEXITED, WNOHANG, WTERMSIG } from '../../uapi/sched';
import type { Sys } from '../runtime/context';
import { errno, syscall } from '../libc/process';
import { open } from '../libc/fcntl';
import { chdir, close, dup2, execve, fork, setsid, writeAll } from '../libc/unistd';
import { waitpid } from '../libc/wait';
import { mount } from '../libc/mount';
import { strerror } from '../libc/string';
import { mkdir } from '../libc/sys_stat';
import { MS_NODEV, MS_NOEXEC, MS_NOSUID } from '../../uapi/mount';
import { make_dev_links } from '../bin/udev/devlinks';

const ROOT_ENV = [
  'HOME=/root',
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'TERM=linux',
  'SHELL=/bin/sh',
  'USER=root',
  'LOGNAME=root',
  'PWD=/root',
];

const LINUX_REBOOT_MAGIC1 = 0xfee1dead;
const LINUX_REBOOT_MAGIC2 = 672274793;
const LINUX_REBOOT_CMD_POWER_OFF = 0x4321fedc;

/**
 * The console session: a new session whose controlling terminal is the first virtual terminal,
 * opened as getty does (/dev/console itself never becomes a controlling terminal on Linux).
 */
function* consoleChild(argv: string[], tty = '/dev/tty1'): Sys<number> {
  yield* setsid();
  const fd = yield* open(tty, O_RDWR);
  if (fd < 0) return 1;
  for (let i = 0; i < 3; i++) if (fd !== i) yield* dup2(fd, i);
  if (fd > 2) yield* close(fd);
  yield* chdir('/root');
  yield* execve('/bin/sh', argv, ROOT_ENV);
  yield* writeAll(2, 'init: cannot run /bin/sh\n');
  return 127;
}

/** One mount, with a message on failure. */
function* mountOne(source: string, target: string, type: string, flags: number, data: string | null = null): Sys<void> {
  if ((yield* mount(source, target, type, flags, data)) < 0) {
    yield* writeAll(2, `init: cannot mount ${type} on ${target}: ${strerror(errno())}\n`);
  }
}

/**
 * The kernel's filesystems, as systemd mounts them early: proc on /proc, sysfs on /sys, devtmpfs
 * on /dev (the nodes of every device the kernel has), a tmpfs for POSIX shared memory on /dev/shm,
 * devpts on /dev/pts (the pty slaves), and the links udev would add in /dev.
 */
function* mountVirtualFilesystems(): Sys<void> {
  yield* mountOne('proc', '/proc', 'proc', 0);
  yield* mountOne('sysfs', '/sys', 'sysfs', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  yield* mountOne('devtmpfs', '/dev', 'devtmpfs', MS_NOSUID, 'mode=755');
  yield* mkdir('/dev/shm', 0o1777);
  yield* mountOne('tmpfs', '/dev/shm', 'tmpfs', MS_NOSUID | MS_NODEV);
  // What systemd's sys-kernel-{debug,tracing,config}.mount units add.
  yield* mountOne('debugfs', '/sys/kernel/debug', 'debugfs', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  yield* mountOne('tracefs', '/sys/kernel/tracing', 'tracefs', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  yield* mountOne('configfs', '/sys/kernel/config', 'configfs', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  // Pseudo-terminals: group tty, mode 620 (others may write to a user's terminal, not read it).
  yield* mkdir('/dev/pts', 0o755);
  yield* mountOne('devpts', '/dev/pts', 'devpts', MS_NOSUID | MS_NOEXEC, 'gid=5,mode=620,ptmxmode=000');
  // POSIX message queues (systemd's dev-mqueue.mount).
  yield* mkdir('/dev/mqueue', 0o755);
  yield* mountOne('mqueue', '/dev/mqueue', 'mqueue', MS_NOSUID | MS_NODEV | MS_NOEXEC);
  yield* make_dev_links();
}

/**
 * Shells on the other virtual consoles, started when the user turns to one (a terminal tab): the
 * console driver sends init SIGWINCH for that (KDSIGACCEPT — sysvinit's kbrequest; systemd-logind
 * starts autovt@ttyN.service on the same event), and /sys/class/tty/tty0/active names the console.
 */
interface VtShells {
  /** Console number → the pid of its shell. */
  shells: Map<number, number>;
  /** SIGWINCH came: look at which console is active. */
  requested: boolean;
}

function* acceptConsoleRequests(vts: VtShells): Sys<void> {
  yield* sigaction(SIGWINCH, function* () {
    vts.requested = true;
  });
  const fd = yield* open('/dev/tty0', O_RDWR | O_NOCTTY);
  if (fd < 0) return;
  yield* ioctl(fd, KDSIGACCEPT, SIGWINCH);
  yield* close(fd);
}

function* startRequestedConsole(vts: VtShells): Sys<void> {
  vts.requested = false;
  const active = /^tty(\d+)$/.exec((yield* readTextFile('/sys/class/tty/tty0/active'))?.trim() ?? '');
  const vt = active ? Number(active[1]) : 0;
  if (vt < 2 || vts.shells.has(vt)) return;
  const pid = yield* fork(() => consoleChild(['-sh'], `/dev/tty${vt}`));
  if (pid > 0) vts.shells.set(vt, pid);
}

/** A shell on another console ended: it is started again when the user turns to that console. */
function vtShellEnded(vts: VtShells, pid: number): boolean {
  for (const [vt, p] of vts.shells) {
    if (p === pid) {
      vts.shells.delete(vt);
      return true;
    }
  }
  return false;
}

export function* init(argv: string[]): Sys<number> {
  yield* mountVirtualFilesystems();
  const command = argv[1] === '-c' ? argv[2] ?? '' : null;
  const once = command !== null || argv[1] === 'single';
  const vts: VtShells = { shells: new Map(), requested: false };
  if (!once) yield* acceptConsoleRequests(vts);
  for (;;) {
    const shellArgv = command === null ? ['-sh'] : ['sh', '-c', command];
    const shell = yield* fork(() => consoleChild(shellArgv));
    if (shell < 0) return 1;
    // Reap everything; the console shell's end decides what happens next.
    for (;;) {
      if (vts.requested) yield* startRequestedConsole(vts);
      const [pid, status] = yield* waitpid(-1);
      if (pid < 0) {
        if (errno() === EINTR) continue; // a console request (SIGWINCH)
        break;
      }
      if (vtShellEnded(vts, pid)) continue;
      if (pid !== shell) continue;
      if (once) {
        const code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        // Reap whatever else has already ended, so nothing is left a zombie at power-off.
        while ((yield* waitpid(-1, WNOHANG))[0] > 0);
        yield* syscall(__NR.reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, code);
        return code;
      }
      break;
    }
  }
}
