// The sysctl tool in a booted machine: reads, writes, errors and exit codes as procps-ng 4.0.2
// prints them on Debian (captured on the host), and the values taking effect (uname sees a new
// hostname).

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

function run(cmd: string): string {
  const r = runInMachine(cmd);
  expect(kernelBugs(r.machine)).toEqual([]);
  return r.output;
}

describe('sysctl', () => {
  it('reads keys as "name = value", -n values only, -N names only', () => {
    expect(run('sysctl kernel.ostype kernel.printk; echo rc=$?; sysctl -n kernel.domainname; sysctl -N vm.swappiness')).toBe(
      'kernel.ostype = Linux\nkernel.printk = 4\t4\t1\t7\nrc=0\n(none)\nvm.swappiness\n',
    );
  });

  it('writes with key=value and -w, and the kernel uses the value', () => {
    expect(run('sysctl kernel.hostname=lab1; uname -n; sysctl -w vm.swappiness=10; cat /proc/sys/vm/swappiness; sysctl -q kernel.pid_max=5000; echo rc=$?; cat /proc/sys/kernel/pid_max')).toBe(
      'kernel.hostname = lab1\nlab1\nvm.swappiness = 10\n10\nrc=0\n5000\n',
    );
  });

  it('reports errors with procps-ng messages and exit codes', () => {
    const out = run([
      'sysctl kernel.foo; echo rc=$?',
      'sysctl vm.swappiness=abc; echo rc=$?',
      'sysctl vm.swappiness=201; echo rc=$?',
      'sysctl -w kernel.ostype=x; echo rc=$?',
      'sysctl -w vm.swappiness; echo rc=$?',
      'sysctl -e kernel.foo; echo rc=$?',
      'sysctl -n; echo rc=$?',
    ].join('; '));
    expect(out).toBe([
      'sysctl: cannot stat /proc/sys/kernel/foo: No such file or directory', 'rc=1',
      'sysctl: setting key "vm.swappiness": Invalid argument', 'rc=1',
      'sysctl: setting key "vm.swappiness": Invalid argument', 'rc=1',
      'sysctl: setting key "kernel.ostype": Invalid argument', 'rc=0',
      'sysctl: command line(0): invalid syntax, continuing...', 'rc=1',
      'rc=0',
      'sysctl: no variables specified', "Try `sysctl --help' for more information.", 'rc=1', '',
    ].join('\n'));
  });

  it('a non-root user may read but not write', () => {
    const out = run('su -c "/usr/sbin/sysctl vm.swappiness; /usr/sbin/sysctl vm.swappiness=1; echo rc=\\$?" -s /bin/sh nobody 2>&1');
    expect(out).toBe('vm.swappiness = 60\nsysctl: permission denied on key "vm.swappiness"\nrc=1\n');
  });

  it('-a lists every tunable in name order; a directory key lists its subtree; -p loads a file', () => {
    const out = run('sysctl -a > /tmp/all; head -1 /tmp/all; grep -c . /tmp/all; sysctl net.ipv4; printf "# c\\nvm.swappiness = 7\\n; c\\n\\nbad\\n" > /tmp/s.conf; sysctl -p /tmp/s.conf');
    const lines = out.split('\n');
    expect(lines[0]).toBe('fs.file-max = ' + lines[0]!.split(' = ')[1]);
    expect(Number(lines[1])).toBeGreaterThan(35);
    expect(lines.slice(2).join('\n')).toBe(
      'net.ipv4.ip_forward = 0\nnet.ipv4.ip_local_port_range = 32768\t60999\nvm.swappiness = 7\n' +
      'sysctl: /tmp/s.conf(5): invalid syntax, continuing...\n',
    );
  });
});
