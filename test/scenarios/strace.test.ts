// /usr/bin/strace on a booted machine: a userland program that watches its tracees through
// ptrace(2), wait4 and process_vm_readv. Each transcript is compared with a golden file under
// golden/strace/ (regenerate with UPDATE_GOLDEN=1 after checking the difference by eye).
//
// The machine is deterministic, so pids, addresses and the order of -f interleavings repeat
// exactly; only times are masked, since they follow the kernel's cost model rather than strace.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInMachine } from '../machine';

const GOLDEN = join(__dirname, 'golden', 'strace');

/** Clock readings keep their width (so the 40-column alignment still shows) but lose their digits. */
function maskTimes(text: string): string {
  return text
    .replace(/\b\d\d:\d\d:\d\d\.\d{6}\b/g, 'HH:MM:SS.uuuuuu')
    .replace(/<\d+\.\d{6}>/g, '<S.uuuuuu>')
    .replace(/(clock_gettime\(\w+, \{)tv_sec=\d+, tv_nsec=\d+/g, '$1tv_sec=S, tv_nsec=N');
}

/** The -c table's time columns (percent, seconds, usecs/call), keeping calls, errors and names. */
function maskSummary(text: string): string {
  return text.replace(/^ *\d+\.\d\d +\d+\.\d{6} +\d+ (?= +\d+ )/gm, (m) => m.replace(/\d/g, '9'));
}

function golden(name: string, command: string, mask: (s: string) => string = maskTimes): void {
  const r = runInMachine(command);
  const text = `$ ${command}\n${mask(r.output)}[exit status ${r.status}]\n`;
  const file = join(GOLDEN, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('strace transcripts', () => {
  it('cat: open, read, write (interleaved with cat’s own output), close', () => {
    golden('cat', 'strace cat /etc/hostname');
  });
  it('ls of a directory', () => {
    golden('ls', 'strace ls /etc');
  });
  it('sh -c: the shell’s calls, and strace exits with the command’s status', () => {
    golden('sh-c', 'strace sh -c "echo hi; exit 3"');
  });
  it('-f on a pipeline: [pid N] prefixes, <unfinished ...> and <... resumed>, attach notices', () => {
    golden('pipeline-f', 'strace -f sh -c "echo hi | cat"');
  });
  it('-f -o FILE: every line starts with the pid; no notices', () => {
    golden('pipeline-f-o', 'strace -f -o /tmp/trace sh -c "true | true"; cat /tmp/trace');
  });
  it('a signal that kills the tracee: strace dies of it too', () => {
    golden('signal-killed', 'strace sh -c "kill -USR1 \\$\\$"');
  });
  it('a caught signal: --- SIGUSR1 {...} --- and the handler’s rt_sigreturn', () => {
    golden('signal-caught', 'strace -f sh -c "trap \\"echo caught\\" USR1; kill -USR1 \\$\\$"');
  });
  it('job control: a seized tracee stays stopped (--- stopped by SIGSTOP ---) until SIGCONT', () => {
    golden(
      'stop-cont',
      'strace -f -e trace=kill,nanosleep sh -c "sleep 1 & kill -STOP \\$!; sleep 0.2; kill -CONT \\$!; wait"',
    );
  });
  it('a failing call: = -1 ENOENT (No such file or directory)', () => {
    golden('failing', 'strace ls /nonexistent');
  });
  it('-c: the summary table', () => {
    golden('summary', 'strace -c -S calls ls / >/dev/null', maskSummary);
  });
  it('-C: the trace, then the table', () => {
    golden('summary-C', 'strace -C -S name cat /etc/hostname', maskSummary);
  });
  it('-y: paths behind file descriptors', () => {
    golden('decode-fds', 'strace -y cat /etc/hostname');
  });
  it('-yy: and a device’s type and numbers, from a stat through /proc/PID/fd', () => {
    golden('decode-fds-yy', 'strace -yy -e trace=openat,read,write,close cat /dev/null');
  });
  it('-e read= and -e write=: hex dumps of the data', () => {
    golden('io-dump', 'strace -e trace=read,write -e read=3 -e write=1 cat /etc/hostname');
  });
  it('-T -tt: times before each line, durations after', () => {
    golden('times', 'strace -T -tt cat /etc/hostname');
  });
  it('-e trace=%file and -z', () => {
    golden('filter', 'strace -e trace=%file ls /nonexistent; strace -z -e trace=newfstatat ls /nonexistent /etc');
  });
  it('strace of strace under -f: the inner one cannot trace (PTRACE_TRACEME is EPERM)', () => {
    golden('nested', 'strace -f strace true');
  });
  it('a command that cannot be executed: the failed execve, strace’s message, exit status 1', () => {
    golden('exec-failure', 'strace /tmp; echo $?');
  });
  it('command-line errors', () => {
    golden(
      'errors',
      'strace /nonexistent-bin; echo $?; strace -Q true; echo $?; strace; echo $?; strace -e trace=foo true; echo $?',
    );
  });
});

describe('strace behaviour', () => {
  it('exit status: the command’s, or 128+N when it was killed by signal N', () => {
    expect(runInMachine('strace -e trace=none sh -c "exit 7"').status).toBe(7);
    const killed = runInMachine('strace -qq -e trace=none sh -c "kill -TERM \\$\\$"; echo $?');
    expect(killed.output).toBe(
      '--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=5, si_uid=0} ---\nTerminated\n143\n',
    );
  });
  it('-p attaches, and a signal to strace detaches it', () => {
    const r = runInMachine(
      'sleep 3 & sleep 0.2; strace -e trace=none -p $! & sleep 0.5; kill -TERM $!; wait $!; echo $?',
    );
    expect(r.output).toBe('strace: Process 3 attached\nstrace: Process 3 detached\nTerminated\n143\n');
  });
  it('-p while the process sleeps: restart_syscall names the call it resumes', () => {
    const lines = runInMachine('sleep 2 & sleep 0.5; strace -p $!').output.split('\n');
    expect(lines[0]).toBe('strace: Process 3 attached');
    expect(lines[1]).toMatch(/^restart_syscall\(<\.\.\. resuming interrupted nanosleep \.\.\.>\) +=/);
  });
  it('interrupted strace detaches: the open line ends with <detached ...>, the tracee runs on', () => {
    const r = runInMachine(
      'strace -e trace=nanosleep sleep 1 & sleep 0.3; kill -INT $!; wait $!; echo $?; ps -o pid,comm',
    );
    expect(r.output).toBe(
      'nanosleep({tv_sec=1, tv_nsec=0}, strace: Process 6 detached\n <detached ...>\n130\n' +
        '  PID COMMAND\n    2 ps\n    6 sleep\n',
    );
  });
  it('a signal that hit the tracee as well as strace is delivered at the detach, not lost', () => {
    const cmd =
      'strace -e trace=none sh -c "trap \\"echo caught\\" INT; sleep 1; echo done" & sleep 0.3; kill -INT $! $(($!+3)); wait; sleep 1.5';
    expect(runInMachine(cmd).output).toBe('strace: Process 6 detached\ncaught\ndone\n');
  });
  it('-p of strace itself is refused, as strace 6.1 refuses it', () => {
    const r = runInMachine("sh -c 'exec strace -p $$'; echo $?");
    expect(r.output).toBe("strace: I'm sorry, I can't let you do that, Dave.\n1\n");
  });
  it('-ff -o FILE: one file per process, without pid prefixes', () => {
    const r = runInMachine('strace -ff -o /tmp/f sh -c "true | true"; ls /tmp; head -1 /tmp/f.6');
    expect(r.output).toBe('f.5  f.6  f.7\nclose(3)                                = 0\n');
  });
  it('-c sorts by time by default', () => {
    const lines = runInMachine('strace -c ls / >/dev/null').output.split('\n');
    const times = lines.slice(2, lines.indexOf(lines[1]!, 2)).map((l) => Number(l.split(/ +/)[2]));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
