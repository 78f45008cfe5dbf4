// debugfs, tracefs and configfs from the shell: the syscall events of ftrace in Linux 6.1's text
// formats (compared with lines taken on a real kernel), trace_pipe consuming, the control files'
// EINVAL answers, function_graph, the tracefs automount under debugfs, and netconsole targets
// made with mkdir in configfs.

import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

function run(cmd: string) {
  const r = runInMachine(cmd);
  expect(kernelBugs(r.machine)).toEqual([]);
  return r;
}

/** The header of `trace` under the nop tracer, as Linux 6.1 prints it. */
const header = (n: number, w: number) => `# tracer: nop
#
# entries-in-buffer/entries-written: ${n}/${w}   #P:2
#
#                                _-----=> irqs-off/BH-disabled
#                               / _----=> need-resched
#                              | / _---=> hardirq/softirq
#                              || / _--=> preempt-depth
#                              ||| / _-=> migrate-disable
#                              |||| /     delay
#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
#              | |         |   |||||     |         |
`;

/** "             cat-15985   [000] ..... 21793.838320: " on the reference kernel. */
const CONTEXT = String.raw`^ {0,16}[\w.<>-]+-\d+ +\[\d{3}\] \.{5} +\d+\.\d{6}: `;

describe('tracefs', () => {
  it('is mounted at /sys/kernel/tracing and automounted under debugfs; the types are in /proc/filesystems', () => {
    const r = run('grep -E "debugfs|tracefs|configfs" /proc/filesystems; ls -ld /sys/kernel/tracing /sys/kernel/debug; ls /sys/kernel/debug/tracing/trace_pipe; grep tracing /proc/mounts');
    expect(r.output).toBe(`nodev	debugfs
nodev	tracefs
nodev	configfs
drwx------ 3 root root 0 Jan  1 00:00 /sys/kernel/debug
drwx------ 3 root root 0 Jan  1 00:00 /sys/kernel/tracing
/sys/kernel/debug/tracing/trace_pipe
tracefs /sys/kernel/tracing tracefs rw,nosuid,nodev,noexec,relatime 0 0
tracefs /sys/kernel/debug/tracing tracefs rw,nosuid,nodev,noexec,relatime 0 0
`);
  });

  it('the control files start as on Linux', () => {
    const r = run('cd /sys/kernel/tracing; cat available_tracers current_tracer tracing_on buffer_size_kb set_ftrace_pid events/enable; cat trace; grep -c . available_events; grep -x syscalls:sys_enter_openat available_events');
    expect(r.output).toBe(`function_graph nop\nnop\n1\n7 (expanded: 1408)\nno pid\n0\n${header(0, 0)}${r.output.split('\n').at(-3)}\nsyscalls:sys_enter_openat\n`);
    expect(Number(r.output.split('\n').at(-3))).toBeGreaterThan(200);
  });

  it('sys_enter_openat/sys_exit_openat show `cat /etc/hostname` opening its file, in Linux format', () => {
    const r = run('cd /sys/kernel/tracing; echo 1 > events/syscalls/sys_enter_openat/enable; echo 1 > events/syscalls/sys_exit_openat/enable; cat events/syscalls/enable; cat /etc/hostname; echo 0 > tracing_on; cat trace');
    const lines = r.output.split('\n');
    expect(lines[0]).toBe('X');
    expect(lines[1]).toBe('ringside');
    const trace = lines.slice(2).join('\n');
    const n = trace.split('\n').filter((l) => l && !l.startsWith('#')).length;
    expect(trace.startsWith(header(n, n))).toBe(true);
    expect(trace).toMatch(new RegExp(`${CONTEXT.replace('[\\w.<>-]+', 'cat')}sys_openat\\(dfd: ffffff9c, filename: [0-9a-f]+, flags: 0, mode: 0\\)$`, 'm'));
    expect(trace).toMatch(new RegExp(`${CONTEXT.replace('[\\w.<>-]+', 'cat')}sys_openat -> 0x3$`, 'm'));
  });

  it('the format and id files describe the event', () => {
    const r = run('cd /sys/kernel/tracing/events/syscalls; cat sys_enter_openat/format sys_exit_openat/format; cat sys_enter_openat/id sys_exit_openat/id');
    const enterId = Number(r.output.match(/^ID: (\d+)$/m)![1]);
    expect(r.output).toBe(`name: sys_enter_openat
ID: ${enterId}
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:int __syscall_nr;	offset:8;	size:4;	signed:1;
	field:int dfd;	offset:16;	size:8;	signed:0;
	field:const char * filename;	offset:24;	size:8;	signed:0;
	field:int flags;	offset:32;	size:8;	signed:0;
	field:umode_t mode;	offset:40;	size:8;	signed:0;

print fmt: "dfd: 0x%08lx, filename: 0x%08lx, flags: 0x%08lx, mode: 0x%08lx", ((unsigned long)(REC->dfd)), ((unsigned long)(REC->filename)), ((unsigned long)(REC->flags)), ((unsigned long)(REC->mode))
name: sys_exit_openat
ID: ${enterId - 1}
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:int __syscall_nr;	offset:8;	size:4;	signed:1;
	field:long ret;	offset:16;	size:8;	signed:1;

print fmt: "0x%lx", REC->ret
${enterId}
${enterId - 1}
`);
  });

  it('trace_pipe consumes what it returns; trace keeps the rest; > trace clears', () => {
    const r = run('cd /sys/kernel/tracing; echo 1 > events/syscalls/sys_exit_openat/enable; cat /etc/hostname /etc/hostname >/dev/null; echo 0 > tracing_on; dd if=trace_pipe bs=300 count=1 2>/dev/null | wc -l; grep entries-in trace; echo > trace; grep entries-in trace');
    const lines = r.output.split('\n');
    const consumed = Number(lines[0]);
    expect(consumed).toBeGreaterThan(0);
    const m = /^# entries-in-buffer\/entries-written: (\d+)\/(\d+) {3}#P:2$/.exec(lines[1]!)!;
    expect(Number(m[2]) - Number(m[1])).toBeGreaterThanOrEqual(consumed);
    expect(lines[2]).toBe('# entries-in-buffer/entries-written: 0/0   #P:2');
  });

  it('a reader of trace_pipe blocks until an event comes', () => {
    const r = run('cd /sys/kernel/tracing; cat trace_pipe > /tmp/p & sleep 1; echo 1 > events/syscalls/sys_exit_getppid/enable; sh -c "echo \\$PPID" > /dev/null; sleep 1; kill $!; cat /tmp/p');
    expect(r.output).toMatch(new RegExp(`${CONTEXT.replace('[\\w.<>-]+', 'sh')}sys_getppid -> 0x[0-9a-f]+$`, 'm'));
  });

  it('bad values are EINVAL', () => {
    const r = run([
      'cd /sys/kernel/tracing',
      'echo 2 | dd of=events/syscalls/sys_enter_openat/enable 2>&1 | head -1',
      'echo bogus | dd of=current_tracer 2>&1 | head -1',
      'echo x | dd of=tracing_on 2>&1 | head -1',
      'echo 0 | dd of=buffer_size_kb 2>&1 | head -1',
      'echo abc | dd of=set_ftrace_pid 2>&1 | head -1',
      'cat current_tracer',
    ].join('; '));
    const e = (f: string) => `dd: error writing '${f}': Invalid argument\n`;
    expect(r.output).toBe(e('events/syscalls/sys_enter_openat/enable') + e('current_tracer') + e('tracing_on') + e('buffer_size_kb') + e('set_ftrace_pid') + 'nop\n');
  });

  it('function_graph shows the open path of one task with durations', () => {
    const r = run('cd /sys/kernel/tracing; echo function_graph > current_tracer; sh -c "echo \\$\\$ > set_ftrace_pid; exec cat /etc/hostname" >/dev/null; echo 0 > tracing_on; cat trace');
    expect(r.output.startsWith('# tracer: function_graph\n#\n# CPU  DURATION                  FUNCTION CALLS\n# |     |   |                     |   |   |   |\n')).toBe(true);
    expect(r.output).toMatch(/^ \d\) {15}\| {2}__x64_sys_openat\(\) \{\n \d\) {15}\| {4}do_sys_openat2\(\) \{\n \d\) {3}\d\.\d{3} us {4}\| {6}getname\(\);\n \d\) {15}\| {6}do_filp_open\(\) \{\n \d\) {15}\| {8}path_openat\(\) \{\n \d\) {3}\d\.\d{3} us {4}\| {10}link_path_walk\(\);\n \d\) {3}\d\.\d{3} us {4}\| {10}open_last_lookups\(\);\n \d\) {15}\| {10}do_open\(\) \{\n \d\) {3}\d\.\d{3} us {4}\| {12}vfs_open\(\);\n( \d\) {3}\d\.\d{3} us {4}\| +\}\n){4} \d\) {3}\d\.\d{3} us {4}\| {2}\}\n/m);
    expect(r.output).toMatch(/^ \d\) {15}\| {2}__x64_sys_execve\(\) \{\n \d\) {15}\| {4}do_execveat_common\(\) \{\n \d\) {3}\d\.\d{3} us {4}\| {6}getname\(\);\n( \d\) {3}\d\.\d{3} us {4}\| {6}copy_strings\(\);\n){2} \d\) {15}\| {6}bprm_execve\(\) \{\n \d\) {3}\d\.\d{3} us {4}\| {8}load_elf_binary\(\);\n/m);
    expect(r.output).toMatch(/^ \d\) {15}\| {2}__x64_sys_read\(\) \{\n \d\) {15}\| {4}ksys_read\(\) \{\n \d\) {3}\d\.\d{3} us {4}\| {6}vfs_read\(\);\n/m);
  });
});

describe('configfs: netconsole', () => {
  it('mkdir makes a target with its attributes and defaults; rmdir removes it', () => {
    const r = run('cd /sys/kernel/config/netconsole; mkdir t1; ls t1 | wc -l; for f in t1/*; do echo "$f=$(cat $f)"; done; rmdir t1; ls | wc -l; mkdir /sys/kernel/config/other');
    expect(r.output).toBe(`10
t1/dev_name=eth0
t1/enabled=0
t1/extended=0
t1/local_ip=0.0.0.0
t1/local_mac=ff:ff:ff:ff:ff:ff
t1/local_port=6665
t1/release=0
t1/remote_ip=0.0.0.0
t1/remote_mac=ff:ff:ff:ff:ff:ff
t1/remote_port=6666
0
mkdir: cannot create directory ‘/sys/kernel/config/other’: Operation not permitted
`);
  });

  it('writes are validated: addresses, ports, booleans; enabling needs a device', () => {
    const r = run([
      'dmesg -n 1; cd /sys/kernel/config/netconsole; mkdir t1; cd t1',
      'echo 10.0.0.2 > remote_ip; echo 2001:db8:0:0:0:0:0:1 > local_ip; echo 514 > remote_port; echo 00:11:22:33:44:55 > remote_mac; echo lo > dev_name',
      'cat remote_ip local_ip remote_port remote_mac dev_name',
      'echo 10.0.0.300 | dd of=remote_ip 2>&1 | head -1',
      'echo 70000 | dd of=remote_port 2>&1 | head -1',
      'echo maybe | dd of=extended 2>&1 | head -1',
      'echo 1 | dd of=enabled 2>&1 | head -1',
      'echo 1 | dd of=local_mac 2>&1 | head -1',
      'dmesg | tail -1',
    ].join('; '));
    expect(r.output).toBe(`10.0.0.2
2001:db8::1
514
00:11:22:33:44:55
lo
dd: error writing 'remote_ip': Invalid argument
dd: error writing 'remote_port': Numerical result out of range
dd: error writing 'extended': Invalid argument
dd: error writing 'enabled': No such device
dd: failed to open 'local_mac': Permission denied
${r.output.split('\n').at(-2)}
`);
    expect(r.output.split('\n').at(-2)).toMatch(/^\[ {4}0\.\d{6}\] netpoll: netconsole: lo doesn't exist, aborting$/);
  });
});
