// Unix98 ptys (drivers/tty/pty.ts) and devpts (fs/devpts): a kernel with the VFS, the console and
// the pty driver; devpts mounted on /dev/pts with gid=5,mode=620 as our init does, /dev/ptmx made
// as devtmpfs would. Tasks call the syscalls directly. The expected behaviour was measured on
// Linux 6.18 (a Python script on the host: os.openpty, the ioctls below, reads after closes).

import { beforeEach, describe, expect, it } from 'vitest';
import { unix98_pty_init } from '../../../../../emulator/kernel/drivers/tty/pty';
import { get_fs_type } from '../../../../../emulator/kernel/fs/super';
import { do_new_mount, kernel_vfs } from '../../../../../emulator/kernel/fs/vfs';
import { MNT_RELATIME } from '../../../../../emulator/kernel/fs/mount';
import { path_lookupat, LOOKUP_FOLLOW } from '../../../../../emulator/kernel/fs/namei';
import { vfs_poll } from '../../../../../emulator/kernel/fs/fs';
import { AT_FDCWD, O_NOCTTY, O_NONBLOCK, O_RDWR } from '../../../../../emulator/uapi/fcntl';
import { POLLHUP, POLLIN, POLLOUT } from '../../../../../emulator/uapi/poll';
import { SIGCONT, SIGHUP, SIGINT, SIGTTIN, SIGWINCH, sigmask } from '../../../../../emulator/uapi/signal';
import { S_IFCHR, makedev } from '../../../../../emulator/uapi/stat';
import {
  ECHO, ICANON, ICRNL, ONLCR, OPOST, TCFLSH, TCIOFLUSH, TIOCGPKT, TIOCGPTLCK, TIOCGPTN, TIOCGPTPEER, TIOCGWINSZ,
  TIOCPKT, TIOCSCTTY, TIOCSIG, TIOCSPTLCK, TIOCSWINSZ, WINSIZE_SIZE,
} from '../../../../../emulator/uapi/termios';
import { tty_drivers_proc_show, tty_ldiscs_proc_show } from '../../../../../emulator/kernel/fs/proc/proc_tty';
import { listdir } from '../../fs/fixture';
import { TtyMachine, clearSignals, errname, ioctlInt, pending, readStr, str, stty, tcgetattr, UTask, writeStr } from './fixture';

/** The console machine plus ptys: /dev/ptmx (0666) and devpts on /dev/pts. */
function ptyMachine(devptsOpts = 'gid=5,mode=620,ptmxmode=000'): TtyMachine {
  const m = new TtyMachine({ open: false });
  expect(unix98_pty_init(m.k)).toBe(0);
  expect(m.sh.sys('mknod', '/dev/ptmx', S_IFCHR | 0o666, makedev(5, 2))).toBe(0);
  expect(m.sh.sys('chmod', '/dev/ptmx', 0o666)).toBe(0);
  expect(m.sh.sys('mkdir', '/dev/pts', 0o755)).toBe(0);
  if (devptsOpts !== '') mountDevpts(m.sh, '/dev/pts', devptsOpts);
  return m;
}

function mountDevpts(u: UTask, where: string, data: string): number {
  const path = path_lookupat(u.t, AT_FDCWD, where, LOOKUP_FOLLOW);
  if (typeof path === 'number') return path;
  const m = do_new_mount(kernel_vfs(u.k), get_fs_type(kernel_vfs(u.k), 'devpts')!, 'devpts', MNT_RELATIME, data, path);
  return typeof m === 'number' ? m : 0;
}

/** open /dev/ptmx, unlock, open the slave: [master fd, slave fd, N]. */
function openPair(u: UTask, slaveFlags = O_RDWR | O_NOCTTY, slaveTask = u): [number, number, number] {
  const mfd = u.open('/dev/ptmx', O_RDWR | O_NOCTTY);
  expect(mfd).toBeGreaterThanOrEqual(0);
  const [r, n] = ioctlInt(u, mfd, TIOCGPTN);
  expect(r).toBe(0);
  expect(ioctlInt(u, mfd, TIOCSPTLCK, 0)[0]).toBe(0);
  const sfd = slaveTask.open(`/dev/pts/${n}`, slaveFlags);
  expect(sfd).toBeGreaterThanOrEqual(0);
  return [mfd, sfd, n];
}

function winsz(u: UTask, fd: number, set?: [number, number]): number[] | number {
  const p = u.alloc(WINSIZE_SIZE);
  if (set) {
    u.t.mm!.writeFrom(p, new Uint8Array(new Uint16Array([set[0], set[1], 0, 0]).buffer));
    return u.sys('ioctl', fd, TIOCSWINSZ, p);
  }
  const r = u.sys('ioctl', fd, TIOCGWINSZ, p);
  return r < 0 ? r : Array.from(new Uint16Array(u.peek(p, 8).buffer));
}

const pollOf = (u: UTask, fd: number) => vfs_poll(u.t.files.get(fd)!, u.t, null);

describe('/dev/ptmx and devpts', () => {
  let m: TtyMachine;
  beforeEach(() => {
    m = ptyMachine();
  });

  it('opening /dev/ptmx makes pty 0, locked, with /dev/pts/0 owned by the opener and group tty', () => {
    const user = new UTask(m.k, 1000, 1000);
    const mfd = user.open('/dev/ptmx', O_RDWR);
    expect(mfd).toBeGreaterThanOrEqual(0);
    expect(ioctlInt(user, mfd, TIOCGPTN)).toEqual([0, 0]);
    expect(ioctlInt(user, mfd, TIOCGPTLCK)).toEqual([0, 1]);
    const st = user.stat('/dev/pts/0');
    if (typeof st === 'number') throw new Error(errname(st));
    expect(st.mode).toBe(S_IFCHR | 0o620); // crw--w----
    expect([st.uid, st.gid]).toEqual([1000, 5]);
    expect(st.rdev).toBe(makedev(136, 0));
    expect(st.ino).toBe(3);
    const ptmx = user.stat('/dev/pts/ptmx');
    if (typeof ptmx === 'number') throw new Error(errname(ptmx));
    expect([ptmx.mode, ptmx.rdev, ptmx.ino, ptmx.uid, ptmx.gid]).toEqual([S_IFCHR | 0o000, makedev(5, 2), 2, 0, 0]);
    // The master is the /dev/ptmx file itself (fstat shows 5:2), and never a controlling terminal.
    expect(user.t.group.tty).toBeNull();
  });

  it('a second master gets the next number; readdir lists the newest first, ptmx last', () => {
    const a = m.sh.open('/dev/ptmx', O_RDWR);
    const b = m.sh.open('/dev/ptmx', O_RDWR);
    expect(ioctlInt(m.sh, b, TIOCGPTN)[1]).toBe(1);
    const dfd = m.sh.open('/dev/pts', 0o200000 /* O_DIRECTORY */);
    const names = listdir(m.sh, dfd);
    if (typeof names === 'number') throw new Error(errname(names));
    expect(names.map((e) => e.name)).toEqual(['.', '..', '1', '0', 'ptmx']);
    expect(a).toBeGreaterThanOrEqual(0);
  });

  it('the slave cannot be opened while locked (EIO); unlockpt lets it', () => {
    const mfd = m.sh.open('/dev/ptmx', O_RDWR | O_NOCTTY);
    expect(errname(m.sh.open('/dev/pts/0', O_RDWR | O_NOCTTY))).toBe('EIO');
    expect(ioctlInt(m.sh, mfd, TIOCSPTLCK, 0)[0]).toBe(0);
    expect(ioctlInt(m.sh, mfd, TIOCGPTLCK)).toEqual([0, 0]);
    expect(m.sh.open('/dev/pts/0', O_RDWR | O_NOCTTY)).toBeGreaterThanOrEqual(0);
  });

  it('the node disappears when the master closes, and the number is reused once both halves are closed', () => {
    const [mfd, sfd] = openPair(m.sh);
    expect(m.sh.sys('close', mfd)).toBe(0);
    expect(errname(m.sh.stat('/dev/pts/0') as number)).toBe('ENOENT');
    // The slave is still open: number 0 is still taken.
    const other = m.sh.open('/dev/ptmx', O_RDWR);
    expect(ioctlInt(m.sh, other, TIOCGPTN)[1]).toBe(1);
    m.sh.sys('close', sfd);
    const again = m.sh.open('/dev/ptmx', O_RDWR);
    expect(ioctlInt(m.sh, again, TIOCGPTN)[1]).toBe(0);
  });

  it('ptmx finds no devpts next to it: ENODEV; a 136:N node outside devpts is not a slave (EIO)', () => {
    const bare = ptyMachine('');
    expect(errname(bare.sh.open('/dev/ptmx', O_RDWR))).toBe('ENODEV');
    const [, , n] = openPair(m.sh);
    expect(m.sh.sys('mknod', '/dev/fake', S_IFCHR | 0o600, makedev(136, n))).toBe(0);
    expect(errname(m.sh.open('/dev/fake', O_RDWR))).toBe('EIO');
    // The master's own major (128) opens only through ptmx.
    expect(m.sh.sys('mknod', '/dev/ptm0', S_IFCHR | 0o600, makedev(128, 0))).toBe(0);
    expect(errname(m.sh.open('/dev/ptm0', O_RDWR))).toBe('EIO');
  });

  it('mount options: bad ones are EINVAL; each mount is its own instance with its own numbers', () => {
    expect(m.sh.sys('mkdir', '/mnt', 0o755)).toBe(0);
    expect(errname(mountDevpts(m.sh, '/mnt', 'bogus=1'))).toBe('EINVAL');
    expect(errname(mountDevpts(m.sh, '/mnt', 'mode=9'))).toBe('EINVAL');
    expect(mountDevpts(m.sh, '/mnt', 'newinstance,mode=600')).toBe(0);
    openPair(m.sh);
    const fd = m.sh.open('/mnt/ptmx', O_RDWR);
    expect(fd).toBeGreaterThanOrEqual(0);
    // ptmxmode=000 does not stop root; the new instance counts from 0 again.
    expect(ioctlInt(m.sh, fd, TIOCGPTN)).toEqual([0, 0]);
    const st = m.sh.stat('/mnt/0');
    expect(typeof st !== 'number' && [st.mode, st.gid]).toEqual([S_IFCHR | 0o600, 0]);
  });
});

describe('a pty pair', () => {
  let m: TtyMachine;
  let u: UTask;
  let mfd: number;
  let sfd: number;
  beforeEach(() => {
    m = ptyMachine();
    u = m.sh;
    [mfd, sfd] = openPair(u);
  });

  it('what the slave writes the master reads, after OPOST (\\n → \\r\\n)', () => {
    expect(writeStr(u, sfd, 'hi\n')).toBe(3);
    expect(readStr(u, mfd)).toBe('hi\r\n');
  });

  it('what the master writes is typed on the slave: canonical lines, erase, echo back to the master', () => {
    expect(writeStr(u, mfd, 'ab')).toBe(2);
    u.t.files.get(sfd)!.f_flags |= O_NONBLOCK;
    expect(readStr(u, sfd)).toBe('EAGAIN'); // no complete line yet
    expect(writeStr(u, mfd, '\x7fc\r')).toBe(3); // ^? erases b; Enter is \r, ICRNL makes it \n
    expect(readStr(u, sfd)).toBe('ac\n');
    expect(readStr(u, mfd)).toBe('ab\b \bc\r\n');
  });

  it('the master is raw: the slave\'s modes are what TCGETS on the master shows', () => {
    const tm = tcgetattr(u, mfd);
    expect(tm.lflag & (ICANON | ECHO)).toBe(ICANON | ECHO);
    expect(tm.iflag & ICRNL).toBe(ICRNL);
    expect(tm.oflag & (OPOST | ONLCR)).toBe(OPOST | ONLCR);
    expect(tm.cflag).toBe(0o277); // B38400|CS8|CREAD: Linux's 191
  });

  it('^C typed on the master signals the slave\'s foreground group; TIOCSIG does too', () => {
    const leader = new UTask(m.k);
    const s2 = leader.open('/dev/pts/0', O_RDWR); // a session leader without O_NOCTTY: its ctty
    expect(s2).toBeGreaterThanOrEqual(0);
    expect(m.k.tasks.get(leader.t.tgid)!.group.tty).toBe(u.t.files.get(sfd)!.private_data && (leader.t.files.get(s2)!.private_data as { tty: unknown }).tty);
    writeStr(u, mfd, '\x03');
    expect(pending(leader, SIGINT)).toBe(true);
    clearSignals(leader);
    expect(u.sys('ioctl', mfd, TIOCSIG, SIGINT)).toBe(0);
    expect(pending(leader, SIGINT)).toBe(true);
    expect(errname(u.sys('ioctl', mfd, TIOCSIG, SIGHUP))).toBe('EINVAL');
  });

  it('TIOCSWINSZ on the master sets the slave\'s size and sends SIGWINCH to its foreground group', () => {
    const leader = new UTask(m.k);
    const s2 = leader.open('/dev/pts/0', O_RDWR);
    expect(leader.sys('ioctl', s2, TIOCSCTTY, 0)).toBe(0);
    leader.t.blocked |= sigmask(SIGWINCH); // its default action is to ignore it: it would be dropped
    expect(winsz(u, mfd, [40, 100])).toBe(0);
    expect(winsz(leader, s2)).toEqual([40, 100, 0, 0]);
    expect(pending(leader, SIGWINCH)).toBe(true);
  });

  it('closing the master hangs the slave up: SIGHUP to its session leader, EOF on read, EIO on write', () => {
    const leader = new UTask(m.k);
    const s2 = leader.open('/dev/pts/0', O_RDWR);
    expect(leader.t.group.tty).not.toBeNull();
    expect(u.sys('close', mfd)).toBe(0);
    expect(pending(leader, SIGHUP)).toBe(true);
    expect(pending(leader, SIGCONT)).toBe(true);
    expect(leader.t.group.tty).toBeNull();
    expect(readStr(leader, s2)).toBe('');
    expect(writeStr(leader, s2, 'x')).toBe('EIO');
    expect(pollOf(leader, s2) & POLLHUP).toBe(POLLHUP);
  });

  it('a reader asleep on the slave wakes at the hangup and reads end of file', () => {
    const leader = new UTask(m.k);
    const s2 = leader.open('/dev/pts/0', O_RDWR);
    expect(readStr(leader, s2)).toBe('SLEEP');
    u.sys('close', mfd);
    expect(leader.running).toBe(true);
    expect(readStr(leader, s2)).toBe('');
  });

  it('job control as on the console: a background group reading its pty gets SIGTTIN', () => {
    const leader = new UTask(m.k);
    const s2 = leader.open('/dev/pts/0', O_RDWR);
    const bg = new UTask(m.k);
    bg.t.group.sid = leader.t.group.sid;
    bg.t.group.tty = leader.t.group.tty;
    bg.t.parent = leader.t;
    leader.t.children.push(bg.t);
    const f = leader.t.files.get(s2)!;
    f.count++;
    bg.t.files.installAt(0, f, false);
    bg.t.blocked |= sigmask(SIGTTIN); // blocked: the read fails with EIO instead of stopping
    expect(readStr(bg, 0)).toBe('EIO');
    bg.t.blocked = 0n;
    expect(readStr(bg, 0)).toBe('ERESTARTSYS');
    expect(pending(bg, SIGTTIN)).toBe(true);
  });

  it('closing every slave file: the master reads what was left, then EIO; poll says POLLHUP; writes still go in', () => {
    writeStr(u, sfd, 'data\n');
    expect(u.sys('close', sfd)).toBe(0);
    expect(pollOf(u, mfd) & (POLLIN | POLLOUT | POLLHUP)).toBe(POLLIN | POLLOUT | POLLHUP);
    expect(readStr(u, mfd)).toBe('data\r\n');
    expect(readStr(u, mfd)).toBe('EIO');
    expect(writeStr(u, mfd, 'x')).toBe(1);
    // The slave's line discipline still echoes it (as Linux does, once its flush work has run).
    expect(readStr(u, mfd)).toBe('x');
    expect(readStr(u, mfd)).toBe('EIO');
    // Opening the slave again clears it.
    const s3 = u.open('/dev/pts/0', O_RDWR | O_NOCTTY);
    expect(s3).toBeGreaterThanOrEqual(0);
    u.t.files.get(mfd)!.f_flags |= O_NONBLOCK;
    expect(readStr(u, mfd)).toBe('EAGAIN');
  });

  it('a master reading an empty pty sleeps until the slave writes', () => {
    expect(readStr(u, mfd)).toBe('SLEEP');
    writeStr(u, sfd, 'z');
    expect(u.running).toBe(true);
    expect(readStr(u, mfd)).toBe('z');
  });

  it('TIOCGPTN is the master\'s alone (ENOTTY on the slave); TIOCGPTPEER opens the slave', () => {
    expect(errname(ioctlInt(u, sfd, TIOCGPTN)[0])).toBe('ENOTTY');
    expect(errname(u.sys('ioctl', sfd, TIOCGPTPEER, O_RDWR))).toBe('EIO');
    const peer = u.sys('ioctl', mfd, TIOCGPTPEER, O_RDWR | O_NOCTTY);
    expect(peer).toBeGreaterThan(sfd);
    writeStr(u, peer, 'p\n');
    expect(readStr(u, mfd)).toBe('p\r\n');
  });

  it('packet mode: a status byte before the data, and the flushes of the slave', () => {
    expect(ioctlInt(u, mfd, TIOCPKT, 1)[0]).toBe(0);
    expect(ioctlInt(u, mfd, TIOCGPKT)).toEqual([0, 1]);
    writeStr(u, sfd, 'zz');
    expect(readStr(u, mfd)).toBe('\x00zz');
    expect(u.sys('ioctl', sfd, TCFLSH, TCIOFLUSH)).toBe(0);
    expect(readStr(u, mfd)).toBe('\x03'); // TIOCPKT_FLUSHREAD | TIOCPKT_FLUSHWRITE, as on Linux
  });

  it('the master takes bytes as they are (real_raw): every byte value, across the ring\'s wrap', () => {
    stty(u, mfd, { oflag: [0, OPOST] }); // on the master: the slave's modes
    const data = new Uint8Array(5 * 1024).map((_, i) => i & 0xff);
    expect(u.sys('write', sfd, u.bytes(data), data.length)).toBe(data.length);
    let got = '';
    for (let i = 0; i < 4 && got.length < data.length; i++) got += readStr(u, mfd, 3000);
    expect(got).toBe(str(data));
  });

  it('big writes from the slave wait for the master to read (flow through the flip buffer)', () => {
    const big = 'x'.repeat(700 * 1024);
    const r = writeStr(u, sfd, big);
    expect(r).toBe('SLEEP');
    expect(u.running).toBe(false);
    const reader = new UTask(m.k);
    reader.t.files.installAt(0, u.t.files.get(mfd)!, false);
    u.t.files.get(mfd)!.count++;
    expect(readStr(reader, 0, 65536).length).toBeGreaterThan(0);
    expect(u.running).toBe(true);
  });
});

describe('/proc/tty', () => {
  it('drivers: the pseudo-drivers, then pts, ptm and the console, in Linux\'s columns', () => {
    const m = ptyMachine();
    expect(tty_drivers_proc_show(m.k)).toBe(
      '/dev/tty             /dev/tty        5       0 system:/dev/tty\n' +
      '/dev/console         /dev/console    5       1 system:console\n' +
      '/dev/ptmx            /dev/ptmx       5       2 system\n' +
      '/dev/vc/0            /dev/vc/0       4       0 system:vtmaster\n' +
      'pty_slave            /dev/pts      136 0-1048575 pty:slave\n' +
      'pty_master           /dev/ptm      128 0-1048575 pty:master\n' +
      'unknown              /dev/tty        4 1-63 console\n',
    );
    expect(tty_ldiscs_proc_show()).toBe('n_tty       0\n');
  });
});
