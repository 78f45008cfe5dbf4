// socat-lite: relays between Unix sockets, files, pipes and programs, half-close, a forking server,
// and socat 1.7.4.4's message lines and exit codes (measured with Debian's socat on the host).

import { describe, expect, test } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

/** socat's log lines carry a timestamp and a pid: keep the rest. */
const norm = (s: string) => s.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d socat\[\d+\] /gm, 'socat[PID] ');

describe('socat', () => {
  test('relays Unix sockets to a file, through a program, a pipe, and an abstract name', () => {
    const r = runInMachine(
      // A one-shot listener writing what it gets to a file; UNIX-LISTEN removes its socket at the end.
      'socat -u UNIX-LISTEN:/tmp/s CREATE:/tmp/out & sleep 0.1; echo hello | socat - UNIX-CONNECT:/tmp/s; wait; ' +
        'cat /tmp/out; test -e /tmp/s || echo removed; ' +
        // A forking server running tr for each client: the client's EOF reaches tr (half-close)
        // and tr's answer still comes back.
        'socat UNIX-LISTEN:/tmp/e,fork EXEC:"tr a-z A-Z" & sleep 0.1; echo one | socat - UNIX-CONNECT:/tmp/e; ' +
        'echo two | socat - UNIX-CONNECT:/tmp/e; kill $!; wait; ' +
        'echo through-a-pipe | socat - PIPE; ' +
        '(socat ABSTRACT-LISTEN:lab SYSTEM:"echo from-server" &); sleep 0.1; socat - ABSTRACT-CONNECT:lab </dev/null; ' +
        'socat -u OPEN:/etc/hostname,rdonly -',
    );
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe('hello\nremoved\nONE\nTWO\nthrough-a-pipe\nfrom-server\nringside\n');
  });

  test('relays over TCP and UDP on loopback; a refused connection is an E line', () => {
    const r = runInMachine(
      'socat -u TCP-LISTEN:9000,reuseaddr CREATE:/tmp/got & sleep 0.1; echo over-tcp | socat -u - TCP:127.0.0.1:9000; wait; cat /tmp/got; ' +
        'socat TCP-LISTEN:9002,reuseaddr,fork SYSTEM:"tr a-z A-Z" & sleep 0.1; echo both-ways | socat - TCP:localhost:9002; kill $!; ' +
        'socat -u UDP-LISTEN:9001 CREATE:/tmp/u & sleep 0.1; echo over-udp | socat -u - UDP:127.0.0.1:9001; sleep 1; cat /tmp/u; ' +
        'socat - TCP:127.0.0.1:9 2>&1; echo "rc=$?"',
    );
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(norm(r.output)).toMatch(/^over-tcp\nBOTH-WAYS\nover-udp\nsocat\[PID\] E connect\(\d+, AF=2 127\.0\.0\.1:9, 16\): Connection refused\nrc=1\n$/);
  });

  test('-d -d notices trace the transfer loop', () => {
    const r = runInMachine('echo x | socat -d -d - PIPE 2>&1');
    expect(norm(r.output)).toBe(
      'socat[PID] N reading from and writing to stdio\n' +
        'socat[PID] N writing to and reading from unnamed pipe\n' +
        'socat[PID] N starting data transfer loop with FDs [0,1] and [3,4]\n' +
        'socat[PID] N socket 1 (fd 0) is at EOF\n' +
        'x\n' +
        'socat[PID] N socket 2 (fd 3) is at EOF\n' +
        'socat[PID] N exiting with status 0\n',
    );
  });

  test('-v and -x dump the traffic as socat 1.7.4.4 does', () => {
    const r = runInMachine(
      'echo hello | socat -v - EXEC:"tr a-z A-Z" 2>&1 >/dev/null; printf "ab\\001\\n" | socat -x -u - OPEN:/dev/null; ' +
        'printf "a\\rb\\001c\\td\\\\\\\\e" | socat -v -u - OPEN:/dev/null; echo; printf abcdefghijklmnopqrstuvwxyz0123456789 | socat -x -v -u - OPEN:/dev/null',
    );
    // The time with microseconds, padded to nine digits.
    const out = r.output.replace(/^([<>]) \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{9} /gm, '$1 TIME ');
    expect(out).toBe(
      '> TIME  length=6 from=0 to=5\nhello\n< TIME  length=6 from=0 to=5\nHELLO\n' +
        '> TIME  length=4 from=0 to=3\n 61 62 01 0a\n' +
        '> TIME  length=9 from=0 to=8\na\\rb.c\td\\\\e\n' +
        '> TIME  length=36 from=0 to=35\n' +
        ' 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70  abcdefghijklmnop\n' +
        ' 71 72 73 74 75 76 77 78 79 7a 30 31 32 33 34 35  qrstuvwxyz012345\n' +
        ' 36 37 38 39                                      6789\n--\n',
    );
  });

  test('errors are E lines and exit status 1, as socat 1.7.4.4 prints them', () => {
    const r = runInMachine(
      'for a in "" "- UNIX-CONNECT:/tmp/nope" "FOO:x -" "- OPEN:/nonexist/x" "- UNIX-CONNECT:/tmp/nope,foo=1" "-Q - -" "- TCP:localhost" "a b c"; do ' +
        'socat $a; echo "rc=$?"; done; touch /tmp/f; socat UNIX-LISTEN:/tmp/f -; echo "rc=$?"; ' +
        // The program's failure is the child's business: socat itself ends normally.
        'socat - EXEC:/nonexist; echo "rc=$?"',
    );
    expect(norm(r.output)).toBe(
      [
        'socat[PID] E exactly 2 addresses required (there are 0); use option "-h" for help',
        'rc=1',
        'socat[PID] E connect(, AF=1 "/tmp/nope", 11): No such file or directory',
        'rc=1',
        'socat[PID] E unknown device/address "FOO"',
        'rc=1',
        'socat[PID] E open("/nonexist/x", 02, 0666): No such file or directory',
        'rc=1',
        'socat[PID] E parseopts_table(): unknown option "foo"',
        'rc=1',
        'socat[PID] E unknown option "-Q"; use option "-h" for help',
        'rc=1',
        'socat[PID] E TCP: wrong number of parameters (1 instead of 2)',
        'rc=1',
        'socat[PID] E exactly 2 addresses required (there are 3); use option "-h" for help',
        'rc=1',
        'socat[PID] E "/tmp/f" exists',
        'rc=1',
        'socat[PID] E execvp("/nonexist", "/nonexist"): No such file or directory',
        'rc=0',
        '',
      ].join('\n'),
    );
  });
});
