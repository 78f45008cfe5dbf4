// ip's numeric and named arguments are checked as iproute2 6.1 checks them (get_u32, rtnl_rt*_a2n):
// garbage or a value past 32 bits gives invarg's message and exit 255, never a wrapped or NaN
// number sent to the kernel.

import { describe, expect, it } from 'vitest';
import { get_u32 } from '../../../../../emulator/userland/bin/iproute2/iplink';
import { runInMachine } from '../../../../machine';

describe('get_u32', () => {
  it('takes decimal, hex and octal words that fit in 32 bits', () => {
    expect([get_u32('1500'), get_u32('0x10'), get_u32('010'), get_u32('0'), get_u32('4294967295')]).toEqual([1500, 16, 8, 0, 0xffffffff]);
    expect([get_u32('4294967296'), get_u32('99999999999'), get_u32('abc'), get_u32(''), get_u32('-1'), get_u32('12x')]).toEqual([null, null, null, null, null, null]);
  });
});

describe('ip with bad argument values', () => {
  const r = runInMachine(
    [
      'ip link set lo mtu 99999999999; echo rc=$?',
      'ip link set lo txqlen 4294967296; echo rc=$?',
      'ip link add x0 mtu abc type dummy; echo rc=$?',
      'ip link add x1 mtu; echo rc=$?',
      'ip route add 10.1.0.0/16 dev lo metric abc; echo rc=$?',
      'ip route add 10.2.0.0/16 dev lo table zz; echo rc=$?',
      'ip route add 10.3.0.0/16 dev lo scope zz; echo rc=$?',
      'ip route add 10.4.0.0/16 dev lo proto 256; echo rc=$?',
      'ip -o link | grep -c x; ip route | grep -c 10',
    ].join('\n'),
  );

  it('says what iproute2 says and changes nothing', () => {
    expect(r.output).toBe(
      'Error: argument "99999999999" is wrong: Invalid "mtu" value\n\nrc=255\n' +
        'Error: argument "4294967296" is wrong: Invalid "txqueuelen" value\n\nrc=255\n' +
        'Error: argument "abc" is wrong: Invalid "mtu" value\n\nrc=255\n' +
        'Command line is not complete. Try option "help"\nrc=255\n' +
        'Error: argument "abc" is wrong: "metric" value is invalid\n\nrc=255\n' +
        'Error: argument "zz" is wrong: "table" value is invalid\n\nrc=255\n' +
        'Error: argument "zz" is wrong: invalid "scope" value\n\nrc=255\n' +
        'Error: argument "256" is wrong: "protocol" value is invalid\n\nrc=255\n' +
        '0\n0\n',
    );
  });
});

describe('ss -Z and -z on a machine without SELinux', () => {
  const r = runInMachine('ss -Z; echo rc=$?; ss -xz; echo rc=$?');

  it('say so as ss does', () => {
    expect(r.output).toBe('ss: SELinux is not enabled.\nrc=1\n'.repeat(2));
  });
});
