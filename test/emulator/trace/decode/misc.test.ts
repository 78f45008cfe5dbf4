// Calls whose signature says only `int` or `ptr` for an argument strace decodes further, against
// lines printed by strace 6.1 on Linux.

import { describe, expect, it } from 'vitest';
import { UTIME_NOW, UTIME_OMIT } from '../../../../emulator/uapi/stat';
import { formatCallSync } from '../../../../emulator/trace/decode';
import { __NR } from '../../../../emulator/uapi/unistd_64';
import { FakeTracee, line, opts, split } from './helpers';

const t = new FakeTracee();

describe('arguments strace decodes beyond the signature', () => {
  it('prints flock, fadvise64 and madvise', () => {
    expect(line(t, 'flock', [3, 6], 0)).toBe('flock(3, LOCK_EX|LOCK_NB)               = 0');
    expect(line(t, 'flock', [0, 8], 0)).toBe('flock(0, LOCK_UN)                       = 0');
    expect(line(t, 'fadvise64', [3, 0, 0, 2], 0)).toBe('fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) = 0');
    expect(line(t, 'madvise', [0, 4096, 3], -12)).toBe('madvise(NULL, 4096, MADV_WILLNEED)      = -1 ENOMEM (Cannot allocate memory)');
    expect(line(t, 'madvise', [0, 4096, 8], -12)).toBe('madvise(NULL, 4096, MADV_FREE)          = -1 ENOMEM (Cannot allocate memory)');
  });

  it('prints statfs, sysinfo and times', () => {
    const fs = t.struct(120, [[0, 8, 0x9fa0], [8, 8, 4096], [56, 4, 0x15], [64, 8, 255], [72, 8, 4096], [80, 8, 0x1020]]);
    expect(line(t, 'statfs', [t.cstr('/proc'), fs], 0)).toBe(
      'statfs("/proc", {f_type=PROC_SUPER_MAGIC, f_bsize=4096, f_blocks=0, f_bfree=0, f_bavail=0, f_files=0, f_ffree=0, f_fsid={val=[0x15, 0]}, f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0',
    );
    const si = t.struct(112, [
      [0, 8, 13227], [8, 8, 82272], [16, 8, 63296], [24, 8, 42656], [32, 8, 25276514304], [40, 8, 24335085568],
      [48, 8, 9015296], [56, 8, 3969024], [80, 2, 130], [104, 4, 1],
    ]);
    expect(line(t, 'sysinfo', [si], 0)).toBe(
      'sysinfo({uptime=13227, loads=[82272, 63296, 42656], totalram=25276514304, freeram=24335085568, sharedram=9015296, bufferram=3969024, totalswap=0, freeswap=0, procs=130, totalhigh=0, freehigh=0, mem_unit=1}) = 0',
    );
    expect(line(t, 'times', [t.struct(32, [])], 1719279558)).toBe('times({tms_utime=0, tms_stime=0, tms_cutime=0, tms_cstime=0}) = 1719279558');
  });

  it('prints CPU masks, group lists and getcpu', () => {
    const mask = t.alloc([3, ...Array(127).fill(0)]);
    expect(line(t, 'sched_getaffinity', [0, 128, mask], 32)).toBe('sched_getaffinity(0, 128, [0 1])        = 32');
    expect(line(t, 'sched_setaffinity', [0, 128, t.alloc([1, ...Array(127).fill(0)])], 0)).toBe('sched_setaffinity(0, 128, [0])          = 0');
    expect(line(t, 'getgroups', [4, t.struct(16, [])], 0)).toBe('getgroups(4, [])                        = 0');
    expect(line(t, 'getgroups', [0, 0], 0)).toBe('getgroups(0, NULL)                      = 0');
    expect(line(t, 'setgroups', [2, t.struct(8, [[0, 4, 0], [4, 4, 5]])], 0)).toBe('setgroups(2, [0, 5])                    = 0');
    expect(line(t, 'getcpu', [t.struct(4, []), t.struct(4, []), 0], 0)).toBe('getcpu([0], [0], NULL)                  = 0');
  });

  it('prints sendfile offsets before and after', () => {
    const off = t.struct(8, [[0, 8, 10]]);
    expect(line(t, 'sendfile', [4, 3, off, 10], 10)).toBe('sendfile(4, 3, [10] => [10], 10)        = 10');
    expect(split(t, 'sendfile', [4, 3, off, 10], 10)).toEqual(['sendfile(4, 3, [10]', ' => [10], 10)']);
    expect(line(t, 'sendfile', [1, 0, 0, 10], -22)).toBe('sendfile(1, 0, NULL, 10)                = -1 EINVAL (Invalid argument)');
  });

  it('prints utimensat and utimes times with their dates', () => {
    const special = t.struct(32, [[8, 8, UTIME_NOW], [16, 8, 5], [24, 8, UTIME_OMIT]]);
    expect(line(t, 'utimensat', [-100, t.cstr('/tmp/st/f'), special, 0x100], 0)).toBe(
      'utimensat(AT_FDCWD, "/tmp/st/f", [UTIME_NOW, UTIME_OMIT], AT_SYMLINK_NOFOLLOW) = 0',
    );
    const ts = t.struct(32, [[0, 8, 1], [8, 8, 2], [16, 8, 3], [24, 8, 4]]);
    expect(line(t, 'utimensat', [-100, t.cstr('/tmp/st/f'), ts, 0], 0)).toBe(
      'utimensat(AT_FDCWD, "/tmp/st/f", [{tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002+0000 */, {tv_sec=3, tv_nsec=4} /* 1970-01-01T00:00:03.000000004+0000 */], 0) = 0',
    );
    expect(line(t, 'utimensat', [-100, t.cstr('/tmp/st/f'), 0, 0], 0)).toBe('utimensat(AT_FDCWD, "/tmp/st/f", NULL, 0) = 0');
    expect(line(t, 'utimes', [t.cstr('/tmp/st/f'), ts], 0)).toBe(
      'utimes("/tmp/st/f", [{tv_sec=1, tv_usec=2} /* 1970-01-01T00:00:01.000002+0000 */, {tv_sec=3, tv_usec=4} /* 1970-01-01T00:00:03.000004+0000 */]) = 0',
    );
  });

  it('prints what a clone3 with CLONE_PIDFD stored', () => {
    const pidfd = t.struct(4, [[0, 4, 6]]);
    const args = t.struct(88, [[0, 8, 0x1000], [8, 8, pidfd], [32, 8, 17]]);
    expect(line(t, 'clone3', [args, 88], 23129)).toBe(
      `clone3({flags=CLONE_PIDFD, pidfd=0x${pidfd.toString(16)}, exit_signal=SIGCHLD, stack=NULL, stack_size=0} => {pidfd=[6]}, 88) = 23129`,
    );
  });

  it('prints a few simple ones the same as strace', () => {
    expect(line(t, 'wait4', [23128, 0, 0, 0], 23128)).toBe('wait4(23128, NULL, 0, NULL)             = 23128');
    expect(line(t, 'execve', [t.cstr('/bin/nonexist'), t.pointers([t.cstr('x')]), 8], -2)).toBe(
      'execve("/bin/nonexist", ["x"], 0x8)     = -1 ENOENT (No such file or directory)',
    );
    expect(line(t, 'read', [3, t.alloc('x'), 0], 0)).toBe('read(3, "", 0)                          = 0');
    expect(line(t, 'openat', [-100, t.cstr('/tmp/\x01x\n'), 0], -2)).toBe('openat(AT_FDCWD, "/tmp/\\1x\\n", O_RDONLY) = -1 ENOENT (No such file or directory)');
    expect(line(t, 'getdents64', [5, 0x7ffd9a409cd0, 512], 0)).toBe('getdents64(5, 0x7ffd9a409cd0 /* 0 entries */, 512) = 0');
    expect(line(t, 'setsid', [], 23127)).toBe('setsid()                                = 23127');
  });
});

describe('restart_syscall', () => {
  it('names the call it resumes', () => {
    expect(formatCallSync({ nr: __NR.restart_syscall, args: [], ret: 0, resumes: __NR.clock_nanosleep }, opts(), t.answer)).toBe(
      'restart_syscall(<... resuming interrupted clock_nanosleep ...>) = 0',
    );
  });
});
