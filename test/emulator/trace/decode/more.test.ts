// ptrace and the remaining file calls, against lines printed by strace 6.1 on Linux.

import { describe, expect, it } from 'vitest';
import * as P from '../../../../emulator/uapi/ptrace';
import { FakeTracee, line } from './helpers';

const t = new FakeTracee();
const AT_FDCWD = -100;

describe('ptrace', () => {
  it('prints the arguments each request uses', () => {
    expect(line(t, 'ptrace', [P.PTRACE_TRACEME, 0, 0, 0], -1)).toBe('ptrace(PTRACE_TRACEME)                  = -1 EPERM (Operation not permitted)');
    expect(line(t, 'ptrace', [P.PTRACE_KILL, 99999, 0, 0], -3)).toBe('ptrace(PTRACE_KILL, 99999)              = -1 ESRCH (No such process)');
    expect(line(t, 'ptrace', [P.PTRACE_ATTACH, 30599, 0, 0], 0)).toBe('ptrace(PTRACE_ATTACH, 30599)            = 0');
    expect(line(t, 'ptrace', [P.PTRACE_PEEKDATA, 30598, 0x55c4d939c040, t.struct(8, [[0, 8, 0x1234]])], 0)).toBe(
      'ptrace(PTRACE_PEEKDATA, 30598, 0x55c4d939c040, [0x1234]) = 0',
    );
    expect(line(t, 'ptrace', [P.PTRACE_PEEKUSER, 30598, 80, t.struct(8, [])], 0)).toBe('ptrace(PTRACE_PEEKUSER, 30598, 8*RAX, [NULL]) = 0');
    expect(line(t, 'ptrace', [P.PTRACE_PEEKUSER, 99999, 208, 0], -3)).toBe('ptrace(PTRACE_PEEKUSER, 99999, 8*SS+48, NULL) = -1 ESRCH (No such process)');
    expect(line(t, 'ptrace', [P.PTRACE_PEEKUSER, 99999, 216, 0], -3)).toBe(
      'ptrace(PTRACE_PEEKUSER, 99999, offsetof(struct user, u_fpvalid), NULL) = -1 ESRCH (No such process)',
    );
    expect(line(t, 'ptrace', [P.PTRACE_PEEKUSER, 99999, 7, 0], -3)).toBe('ptrace(PTRACE_PEEKUSER, 99999, 8*R15+7, NULL) = -1 ESRCH (No such process)');
    expect(line(t, 'ptrace', [P.PTRACE_POKEDATA, 30598, 0x55c4d939c040, 0x5678], 0)).toBe('ptrace(PTRACE_POKEDATA, 30598, 0x55c4d939c040, 0x5678) = 0');
    expect(line(t, 'ptrace', [P.PTRACE_DETACH, 30598, 0, 18], 0)).toBe('ptrace(PTRACE_DETACH, 30598, NULL, SIGCONT) = 0');
    expect(line(t, 'ptrace', [P.PTRACE_SYSCALL, 13160, 0, 0], 0)).toBe('ptrace(PTRACE_SYSCALL, 13160, NULL, 0)  = 0');
    expect(line(t, 'ptrace', [P.PTRACE_SEIZE, 13162, 0, 0x5f], 0)).toBe(
      'ptrace(PTRACE_SEIZE, 13162, NULL, PTRACE_O_TRACESYSGOOD|PTRACE_O_TRACEFORK|PTRACE_O_TRACEVFORK|PTRACE_O_TRACECLONE|PTRACE_O_TRACEEXEC|PTRACE_O_TRACEEXIT) = 0',
    );
    expect(line(t, 'ptrace', [P.PTRACE_LISTEN, 13162, 0, 0], 0)).toBe('ptrace(PTRACE_LISTEN, 13162)            = 0');
    expect(line(t, 'ptrace', [P.PTRACE_GETEVENTMSG, 13162, 0, t.struct(8, [[0, 8, 13162]])], 0)).toBe(
      'ptrace(PTRACE_GETEVENTMSG, 13162, NULL, [13162]) = 0',
    );
    const info = t.struct(128, [[0, 4, 18], [16, 4, 13158]]);
    expect(line(t, 'ptrace', [P.PTRACE_GETSIGINFO, 13162, 0, info], 0)).toBe(
      'ptrace(PTRACE_GETSIGINFO, 13162, NULL, {si_signo=SIGCONT, si_code=SI_USER, si_pid=13158, si_uid=0}) = 0',
    );
  });

  it('prints the register file', () => {
    const values = [0x7fe7795f3020, 0x55c4d939bdd8, 0x7ffd4c9c37d8, 0x13, 0x7ffd4c9c36b0, 0x7786, 0x246, 0x7fe7793df410, 0,
      0x7fe7793c7740, 0, 0x7fe779454eec, 0x13, 0x7786, 0x7786, 0xea, 0x7fe779454eec, 0x33, 0x246, 0x7ffd4c9c34f0, 0x2b,
      0x7fe7793c7740, 0, 0, 0, 0, 0];
    const regs = t.struct(P.USER_REGS_SIZE, values.map((v, i) => [i * 8, 8, v] as const));
    expect(line(t, 'ptrace', [P.PTRACE_GETREGS, 30598, 0, regs], 0)).toBe(
      'ptrace(PTRACE_GETREGS, 30598, {r15=0x7fe7795f3020, r14=0x55c4d939bdd8, r13=0x7ffd4c9c37d8, r12=0x13, rbp=0x7ffd4c9c36b0, rbx=0x7786, r11=0x246, r10=0x7fe7793df410, r9=0, r8=0x7fe7793c7740, rax=0, rcx=0x7fe779454eec, rdx=0x13, rsi=0x7786, rdi=0x7786, orig_rax=0xea, rip=0x7fe779454eec, cs=0x33, eflags=0x246, rsp=0x7ffd4c9c34f0, ss=0x2b, fs_base=0x7fe7793c7740, gs_base=0, ds=0, es=0, fs=0, gs=0}) = 0',
    );
  });
});

describe('more file calls', () => {
  const passwd = t.alloc('x:0:0:r');
  const iov = t.struct(32, [[0, 8, passwd], [8, 8, 3], [16, 8, passwd + 3], [24, 8, 4]]);
  const shown = '[{iov_base="x:0", iov_len=3}, {iov_base=":0:r", iov_len=4}], 2';

  it('prints the vectored calls with one offset', () => {
    expect(line(t, 'preadv', [3, iov, 2, 5, 0], 7)).toBe(`preadv(3, ${shown}, 5) = 7`);
    expect(line(t, 'preadv2', [3, iov, 2, 5, 0, 1], 7)).toBe(`preadv2(3, ${shown}, 5, RWF_HIPRI) = 7`);
    expect(line(t, 'pwritev', [3, iov, 2, 4294967296, 0], -9)).toBe(`pwritev(3, ${shown}, 4294967296) = -1 EBADF (Bad file descriptor)`);
    expect(line(t, 'pwrite64', [4, t.alloc('abc'), 3, 7], 3)).toBe('pwrite64(4, "abc", 3, 7)                = 3');
  });

  it('prints the *at calls', () => {
    expect(line(t, 'linkat', [AT_FDCWD, t.cstr('/tmp/st/z/a'), AT_FDCWD, t.cstr('/tmp/st/z/b'), 0x400], -2)).toBe(
      'linkat(AT_FDCWD, "/tmp/st/z/a", AT_FDCWD, "/tmp/st/z/b", AT_SYMLINK_FOLLOW) = -1 ENOENT (No such file or directory)',
    );
    expect(line(t, 'symlinkat', [t.cstr('/x'), AT_FDCWD, t.cstr('/tmp/st/z/s')], 0)).toBe('symlinkat("/x", AT_FDCWD, "/tmp/st/z/s") = 0');
    expect(line(t, 'readlinkat', [AT_FDCWD, t.cstr('/tmp/st/z/s'), t.alloc('/x'), 64], 2)).toBe('readlinkat(AT_FDCWD, "/tmp/st/z/s", "/x", 64) = 2');
    expect(line(t, 'mkdirat', [AT_FDCWD, t.cstr('/tmp/st/z/d'), 0o755], 0)).toBe('mkdirat(AT_FDCWD, "/tmp/st/z/d", 0755)  = 0');
    expect(line(t, 'renameat', [AT_FDCWD, t.cstr('/tmp/st/z/d'), AT_FDCWD, t.cstr('/tmp/st/z/e')], 0)).toBe(
      'renameat(AT_FDCWD, "/tmp/st/z/d", AT_FDCWD, "/tmp/st/z/e") = 0',
    );
    const envp = t.pointers([]);
    expect(line(t, 'execveat', [3, t.cstr(''), t.pointers([t.cstr('x')]), envp, 0x1000], -13)).toBe(
      `execveat(3, "", ["x"], 0x${envp.toString(16)} /* 0 vars */, AT_EMPTY_PATH) = -1 EACCES (Permission denied)`,
    );
  });

  it('prints fallocate, openat2, utime and the rest', () => {
    expect(line(t, 'fallocate', [4, 1, 0, 4096], 0)).toBe('fallocate(4, FALLOC_FL_KEEP_SIZE, 0, 4096) = 0');
    expect(line(t, 'fallocate', [4, 0, 0, 4096], 0)).toBe('fallocate(4, 0, 0, 4096)                = 0');
    const how = (flags: number, mode: number, resolve: number) => t.struct(24, [[0, 8, flags], [8, 8, mode], [16, 8, resolve]]);
    expect(line(t, 'openat2', [AT_FDCWD, t.cstr('/etc/passwd'), how(0o2000000, 0, 4), 24], 5)).toBe(
      'openat2(AT_FDCWD, "/etc/passwd", {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_NO_SYMLINKS}, 24) = 5',
    );
    expect(line(t, 'openat2', [AT_FDCWD, t.cstr('/tmp/st/z/h'), how(0o102, 0o644, 0), 24], 3)).toBe(
      'openat2(AT_FDCWD, "/tmp/st/z/h", {flags=O_RDWR|O_CREAT, mode=0644, resolve=0}, 24) = 3',
    );
    expect(line(t, 'openat2', [AT_FDCWD, t.cstr('/tmp/st/z/h'), how(0, 0, 0x118), 24], -22)).toBe(
      'openat2(AT_FDCWD, "/tmp/st/z/h", {flags=O_RDONLY, resolve=RESOLVE_BENEATH|RESOLVE_IN_ROOT|0x100}, 24) = -1 EINVAL (Invalid argument)',
    );
    expect(line(t, 'openat2', [AT_FDCWD, t.cstr('/tmp/st/z/h'), 0x7ffdef7ef250, 16], -22)).toBe(
      'openat2(AT_FDCWD, "/tmp/st/z/h", 0x7ffdef7ef250, 16) = -1 EINVAL (Invalid argument)',
    );
    expect(line(t, 'utime', [t.cstr('/tmp/st/z/f'), t.struct(16, [[0, 8, 1], [8, 8, 2]])], 0)).toBe(
      'utime("/tmp/st/z/f", {actime=1 /* 1970-01-01T00:00:01+0000 */, modtime=2 /* 1970-01-01T00:00:02+0000 */}) = 0',
    );
    expect(line(t, 'truncate', [t.cstr('/tmp/st/z/f'), 10], 0)).toBe('truncate("/tmp/st/z/f", 10)             = 0');
    expect(line(t, 'creat', [t.cstr('/tmp/st/z/g'), 0o644], 6)).toBe('creat("/tmp/st/z/g", 0644)              = 6');
    expect(line(t, 'setfsuid', [-1], 0)).toBe('setfsuid(-1)                            = 0');
    expect(line(t, 'setreuid', [-1, 0], 0)).toBe('setreuid(-1, 0)                         = 0');
    expect(line(t, 'process_vm_readv', [30323, t.struct(16, [[0, 8, t.alloc(new Uint8Array(8))], [8, 8, 8]]), 1, t.struct(16, [[0, 8, t.alloc('remote!!')], [8, 8, 8]]), 1, 0], 8).replace(/iov_base=0x[0-9a-f]+/, 'iov_base=0x7fffbe252e18')).toBe(
      'process_vm_readv(30323, [{iov_base="\\0\\0\\0\\0\\0\\0\\0\\0", iov_len=8}], 1, [{iov_base=0x7fffbe252e18, iov_len=8}], 1, 0) = 8',
    );
  });
});
