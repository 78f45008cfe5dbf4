// Controlling terminals and job control: who gets a terminal, who may read and write it, and
// tcgetpgrp/tcsetpgrp. The errno values were checked on Linux with a pty (setsid, TIOCSCTTY…).

import { describe, expect, it } from 'vitest';
import { O_NOCTTY, O_RDONLY, O_RDWR, O_WRONLY } from '../../../../../emulator/uapi/fcntl';
import { SIGCONT, SIGHUP, SIGTTIN, SIGTTOU, SIG_IGN, sigmask } from '../../../../../emulator/uapi/signal';
import {
  ICANON, TIOCGPGRP, TIOCGSID, TIOCNOTTY, TIOCSCTTY, TIOCSPGRP, TOSTOP,
} from '../../../../../emulator/uapi/termios';
import { disassociate_ctty } from '../../../../../emulator/kernel/drivers/tty/tty_jobctrl';
import { ttySyscalls } from '../../../../../emulator/kernel/drivers/tty/tty_io';
import { clearSignals, errname, ioctlInt, pending, readStr, stty, tcgetattr, tcsetattr, TtyMachine, UTask, writeStr } from './fixture';

describe('the controlling terminal', () => {
  it('a session leader opening a terminal without O_NOCTTY gets it, with its group in the foreground', () => {
    const m = new TtyMachine();
    const g = m.sh.t.group;
    expect(g.tty).toBe(m.tty);
    expect(m.tty.session).toBe(g.sid);
    expect(m.tty.pgrp).toBe(g.pgid);
    expect(ioctlInt(m.sh, m.fd, TIOCGPGRP)).toEqual([0, g.pgid]);
    expect(ioctlInt(m.sh, m.fd, TIOCGSID)).toEqual([0, g.sid]);
  });

  it('O_NOCTTY, /dev/console, /dev/tty0 and a write-only open do not make it the controlling terminal', () => {
    for (const [path, flags] of [['/dev/tty1', O_RDWR | O_NOCTTY], ['/dev/console', O_RDWR], ['/dev/tty0', O_RDWR], ['/dev/tty1', O_WRONLY]] as const) {
      const m = new TtyMachine({ open: false });
      const fd = m.sh.open(path, flags);
      expect(fd).toBeGreaterThanOrEqual(0);
      expect(m.sh.t.group.tty).toBe(null);
      expect(errname(ioctlInt(m.sh, fd, TIOCGPGRP)[0])).toBe('ENOTTY');
      expect(errname(ioctlInt(m.sh, fd, TIOCGSID)[0])).toBe('ENOTTY');
    }
  });

  it('a process that is not a session leader does not get one by opening', () => {
    const m = new TtyMachine({ open: false });
    const child = m.member(m.sh.t.tgid);
    child.t.group.tty = null;
    expect(child.open('/dev/tty1', O_RDWR)).toBeGreaterThanOrEqual(0);
    expect(child.t.group.tty).toBe(null);
    expect(m.tty.session).toBe(0);
  });

  it('/dev/tty is the caller\'s controlling terminal, or ENXIO', () => {
    const m = new TtyMachine();
    const fd = m.sh.open('/dev/tty', O_RDWR);
    expect(fd).toBeGreaterThanOrEqual(0);
    m.output();
    expect(writeStr(m.sh, fd, 'via /dev/tty\n')).toBe(13);
    expect(m.output()).toBe('via /dev/tty\r\n');
    const stranger = new UTask(m.k);
    expect(errname(stranger.open('/dev/tty', O_RDWR))).toBe('ENXIO');
  });

  it('TIOCSCTTY: for a session leader without one; a terminal of another session only for root with arg 1', () => {
    const m = new TtyMachine({ open: false });
    const fd = m.sh.open('/dev/tty1', O_RDWR | O_NOCTTY);
    expect(m.sh.sys('ioctl', fd, TIOCSCTTY, 0)).toBe(0);
    expect(m.sh.t.group.tty).toBe(m.tty);
    expect(m.sh.sys('ioctl', fd, TIOCSCTTY, 0)).toBe(0); // already ours
    // A second session wants it.
    expect(m.sh.sys('chmod', '/dev/tty1', 0o666)).toBe(0);
    const other = new UTask(m.k, 1000);
    const ofd = other.open('/dev/tty1', O_RDWR | O_NOCTTY);
    expect(errname(other.sys('ioctl', ofd, TIOCSCTTY, 1))).toBe('EPERM');
    const root = new UTask(m.k);
    const rfd = root.open('/dev/tty1', O_RDWR | O_NOCTTY);
    expect(errname(root.sys('ioctl', rfd, TIOCSCTTY, 0))).toBe('EPERM');
    expect(root.sys('ioctl', rfd, TIOCSCTTY, 1)).toBe(0);
    expect(m.sh.t.group.tty).toBe(null);
    expect(m.tty.session).toBe(root.t.group.sid);
    // Not a session leader: EPERM.
    const child = m.member();
    child.t.group.tty = null;
    const cfd = child.open('/dev/tty1', O_RDWR | O_NOCTTY);
    expect(errname(child.sys('ioctl', cfd, TIOCSCTTY, 0))).toBe('EPERM');
  });

  it('TIOCNOTTY by the session leader hangs up the foreground group (SIGHUP, SIGCONT) and frees the terminal', () => {
    const m = new TtyMachine();
    const job = m.member();
    m.tty.pgrp = job.t.group.pgid;
    expect(m.sh.sys('ioctl', m.fd, TIOCNOTTY, 0)).toBe(0);
    expect(pending(job, SIGHUP)).toBe(true);
    expect(pending(job, SIGCONT)).toBe(true);
    expect(m.sh.t.group.tty).toBe(null);
    expect(job.t.group.tty).toBe(null);
    expect(m.tty.session).toBe(0);
    expect(errname(m.sh.sys('ioctl', m.fd, TIOCNOTTY, 0))).toBe('ENOTTY');
  });

  it('TIOCNOTTY by another member just lets go', () => {
    const m = new TtyMachine();
    const job = m.member();
    expect(job.sys('ioctl', 0, TIOCNOTTY, 0)).toBe(0);
    expect(job.t.group.tty).toBe(null);
    expect(m.sh.t.group.tty).toBe(m.tty);
  });

  it('the last close of the terminal ends the session\'s hold on it', () => {
    const m = new TtyMachine();
    m.type('typeahead');
    expect(m.sh.sys('close', m.fd)).toBe(0);
    expect(m.sh.t.group.tty).toBe(null);
    expect(m.tty.session).toBe(0);
    const fd = m.sh.open('/dev/tty1', O_RDWR);
    expect(m.sh.t.group.tty).toBe(m.tty);
    m.type('\n');
    expect(readStr(m.sh, fd)).toBe('\n');
  });

  it('a session leader\'s exit hangs up the terminal: SIGHUP to the foreground job, its files dead', () => {
    const m = new TtyMachine();
    const job = m.member();
    m.tty.pgrp = job.t.group.pgid;
    disassociate_ctty(m.sh.t, true);
    expect(pending(job, SIGHUP)).toBe(true);
    expect(job.t.group.tty).toBe(null);
    expect(readStr(job, 0)).toBe('');
    expect(writeStr(job, 0, 'x')).toBe('EIO');
    expect(errname(job.sys('ioctl', 0, TIOCSPGRP, job.alloc(4)))).toBe('ENOTTY');
    expect(errname(ioctlInt(job, 0, TIOCGPGRP)[0])).toBe('EIO');
    expect(job.sys('close', 0)).toBe(0);
  });
});

describe('vhangup(2)', () => {
  it('root hangs up its controlling terminal: the session loses it, open files go dead', () => {
    const m = new TtyMachine();
    const job = m.member();
    const user = m.member();
    user.t.cred.euid = 1000;
    expect(errname(ttySyscalls.vhangup!(user.t, 0, 0, 0, 0, 0, 0))).toBe('EPERM');
    expect(ttySyscalls.vhangup!(m.sh.t, 0, 0, 0, 0, 0, 0)).toBe(0);
    expect(pending(m.sh, SIGHUP)).toBe(true); // the session leader hears of it
    expect(job.t.group.tty).toBe(null);
    expect(writeStr(m.sh, m.fd, 'x')).toBe('EIO');
    // A new open works: the terminal itself is fine.
    clearSignals(m.sh);
    const fd = m.sh.open('/dev/tty1', O_RDWR);
    m.output();
    expect(writeStr(m.sh, fd, 'ok')).toBe(2);
    expect(m.output()).toBe('ok');
  });
});

describe('tcsetpgrp (TIOCSPGRP)', () => {
  it('moves the foreground to a group of the same session', () => {
    const m = new TtyMachine();
    const job = m.member();
    expect(ioctlInt(m.sh, m.fd, TIOCSPGRP, job.t.group.pgid)[0]).toBe(0);
    expect(m.tty.pgrp).toBe(job.t.group.pgid);
    expect(ioctlInt(m.sh, m.fd, TIOCGPGRP)[1]).toBe(job.t.group.pgid);
  });

  it('EPERM for a group of another session, ESRCH for no such group, EINVAL for a negative one', () => {
    const m = new TtyMachine();
    const stranger = new UTask(m.k);
    expect(errname(ioctlInt(m.sh, m.fd, TIOCSPGRP, stranger.t.tgid)[0])).toBe('EPERM');
    expect(errname(ioctlInt(m.sh, m.fd, TIOCSPGRP, 99999)[0])).toBe('ESRCH');
    expect(errname(ioctlInt(m.sh, m.fd, TIOCSPGRP, -1)[0])).toBe('EINVAL');
  });

  it('ENOTTY on a terminal that is not the caller\'s controlling terminal', () => {
    const m = new TtyMachine();
    const stranger = new UTask(m.k);
    const fd = stranger.open('/dev/tty1', O_RDWR);
    expect(stranger.t.group.tty).toBe(null); // the terminal already has a session
    expect(errname(ioctlInt(stranger, fd, TIOCSPGRP, stranger.t.tgid)[0])).toBe('ENOTTY');
  });

  it('from the background it is a SIGTTOU, unless SIGTTOU is blocked or ignored (as shells do)', () => {
    const m = new TtyMachine();
    const job = m.member();
    expect(errname(ioctlInt(job, 0, TIOCSPGRP, job.t.group.pgid)[0])).toBe('ERESTARTSYS');
    expect(pending(job, SIGTTOU)).toBe(true);
    clearSignals(job);
    job.t.blocked |= sigmask(SIGTTOU);
    expect(ioctlInt(job, 0, TIOCSPGRP, job.t.group.pgid)[0]).toBe(0);
    expect(m.tty.pgrp).toBe(job.t.group.pgid);
  });
});

describe('background reads and writes', () => {
  it('a background reader gets SIGTTIN and the read restarts later; the foreground reads', () => {
    const m = new TtyMachine();
    const bg = m.member();
    m.type('line\n');
    expect(readStr(bg, 0)).toBe('ERESTARTSYS');
    expect(pending(bg, SIGTTIN)).toBe(true);
    expect(pending(m.sh, SIGTTIN)).toBe(false);
    expect(readStr(m.sh, m.fd)).toBe('line\n');
  });

  it('EIO if the reader ignores or blocks SIGTTIN, or its group is orphaned', () => {
    const m = new TtyMachine();
    const bg = m.member();
    bg.t.sighand.action[SIGTTIN]!.handler = SIG_IGN;
    expect(readStr(bg, 0)).toBe('EIO');
    const orphan = m.member();
    orphan.t.parent = null; // its shell is gone: no one could continue it
    expect(readStr(orphan, 0)).toBe('EIO');
    expect(pending(orphan, SIGTTIN)).toBe(false);
  });

  it('reading /dev/console is never stopped for job control', () => {
    const m = new TtyMachine();
    const bg = m.member();
    const fd = bg.open('/dev/console', O_RDONLY);
    m.type('hi\n');
    expect(readStr(bg, fd)).toBe('hi\n');
    expect(pending(bg, SIGTTIN)).toBe(false);
  });

  it('background writes go through unless TOSTOP; with TOSTOP they get SIGTTOU', () => {
    const m = new TtyMachine();
    const bg = m.member();
    m.output();
    expect(writeStr(bg, 0, 'bg\n')).toBe(3);
    expect(m.output()).toBe('bg\r\n');
    stty(m.sh, m.fd, { lflag: [TOSTOP, 0] });
    expect(writeStr(bg, 0, 'bg\n')).toBe('ERESTARTSYS');
    expect(pending(bg, SIGTTOU)).toBe(true);
    clearSignals(bg);
    bg.t.sighand.action[SIGTTOU]!.handler = SIG_IGN;
    expect(writeStr(bg, 0, 'ok\n')).toBe(3);
    expect(m.output()).toBe('ok\r\n');
  });

  it('changing the modes from the background is a SIGTTOU even without TOSTOP', () => {
    const m = new TtyMachine();
    const bg = m.member();
    const tm = tcgetattr(bg, 0); // reading the modes is allowed
    tm.lflag &= ~ICANON;
    expect(errname(tcsetattr(bg, 0, tm))).toBe('ERESTARTSYS');
    expect(pending(bg, SIGTTOU)).toBe(true);
    expect(m.tty.termios.lflag & ICANON).toBe(ICANON);
  });
});
