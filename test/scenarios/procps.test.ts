// ps, pstree and kill on a booted machine: they read /proc through open/getdents/read and send
// signals with kill(2), and their output has the shape of procps-ng 4.0.2 and psmisc 23.6.

import { describe, expect, it } from 'vitest';
import { runInMachine } from '../machine';

const run = (c: string) => runInMachine(c);

// The machine's kernel.pid_max is 32768 (5 digits), so pid columns are 5 wide, as on the
// reference machine. `sh -c` execs its last command, as dash does, so a lone `ps` is pid 2 (`ps; :` keeps
// the shell).
describe('ps', () => {
  it('the default listing: this terminal, this user', () => {
    const r = run('ps; :');
    expect(r.output).toBe('  PID TTY          TIME CMD\n    2 tty1     00:00:00 sh\n    3 tty1     00:00:00 ps\n');
    expect(r.status).toBe(0);
  });
  it('-e adds init, which has no terminal', () => {
    expect(run('ps -e').output).toBe(
      '  PID TTY          TIME CMD\n    1 ?        00:00:00 init\n    2 tty1     00:00:00 ps\n',
    );
  });
  it('-ef: full format with arguments, cut to the 80-column console', () => {
    const lines = run('ps -ef; : 3456789012345678901234567890').output.split('\n');
    expect(lines[0]).toBe('UID        PID  PPID  C STIME TTY          TIME CMD');
    expect(lines[1]).toBe('root         1     0  0 00:00 ?        00:00:00 /sbin/init -c ps -ef; : 34567890');
    expect(lines[2]).toBe('root         2     1  0 00:00 tty1     00:00:00 sh -c ps -ef; : 3456789012345678');
    expect(lines[3]).toBe('root         3     2  0 00:00 tty1     00:00:00 ps -ef');
  });
  it('aux: BSD user format, session leader and foreground flags in STAT', () => {
    const lines = run('yes >/dev/null & ps aux; kill $!').output.split('\n');
    expect(lines[0]).toBe('USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(lines[1]).toMatch(/^root {9}1 +\d+\.\d +\d+\.\d +\d+ +\d+ \? +S +00:00 +0:00 \/sbin\/init -c/);
    expect(lines[2]).toMatch(/^root {9}2 .* tty1 +Ss\+ +00:00 +0:00 sh -c yes/);
    expect(lines[3]).toMatch(/^root {9}3 .* tty1 +R\+ +00:00 +0:00 yes$/);
  });
  it('-o with custom headers, -p selection, and failure when nothing matches', () => {
    expect(run('ps -p 1 -o pid,ppid,pgid,sid,tty,stat,comm').output).toBe(
      '  PID  PPID  PGID   SID TT       STAT COMMAND\n    1     0     0     0 ?        S    init\n',
    );
    expect(run('ps -o pid=ID,comm=NAME -p 2').output).toBe('   ID NAME\n    2 ps\n');
    expect(run('ps -o pid= -p 1').output).toBe('    1\n');
    const none = run('ps -p 999');
    expect(none.output).toBe('  PID TTY          TIME CMD\n');
    expect(none.status).toBe(1);
  });
  it('usage errors', () => {
    const r = run('ps -Y');
    expect(r.output.split('\n').slice(0, 4)).toEqual(['error: unsupported SysV option', '', 'Usage:', ' ps [options]']);
    expect(r.status).toBe(1);
    expect(run('ps -o foo').output.split('\n')[0]).toBe('error: unknown user-defined format specifier "foo"');
  });
  it('a stopped process shows T', () => {
    expect(run('yes >/dev/null & kill -STOP $!; ps -o pid,stat -p $!; kill -KILL $!').output).toBe(
      '  PID STAT\n    3 T+  \n'.trimEnd() + '\n',
    );
  });
});

describe('pstree', () => {
  it('the tree from init, in ASCII (the C locale)', () => {
    expect(run('pstree').output).toBe('init---pstree\n');
    expect(run('pstree -p; :').output).toBe('init(1)---sh(2)---pstree(3)\n');
  });
  it('branches, merged identical children, -p, -a', () => {
    const cmd = 'yes >/dev/null & yes >/dev/null & pstree; pstree -p; pstree -a 2; kill $! %1 2>/dev/null; kill 3 4';
    expect(run(cmd).output).toBe(
      'init---sh-+-pstree\n' +
        '          `-2*[yes]\n' +
        'init(1)---sh(2)-+-pstree(6)\n' +
        '                |-yes(3)\n' +
        '                `-yes(4)\n' +
        `sh -c ${cmd.slice(0, 80 - 6 - 1)}+\n` +
        '  |-pstree -a 2\n' +
        '  |-yes\n' +
        '  `-yes\n',
    );
  });
  it('UTF-8 line drawing on a terminal in a UTF-8 locale', () => {
    expect(run('LANG=C.UTF-8 pstree; :').output).toBe('init───sh───pstree\n');
  });
  it('a pid or a user as the root; bad options', () => {
    expect(run('pstree 2; :').output).toBe('sh---pstree\n');
    expect(run('pstree 999').output).toBe('');
    const r = run('pstree nosuchuser');
    expect(r.output).toBe('No such user name: nosuchuser\n');
    expect(r.status).toBe(1);
    const q = run('pstree -Q');
    expect(q.output.split('\n').slice(0, 2)).toEqual([
      "pstree: invalid option -- 'Q'",
      'Usage: pstree [-acglpsStTuZ] [ -h | -H PID ] [ -n | -N type ]',
    ]);
    expect(q.status).toBe(1);
  });
});

describe('kill (/bin/kill, not the shell builtin)', () => {
  it('lists signals', () => {
    expect(run('/bin/kill -l').output).toBe(
      'HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\n' +
        'CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n',
    );
    expect(run('/bin/kill -l 9; /bin/kill -l term; /bin/kill -L | head -n 1').output).toBe(
      'KILL\n15\n 1 HUP      2 INT      3 QUIT     4 ILL      5 TRAP     6 ABRT     7 BUS\n',
    );
  });
  it('sends signals and reports failures as procps does', () => {
    expect(run('yes >/dev/null & /bin/kill -9 $!; wait $!; echo $?').output).toBe('Killed\n137\n');
    // Not INT: a background job of a shell without job control ignores SIGINT.
    expect(run('yes >/dev/null & /bin/kill -s USR1 $!; wait $!; echo $?').output).toBe('User defined signal 1\n138\n');
    const r = run('/bin/kill 999 1x; echo $?');
    expect(r.output).toBe("/bin/kill: (999): No such process\n/bin/kill: failed to parse argument: '1x'\n1\n");
    expect(run('/bin/kill -s FOO 1; echo $?').output).toBe('/bin/kill: (1): Invalid argument\n1\n');
    expect(run('/bin/kill 2>&1 | head -n 3').output).toBe('\nUsage:\n kill [options] <pid> [...]\n');
  });
});
