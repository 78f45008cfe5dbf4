// The terminal as a device: the modes it starts with, the termios and winsize ioctls, VMIN/VTIME
// reads, output processing, flow control, poll, and the console driver's own behaviour.

import { describe, expect, it } from 'vitest';
import { O_NONBLOCK, O_RDWR } from '../../../../../emulator/uapi/fcntl';
import { POLLIN, POLLOUT } from '../../../../../emulator/uapi/poll';
import { SIGINT, SIGWINCH } from '../../../../../emulator/uapi/signal';
import { S_IFCHR, makedev } from '../../../../../emulator/uapi/stat';
import { console_init } from '../../../../../emulator/kernel/drivers/tty/console';
import { fsKernel } from '../../fs/fixture';
import {
  B38400, B9600, CBAUD, CLOCAL, CREAD, CS8, ECHO, ECHOCTL, ECHOE, ECHOK, ECHOKE, HUPCL, ICANON, ICRNL, IEXTEN,
  ISIG, IUTF8, IXON, OCRNL, ONLCR, ONLRET, ONOCR, OPOST, TABDLY, TCFLSH, TCGETA, TCGETS2, TCIFLUSH, TCOOFF, TCOON,
  TCSBRK, TCSETSF, TCXONC, TERMIO, TERMIOS, TIOCEXCL, TIOCGDEV, TIOCGETD, TIOCGEXCL, TIOCGWINSZ, TIOCINQ,
  TIOCNXCL, TIOCOUTQ, TIOCSETD, TIOCSTI, TIOCSWINSZ, XTABS,
} from '../../../../../emulator/uapi/termios';
import { vfs_poll } from '../../../../../emulator/kernel/fs/fs';
import { kernel_vfs } from '../../../../../emulator/kernel/fs/vfs';
import {
  bytes, clearSignals, errname, ioctlInt, pending, raw, readStr, stty, tcgetattr, tcsetattr, TtyMachine, UTask, woken,
  writeStr,
} from './fixture';

/** SIGWINCH is ignored by default (and then discarded when sent): give the task a handler. */
function catchWinch(u: UTask): void {
  u.t.sighand.action[SIGWINCH]!.handler = 0x401000;
}

describe('the console\'s modes', () => {
  it('start as a Linux console\'s: stty -a shows icrnl ixon iutf8 opost onlcr isig icanon iexten echo echoe echok echoctl echoke', () => {
    const m = new TtyMachine();
    const tm = tcgetattr(m.sh, m.fd);
    expect(tm.iflag).toBe(ICRNL | IXON | IUTF8);
    expect(tm.oflag).toBe(OPOST | ONLCR);
    expect(tm.cflag).toBe(B38400 | CS8 | CREAD | HUPCL);
    expect(tm.lflag).toBe(ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN);
    expect(tm.line).toBe(0);
    // intr ^C quit ^\ erase ^? kill ^U eof ^D time 0 min 1 swtch - start ^Q stop ^S susp ^Z eol - rprnt ^R discard ^O werase ^W lnext ^V eol2 -
    expect(tm.cc).toEqual([3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0, 0, 0]);
  });

  it('TCSETS round-trips; the console keeps its speed and size bits (tty_termios_copy_hw)', () => {
    const m = new TtyMachine();
    const tm = tcgetattr(m.sh, m.fd);
    tm.lflag &= ~ECHO;
    tm.cflag = (tm.cflag & ~CBAUD) | B9600 | CLOCAL;
    expect(tcsetattr(m.sh, m.fd, tm)).toBe(0);
    const after = tcgetattr(m.sh, m.fd);
    expect(after.lflag & ECHO).toBe(0);
    expect(after.cflag & CBAUD).toBe(B38400);
    expect(after.cflag & CLOCAL).toBe(CLOCAL);
  });

  it('TCGETS2 adds the speeds; TCGETA is the old 16-bit termio', () => {
    const m = new TtyMachine();
    const p = m.sh.alloc(44);
    expect(m.sh.sys('ioctl', m.fd, TCGETS2, p)).toBe(0);
    const v = new DataView(m.sh.peek(p, 44).buffer);
    expect([v.getUint32(TERMIOS.ispeed, true), v.getUint32(TERMIOS.ospeed, true)]).toEqual([38400, 38400]);
    const q = m.sh.alloc(18);
    expect(m.sh.sys('ioctl', m.fd, TCGETA, q)).toBe(0);
    const w = new DataView(m.sh.peek(q, 18).buffer);
    expect(w.getUint16(TERMIO.lflag, true)).toBe(m.tty.termios.lflag & 0xffff);
    expect(m.sh.peek(q, 18)[TERMIO.cc]).toBe(3);
  });

  it('TCSETSF throws away unread input; TCFLSH TCIFLUSH too', () => {
    const m = new TtyMachine();
    m.type('old\n');
    expect(tcsetattr(m.sh, m.fd, tcgetattr(m.sh, m.fd), TCSETSF)).toBe(0);
    m.type('new\n');
    expect(readStr(m.sh, m.fd)).toBe('new\n');
    m.type('gone\n');
    expect(m.sh.sys('ioctl', m.fd, TCFLSH, TCIFLUSH)).toBe(0);
    expect(readStr(m.sh, m.fd)).toBe('SLEEP');
    expect(errname(m.sh.sys('ioctl', m.fd, TCFLSH, 5))).toBe('EINVAL');
  });

  it('bad pointers are EFAULT, unknown requests ENOTTY', () => {
    const m = new TtyMachine();
    expect(errname(m.sh.sys('ioctl', m.fd, 0x5401, 0x5000))).toBe('EFAULT');
    expect(errname(m.sh.sys('ioctl', m.fd, 0x54ff, 0))).toBe('ENOTTY');
    expect(errname(m.sh.sys('lseek', m.fd, 0, 0))).toBe('ESPIPE');
  });
});

describe('terminal ioctls', () => {
  it('TIOCGWINSZ/TIOCSWINSZ; a change sends SIGWINCH to the foreground group', () => {
    const m = new TtyMachine();
    catchWinch(m.sh);
    const ws = m.sh.alloc(8);
    expect(m.sh.sys('ioctl', m.fd, TIOCGWINSZ, ws)).toBe(0);
    expect([m.sh.peek(ws, 2)[0], m.sh.peek(ws + 2, 1)[0]]).toEqual([24, 80]);
    const nws = m.sh.bytes(new Uint8Array([30, 0, 100, 0, 0, 0, 0, 0]));
    expect(m.sh.sys('ioctl', m.fd, TIOCSWINSZ, nws)).toBe(0);
    expect(m.tty.winsize).toEqual({ row: 30, col: 100, xpixel: 0, ypixel: 0 });
    expect(pending(m.sh, SIGWINCH)).toBe(true);
    clearSignals(m.sh);
    expect(m.sh.sys('ioctl', m.fd, TIOCSWINSZ, nws)).toBe(0); // the same size: no signal
    expect(pending(m.sh, SIGWINCH)).toBe(false);
  });

  it('FIONREAD counts complete lines (not ^D) in canonical mode, everything otherwise', () => {
    const m = new TtyMachine();
    m.type('ab\ncd\x04ef');
    expect(ioctlInt(m.sh, m.fd, TIOCINQ)).toEqual([0, 5]);
    stty(m.sh, m.fd, { lflag: [0, ICANON] });
    m.type('g');
    expect(ioctlInt(m.sh, m.fd, TIOCINQ)).toEqual([0, 9]);
    expect(ioctlInt(m.sh, m.fd, TIOCOUTQ)).toEqual([0, 0]);
  });

  it('TIOCSTI pushes input as if typed, on one\'s own terminal only (else EPERM)', () => {
    const m = new TtyMachine();
    m.output();
    for (const c of 'hi\r') expect(m.sh.sys('ioctl', m.fd, TIOCSTI, m.sh.bytes(bytes(c)))).toBe(0);
    expect(m.output()).toBe('hi\r\n');
    expect(readStr(m.sh, m.fd)).toBe('hi\n');
    const other = new UTask(m.k, 1000);
    m.sh.sys('chmod', '/dev/tty1', 0o666);
    const fd = other.open('/dev/tty1', O_RDWR);
    expect(errname(other.sys('ioctl', fd, TIOCSTI, other.bytes(bytes('x'))))).toBe('EPERM');
  });

  it('TIOCGDEV is 4:1, TIOCGETD N_TTY, TIOCSETD only N_TTY, TCSBRK (tcdrain) succeeds', () => {
    const m = new TtyMachine();
    expect(ioctlInt(m.sh, m.fd, TIOCGDEV)).toEqual([0, makedev(4, 1)]);
    expect(ioctlInt(m.sh, m.fd, TIOCGETD)).toEqual([0, 0]);
    expect(ioctlInt(m.sh, m.fd, TIOCSETD, 0)[0]).toBe(0);
    expect(errname(ioctlInt(m.sh, m.fd, TIOCSETD, 5)[0])).toBe('EINVAL');
    expect(m.sh.sys('ioctl', m.fd, TCSBRK, 1)).toBe(0);
  });

  it('TIOCEXCL: further opens need root (EBUSY) until TIOCNXCL', () => {
    const m = new TtyMachine();
    m.sh.sys('chmod', '/dev/tty1', 0o666);
    expect(m.sh.sys('ioctl', m.fd, TIOCEXCL, 0)).toBe(0);
    expect(ioctlInt(m.sh, m.fd, TIOCGEXCL)).toEqual([0, 1]);
    const user = new UTask(m.k, 1000);
    expect(errname(user.open('/dev/tty1', O_RDWR))).toBe('EBUSY');
    expect(m.sh.open('/dev/tty1', O_RDWR)).toBeGreaterThanOrEqual(0);
    expect(m.sh.sys('ioctl', m.fd, TIOCNXCL, 0)).toBe(0);
    expect(user.open('/dev/tty1', O_RDWR)).toBeGreaterThanOrEqual(0);
  });

  it('/proc/devices shows the terminal majors as Linux names them', () => {
    const m = new TtyMachine();
    const list = kernel_vfs(m.k).chrdevs.list().filter(([maj]) => maj === 4 || maj === 5);
    expect(list).toEqual([[4, '/dev/vc/0'], [4, 'tty'], [5, '/dev/tty'], [5, '/dev/console']]);
  });
});

describe('VMIN and VTIME', () => {
  const DS = 100_000_000;

  it('MIN>0 TIME=0: waits for MIN bytes, then returns all there is', () => {
    const m = new TtyMachine();
    raw(m.sh, m.fd, 3, 0);
    m.type('ab');
    expect(readStr(m.sh, m.fd, 10)).toBe('SLEEP');
    m.type('c');
    expect(woken(m.sh)).toBe(true);
    expect(readStr(m.sh, m.fd, 10)).toBe('abc');
    m.type('wxyz');
    expect(readStr(m.sh, m.fd, 2)).toBe('wx');
    expect(readStr(m.sh, m.fd, 10)).toBe('SLEEP'); // only "yz": fewer than MIN
  });

  it('MIN=0 TIME=0: returns what is there, possibly nothing', () => {
    const m = new TtyMachine();
    raw(m.sh, m.fd, 0, 0);
    expect(readStr(m.sh, m.fd)).toBe('');
    m.type('q');
    expect(readStr(m.sh, m.fd)).toBe('q');
  });

  it('MIN=0 TIME>0: one byte or the timeout', () => {
    const m = new TtyMachine();
    raw(m.sh, m.fd, 0, 5);
    const start = m.k.clock.now();
    expect(readStr(m.sh, m.fd)).toBe('SLEEP');
    expect(m.k.clock.nextDeadline()).toBe(start + 5 * DS);
    m.k.clock.advanceTo(start + 5 * DS);
    m.k.clock.runExpired();
    expect(woken(m.sh)).toBe(true);
    expect(readStr(m.sh, m.fd)).toBe('');
    expect(readStr(m.sh, m.fd)).toBe('SLEEP');
    m.type('k');
    expect(readStr(m.sh, m.fd)).toBe('k');
  });

  it('MIN>0 TIME>0: the first byte is awaited forever, then TIME is an inter-byte timer', () => {
    const m = new TtyMachine();
    raw(m.sh, m.fd, 4, 2);
    expect(readStr(m.sh, m.fd)).toBe('SLEEP');
    expect(m.k.clock.nextDeadline()).toBe(null);
    m.type('a');
    expect(readStr(m.sh, m.fd)).toBe('SLEEP'); // has "a", waits for more within 0.2 s
    const t1 = m.k.clock.now();
    expect(m.k.clock.nextDeadline()).toBe(t1 + 2 * DS);
    m.k.clock.advanceTo(t1 + DS);
    m.type('b');
    expect(readStr(m.sh, m.fd)).toBe('SLEEP'); // timer restarted
    const t2 = m.k.clock.now();
    m.k.clock.advanceTo(t2 + 2 * DS);
    m.k.clock.runExpired();
    expect(readStr(m.sh, m.fd)).toBe('ab');
  });

  it('a signal ends the wait: with the bytes taken so far, or ERESTARTSYS', () => {
    const m = new TtyMachine();
    raw(m.sh, m.fd, 3, 0);
    expect(readStr(m.sh, m.fd)).toBe('SLEEP');
    m.type('\x03'); // ISIG is still on: SIGINT for the reader
    expect(woken(m.sh)).toBe(true);
    expect(readStr(m.sh, m.fd)).toBe('ERESTARTSYS');
    clearSignals(m.sh);
    m.type('x');
    expect(readStr(m.sh, m.fd)).toBe('SLEEP');
    m.sh.t.group.sharedPending.set |= 1n << BigInt(SIGINT - 1);
    expect(readStr(m.sh, m.fd)).toBe('x');
  });

  it('O_NONBLOCK: EAGAIN instead of waiting', () => {
    const m = new TtyMachine();
    const fd = m.sh.open('/dev/tty1', O_RDWR | O_NONBLOCK);
    expect(readStr(m.sh, fd)).toBe('EAGAIN');
    m.type('half');
    expect(readStr(m.sh, fd)).toBe('EAGAIN');
    m.type('\n');
    expect(readStr(m.sh, fd)).toBe('half\n');
  });
});

describe('output', () => {
  it('ONLCR turns \\n into \\r\\n; tabs and other bytes pass untouched', () => {
    const m = new TtyMachine();
    m.output();
    expect(writeStr(m.sh, m.fd, 'a\tb\nc\x1b[1m\r')).toBe(10);
    expect(m.output()).toBe('a\tb\r\nc\x1b[1m\r');
  });

  it('without OPOST bytes go out raw; XTABS expands tabs; OCRNL, ONOCR and ONLRET', () => {
    const m = new TtyMachine();
    stty(m.sh, m.fd, { oflag: [0, OPOST] });
    m.output();
    writeStr(m.sh, m.fd, 'a\n');
    expect(m.output()).toBe('a\n');
    stty(m.sh, m.fd, { oflag: [OPOST | XTABS, 0] });
    writeStr(m.sh, m.fd, 'ab\tc\n\t|');
    expect(m.output()).toBe('ab      c\r\n        |');
    stty(m.sh, m.fd, { oflag: [OCRNL, ONLCR | TABDLY] });
    writeStr(m.sh, m.fd, 'x\ry');
    expect(m.output()).toBe('x\ny');
    stty(m.sh, m.fd, { oflag: [ONOCR | ONLCR, OCRNL] });
    writeStr(m.sh, m.fd, '\n\rz\r');
    expect(m.output()).toBe('\r\nz\r');
    stty(m.sh, m.fd, { oflag: [ONLRET, ONLCR | ONOCR] });
    writeStr(m.sh, m.fd, 'q\n');
    expect(m.output()).toBe('q\n');
  });

  it('^S stops output (writers wait, echoes wait), ^Q starts it again', () => {
    const m = new TtyMachine();
    m.output();
    m.type('\x13');
    expect(m.tty.flow.stopped).toBe(true);
    expect(writeStr(m.sh, m.fd, 'held\n')).toBe('SLEEP');
    m.type('e');
    expect(m.output()).toBe('');
    const p = vfs_poll(m.sh.t.files.get(m.fd)!, m.sh.t, null);
    expect(p & POLLOUT).toBe(0);
    m.type('\x11');
    expect(m.tty.flow.stopped).toBe(false);
    expect(m.output()).toBe('e');
    expect(woken(m.sh)).toBe(true);
    expect(writeStr(m.sh, m.fd, 'held\n')).toBe(5);
    expect(m.output()).toBe('held\r\n');
  });

  it('a non-blocking write while stopped is EAGAIN; TCXONC TCOOFF is undone only by TCOON', () => {
    const m = new TtyMachine();
    const fd = m.sh.open('/dev/tty1', O_RDWR | O_NONBLOCK);
    expect(m.sh.sys('ioctl', m.fd, TCXONC, TCOOFF)).toBe(0);
    expect(writeStr(m.sh, fd, 'x')).toBe('EAGAIN');
    m.type('\x11'); // ^Q does not undo tcflow(TCOOFF)
    expect(m.tty.flow.stopped).toBe(true);
    expect(m.sh.sys('ioctl', m.fd, TCXONC, TCOON)).toBe(0);
    m.output();
    expect(writeStr(m.sh, fd, 'x')).toBe(1);
    expect(m.output()).toBe('x');
  });

  it('a write moves the node\'s mtime (in 8-second steps), a read its atime', () => {
    const m = new TtyMachine();
    const inode = m.sh.t.files.get(m.fd)!.inode;
    const before = inode.mtime;
    m.k.clock.advanceTo(m.k.clock.now() + 20e9);
    writeStr(m.sh, m.fd, 'x');
    expect(inode.mtime).toBeGreaterThan(before);
    expect(inode.mtime % 1e9).toBe(0);
  });
});

describe('poll', () => {
  it('readable when a line is complete (canonical) or VMIN bytes are in (non-canonical)', () => {
    const m = new TtyMachine();
    const file = m.sh.t.files.get(m.fd)!;
    expect(vfs_poll(file, m.sh.t, null)).toBe(POLLOUT | 0x100);
    m.type('ab');
    expect(vfs_poll(file, m.sh.t, null) & POLLIN).toBe(0);
    m.type('\n');
    expect(vfs_poll(file, m.sh.t, null) & POLLIN).toBe(POLLIN);
    readStr(m.sh, m.fd);
    raw(m.sh, m.fd, 2, 0);
    m.type('x');
    expect(vfs_poll(file, m.sh.t, null) & POLLIN).toBe(0);
    m.type('y');
    expect(vfs_poll(file, m.sh.t, null) & POLLIN).toBe(POLLIN);
  });
});

describe('the console driver', () => {
  it('keeps output written before anyone listens and hands it to the first listener', () => {
    const k = fsKernel();
    const con = console_init(k);
    const u = new UTask(k);
    u.sys('mkdir', '/dev', 0o755);
    u.sys('mknod', '/dev/tty1', S_IFCHR | 0o600, makedev(4, 1));
    const fd = u.open('/dev/tty1', O_RDWR);
    expect(writeStr(u, fd, 'early\n')).toBe(6);
    const got: string[] = [];
    con.onOutput((b) => got.push(String.fromCharCode(...b)));
    expect(got).toEqual(['early\r\n']);
    writeStr(u, fd, 'late');
    expect(got).toEqual(['early\r\n', 'late']);
  });

  it('buffers input typed before the console is opened, and typed while no one reads', () => {
    const m = new TtyMachine({ open: false });
    m.type('before open\n');
    const fd = m.sh.open('/dev/tty1', O_RDWR);
    m.output();
    m.type('second\n');
    expect(readStr(m.sh, fd)).toBe('before open\n');
    expect(readStr(m.sh, fd)).toBe('second\n');
  });

  it('input beyond the 4096-byte buffer waits in the flip buffer until a read makes room', () => {
    const m = new TtyMachine();
    raw(m.sh, m.fd, 1, 0);
    stty(m.sh, m.fd, { lflag: [0, ECHO] });
    const big = 'abcdefgh'.repeat(1000); // 8000 bytes
    m.type(big);
    expect(m.tty.port.size).toBe(8000 - 4095);
    let got = '';
    for (let i = 0; i < 10 && got.length < 8000; i++) got += readStr(m.sh, m.fd, 3000);
    expect(got).toBe(big);
    expect(m.tty.port.size).toBe(0);
  });

  it('resize() from the host sets the winsize and sends SIGWINCH to the foreground', () => {
    const m = new TtyMachine();
    catchWinch(m.sh);
    m.con.resize(132, 43);
    expect(m.tty.winsize).toEqual({ row: 43, col: 132, xpixel: 0, ypixel: 0 });
    expect(pending(m.sh, SIGWINCH)).toBe(true);
  });

  it('/dev/console and /dev/tty0 are the same terminal as /dev/tty1', () => {
    const m = new TtyMachine();
    const c = m.sh.open('/dev/console', O_RDWR);
    const z = m.sh.open('/dev/tty0', O_RDWR);
    m.output();
    writeStr(m.sh, c, 'c');
    writeStr(m.sh, z, 'z');
    expect(m.output()).toBe('cz');
    m.type('x\n');
    expect(readStr(m.sh, c)).toBe('x\n');
  });
});
