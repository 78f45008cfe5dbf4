// The virtual consoles tty1..tty6 (drivers/tty/console.ts): each its own terminal, the front one
// named by tty0's `active`, KDSIGACCEPT's signal on a switch, and flow control by acknowledgement.

import { describe, expect, it } from 'vitest';
import { O_RDWR } from '../../../../../emulator/uapi/fcntl';
import { KDSIGACCEPT } from '../../../../../emulator/uapi/kd';
import { SIGKILL, SIGWINCH, SIGUSR1 } from '../../../../../emulator/uapi/signal';
import { errname, pending, readStr, TtyMachine, UTask, writeStr } from './fixture';

describe('virtual consoles', () => {
  it('keeps input, output and size apart per console', () => {
    const m = new TtyMachine();
    const out: [number, string][] = [];
    m.con.onOutput((b, vt) => out.push([vt, String.fromCharCode(...b)]));
    const fd2 = m.sh.open('/dev/tty2', O_RDWR);
    expect(fd2).toBeGreaterThanOrEqual(0);
    expect(writeStr(m.sh, fd2, 'two\n')).toBe(4);
    expect(out).toEqual([[2, 'two\r\n']]);
    m.con.input(Uint8Array.from([0x61, 0x0a]), 2);
    expect(readStr(m.sh, fd2, 10)).toBe('a\n');
    m.con.resize(100, 30, 2);
    expect(m.con.ttys[1]!.winsize).toMatchObject({ row: 30, col: 100 });
    expect(m.con.tty.winsize).toMatchObject({ row: 24, col: 80 });
    expect(errname(m.sh.open('/dev/tty7', O_RDWR))).toBe('ENOENT');
  });

  it('KDSIGACCEPT: the caller gets its signal when the user turns to a console (privileged only)', () => {
    const m = new TtyMachine();
    const fd = m.sh.open('/dev/tty0', O_RDWR);
    // A process that had the console open and gave up root (as after su).
    const user = new UTask(m.k);
    const ufd = user.open('/dev/tty0', O_RDWR);
    user.t.cred.euid = 1000;
    expect(errname(user.sys('ioctl', ufd, KDSIGACCEPT, SIGUSR1))).toBe('EPERM');
    expect(errname(m.sh.sys('ioctl', fd, KDSIGACCEPT, 65))).toBe('EINVAL');
    expect(errname(m.sh.sys('ioctl', fd, KDSIGACCEPT, SIGKILL))).toBe('EINVAL');
    expect(errname(m.sh.sys('ioctl', fd, KDSIGACCEPT, 0))).toBe('EINVAL');
    expect(m.sh.sys('ioctl', fd, KDSIGACCEPT, SIGUSR1)).toBe(0);
    m.con.activate(3);
    expect(m.con.fg).toBe(2);
    expect(pending(m.sh, SIGUSR1)).toBe(true);
    expect(pending(m.sh, SIGWINCH)).toBe(false);
  });

  it('with flow control, write room is what the terminal has not yet acknowledged', () => {
    const m = new TtyMachine();
    m.con.setFlowControl(10);
    const tty = m.con.tty;
    expect(tty.ops.write_room(tty)).toBe(10);
    expect(writeStr(m.sh, m.fd, 'abcdefgh')).toBe(8);
    expect(tty.ops.write_room(tty)).toBe(2);
    // "\n" is two bytes on the screen (ONLCR): with 2 left, "ij\n" takes "ij" and waits for the rest.
    expect(writeStr(m.sh, m.fd, 'ij\n')).toBe('SLEEP');
    m.con.ack(8);
    expect(tty.ops.write_room(tty)).toBe(8);
    m.con.setFlowControl(null);
    expect(tty.ops.write_room(tty)).toBe(32768);
  });
});
