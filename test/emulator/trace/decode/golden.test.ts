// Lines quoted from shared/reference/linux-facts.md (strace 6.1 on Linux), rebuilt from the same
// registers and memory. Each expected line is first checked to be in the reference verbatim.

import { describe, expect, it } from 'vitest';
import { alignLine, formatExitLine, formatSignalLine, formatStoppedLine, unknownSyscall } from '../../../../emulator/trace/decode';
import * as S from '../../../../emulator/uapi/signal';
import { W_EXITCODE } from '../../../../emulator/uapi/sched';
import { readReference } from '../../../reference';
import { FakeTracee, line, split } from './helpers';

const reference = readReference('linux-facts.md');
const fromReference = (text: string) => {
  expect(reference, 'quoted from the reference').toContain(text);
  return text;
};

/** One byte per character (so '\xff' is the byte 0xff). */
const latin1 = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** A siginfo_t image. */
function siginfo(fields: Partial<Record<keyof typeof S.SIGINFO, number>>): Uint8Array {
  const b = new Uint8Array(S.SIGINFO_SIZE);
  const v = new DataView(b.buffer);
  for (const [k, val] of Object.entries(fields)) {
    const off = S.SIGINFO[k as keyof typeof S.SIGINFO];
    if (k === 'utime' || k === 'stime' || k === 'addr') v.setBigInt64(off, BigInt(val), true);
    else v.setInt32(off, val, true);
  }
  return b;
}

describe('lines from the reference', () => {
  const t = new FakeTracee();
  const devnull = t.cstr('/dev/null');

  it('aligns at column 40', () => {
    expect(line(t, 'open', [devnull, 0, 0], 3)).toBe(fromReference('open("/dev/null", O_RDONLY)             = 3'));
    expect(line(t, 'exit', [0], 0)).toBe(fromReference('exit(0)                                 = ?'));
    expect(line(t, 'close', [3], 0)).toBe(fromReference('close(3)                                = 0'));
    expect(line(t, 'openat', [-100, t.cstr('/etc/ld.so.cache'), 0o2000000, 0], 3)).toBe(
      fromReference('openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3'),
    );
    expect(alignLine('[pid  4305] exit_group(3)', '= ?')).toBe(fromReference('[pid  4305] exit_group(3)               = ?'));
  });

  it('prints errors, pointers and restart codes', () => {
    expect(line(t, 'openat', [-100, t.cstr('/nonexistent'), 0, 0], -2)).toBe(
      fromReference('openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory)'),
    );
    expect(line(t, 'wait4', [-1, 0x7ffee4b32d2c, 1, 0], -10)).toBe(
      fromReference('wait4(-1, 0x7ffee4b32d2c, WNOHANG, NULL) = -1 ECHILD (No child processes)'),
    );
    expect(line(t, 'brk', [0], 0x55d769ed2000)).toBe('brk(NULL)                               = 0x55d769ed2000');
    expect(line(t, 'read', [0, 0x7fabee784000, 131072], -512)).toBe(
      fromReference('read(0, 0x7fabee784000, 131072)         = ? ERESTARTSYS (To be restarted if SA_RESTART is set)'),
    );
    const rq = t.struct(16, [[0, 8, 5], [8, 8, 0]]);
    const rem = t.struct(16, [[0, 8, 4], [8, 8, 313889085]]);
    expect(line(t, 'clock_nanosleep', [0, 0, rq, rem], -516)).toBe(
      fromReference('clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=5, tv_nsec=0}, {tv_sec=4, tv_nsec=313889085}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)'),
    );
    expect(line(t, 'pause', [], -514)).toBe('pause()                                 = ? ERESTARTNOHAND (To be restarted if no handler)');
    expect(line(t, 'pause', [], -513)).toMatch(/= \? ERESTARTNOINTR \(To be restarted\)$/);
  });

  it('names unknown syscalls by number', () => {
    expect(unknownSyscall(999, [1, 2, 3, 0, 0x7fc0ceabe6d0, 0]) + ' = -1 ENOSYS (Function not implemented)').toBe(
      fromReference('syscall_0x3e7(0x1, 0x2, 0x3, 0, 0x7fc0ceabe6d0, 0) = -1 ENOSYS (Function not implemented)'),
    );
  });

  it('prints execve with the environment counted', () => {
    const argv = t.pointers([t.cstr('./open')]);
    const env = Array.from({ length: 35 }, (_, i) => t.cstr(`V${i}=x`));
    const envp = t.pointers(env);
    const text = line(t, 'execve', [t.cstr('./open'), argv, envp], 0);
    expect(text).toBe(`execve("./open", ["./open"], 0x${envp.toString(16)} /* 35 vars */) = 0`);
    const one = t.pointers([t.cstr('A=1')]);
    expect(line(t, 'execve', [t.cstr('/bin/true'), t.pointers([t.cstr('true')]), one], 0)).toBe(
      `execve("/bin/true", ["true"], 0x${one.toString(16)} /* 1 var */) = 0`,
    );
    const two = t.pointers([t.cstr('A=1'), t.cstr('B=2')]);
    expect(line(t, 'execve', [t.cstr('/bin/true'), t.pointers([t.cstr('true')]), two], 0, { verbose: true })).toBe(
      fromReference('execve("/bin/true", ["true"], ["A=1", "B=2"]) = 0'),
    );
  });

  it('cuts strings at -s and escapes them', () => {
    const elf = t.alloc([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0, 1, 0, 0, 0, 0x10, 0x74, 2, 0, 0, 0, 0, 0, 9, 9]);
    expect(line(t, 'read', [3, elf, 832], 832)).toBe(
      fromReference('read(3, "\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0\\0\\0\\20t\\2\\0\\0\\0\\0\\0"..., 832) = 832'),
    );
    const buf = t.alloc(latin1('hello\tworld\r\n\x01\x02\x7f\xff"\\ 0123456789abcdefghijklmnopqrstuvwx'));
    t.links.set(4, 'pipe:[8791]');
    expect(line(t, 'write', [4, buf, 60], 60, { decodeFds: 1 })).toBe(
      fromReference('write(4<pipe:[8791]>, "hello\\tworld\\r\\n\\1\\2\\177\\377\\"\\\\ 0123456789ab"..., 60) = 60'),
    );
    const passwd = t.alloc('root:x:0:0');
    // The reference quotes this one without the padding.
    expect(line(t, 'read', [3, passwd, 131072], 1221, { strsize: 5 }).replace(/ +=/, ' =')).toBe(fromReference('read(3, "root:"..., 131072) = 1221'));
    expect(line(t, 'getrandom', [t.alloc([0x44, 0x24, 0x2a, 0x3a, 0x1c, 0x45, 0x62, 0xb1]), 8, 1], 8)).toBe(
      fromReference('getrandom("\\x44\\x24\\x2a\\x3a\\x1c\\x45\\x62\\xb1", 8, GRND_NONBLOCK) = 8'),
    );
  });

  it('decorates fds with -y', () => {
    t.links.set(3, '/dev/null');
    expect(line(t, 'open', [devnull, 0, 0], 3, { decodeFds: 1 })).toBe(fromReference('open("/dev/null", O_RDONLY)             = 3</dev/null>'));
  });

  it('splits calls that wait, with the unfinished and resumed halves', () => {
    const status = t.struct(4, [[0, 4, W_EXITCODE(3, 0)]]);
    const [entry, exit] = split(t, 'wait4', [4305, status, 0, 0], 4305);
    expect(`[pid  4304] ${entry} <unfinished ...>`).toBe(fromReference('[pid  4304] wait4(4305,  <unfinished ...>'));
    expect(`<... wait4 resumed>${exit} = 4305`).toBe(fromReference('<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 4305'));
    const [vfork] = split(t, 'vfork', [], 4378);
    expect(`${vfork} <unfinished ...>`).toBe(fromReference('vfork( <unfinished ...>'));
    const rq = t.struct(16, [[0, 8, 0], [8, 8, 100000000]]);
    const [cn, cnExit] = split(t, 'clock_nanosleep', [0, 0, rq, 0], 0);
    expect(`4255  ${cn} <unfinished ...>`).toBe(fromReference('4255  clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=100000000},  <unfinished ...>'));
    expect(`4255  <... clock_nanosleep resumed>${cnExit} = 0`).toBe(fromReference('4255  <... clock_nanosleep resumed>NULL) = 0'));
  });

  it('prints clone and clone3 as strace does', () => {
    expect(line(t, 'clone', [0x01200000 | S.SIGCHLD, 0, 0, 0x7f7100e94a10, 0], 4256)).toBe(
      fromReference('clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f7100e94a10) = 4256'),
    );
    const tid = t.struct(4, [[0, 4, 4974]]);
    const args = t.struct(88, [
      [0, 8, 0x3d0f00], [16, 8, 0x7fc0ce8c1990], [24, 8, tid], [32, 8, 0], [40, 8, 0x7fc0ce0c1000], [48, 8, 0x7fff80], [56, 8, 0x7fc0ce8c16c0],
    ]);
    expect(line(t, 'clone3', [args, 88], 4974)).toBe(
      `clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7fc0ce8c1990, parent_tid=0x${tid.toString(16)}, exit_signal=0, stack=0x7fc0ce0c1000, stack_size=0x7fff80, tls=0x7fc0ce8c16c0} => {parent_tid=[4974]}, 88) = 4974`,
    );
  });

  it('decodes wait statuses', () => {
    const st = (s: number) => line(t, 'wait4', [-1, t.struct(4, [[0, 4, s]]), 0, 0], 5).match(/\[\{.*\}\]/)![0];
    expect(st(9)).toBe(fromReference('[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}]'));
    expect(st(6 | 0x80)).toBe(fromReference('[{WIFSIGNALED(s) && WTERMSIG(s) == SIGABRT && WCOREDUMP(s)}]'));
    expect(st(0x137f)).toBe(fromReference('[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}]'));
  });

  it('prints signal and exit lines', () => {
    expect(formatSignalLine(siginfo({ signo: S.SIGUSR1, code: S.SI_USER, pid: 4255, uid: 0 }))).toBe(
      fromReference('--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=4255, si_uid=0} ---'),
    );
    expect(formatSignalLine(siginfo({ signo: S.SIGINT, code: S.SI_KERNEL }))).toBe(fromReference('--- SIGINT {si_signo=SIGINT, si_code=SI_KERNEL} ---'));
    expect(formatSignalLine(siginfo({ signo: S.SIGSEGV, code: S.SEGV_MAPERR, addr: 0 }))).toBe(
      fromReference('--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---'),
    );
    expect(formatSignalLine(siginfo({ signo: S.SIGSEGV, code: S.SI_TKILL, pid: 4258, uid: 0 }))).toBe(
      fromReference('--- SIGSEGV {si_signo=SIGSEGV, si_code=SI_TKILL, si_pid=4258, si_uid=0} ---'),
    );
    expect(formatSignalLine(siginfo({ signo: S.SIGCHLD, code: S.CLD_EXITED, pid: 4256, uid: 0, status: 3 }))).toBe(
      fromReference('--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4256, si_uid=0, si_status=3, si_utime=0, si_stime=0} ---'),
    );
    expect(formatSignalLine(siginfo({ signo: S.SIGCHLD, code: S.CLD_KILLED, pid: 4257, uid: 0, status: S.SIGKILL }))).toBe(
      fromReference('--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=4257, si_uid=0, si_status=SIGKILL, si_utime=0, si_stime=0} ---'),
    );
    expect(formatSignalLine(siginfo({ signo: S.SIGCHLD, code: S.CLD_EXITED, pid: 1, uid: 0, status: 2, stime: 1 }))).toContain(
      fromReference('si_status=2, si_utime=0, si_stime=1 /* 0.01 s */} ---'),
    );
    expect(formatStoppedLine(S.SIGSTOP)).toBe(fromReference('--- stopped by SIGSTOP ---'));
    expect(formatExitLine(W_EXITCODE(0, 0))).toBe(fromReference('+++ exited with 0 +++'));
    expect(formatExitLine(W_EXITCODE(7, 0))).toBe(fromReference('+++ exited with 7 +++'));
    expect(formatExitLine(S.SIGKILL)).toBe(fromReference('+++ killed by SIGKILL +++'));
    expect(formatExitLine(S.SIGABRT | 0x80)).toBe(fromReference('+++ killed by SIGABRT (core dumped) +++'));
  });

  it('prints rt_sigreturn with the mask from the signal frame', () => {
    const sp = t.struct(S.UCONTEXT_SIZE, [[S.UCONTEXT.sigmask, 8, 0]]);
    expect(line(t, 'rt_sigreturn', [], 0, {}, sp)).toBe(fromReference('rt_sigreturn({mask=[]})                 = 0'));
  });

  it('prints stat with a device number', () => {
    const st = t.struct(144, [[24, 4, 0o20666], [40, 8, 0x103]]);
    expect(line(t, 'fstat', [3, st], 0)).toBe('fstat(3, {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0');
    expect(reference).toContain('st_rdev=makedev(0x1, 0x3)');
  });
});
