// id, uname, date, sleep, which, env, hexdump, od, dd: their output against what Debian prints.

import { describe, expect, it } from 'vitest';
import { runInMachine } from '../machine';

const out = (cmd: string) => runInMachine(cmd).output;

describe('system information tools', () => {
  it('id and whoami for root and for a user', () => {
    expect(out('id; whoami; su user -c id')).toBe('uid=0(root) gid=0(root) groups=0(root)\nroot\nuid=1000(user) gid=1000(user) groups=1000(user)\n');
  });

  it('uname and hostname from the uname syscall', () => {
    expect(out('uname -a; uname; uname -rm; hostname; hostname lab; hostname; uname -n')).toBe(
      'Linux ringside 6.1.0-ringside #1 SMP PREEMPT_DYNAMIC Ringside x86_64 GNU/Linux\nLinux\n6.1.0-ringside x86_64\nringside\nlab\nlab\n',
    );
  });

  it('date in the C locale, UTC', () => {
    expect(out("date; date -d @0 '+%F %T %a %j %Z %s'")).toBe('Thu Jan  1 00:00:00 UTC 2026\n1970-01-01 00:00:00 Thu 001 UTC 0\n');
  });

  it('sleep takes virtual time and rejects bad intervals', () => {
    const r = runInMachine("date +%s; sleep 1.5 0.5; date +%s; sleep x; echo $?");
    const [t0, t1, ...rest] = r.output.split('\n');
    expect(Number(t1) - Number(t0)).toBe(2);
    expect(rest.join('\n')).toBe("sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n1\n");
  });

  it('which, env and nproc', () => {
    expect(out('which ls sh; which nope; echo $?; env -i A=1 env; nproc')).toBe('/usr/bin/ls\n/usr/bin/sh\n1\nA=1\n2\n');
  });

  it('dumps bytes like hexdump -C and od', () => {
    expect(out("printf 'hello world 0123456789abcdef\\n' | hexdump -C")).toBe(
      '00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 20 30 31 32 33  |hello world 0123|\n' +
        '00000010  34 35 36 37 38 39 61 62  63 64 65 66 0a           |456789abcdef.|\n0000001d\n',
    );
    expect(out("printf 'hello\\n' | od; printf 'hello\\n' | od -c; printf 'hello\\n' | od -x; printf 'a\\0' | od -c")).toBe(
      '0000000 062550 066154 005157\n0000006\n0000000   h   e   l   l   o  \\n\n0000006\n0000000 6568 6c6c 0a6f\n0000006\n0000000   a  \\0\n0000002\n',
    );
    expect(out('head -c 64 /dev/zero | hexdump -C')).toBe('00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n00000040\n');
  });

  it('copies blocks with dd and reports records', () => {
    const r = runInMachine('dd if=/dev/zero bs=1024 count=2 2>/tmp/err | wc -c; head -2 /tmp/err; dd if=/dev/zero of=/dev/null bs=1k count=3 status=none; echo $?');
    expect(r.output).toBe('2048\n2+0 records in\n2+0 records out\n0\n');
  });
});
