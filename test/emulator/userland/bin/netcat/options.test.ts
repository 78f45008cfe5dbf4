// nc's -h, -w, -q, -s and -p as Debian's netcat-openbsd 1.219 takes them: help on stderr with exit 0,
// strtonum's whole-word numbers, a client bound to -s/-p before it connects, and `nc -l -p PORT`.

import { describe, expect, it } from 'vitest';
import { runInMachine } from '../../../../machine';

describe('nc options', () => {
  const r = runInMachine(
    [
      'nc -h 2>&1 >/dev/null | grep -n "netcat\\|Summary\\|ranges"',
      'nc -h 2>/dev/null; echo rc=$?',
      'nc -w "" x 1; echo rc=$?',
      'nc -q 1.5 x 1; echo rc=$?',
      'nc -l -p 4000 4001 2>&1 | head -1',
      'nc -p abc 127.0.0.1 9; echo rc=$?',
      'nc -s 1.2.3.4 127.0.0.1 9; echo rc=$?',
      '(nc -l -p 5000 > /tmp/got &)',
      'sleep 1',
      'echo hi | nc -N -p 6000 127.0.0.1 5000; echo rc=$?',
      'sleep 1; cat /tmp/got; ss -Htan | grep -c "127.0.0.1:6000 *127.0.0.1:5000"',
    ].join('\n'),
  );

  it('behaves as netcat-openbsd does', () => {
    expect(r.output).toBe(
      '1:OpenBSD netcat (Debian patchlevel 1.219-1)\n7:\tCommand Summary:\n43:\tPort numbers can be individual or ranges: lo-hi [inclusive]\n' +
        'rc=0\n' +
        'nc: timeout invalid: \nrc=1\n' +
        'nc: quit timer invalid: 1.5\nrc=1\n' +
        'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n' +
        'nc: getaddrinfo: Servname not supported for ai_socktype\nrc=1\n' +
        'nc: bind failed: Cannot assign requested address\nrc=1\n' +
        'rc=0\nhi\n' +
        '1\n',
    );
  });
});
