// Pseudo-terminals on a booted machine: init mounts devpts on /dev/pts, `script` runs a command on
// a new pty (as a terminal emulator would), and the tools see it as Linux's do — `tty` says
// /dev/pts/0, `ls -l /dev/pts` shows the slave as crw--w---- root tty 136, 0, ps shows pts/0,
// /proc/<pid>/stat has tty_nr 34816 (makedev(136, 0)), and strace decodes the pty ioctls as
// strace 6.1 does. Expected texts were checked against the host (Linux 6.18, util-linux 2.38.1,
// coreutils 9.1, strace 6.1).

import { describe, expect, it } from 'vitest';
import { Machine } from '../../emulator/machine/machine';
import { kernelBugs, runInMachine } from '../machine';

function run(command: string) {
  const r = runInMachine(command);
  expect(kernelBugs(r.machine)).toEqual([]);
  return r;
}

describe('ptys', () => {
  it('tty run on a pty prints /dev/pts/0; on the console /dev/tty1; without a terminal "not a tty" and 1', () => {
    const r = run('script -q -c tty /dev/null; tty; tty </dev/null; echo $?');
    expect(r.output).toBe('/dev/pts/0\n/dev/tty1\nnot a tty\n1\n');
    expect(r.status).toBe(0);
  });

  it('ls -l /dev/pts: the slave belongs to its opener and group tty, mode 620; ptmx is 0000', () => {
    const r = run('script -q -c "ls -l /dev/pts" /dev/null; ls -l /dev/pts');
    expect(r.output).toMatch(/^total 0\ncrw--w---- 1 root tty {2}136, 0 \w{3} [ \d]\d \d\d:\d\d 0\nc--------- 1 root root {3}5, 2 \w{3} [ \d]\d \d\d:\d\d ptmx\n/);
    // Once script is gone, so is its pty.
    expect(r.output.split('\n').slice(3).join('\n')).toMatch(/^total 0\nc--------- 1 root root 5, 2 .* ptmx\n$/);
  });

  it('the controlling terminal is the pty: ps shows pts/0 with the session leader and the foreground group', () => {
    const r = run('script -q -c "ps -o pid,sid,tty,stat,comm; read a b c d e f g rest < /proc/self/stat; echo tty_nr=\\$g" /dev/null');
    const lines = r.output.replace(/\n$/, '').split('\n');
    expect(lines[0]).toBe('  PID   SID TT       STAT COMMAND');
    expect(lines[1]).toMatch(/^ +(\d+) +\1 pts\/0 +Ss\+ +sh$/);
    expect(lines[2]).toMatch(/^ +\d+ +\d+ pts\/0 +R\+ +ps$/);
    expect(lines[3]).toBe(`tty_nr=${(136 << 8) | 0}`);
  });

  it('script logs the session: header, output after the slave\'s OPOST, footer with the exit code', () => {
    const r = run('script -c "echo hi; exit 3" /tmp/log; echo status=$?; cat /tmp/log; script -q -e -c "exit 3" /dev/null; echo status=$?');
    const out = r.output.split('\n');
    expect(out[0]).toBe("Script started, output log file is '/tmp/log'.");
    expect(out[1]).toBe('hi');
    expect(out[2]).toBe('Script done.');
    expect(out[3]).toBe('status=0');
    expect(out[4]).toMatch(/^Script started on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00 \[COMMAND="echo hi; exit 3" TERM="linux" TTY="\/dev\/tty1" COLUMNS="80" LINES="24"\]$/);
    expect(out[5]).toBe('hi\r'); // the log keeps the pty's \r\n (the console transcript turned the others into \n)
    expect(out[6]).toBe('');
    expect(out[7]).toMatch(/^Script done on .* \[COMMAND_EXIT_CODE="3"\]$/);
    expect(out[8]).toBe('status=3');
  });

  it('script forwards piped input to the pty (the slave echoes it) and ends it with ^D', () => {
    const r = run('echo hello | script -q -c cat /dev/null');
    // The pty's "\r\n" meets the console's ONLCR (script's terminal is not raw: its input is a pipe).
    expect(r.output).toBe('hello\r\nhello\r\n');
  });

  it('mesg reads and sets the group-write bit of the pty (mode=620 means "is y")', () => {
    const r = run('script -q -c "mesg; mesg n; mesg; stat -c %a \\$(tty); mesg -v y; stat -c %a \\$(tty); mesg x; echo rc=\\$?" /dev/null; mesg </dev/null; echo rc=$?');
    expect(r.output).toBe(
      'is y\nis n\n600\nwrite access to your terminal is allowed\n620\n' +
      "mesg: invalid argument: x\nTry 'mesg --help' for more information.\nrc=1\nrc=2\n",
    );
  });

  it('strace of script shows the pty being made: /dev/ptmx, TIOCGPTN, TIOCSPTLCK, TIOCGPTPEER', () => {
    const r = run('strace -o /tmp/st script -q -c true /dev/null; grep -E "ptmx|TIOCG?S?PT" /tmp/st');
    expect(r.output).toBe(
      'openat(AT_FDCWD, "/dev/ptmx", O_RDWR)   = 4\n' +
      'ioctl(4, TIOCGPTN, [0])                 = 0\n' +
      'ioctl(4, TIOCSPTLCK, [0])               = 0\n' +
      'ioctl(4, TIOCGPTPEER, 0x102)            = 5\n',
    );
  });

  it('ptydemo makes a pty with the POSIX calls, step by step, and strace shows ioctl(3, TIOCGPTN, [0])', () => {
    const r = run('/usr/libexec/ringside/ptydemo "tty; exit 4"; strace -o /tmp/s /usr/libexec/ringside/ptydemo true >/dev/null; grep -E "ptmx|TIOC" /tmp/s');
    const out = r.output.split('\n');
    expect(out[0]).toBe('ptydemo: master is fd 3 (/dev/ptmx), slave is /dev/pts/0 (fd 4)');
    expect(out[1]).toMatch(/^ptydemo: child \d+ runs "tty; exit 4" in a new session on \/dev\/pts\/0; parent \d+ reads the master$/);
    // The pty's "\r\n" goes through the console's ONLCR too: "\r\r\n" (script avoids it with raw mode).
    expect(out[2]).toBe('/dev/pts/0\r');
    expect(out[3]).toBe('ptydemo: read(master) failed: Input/output error — the slave side is closed (12 bytes read)');
    expect(out[4]).toBe('ptydemo: child exited with status 4');
    expect(out.slice(5).join('\n')).toBe(
      'openat(AT_FDCWD, "/dev/ptmx", O_RDWR|O_NOCTTY) = 3\n' +
      'ioctl(3, TIOCGPTN, [0])                 = 0\n' +
      'ioctl(3, TIOCSPTLCK, [0])               = 0\n' +
      'ioctl(3, TIOCGPTN, [0])                 = 0\n',
    );
  });

  it('/proc shows both ends: script holds /dev/ptmx (fdinfo: tty-index), the shell on the pty has /dev/pts/0', () => {
    const r = run('script -q -c "readlink /proc/\\$PPID/fd/4 /proc/\\$\\$/fd/0; grep tty /proc/\\$PPID/fdinfo/4" /dev/null; cat /sys/class/tty/ptmx/dev');
    // A master's fdinfo names its pty (pty_show_fdinfo); /dev/ptmx is a tty class device.
    expect(r.output).toBe('/dev/ptmx\n/dev/pts/0\ntty-index:\t0\n5:2\n');
  });

  it('killing script closes the master: the command on the pty is hung up (SIGHUP) and exits', () => {
    const r = run('script -q -c "sleep 100" /dev/null </dev/null & sleep 1; ps -e -o tty=,comm= | grep pts; kill -9 $!; sleep 1; ps -e -o tty=,comm= | grep -c pts');
    expect(r.output).toBe('pts/0    sleep\n0\n');
  });

  it('/proc/tty/drivers and /proc/devices list the pty drivers as Linux does', () => {
    const r = run('grep pty /proc/tty/drivers; ls /proc/tty | cat; grep pt /proc/devices');
    expect(r.output).toBe(
      'pty_slave            /dev/pts      136 0-1048575 pty:slave\n' +
      'pty_master           /dev/ptm      128 0-1048575 pty:master\n' +
      'drivers\nldiscs\n' +
      '  5 /dev/ptmx\n128 ptm\n136 pts\n',
    );
  });

  it('an interactive shell under script: typed keys go through the master, ^C stops cat on the pty', () => {
    const m = new Machine({ init: ['/sbin/init', '-c', 'script -q /dev/null; echo done'] });
    let out = '';
    const dec = new TextDecoder();
    m.onConsoleOutput((b) => (out += dec.decode(b, { stream: true })));
    m.boot();
    const type = (s?: string) => {
      if (s) m.consoleInput(new TextEncoder().encode(s));
      for (let i = 0; i < 20 && m.run(50).state === 'running'; i++);
    };
    for (const keys of [undefined, 'tty\r', 'cat\r', 'abc\r', '\x03', 'echo $?\r', 'exit\r', undefined]) type(keys);
    expect(out).toBe(
      'root@ringside:~# tty\r\n/dev/pts/0\r\n' +
      'root@ringside:~# cat\r\nabc\r\nabc\r\n^C\r\n' + // the slave echoes, cat writes it back, ^C is SIGINT
      'root@ringside:~# echo $?\r\n130\r\n' +
      'root@ringside:~# exit\r\ndone\r\n',
    );
    expect(kernelBugs(m)).toEqual([]);
  });

  it('resizing the console reaches the pty: script passes SIGWINCH on as TIOCSWINSZ on the master', () => {
    const m = new Machine({ init: ['/sbin/init', '-c', 'script -q /dev/null'] });
    m.boot();
    const settle = () => {
      for (let i = 0; i < 20 && m.run(50).state === 'running'; i++);
    };
    settle();
    const ptyOf = () => [...m.kernel.tasks.values()].map((t) => t.group.tty).find((tty) => tty?.driver.name === 'pts');
    expect(ptyOf()?.winsize).toMatchObject({ row: 24, col: 80 }); // openpty copied the console's size
    m.resizeConsole(100, 30);
    settle();
    expect(ptyOf()?.winsize).toMatchObject({ row: 30, col: 100 });
    m.consoleInput(new TextEncoder().encode('exit\r'));
    settle();
    expect(kernelBugs(m)).toEqual([]);
  });

  it('kernel.pty.nr counts the ptys in use; kernel.pty.max stops new ones with ENOSPC', () => {
    const r = run('sysctl kernel.pty; script -q -c "cat /proc/sys/kernel/pty/nr" /dev/null; sysctl -w kernel.pty.max=1 >/dev/null; script -q -c "script -q -c true /dev/null" /dev/null');
    expect(r.output).toBe(
      'kernel.pty.max = 4096\nkernel.pty.nr = 0\nkernel.pty.reserve = 1024\n1\n' +
      'script: failed to create pseudo-terminal: No space left on device\n',
    );
  });

  it('devpts is mounted as systemd mounts it', () => {
    const r = run('grep devpts /proc/mounts');
    expect(r.output).toBe('devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000 0 0\n');
  });
});
