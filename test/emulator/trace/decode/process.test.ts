// Process, signal, memory and misc calls, against lines printed by strace 6.1 on Linux for the
// same arguments.

import { describe, expect, it } from 'vitest';
import { formatSiginfo, formatSigset, formatWaitStatus } from '../../../../emulator/trace/decode';
import * as S from '../../../../emulator/uapi/signal';
import * as W from '../../../../emulator/uapi/sched';
import { RLIM_INFINITY } from '../../../../emulator/uapi/resource';
import * as T from '../../../../emulator/uapi/termios';
import { FakeTracee, line, split } from './helpers';

const t = new FakeTracee();
const bit = (...sigs: number[]) => sigs.reduce((m, s) => m | S.sigmask(s), 0n);
const ALL = (1n << 64n) - 1n;

describe('signals', () => {
  const sigaction = (handler: number, mask: bigint, flags: number, restorer = 0) =>
    t.struct(32, [[0, 8, handler], [8, 8, flags], [16, 8, restorer], [24, 8, mask]]);

  it('prints struct sigaction', () => {
    const act = sigaction(0x5646fd9b8239, bit(S.SIGUSR1, S.SIGCHLD), S.SA_RESTORER | S.SA_RESTART | S.SA_SIGINFO, 0x7fdd17889050);
    expect(line(t, 'rt_sigaction', [S.SIGUSR1, act, 0, 8], 0)).toBe(
      'rt_sigaction(SIGUSR1, {sa_handler=0x5646fd9b8239, sa_mask=[USR1 CHLD], sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x7fdd17889050}, NULL, 8) = 0',
    );
    const ign = sigaction(S.SIG_IGN, bit(S.SIGINT), S.SA_RESTORER | S.SA_RESTART, 0x7fdd17889050);
    const old = sigaction(S.SIG_DFL, 0n, 0);
    expect(line(t, 'rt_sigaction', [S.SIGINT, ign, old, 8], 0)).toBe(
      'rt_sigaction(SIGINT, {sa_handler=SIG_IGN, sa_mask=[INT], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7fdd17889050}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0',
    );
    expect(line(t, 'rt_sigaction', [40, 0, 0, 8], 0)).toBe('rt_sigaction(SIGRT_8, NULL, NULL, 8)    = 0');
    const odd = sigaction(S.SIG_IGN, 0n, 0xffffffff & ~S.SA_RESTORER);
    expect(line(t, 'rt_sigaction', [S.SIGUSR2, odd, 0, 8], 0)).toBe(
      'rt_sigaction(SIGUSR2, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_ONSTACK|SA_RESTART|SA_INTERRUPT|SA_NODEFER|SA_RESETHAND|SA_SIGINFO|SA_NOCLDSTOP|SA_NOCLDWAIT|0x3fffff8}, NULL, 8) = 0',
    );
    const nulls = sigaction(S.SIG_DFL, 0n, 0xfc000000);
    expect(line(t, 'rt_sigaction', [S.SIGUSR2, nulls, 0, 8], 0)).toBe(
      'rt_sigaction(SIGUSR2, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_INTERRUPT|SA_NODEFER|SA_RESETHAND, sa_restorer=NULL}, NULL, 8) = 0',
    );
  });

  it('prints signal sets, inverted when more than half full', () => {
    expect(formatSigset(ALL & ~bit(32, 33))).toBe('~[RTMIN RT_1]');
    expect(formatSigset(ALL)).toBe('~[]');
    expect(formatSigset(bit(32, 33))).toBe('[RTMIN RT_1]');
    const set = t.struct(8, [[0, 8, bit(34, 64)]]);
    const old = t.struct(8, [[0, 8, ALL & ~bit(S.SIGKILL, S.SIGSTOP, 32, 33)]]);
    expect(line(t, 'rt_sigprocmask', [S.SIG_SETMASK, set, old, 8], 0)).toBe(
      'rt_sigprocmask(SIG_SETMASK, [RT_2 RT_32], ~[KILL STOP RTMIN RT_1], 8) = 0',
    );
    expect(line(t, 'rt_sigprocmask', [7, 0, t.struct(8, []), 8], 0)).toBe('rt_sigprocmask(0x7 /* SIG_??? */, NULL, [], 8) = 0');
    expect(line(t, 'rt_sigpending', [t.struct(8, []), 8], 0)).toBe('rt_sigpending([], 8)                    = 0');
  });

  it('prints kill and tgkill', () => {
    expect(line(t, 'kill', [2147483647, 0], -3)).toBe('kill(2147483647, 0)                     = -1 ESRCH (No such process)');
    expect(line(t, 'tgkill', [10491, 10491, S.SIGUSR1], 0)).toBe('tgkill(10491, 10491, SIGUSR1)           = 0');
    expect(line(t, 'kill', [-1, 0], 0)).toBe('kill(-1, 0)                             = 0');
  });

  it('prints the siginfo shapes', () => {
    const info = (f: [number, 4 | 8, number][]) => {
      const b = new Uint8Array(128);
      const v = new DataView(b.buffer);
      for (const [off, n, x] of f) {
        if (n === 8) v.setBigInt64(off, BigInt(x), true);
        else v.setInt32(off, x, true);
      }
      return b;
    };
    expect(formatSiginfo(info([[0, 4, S.SIGUSR1], [8, 4, S.SI_QUEUE], [16, 4, 10491], [24, 8, 42]]))).toBe(
      '{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=10491, si_uid=0, si_int=42, si_ptr=0x2a}',
    );
    expect(formatSiginfo(info([[0, 4, S.SIGUSR1], [8, 4, 1], [16, 4, 10972]]))).toBe('{si_signo=SIGUSR1, si_code=0x1, si_pid=10972, si_uid=0}');
    expect(formatSiginfo(info([[0, 4, S.SIGCHLD], [8, 4, S.CLD_STOPPED], [16, 4, 11068], [24, 4, S.SIGSTOP]]))).toBe(
      '{si_signo=SIGCHLD, si_code=CLD_STOPPED, si_pid=11068, si_uid=0, si_status=SIGSTOP, si_utime=0, si_stime=0}',
    );
    expect(formatSiginfo(info([[0, 4, S.SIGCHLD], [8, 4, S.CLD_CONTINUED], [16, 4, 11068], [24, 4, S.SIGCONT]]))).toBe(
      '{si_signo=SIGCHLD, si_code=CLD_CONTINUED, si_pid=11068, si_uid=0, si_status=SIGCONT, si_utime=0, si_stime=0}',
    );
    expect(formatSiginfo(new Uint8Array(128))).toBe('{}');
    const waited = t.alloc(info([[0, 4, S.SIGCHLD], [8, 4, S.CLD_EXITED], [16, 4, 10494], [24, 4, 4], [32, 8, 24]]));
    expect(line(t, 'waitid', [W.P_PID, 10494, waited, W.WEXITED | W.WNOWAIT, 0], 0)).toBe(
      'waitid(P_PID, 10494, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=10494, si_uid=0, si_status=4, si_utime=24 /* 0.24 s */, si_stime=0}, WEXITED|WNOWAIT, NULL) = 0',
    );
    const queued = t.alloc(info([[0, 4, S.SIGUSR1], [8, 4, S.SI_QUEUE], [16, 4, 10491], [24, 8, 42]]));
    expect(line(t, 'rt_sigqueueinfo', [10491, S.SIGUSR1, queued], 0)).toBe(
      'rt_sigqueueinfo(10491, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=10491, si_uid=0, si_int=42, si_ptr=0x2a}) = 0',
    );
  });

  it('prints sigaltstack', () => {
    const ss = t.struct(24, [[0, 8, 0x7fffcf2036b0], [8, 4, S.SS_ONSTACK | S.SS_AUTODISARM], [16, 8, 8192]]);
    const old = t.struct(24, [[8, 4, S.SS_DISABLE]]);
    expect(line(t, 'sigaltstack', [ss, old], 0)).toBe(
      'sigaltstack({ss_sp=0x7fffcf2036b0, ss_flags=SS_ONSTACK|SS_AUTODISARM, ss_size=8192}, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0',
    );
  });
});

describe('wait4', () => {
  const status = (s: number) => t.struct(4, [[0, 4, s]]);
  it('prints every kind of status', () => {
    expect(line(t, 'wait4', [11068, status(0xffff), W.WCONTINUED, 0], 11068)).toBe('wait4(11068, [{WIFCONTINUED(s)}], WCONTINUED, NULL) = 11068');
    expect(line(t, 'wait4', [11068, status(0x137f), W.WSTOPPED, 0], 11068)).toBe(
      'wait4(11068, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WSTOPPED, NULL) = 11068',
    );
    expect(line(t, 'wait4', [10969, 0x7ffe5dfd940c, W.WNOHANG, 0], 0)).toBe('wait4(10969, 0x7ffe5dfd940c, WNOHANG, NULL) = 0');
    expect(line(t, 'wait4', [-1, 0x7ffdec5bbc64, W.WNOHANG | W.WSTOPPED | W.WCONTINUED, 0], -10)).toBe(
      'wait4(-1, 0x7ffdec5bbc64, WNOHANG|WSTOPPED|WCONTINUED, NULL) = -1 ECHILD (No child processes)',
    );
    expect(formatWaitStatus(0x857f)).toBe('{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP | 0x80}');
    expect(formatWaitStatus((4 << 16) | 0x57f)).toBe('{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP}|PTRACE_EVENT_EXEC<<16');
    expect(formatWaitStatus((128 << 16) | 0x137f)).toBe('{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}|PTRACE_EVENT_STOP<<16');
  });

  it('prints rusage, in full with -v', () => {
    const ru = t.struct(144, [[8, 8, 88], [32, 8, 324], [64, 8, 14], [128, 8, 1]]);
    const head = 'wait4(10493, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], __WALL, {ru_utime={tv_sec=0, tv_usec=88}, ru_stime={tv_sec=0, tv_usec=0}, ';
    expect(line(t, 'wait4', [10493, status(9), W.__WALL, ru], 10493)).toBe(`${head}...}) = 10493`);
    expect(line(t, 'wait4', [10493, status(9), W.__WALL, ru], 10493, { verbose: true })).toBe(
      `${head}ru_maxrss=324, ru_ixrss=0, ru_idrss=0, ru_isrss=0, ru_minflt=14, ru_majflt=0, ru_nswap=0, ru_inblock=0, ru_oublock=0, ru_msgsnd=0, ru_msgrcv=0, ru_nsignals=0, ru_nvcsw=1, ru_nivcsw=0}) = 10493`,
    );
  });
});

describe('clone and execve', () => {
  it('shows only the clone pointers the flags use', () => {
    const tid = t.struct(4, [[0, 4, 11071]]);
    expect(line(t, 'clone', [W.CLONE_SETTLS | W.CLONE_PARENT_SETTID | S.SIGCHLD, 0, tid, 0, 0], 11071)).toBe(
      'clone(child_stack=NULL, flags=CLONE_SETTLS|CLONE_PARENT_SETTID|SIGCHLD, parent_tid=[11071], tls=NULL) = 11071',
    );
    expect(line(t, 'clone', [0, 0, 0, 0, 0], 11072)).toBe('clone(child_stack=NULL, flags=0)        = 11072');
    const [entry, exit] = split(t, 'clone', [0x01200000 | S.SIGCHLD, 0, 0, 0x7f7100e94a10, 0], 4256);
    expect(entry).toBe('clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD');
    expect(exit).toBe(', child_tidptr=0x7f7100e94a10)');
  });

  it('prints clone3 with and without stored ids', () => {
    expect(line(t, 'clone3', [t.struct(88, [[32, 8, S.SIGCHLD]]), 88], 11070)).toBe(
      'clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88) = 11070',
    );
    expect(line(t, 'clone3', [0, 88], -14)).toBe('clone3(NULL, 88)                        = -1 EFAULT (Bad address)');
    const tid = t.struct(4, [[0, 4, 10970]]);
    const args = t.struct(88, [[0, 8, W.CLONE_PARENT_SETTID | W.CLONE_CHILD_SETTID], [16, 8, tid], [24, 8, tid], [32, 8, S.SIGCHLD]]);
    const [entry, exit] = split(t, 'clone3', [args, 88], 10970);
    const p = `0x${tid.toString(16)}`;
    expect(entry).toBe(`clone3({flags=CLONE_PARENT_SETTID|CLONE_CHILD_SETTID, child_tid=${p}, parent_tid=${p}, exit_signal=SIGCHLD, stack=NULL, stack_size=0}`);
    expect(exit).toBe(' => {parent_tid=[10970]}, 88)');
  });

  it('cuts argv at -s elements unless -v, and each string at -s bytes', () => {
    const args = ['/bin/true', ...Array.from({ length: 40 }, (_, i) => `${i + 1}`)];
    const argv = t.pointers(args.map((a) => t.cstr(a)));
    const envp = t.pointers([]);
    const shown = args.slice(0, 32).map((a) => `"${a}"`).join(', ');
    expect(line(t, 'execve', [t.cstr('/bin/true'), argv, envp], 0)).toBe(`execve("/bin/true", [${shown}, ...], 0x${envp.toString(16)} /* 0 vars */) = 0`);
    expect(line(t, 'execve', [t.cstr('/bin/true'), argv, envp], 0, { verbose: true })).toBe(
      `execve("/bin/true", [${args.map((a) => `"${a}"`).join(', ')}], []) = 0`,
    );
    const short = t.pointers(['/bin/true', '1', '2', '3'].map((a) => t.cstr(a)));
    expect(line(t, 'execve', [t.cstr('/bin/true'), short, envp], 0, { strsize: 3 })).toBe(
      `execve("/bin/true", ["/bi"..., "1", "2", ...], 0x${envp.toString(16)} /* 0 vars */) = 0`,
    );
    expect(line(t, 'execve', [t.cstr('/nonexistent'), 0, envp], -2)).toBe(
      `execve("/nonexistent", NULL, 0x${envp.toString(16)} /* 0 vars */) = -1 ENOENT (No such file or directory)`,
    );
  });
});

describe('memory, limits, time and the rest', () => {
  it('prints mmap and mprotect', () => {
    expect(line(t, 'mmap', [0, 8192, 3, 0x22, -1, 0], 0x7fdd17a39000)).toBe(
      'mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7fdd17a39000',
    );
    expect(line(t, 'mmap', [0x7fdd17873000, 1400832, 5, 0x812, 3, 0x26000], 0x7fdd17873000)).toBe(
      'mmap(0x7fdd17873000, 1400832, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x26000) = 0x7fdd17873000',
    );
    expect(line(t, 'mmap', [0, 4096, 0, 0x04100001, 3, 0x1000], -13)).toBe(
      'mmap(NULL, 4096, PROT_NONE, MAP_SHARED|MAP_FIXED_NOREPLACE|1<<MAP_HUGE_SHIFT, 3, 0x1000) = -1 EACCES (Permission denied)',
    );
    expect(line(t, 'mprotect', [0x7fdd17a37000, 4096, 5], 0)).toBe('mprotect(0x7fdd17a37000, 4096, PROT_READ|PROT_EXEC) = 0');
  });

  it('prints rlimits', () => {
    const rl = (cur: bigint, max: bigint) => t.struct(16, [[0, 8, cur], [8, 8, max]]);
    expect(line(t, 'prlimit64', [0, 3, 0, rl(8192n * 1024n, RLIM_INFINITY)], 0)).toBe(
      'prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0',
    );
    expect(line(t, 'setrlimit', [7, rl(1024n, 2048n)], 0)).toBe('setrlimit(RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=2*1024}) = 0');
    expect(line(t, 'getrlimit', [0x63, 0x7ffdec5bbd20], -22)).toBe('getrlimit(0x63 /* RLIMIT_??? */, 0x7ffdec5bbd20) = -1 EINVAL (Invalid argument)');
  });

  it('prints times and clocks', () => {
    const ts = t.struct(16, [[0, 8, 0], [8, 8, 1000]]);
    expect(line(t, 'nanosleep', [ts, 0x7ffdec5bbed0], 0)).toBe('nanosleep({tv_sec=0, tv_nsec=1000}, 0x7ffdec5bbed0) = 0');
    expect(line(t, 'clock_nanosleep', [1, 1, ts, 0], 0)).toBe('clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=0, tv_nsec=1000}, NULL) = 0');
    expect(line(t, 'clock_getres', [7, t.struct(16, [[8, 8, 1]])], 0)).toBe('clock_getres(CLOCK_BOOTTIME, {tv_sec=0, tv_nsec=1}) = 0');
    expect(line(t, 'gettimeofday', [t.struct(16, [[0, 8, 1795854856], [8, 8, 447417]]), 0], 0)).toBe(
      'gettimeofday({tv_sec=1795854856, tv_usec=447417}, NULL) = 0',
    );
    expect(line(t, 'time', [t.struct(8, [[0, 8, 1795855469]]), 0], 1795855469)).toBe(
      'time([1795855469 /* 2026-11-28T08:44:29+0000 */]) = 1795855469 (2026-11-28T08:44:29+0000)',
    );
    expect(line(t, 'time', [0], 1795854856)).toBe('time(NULL)                              = 1795854856 (2026-11-28T08:34:16+0000)');
    expect(line(t, 'alarm', [0xffffffff], 0)).toBe('alarm(4294967295)                       = 0');
  });

  it('prints uname', () => {
    const fields = ['Linux', 'vm', '6.18.44-fc-v595', '#1 SMP PREEMPT_DYNAMIC @0', 'x86_64', '(none)'];
    const u = t.alloc(fields.flatMap((f) => [...new TextEncoder().encode(f.padEnd(65, '\0'))]));
    expect(line(t, 'uname', [u], 0)).toBe('uname({sysname="Linux", nodename="vm", ...}) = 0');
    expect(line(t, 'uname', [u], 0, { verbose: true })).toBe(
      'uname({sysname="Linux", nodename="vm", release="6.18.44-fc-v595", version="#1 SMP PREEMPT_DYNAMIC @0", machine="x86_64", domainname="(none)"}) = 0',
    );
  });

  it('prints prctl and arch_prctl by option', () => {
    expect(line(t, 'prctl', [15, t.cstr('abc'), 0, 0, 0], 0)).toBe('prctl(PR_SET_NAME, "abc")               = 0');
    expect(line(t, 'prctl', [16, t.alloc([0x64, 0x64, ...Array(14).fill(0)]), 0, 0, 0], 0)).toBe('prctl(PR_GET_NAME, "dd")                = 0');
    expect(line(t, 'prctl', [1, 9, 0, 0, 0], 0)).toBe('prctl(PR_SET_PDEATHSIG, SIGKILL)        = 0');
    expect(line(t, 'prctl', [2, t.struct(4, [[0, 4, 9]]), 0, 0, 0], 0)).toBe('prctl(PR_GET_PDEATHSIG, [SIGKILL])      = 0');
    expect(line(t, 'prctl', [4, 1, 0, 0, 0], 0)).toBe('prctl(PR_SET_DUMPABLE, SUID_DUMP_USER)  = 0');
    expect(line(t, 'prctl', [3, 0, 0, 0, 0], 1)).toBe('prctl(PR_GET_DUMPABLE)                  = 1 (SUID_DUMP_USER)');
    expect(line(t, 'prctl', [36, 1, 0, 0, 0], 0)).toBe('prctl(PR_SET_CHILD_SUBREAPER, 1)        = 0');
    expect(line(t, 'prctl', [37, t.struct(4, [[0, 4, 1]]), 0, 0, 0], 0)).toBe('prctl(PR_GET_CHILD_SUBREAPER, [1])      = 0');
    expect(line(t, 'prctl', [38, 1, 0, 0, 0], 0)).toBe('prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)  = 0');
    expect(line(t, 'prctl', [9999, 1, 2, 3, 4], -22)).toBe('prctl(0x270f /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)');
    expect(line(t, 'prctl', [21, 0, 0, 0, 0], 0)).toBe('prctl(PR_GET_SECCOMP)                   = 0');
    expect(line(t, 'arch_prctl', [0x1003, t.struct(8, [[0, 8, 0x7fdd1784a740]])], 0)).toBe('arch_prctl(ARCH_GET_FS, [0x7fdd1784a740]) = 0');
    expect(line(t, 'arch_prctl', [0x1001, 0], 0)).toBe('arch_prctl(ARCH_SET_GS, 0)              = 0');
    expect(line(t, 'arch_prctl', [0x1002, 0x7fdd1784a740], 0)).toBe('arch_prctl(ARCH_SET_FS, 0x7fdd1784a740) = 0');
  });

  it('prints ioctl requests and their arguments', () => {
    expect(line(t, 'ioctl', [1, T.TCGETS, 0x7ffdec5bc2c0], -25)).toBe('ioctl(1, TCGETS, 0x7ffdec5bc2c0)        = -1 ENOTTY (Inappropriate ioctl for device)');
    expect(line(t, 'ioctl', [7, 0x541b, t.struct(4, [[0, 4, 3]])], 0)).toBe('ioctl(7, FIONREAD, [3])                 = 0');
    expect(line(t, 'ioctl', [7, 0x5421, t.struct(4, [[0, 4, 3]])], 0)).toBe('ioctl(7, FIONBIO, [3])                  = 0');
    expect(line(t, 'ioctl', [7, 0x5451, 0], 0)).toBe('ioctl(7, FIOCLEX)                       = 0');
    expect(line(t, 'ioctl', [7, 0x1234, 5], -25)).toBe('ioctl(7, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0x5) = -1 ENOTTY (Inappropriate ioctl for device)');
    expect(line(t, 'ioctl', [0, T.TIOCGWINSZ, t.struct(8, [])], 0)).toBe('ioctl(0, TIOCGWINSZ, {ws_row=0, ws_col=0, ws_xpixel=0, ws_ypixel=0}) = 0');
    expect(line(t, 'ioctl', [0, T.TIOCSPGRP, t.struct(4, [[0, 4, 17393]])], 0)).toBe('ioctl(0, TIOCSPGRP, [17393])            = 0');
    expect(line(t, 'ioctl', [0, T.TCFLSH, 0], 0)).toBe('ioctl(0, TCFLSH, TCIFLUSH)              = 0');
    expect(line(t, 'ioctl', [0, T.TIOCSCTTY, 0], -1)).toBe('ioctl(0, TIOCSCTTY, 0)                  = -1 EPERM (Operation not permitted)');
    expect(line(t, 'ioctl', [0, T.TIOCGPTN, 0x7fffec7bde54], -25)).toBe('ioctl(0, TIOCGPTN, 0x7fffec7bde54)      = -1 ENOTTY (Inappropriate ioctl for device)');
  });

  it('prints termios', () => {
    const termios = (i: number, o: number, c: number, l: number) =>
      t.struct(36, [[0, 4, i], [4, 4, o], [8, 4, c], [12, 4, l], ...T.INIT_C_CC.slice(0, 17).map((v, k) => [17 + k, 1, v] as const)]);
    const std = termios(T.ICRNL | T.IXON, T.OPOST | T.ONLCR, T.B38400 | T.CS8 | T.CREAD, T.TTY_STD_LFLAG);
    const flags = 'c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE';
    expect(line(t, 'ioctl', [0, T.TCGETS, std], 0)).toBe(`ioctl(0, TCGETS, {${flags}, ...}) = 0`);
    expect(line(t, 'ioctl', [0, T.TCGETS, std], 0, { verbose: true })).toBe(
      `ioctl(0, TCGETS, {${flags}, c_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c, [VERASE]=0x7f, [VKILL]=0x15, [VEOF]=0x4, [VTIME]=0, [VMIN]=0x1, [VSWTC]=0, [VSTART]=0x11, [VSTOP]=0x13, [VSUSP]=0x1a, [VEOL]=0, [VREPRINT]=0x12, [VDISCARD]=0xf, [VWERASE]=0x17, [VLNEXT]=0x16, [VEOL2]=0, [17]=0, [18]=0]}) = 0`,
    );
    const all = termios(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
    expect(line(t, 'ioctl', [99, T.TCSETS, all], -9)).toBe(
      'ioctl(99, SNDCTL_TMR_START or TCSETS, {c_iflag=IGNBRK|BRKINT|IGNPAR|PARMRK|INPCK|ISTRIP|INLCR|IGNCR|ICRNL|IUCLC|IXON|IXANY|IXOFF|IMAXBEL|IUTF8|0xffff8000, c_oflag=NL1|CR3|XTABS|BS1|VT1|FF1|OPOST|OLCUC|ONLCR|OCRNL|ONOCR|ONLRET|OFILL|OFDEL|0xffff0000, c_cflag=B4000000|B4000000<<IBSHIFT|CS8|CSTOPB|CREAD|PARENB|PARODD|HUPCL|CLOCAL|CMSPAR|CRTSCTS|0x2ff0e000, c_lflag=ISIG|ICANON|XCASE|ECHO|ECHOE|ECHOK|ECHONL|NOFLSH|IEXTEN|ECHOCTL|ECHOPRT|ECHOKE|FLUSHO|PENDIN|TOSTOP|EXTPROC|0xfffe2000, ...}) = -1 EBADF (Bad file descriptor)',
    );
    const delays = termios(0, T.NL1 | T.CR2 | T.TAB3 | T.BS1 | T.VT1 | T.FF1, T.B115200 | T.CS7 | (T.B9600 << 16), 0);
    expect(line(t, 'ioctl', [99, T.TCSETSF, delays], -9)).toBe(
      'ioctl(99, SNDCTL_TMR_CONTINUE or TCSETSF, {c_iflag=, c_oflag=NL1|CR2|XTABS|BS1|VT1|FF1|, c_cflag=B115200|B9600<<IBSHIFT|CS7|, c_lflag=, ...}) = -1 EBADF (Bad file descriptor)',
    );
    expect(line(t, 'ioctl', [99, T.TCSETS, termios(0, 0, T.BOTHER | T.CS5, 0)], -9)).toContain('c_cflag=BOTHER|CS5|,');
  });

  it('prints reboot, mount and the id calls', () => {
    expect(line(t, 'reboot', [1, 2, 3, 0], -22)).toBe(
      'reboot(0x1 /* LINUX_REBOOT_MAGIC_??? */, 0x2 /* LINUX_REBOOT_MAGIC_??? */, 0x3 /* LINUX_REBOOT_CMD_??? */) = -1 EINVAL (Invalid argument)',
    );
    expect(line(t, 'reboot', [0xfee1dead, 672274793, 0x4321fedc, 0], 0)).toBe(
      'reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF) = 0',
    );
    expect(line(t, 'mount', [t.cstr('none'), t.cstr('/nonexist'), 0x56217784602a, 0x1003, 0x562177846022], -2)).toBe(
      'mount("none", "/nonexist", 0x56217784602a, MS_RDONLY|MS_NOSUID|MS_BIND, 0x562177846022) = -1 ENOENT (No such file or directory)',
    );
    expect(line(t, 'mount', [0, t.cstr('/nonexist'), 0, 0, 0], -2)).toBe('mount(NULL, "/nonexist", NULL, 0, NULL) = -1 ENOENT (No such file or directory)');
    expect(line(t, 'umount2', [t.cstr('/nonexist'), 2], -2)).toBe('umount2("/nonexist", MNT_DETACH)        = -1 ENOENT (No such file or directory)');
    const id = t.struct(4, []);
    expect(line(t, 'getresuid', [id, id, id], 0)).toBe('getresuid([0], [0], [0])                = 0');
    expect(line(t, 'setresuid', [-1, -1, -1], 0)).toBe('setresuid(-1, -1, -1)                   = 0');
    expect(line(t, 'chown', [t.cstr('/tmp/st/f'), -1, -1], 0)).toBe('chown("/tmp/st/f", -1, -1)              = 0');
    expect(line(t, 'setgid', [0xffffffff], -22)).toBe('setgid(-1)                              = -1 EINVAL (Invalid argument)');
    expect(line(t, 'getrusage', [0, t.struct(144, [[24, 8, 1533]])], 0)).toBe(
      'getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=0}, ru_stime={tv_sec=0, tv_usec=1533}, ...}) = 0',
    );
  });
});
