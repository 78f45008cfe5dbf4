// nc over Unix sockets: a listener and a client in two processes of one machine, both ways, with
// netcat-openbsd's messages (measured with Debian's nc 1.219) and the socket visible in /proc.

import { describe, expect, test } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

describe('nc -U', () => {
  test('a listener receives what a client sends, and the reply comes back', () => {
    const r = runInMachine(
      'nc -lU /tmp/s > /tmp/got & sleep 0.1; echo hello | nc -N -U /tmp/s; wait; cat /tmp/got; ' +
        '(echo reply | nc -N -lU @svc) & sleep 0.1; nc -U @svc < /dev/null; wait',
    );
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe('hello\nreply\n');
  });

  test('the listener holds a socket:[ino] descriptor, its file is a socket, and strace shows the calls', () => {
    const r = runInMachine(
      'nc -lU /tmp/s & sleep 0.1; ls -l /proc/$!/fd | grep -c "socket:\\["; stat -c %F /tmp/s; ' +
        'echo x | strace -e trace=socket,connect,shutdown nc -N -U /tmp/s; wait',
    );
    expect(r.output).toBe(
      '1\nsocket\n' +
        'socket(AF_UNIX, SOCK_STREAM, 0)         = 3\n' +
        'connect(3, {sa_family=AF_UNIX, sun_path="/tmp/s"}, 9) = 0\n' +
        // The listener prints what it read while the client is still shutting down its side.
        'x\nshutdown(3, SHUT_WR)                    = 0\n' +
        '+++ exited with 0 +++\n',
    );
  });

  test('-q: the client quits a while after its input ends, though the listener stays', () => {
    const r = runInMachine('nc -lU /tmp/s > /tmp/o & sleep 0.1; echo hi | nc -q 1 -U /tmp/s; echo "client $?"; wait; cat /tmp/o');
    expect(r.output).toBe('client 0\nhi\n');
  });

  test('errors as netcat-openbsd words them', () => {
    const r = runInMachine('nc -U /tmp/nope; echo $?; nc -U; echo $?; nc -k -U /tmp/x; echo $?; nc -U /tmp/a 80; echo $?; nc -w x -U /tmp/a; echo $?; nc -q x -U /tmp/a; echo $?');
    expect(r.output).toBe(
      'nc: /tmp/nope: No such file or directory\n1\nnc: missing socket pathname\n1\nnc: must use -l with -k\n1\n' +
        'nc: cannot use port with -U\n1\nnc: timeout invalid: x\n1\nnc: quit timer invalid: x\n1\n',
    );
  });
});
