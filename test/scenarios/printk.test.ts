// The kernel log from user space: dmesg's formats over /dev/kmsg and syslog(2), records written to
// /dev/kmsg, reading /dev/kmsg with dd (one record per read, EINVAL for a short buffer), clearing,
// and the permission rules of kernel.dmesg_restrict for an unprivileged user.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

const golden = (name: string) => readFileSync(join(__dirname, 'golden', 'printk', name), 'utf8');

function run(cmd: string) {
  const r = runInMachine(cmd);
  expect(kernelBugs(r.machine)).toEqual([]);
  return r;
}

/** The two boot lines whose numbers follow the image size and the pages used: masked. */
function mask(s: string): string {
  return s.replace(/Freeing initrd memory: \d+K/, 'Freeing initrd memory: NK').replace(/Memory: \d+K\/(\d+)K available \(\d+K reserved\)/, 'Memory: NK/$1K available (NK reserved)');
}

describe('dmesg', () => {
  it('tells the story of boot in the default format', () => {
    const r = run('dmesg | cat');
    expect(r.status).toBe(0);
    expect(mask(r.output)).toBe(golden('dmesg_boot.txt'));
  });

  it('colors on a terminal as util-linux does: green time, brown subsystem, red errors', () => {
    const r = run('dmesg -n 1; echo "<3>disk: on fire" > /dev/kmsg; echo "<4>just a warning" > /dev/kmsg; dmesg -u; dmesg --color=never -u | head -1');
    const esc = (s: string) => s.replace(/\x1b/g, '^[');
    const lines = esc(r.output).split('\n');
    expect(lines[0]).toMatch(/^\^\[\[32m\[ {4}0\.\d{6}\]\^\[\[0m \^\[\[33mdisk: \^\[\[0m\^\[\[31mon fire\^\[\[0m$/);
    expect(lines[1]).toMatch(/^\^\[\[32m\[ {4}0\.\d{6}\]\^\[\[0m \^\[\[1mjust a warning\^\[\[0m$/);
    expect(lines[2]).toMatch(/^\[ {4}0\.\d{6}\] disk: on fire$/);
  });

  it('-r shows the raw priorities, -x decodes them, -t drops the time', () => {
    const lines = run('dmesg -r | head -2; dmesg -x | head -3 | tail -1; dmesg -t -l info | head -2').output.split('\n');
    expect(lines[0]).toBe('<5>[    0.000000] Linux version 6.1.0-ringside (builder@ringside) (tsc (TypeScript)) #1 SMP PREEMPT_DYNAMIC Ringside');
    expect(lines[1]).toMatch(/^<6>\[ {4}0\.000000\] Command line: BOOT_IMAGE=\/boot\/vmlinuz .* quiet -- -c "dmesg -r/);
    expect(lines[2]).toMatch(/^kern {2}:info {2}: \[ {4}0\.000000\] Memory: \d+K\/262144K available \(\d+K reserved\)$/);
    expect(lines[3]).toMatch(/^Command line: BOOT_IMAGE=/);
    expect(lines[4]).toMatch(/^Memory: /);
  });

  it('echo hi > /dev/kmsg appears as a user-space record, -u and -k split them', () => {
    const r = run('dmesg -n 1; echo hi > /dev/kmsg; echo "<3>disk on fire" > /dev/kmsg; dmesg -u | cat; dmesg -x -u | cat; dmesg -k | grep -c "on fire$"; dmesg -r -l err');
    const lines = r.output.split('\n');
    expect(lines[0]).toMatch(/^\[ {4}0\.\d{6}\] hi$/);
    expect(lines[1]).toMatch(/^\[ {4}0\.\d{6}\] disk on fire$/);
    expect(lines[2]).toMatch(/^user {2}:warn {2}: \[ {4}0\.\d{6}\] hi$/);
    expect(lines[3]).toMatch(/^user {2}:err {3}: \[ {4}0\.\d{6}\] disk on fire$/);
    expect(lines[4]).toBe('0');
    expect(lines[5]).toMatch(/^<11>\[ {4}0\.\d{6}\] disk on fire$/);
  });

  it('-S reads the same through syslog(2); -C clears; -c prints then clears', () => {
    const r = run('dmesg > /tmp/a; dmesg -S > /tmp/b; [ "$(cat /tmp/a)" = "$(cat /tmp/b)" ] && echo same; dmesg -C; dmesg | wc -l; echo new > /dev/kmsg; dmesg -c -t | cat; dmesg | wc -l');
    expect(r.output).toBe('same\n0\nnew\n0\n');
  });

  it('bad options and levels are refused as util-linux does', () => {
    const r = run('dmesg -q; echo $?; dmesg -l foo; echo $?; dmesg -f bogus; echo $?');
    expect(r.output).toBe("dmesg: invalid option -- 'q'\nTry 'dmesg --help' for more information.\n1\ndmesg: unknown level 'foo'\n1\ndmesg: unknown facility 'bogus'\n1\n");
  });
});

describe('/dev/kmsg and syslog(2) from user space', () => {
  it('one record per read in the level,seq,usec,flags;text format; EINVAL for a small buffer', () => {
    const r = run('dd if=/dev/kmsg bs=1024 count=2 iflag=nonblock 2>/dev/null; dd if=/dev/kmsg bs=8 count=1 2>&1 | head -1');
    const lines = r.output.split('\n');
    expect(lines[0]).toBe('5,0,0,-;Linux version 6.1.0-ringside (builder@ringside) (tsc (TypeScript)) #1 SMP PREEMPT_DYNAMIC Ringside');
    expect(lines[1]).toMatch(/^6,1,0,-;Command line: /);
    expect(lines[2]).toBe("dd: error reading '/dev/kmsg': Invalid argument");
  });

  it('dmesg_restrict: an unprivileged user may read until it is set; clearing always needs CAP_SYSLOG', () => {
    const r = run('su user -c "dmesg | head -1; dmesg -C"; echo 1 > /proc/sys/kernel/dmesg_restrict; su user -c "dmesg"; echo $?');
    expect(r.output).toMatch(/^\[ {4}0\.000000\] Linux version/);
    expect(r.output).toContain('dmesg: klogctl failed: Operation not permitted\n');
    expect(r.output.endsWith('dmesg: read kernel buffer failed: Operation not permitted\n1\n')).toBe(true);
  });

  it('/proc/kmsg hands out the log once, in syslog\'s text, to root only', () => {
    const r = run('ls -l /proc/kmsg; dd if=/proc/kmsg bs=100 count=1 2>/dev/null; echo; dd if=/proc/kmsg bs=100 count=1 2>/dev/null; su user -c "cat /proc/kmsg"');
    expect(r.output).toBe(`-r-------- 1 root root 0 ${r.output.slice(25, 37)} /proc/kmsg
<5>[    0.000000] Linux version 6.1.0-ringside (builder@ringside) (tsc (TypeScript)) #1 SMP PREEMPT_
DYNAMIC Ringside
cat: /proc/kmsg: Permission denied
`);
  });

  it('dmesg -w waits in read(2) for new records; -W prints only new ones', () => {
    const r = run('dmesg -w > /tmp/w & sleep 1; echo live > /dev/kmsg; sleep 1; kill $!; wait; tail -2 /tmp/w; dmesg -W > /tmp/n & sleep 1; echo later > /dev/kmsg; sleep 1; kill $!; cat /tmp/n');
    expect(r.output).toMatch(/^\[ {4}0\.000000\] Run \/sbin\/init as init process\n\[ {4}1\.\d{6}\] live\n\[ {4}3\.\d{6}\] later\n$/);
  });

  it('records more urgent than console_loglevel are printed on the console; dmesg -n changes the level', () => {
    const r = run('echo "<2>critical" > /dev/kmsg; echo "<6>info" > /dev/kmsg; dmesg -n 7; echo "<6>now shown" > /dev/kmsg; cat /proc/sys/kernel/printk; dmesg -D; echo "<1>off" > /dev/kmsg; dmesg -E; echo "<6>on again" > /dev/kmsg');
    expect(r.output.replace(/\[ {4}0\.\d{6}\]/g, '[T]')).toBe('[T] critical\n[T] now shown\n7\t4\t1\t7\n[T] on again\n[T] reboot: Power down\n');
  });
});
