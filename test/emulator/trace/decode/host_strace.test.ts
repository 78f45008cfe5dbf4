// Compares the decoder with the real strace of the machine running the tests, where there is one
// (Linux with /usr/bin/strace and gcc): a small C program makes a few syscalls with fixed
// arguments, real strace prints them, and the decoder must print the same lines from the same
// registers and memory — names, flags, structures, escaping, padding and error texts alike.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatExitLine, formatSignalLine } from '../../../../emulator/trace/decode';
import { W_EXITCODE } from '../../../../emulator/uapi/sched';
import * as S from '../../../../emulator/uapi/signal';
import { FakeTracee, line } from './helpers';

const hasTools = (() => {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/strace')) return false;
  try {
    execFileSync('gcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The bytes written by the program (escapes of every kind, longer than -s). */
const WRITTEN = [...'hello\tworld\r\n\x01\x02\x7f\xff"\\ 0123456789abcdef\x00\x017abc'].map((c) => c.charCodeAt(0));
const RESTORER = 0x401000;

const PROGRAM = `
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <signal.h>
struct kernel_sigaction { unsigned long handler, flags, restorer, mask; };
int main(void) {
  static const char data[] = { ${WRITTEN.join(', ')} };
  struct stat st;
  struct kernel_sigaction act = { (unsigned long)SIG_IGN, ${S.SA_RESTORER} | SA_RESTART, ${RESTORER},
                                  (1UL << (SIGUSR1 - 1)) | (1UL << (SIGCHLD - 1)) }, old;
  int status;
  syscall(SYS_openat, AT_FDCWD, "/nonexistent-ringside", O_RDONLY | O_CLOEXEC);
  syscall(SYS_write, 1, data, sizeof data);
  int fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR | O_NONBLOCK);
  syscall(SYS_fstat, fd, &st);
  syscall(SYS_rt_sigaction, SIGUSR1, &act, &old, 8);
  if (fork() == 0) syscall(SYS_exit_group, 3);
  syscall(SYS_wait4, -1, &status, 0, 0);
  syscall(SYS_kill, 0x7fffffff, SIGUSR2);
  syscall(SYS_exit_group, 0);
}
`;

describe.skipIf(!hasTools)('against the host strace', () => {
  let dir = '';
  /** Real strace's lines for the program. */
  let traced: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ringside-strace-'));
    writeFileSync(join(dir, 'prog.c'), PROGRAM);
    execFileSync('gcc', ['-O1', '-o', join(dir, 'prog'), join(dir, 'prog.c')]);
    execFileSync('/usr/bin/strace', ['-o', join(dir, 'out'), join(dir, 'prog')], { stdio: 'ignore' });
    traced = readFileSync(join(dir, 'out'), 'utf8').split('\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The line of the call that starts with `start`. */
  const real = (start: string) => {
    // Only the program's own calls: the dynamic loader's come before the first one.
    const found = traced.slice(traced.findIndex((l) => l.includes('nonexistent-ringside'))).find((l) => l.startsWith(start));
    expect(found, start).toBeDefined();
    return found!;
  };

  const t = new FakeTracee();

  it('prints a failed openat and a write with escapes the same', () => {
    expect(line(t, 'openat', [-100, t.cstr('/nonexistent-ringside'), 0o2000000], -2)).toBe(real('openat(AT_FDCWD, "/nonexistent'));
    expect(line(t, 'write', [1, t.alloc(WRITTEN), WRITTEN.length], WRITTEN.length)).toBe(real('write(1,'));
  });

  it('prints fstat of /dev/null the same', () => {
    const fd = Number(/= (\d+)$/.exec(real('openat(AT_FDCWD, "/dev/null"'))![1]);
    expect(line(t, 'openat', [-100, t.cstr('/dev/null'), 0o4002], fd)).toBe(real('openat(AT_FDCWD, "/dev/null"'));
    const st = statSync('/dev/null');
    const buf = t.struct(144, [[24, 4, st.mode], [40, 8, st.rdev]]);
    expect(line(t, 'fstat', [fd, buf], 0)).toBe(real('fstat('));
  });

  it('prints rt_sigaction the same', () => {
    const act = t.struct(32, [[0, 8, S.SIG_IGN], [8, 8, S.SA_RESTORER | S.SA_RESTART], [16, 8, RESTORER], [24, 8, S.sigmask(S.SIGUSR1) | S.sigmask(S.SIGCHLD)]]);
    const old = t.struct(32, []);
    expect(line(t, 'rt_sigaction', [S.SIGUSR1, act, old, 8], 0)).toBe(real('rt_sigaction(SIGUSR1'));
  });

  it('prints wait4 and kill the same', () => {
    const waited = real('wait4(');
    const pid = Number(/= (\d+)$/.exec(waited)![1]);
    expect(line(t, 'wait4', [-1, t.struct(4, [[0, 4, W_EXITCODE(3, 0)]]), 0, 0], pid)).toBe(waited);
    expect(line(t, 'kill', [0x7fffffff, S.SIGUSR2], -3)).toBe(real('kill('));
    expect(line(t, 'exit_group', [0], 0)).toBe(real('exit_group(0)'));
    expect(formatExitLine(0)).toBe(real('+++'));
  });

  it('prints the fork and the SIGCHLD of the child the same', () => {
    const clone = real('clone(');
    const [, tidptr, pid] = /child_tidptr=(0x[0-9a-f]+)\) = (\d+)$/.exec(clone)!;
    expect(line(t, 'clone', [0x01200000 | S.SIGCHLD, 0, 0, Number(tidptr), 0], Number(pid))).toBe(clone);
    const info = new Uint8Array(S.SIGINFO_SIZE);
    const v = new DataView(info.buffer);
    v.setInt32(S.SIGINFO.signo, S.SIGCHLD, true);
    v.setInt32(S.SIGINFO.code, S.CLD_EXITED, true);
    v.setInt32(S.SIGINFO.pid, Number(pid), true);
    v.setInt32(S.SIGINFO.status, 3, true);
    expect(formatSignalLine(info)).toBe(real('--- SIGCHLD'));
  });
});
