// File calls, against lines printed by strace 6.1 on Linux for the same arguments (small C
// programs traced while writing this decoder).

import { describe, expect, it } from 'vitest';
import * as F from '../../../../emulator/uapi/fcntl';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFREG, makedev } from '../../../../emulator/uapi/stat';
import { FakeTracee, line } from './helpers';

const t = new FakeTracee();
const AT_FDCWD = -100;

describe('open flags and modes', () => {
  const tmp = t.cstr('/tmp');
  it('names the access mode first and the flags in strace order', () => {
    const f = F.O_WRONLY | F.O_CREAT | F.O_TRUNC | F.O_CLOEXEC;
    expect(line(t, 'openat', [AT_FDCWD, t.cstr('/tmp/st/f'), f, 0o644], 3)).toBe(
      'openat(AT_FDCWD, "/tmp/st/f", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644) = 3',
    );
    expect(line(t, 'open', [t.cstr('/dev/null'), F.O_RDWR | F.O_NONBLOCK | 0x40000000, 0], 4)).toBe(
      'open("/dev/null", O_RDWR|O_NONBLOCK|0x40000000) = 4',
    );
    expect(line(t, 'openat', [AT_FDCWD, tmp, F.O_RDWR | F.O_TMPFILE | F.O_APPEND | F.O_NOATIME | F.O_CLOEXEC, 0o600], 3)).toBe(
      'openat(AT_FDCWD, "/tmp", O_RDWR|O_APPEND|O_NOATIME|O_CLOEXEC|O_TMPFILE, 0600) = 3',
    );
    const many = F.O_DIRECTORY | F.O_CLOEXEC | F.O_APPEND | F.O_NOATIME | F.O_NOFOLLOW | F.O_PATH | F.O_DSYNC | F.O_ASYNC;
    expect(line(t, 'openat', [AT_FDCWD, tmp, many], 4)).toBe(
      'openat(AT_FDCWD, "/tmp", O_RDONLY|O_APPEND|O_DSYNC|O_NOFOLLOW|O_NOATIME|O_CLOEXEC|O_PATH|O_DIRECTORY|FASYNC) = 4',
    );
    const sync = F.O_RDWR | F.O_EXCL | F.O_NOCTTY | F.O_SYNC | F.O_DIRECT | F.O_NOFOLLOW | F.O_NOATIME | F.O_PATH | F.O_ASYNC;
    expect(line(t, 'openat', [AT_FDCWD, tmp, sync, 0o600], 5)).toBe(
      'openat(AT_FDCWD, "/tmp", O_RDWR|O_EXCL|O_NOCTTY|O_SYNC|O_DIRECT|O_NOFOLLOW|O_NOATIME|O_PATH|FASYNC) = 5',
    );
    expect(line(t, 'openat', [AT_FDCWD, tmp, 3], -21)).toBe('openat(AT_FDCWD, "/tmp", O_ACCMODE)     = -1 EISDIR (Is a directory)');
    expect(line(t, 'openat', [AT_FDCWD, t.cstr('/tmp/st/m0'), F.O_WRONLY | F.O_CREAT, 0], 3)).toBe(
      'openat(AT_FDCWD, "/tmp/st/m0", O_WRONLY|O_CREAT, 000) = 3',
    );
  });

  it('prints modes in octal, with the file type for mknod', () => {
    expect(line(t, 'chmod', [t.cstr('/tmp/st/f'), 0o4755], 0)).toBe('chmod("/tmp/st/f", 04755)               = 0');
    expect(line(t, 'umask', [0o22], 0o22)).toBe('umask(022)                              = 022');
    expect(line(t, 'umask', [0o777], 0)).toBe('umask(0777)                             = 000');
    expect(line(t, 'mknodat', [AT_FDCWD, t.cstr('/tmp/st/nn'), 0, 0], 0)).toBe('mknodat(AT_FDCWD, "/tmp/st/nn", 000)    = 0');
    expect(line(t, 'mknod', [t.cstr('/tmp/st/nn2'), S_IFIFO | 0o644, 0], 0)).toBe('mknod("/tmp/st/nn2", S_IFIFO|0644)      = 0');
    expect(line(t, 'mknod', [t.cstr('/tmp/st/nn3'), S_IFBLK | 0o644, makedev(8, 1)], 0)).toBe(
      'mknod("/tmp/st/nn3", S_IFBLK|0644, makedev(0x8, 0x1)) = 0',
    );
    expect(line(t, 'mknodat', [AT_FDCWD, t.cstr('/tmp/st/n'), S_IFCHR | 0o600, makedev(1, 3)], 0)).toBe(
      'mknodat(AT_FDCWD, "/tmp/st/n", S_IFCHR|0600, makedev(0x1, 0x3)) = 0',
    );
  });

  it('names the *at flags by call', () => {
    expect(line(t, 'unlinkat', [AT_FDCWD, t.cstr('/tmp/st/x'), F.AT_REMOVEDIR], 0)).toBe('unlinkat(AT_FDCWD, "/tmp/st/x", AT_REMOVEDIR) = 0');
    expect(line(t, 'faccessat2', [AT_FDCWD, t.cstr('/x'), F.X_OK, F.AT_EACCESS], -2)).toBe(
      'faccessat2(AT_FDCWD, "/x", X_OK, AT_EACCESS) = -1 ENOENT (No such file or directory)',
    );
    expect(line(t, 'fchownat', [AT_FDCWD, t.cstr('/tmp/st/f'), 0, -1, F.AT_SYMLINK_NOFOLLOW], 0)).toBe(
      'fchownat(AT_FDCWD, "/tmp/st/f", 0, -1, AT_SYMLINK_NOFOLLOW) = 0',
    );
    expect(line(t, 'access', [t.cstr('/etc/passwd'), F.R_OK | F.W_OK], 0)).toBe('access("/etc/passwd", R_OK|W_OK)        = 0');
    expect(line(t, 'access', [t.cstr('/x'), 0], -2)).toBe('access("/x", F_OK)                      = -1 ENOENT (No such file or directory)');
    expect(line(t, 'renameat2', [AT_FDCWD, t.cstr('/a'), 3, t.cstr('b'), F.RENAME_NOREPLACE], -20)).toBe(
      'renameat2(AT_FDCWD, "/a", 3, "b", RENAME_NOREPLACE) = -1 ENOTDIR (Not a directory)',
    );
  });

  it('prints lseek, dup3, pipe2 and close_range', () => {
    expect(line(t, 'lseek', [3, 10, F.SEEK_CUR], 10)).toBe('lseek(3, 10, SEEK_CUR)                  = 10');
    expect(line(t, 'lseek', [3, 4294967295, 7], -22)).toBe('lseek(3, 4294967295, 0x7 /* SEEK_??? */) = -1 EINVAL (Invalid argument)');
    expect(line(t, 'dup3', [3, 11, F.O_CLOEXEC], 11)).toBe('dup3(3, 11, O_CLOEXEC)                  = 11');
    expect(line(t, 'pipe2', [t.struct(8, [[0, 4, 8], [4, 4, 9]]), F.O_CLOEXEC | F.O_NONBLOCK], 0)).toBe(
      'pipe2([8, 9], O_NONBLOCK|O_CLOEXEC)     = 0',
    );
    expect(line(t, 'pipe', [t.struct(8, [[0, 4, 6], [4, 4, 7]])], 0)).toBe('pipe([6, 7])                            = 0');
    t.links.set(4, 'pipe:[182272]');
    t.links.set(5, 'pipe:[182272]');
    expect(line(t, 'pipe2', [t.struct(8, [[0, 4, 4], [4, 4, 5]]), 0], 0, { decodeFds: 1 })).toBe(
      'pipe2([4<pipe:[182272]>, 5<pipe:[182272]>], 0) = 0',
    );
    expect(line(t, 'close_range', [50, 0xffffffff, 0], 0)).toBe('close_range(50, 4294967295, 0)          = 0');
  });

  it('decorates AT_FDCWD with the current directory under -y', () => {
    t.links.set(AT_FDCWD, '/tmp/st');
    t.links.set(3, '/dev/null');
    expect(line(t, 'openat', [AT_FDCWD, t.cstr('/dev/null'), 0], 3, { decodeFds: 1 })).toBe(
      'openat(AT_FDCWD</tmp/st>, "/dev/null", O_RDONLY) = 3</dev/null>',
    );
  });
});

describe('fcntl', () => {
  it('prints the argument the command takes', () => {
    expect(line(t, 'fcntl', [3, F.F_GETFD, 77], 1)).toBe('fcntl(3, F_GETFD)                       = 0x1 (flags FD_CLOEXEC)');
    expect(line(t, 'fcntl', [7, F.F_GETFD, 0], 0)).toBe('fcntl(7, F_GETFD)                       = 0');
    expect(line(t, 'fcntl', [3, F.F_SETFD, F.FD_CLOEXEC], 0)).toBe('fcntl(3, F_SETFD, FD_CLOEXEC)           = 0');
    expect(line(t, 'fcntl', [7, F.F_SETFD, 0], 0)).toBe('fcntl(7, F_SETFD, 0)                    = 0');
    expect(line(t, 'fcntl', [3, F.F_SETFL, F.O_NONBLOCK | F.O_APPEND], 0)).toBe('fcntl(3, F_SETFL, O_RDONLY|O_APPEND|O_NONBLOCK) = 0');
    expect(line(t, 'fcntl', [3, F.F_GETFL, 0], 0x8c01)).toBe('fcntl(3, F_GETFL)                       = 0x8c01 (flags O_WRONLY|O_APPEND|O_NONBLOCK|O_LARGEFILE)');
    expect(line(t, 'fcntl', [3, F.F_DUPFD_CLOEXEC, 20], 20)).toBe('fcntl(3, F_DUPFD_CLOEXEC, 20)           = 20');
    expect(line(t, 'fcntl', [3, 999, 5], -22)).toBe('fcntl(3, 0x3e7 /* F_??? */, 0x5)        = -1 EINVAL (Invalid argument)');
    expect(line(t, 'fcntl', [7, F.F_SETSIG, 10], 0)).toBe('fcntl(7, F_SETSIG, SIGUSR1)             = 0');
    expect(line(t, 'fcntl', [7, F.F_GETSIG, 0], 10)).toBe('fcntl(7, F_GETSIG)                      = 10 (SIGUSR1)');
    expect(line(t, 'fcntl', [7, F.F_GETPIPE_SZ, 0], 65536)).toBe('fcntl(7, F_GETPIPE_SZ)                  = 65536');
  });
});

describe('stat and statx', () => {
  /** A struct stat with the fields the tests care about. */
  const stat = (mode: number, extra: [number, 1 | 2 | 4 | 8, number][] = []) => t.struct(144, [[24, 4, mode], ...extra]);

  it('abbreviates without -v', () => {
    expect(line(t, 'fstat', [3, stat(S_IFREG | 0o644)], 0)).toBe('fstat(3, {st_mode=S_IFREG|0644, st_size=0, ...}) = 0');
    expect(line(t, 'stat', [t.cstr('/tmp'), stat(S_IFDIR | 0o1777, [[48, 8, 12288]])], 0)).toBe(
      'stat("/tmp", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=12288, ...}) = 0',
    );
    expect(line(t, 'fstat', [3, stat(S_IFREG)], 0)).toBe('fstat(3, {st_mode=S_IFREG|000, st_size=0, ...}) = 0');
    expect(line(t, 'fstat', [3, stat(S_IFREG | 0o6007)], 0)).toBe('fstat(3, {st_mode=S_IFREG|S_ISUID|S_ISGID|007, st_size=0, ...}) = 0');
    expect(line(t, 'lstat', [t.cstr('/nonexistent'), 0x7ffdec5bc230], -2)).toBe(
      'lstat("/nonexistent", 0x7ffdec5bc230)   = -1 ENOENT (No such file or directory)',
    );
    expect(line(t, 'newfstatat', [3, t.cstr(''), stat(S_IFREG | 0o644, [[48, 8, 38759]]), F.AT_EMPTY_PATH], 0)).toBe(
      'newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=38759, ...}, AT_EMPTY_PATH) = 0',
    );
  });

  it('prints every field with -v, with calendar comments', () => {
    const st = stat(S_IFCHR | 0o666, [
      [0, 8, 6], [8, 8, 3], [16, 8, 1], [56, 8, 4096], [40, 8, 0x103],
      [72, 8, 1795189979], [80, 8, 639511028], [88, 8, 1777320873], [104, 8, 1777320873],
    ]);
    expect(line(t, 'fstat', [4, st], 0, { verbose: true })).toBe(
      'fstat(4, {st_dev=makedev(0, 0x6), st_ino=3, st_mode=S_IFCHR|0666, st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=0, st_rdev=makedev(0x1, 0x3), st_atime=1795189979 /* 2026-11-20T15:52:59.639511028+0000 */, st_atime_nsec=639511028, st_mtime=1777320873 /* 2026-04-27T20:14:33+0000 */, st_mtime_nsec=0, st_ctime=1777320873 /* 2026-04-27T20:14:33+0000 */, st_ctime_nsec=0}) = 0',
    );
  });

  it('prints statx', () => {
    const stx = t.struct(256, [[0, 4, 0x17ff], [28, 2, S_IFCHR | 0o666]]);
    expect(line(t, 'statx', [AT_FDCWD, t.cstr('/dev/null'), 0, 0x7ff, stx], 0)).toBe(
      'statx(AT_FDCWD, "/dev/null", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, {stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFCHR|0666, stx_size=0, ...}) = 0',
    );
    const dir = t.struct(256, [
      [0, 4, 0x1fff], [4, 4, 4096], [16, 4, 216], [28, 2, S_IFDIR | 0o1777], [32, 8, 260072], [40, 8, 12288], [48, 8, 24],
      [56, 8, 0x303874], [64, 8, 1795854334], [72, 4, 549348865], [96, 8, 1795854856], [104, 4, 436354459],
      [112, 8, 1795854856], [120, 4, 436354459], [136, 4, 254], [144, 8, 0x1b],
    ]);
    expect(line(t, 'statx', [AT_FDCWD, t.cstr('/tmp'), F.AT_SYMLINK_NOFOLLOW | F.AT_STATX_DONT_SYNC, 0x1fff, dir], 0, { verbose: true })).toBe(
      'statx(AT_FDCWD, "/tmp", AT_STATX_DONT_SYNC|AT_SYMLINK_NOFOLLOW, STATX_ALL|STATX_MNT_ID, {stx_mask=STATX_ALL|STATX_MNT_ID, stx_blksize=4096, stx_attributes=0, stx_nlink=216, stx_uid=0, stx_gid=0, stx_mode=S_IFDIR|S_ISVTX|0777, stx_ino=260072, stx_size=12288, stx_blocks=24, stx_attributes_mask=STATX_ATTR_COMPRESSED|STATX_ATTR_IMMUTABLE|STATX_ATTR_APPEND|STATX_ATTR_NODUMP|STATX_ATTR_ENCRYPTED|STATX_ATTR_AUTOMOUNT|STATX_ATTR_MOUNT_ROOT|STATX_ATTR_VERITY|STATX_ATTR_DAX, stx_atime={tv_sec=1795854334, tv_nsec=549348865} /* 2026-11-28T08:25:34.549348865+0000 */, stx_btime={tv_sec=0, tv_nsec=0}, stx_ctime={tv_sec=1795854856, tv_nsec=436354459} /* 2026-11-28T08:34:16.436354459+0000 */, stx_mtime={tv_sec=1795854856, tv_nsec=436354459} /* 2026-11-28T08:34:16.436354459+0000 */, stx_rdev_major=0, stx_rdev_minor=0, stx_dev_major=254, stx_dev_minor=0, stx_mnt_id=0x1b}) = 0',
    );
  });
});

describe('buffers, strings and directories', () => {
  it('shows read data only up to what was returned, and paths in full', () => {
    expect(line(t, 'read', [5, t.alloc(':1:1:xxxx'), 5], 5)).toBe('read(5, ":1:1:", 5)                     = 5');
    expect(line(t, 'getcwd', [t.cstr('/tmp/st'), 256], 8, { strsize: 3 })).toBe('getcwd("/tmp/st", 256)                  = 8');
    expect(line(t, 'readlink', [t.cstr('/proc/self/exe'), t.alloc('/tmp/st/b'), 256], 9, { strsize: 3 })).toBe(
      'readlink("/proc/self/exe", "/tm"..., 256) = 9',
    );
    expect(line(t, 'pread64', [3, 0x7ffdec5bc2c0, 10, 5], -9)).toBe('pread64(3, 0x7ffdec5bc2c0, 10, 5)       = -1 EBADF (Bad file descriptor)');
    expect(line(t, 'sethostname', [t.cstr('abcdef'), 3], 0)).toBe('sethostname("abc", 3)                   = 0');
  });

  it('shows -x and -xx hex strings', () => {
    const ab1c = t.alloc([0x61, 0x62, 0x01, 0x63]);
    expect(line(t, 'write', [3, ab1c, 4], -9)).toBe('write(3, "ab\\1c", 4)                    = -1 EBADF (Bad file descriptor)');
    expect(line(t, 'write', [3, ab1c, 4], -9, { xflag: 1, strsize: 3 })).toBe('write(3, "\\x61\\x62\\x01"..., 4)          = -1 EBADF (Bad file descriptor)');
    expect(line(t, 'write', [3, t.alloc('abc'), 3], -9, { xflag: 1 })).toBe('write(3, "abc", 3)                      = -1 EBADF (Bad file descriptor)');
    expect(line(t, 'write', [3, t.alloc('abc'), 3], 3, { xflag: 2 })).toBe('write(3, "\\x61\\x62\\x63", 3)             = 3');
    expect(line(t, 'write', [3, t.alloc([0x61, 0]), 2], -9, { xflag: 1 })).toBe('write(3, "\\x61\\x00", 2)                 = -1 EBADF (Bad file descriptor)');
    expect(line(t, 'write', [3, t.alloc(''), 0], 0)).toBe('write(3, "", 0)                         = 0');
  });

  it('gives octal escapes three digits before an octal digit', () => {
    expect(line(t, 'write', [1, t.alloc([0, 1, 0x37, 0x61, 0x38]), 5], 5)).toBe('write(1, "\\0\\0017a8", 5)                = 5');
  });

  it('lists iovecs, readv data spread over the buffers', () => {
    const data = t.alloc('abchello world');
    const iov = t.struct(48, [[0, 8, data], [8, 8, 3], [16, 8, data + 3], [24, 8, 4], [32, 8, data + 7], [40, 8, 5]]);
    expect(line(t, 'readv', [7, iov, 3], 12)).toBe(
      'readv(7, [{iov_base="abc", iov_len=3}, {iov_base="hell", iov_len=4}, {iov_base="o wor", iov_len=5}], 3) = 12',
    );
    expect(line(t, 'readv', [99, iov, 3], -9)).toBe(
      `readv(99, [{iov_base=0x${data.toString(16)}, iov_len=3}, {iov_base=0x${(data + 3).toString(16)}, iov_len=4}, {iov_base=0x${(data + 7).toString(16)}, iov_len=5}], 3) = -1 EBADF (Bad file descriptor)`,
    );
    const x = t.alloc('x');
    const many = t.struct(40 * 16, Array.from({ length: 40 }, (_, i) => [[i * 16, 8, x], [i * 16 + 8, 8, 1]] as const).flat());
    expect(line(t, 'writev', [8, many, 40], 40)).toBe(
      `writev(8, [${Array(32).fill('{iov_base="x", iov_len=1}').join(', ')}, ...], 40) = 40`,
    );
    expect(line(t, 'writev', [8, many, 0], 0)).toBe('writev(8, [], 0)                        = 0');
  });

  it('counts directory entries, and lists them with -v', () => {
    const rec = (ino: number, off: bigint, type: number, name: string) => {
      const reclen = Math.ceil((19 + name.length + 1) / 8) * 8;
      const b = new Uint8Array(reclen);
      const v = new DataView(b.buffer);
      v.setBigUint64(0, BigInt(ino), true);
      v.setBigUint64(8, off, true);
      v.setUint16(16, reclen, true);
      b[18] = type;
      b.set(new TextEncoder().encode(name), 19);
      return [...b];
    };
    const buf = t.alloc([
      ...rec(2147978, 6091754305281046306n, 4, '.'), ...rec(2147980, 6357504699377170974n, 10, 'lnk'),
      ...rec(2147974, 7703682767179088511n, 4, '..'), ...rec(2147979, 9223372036854775807n, 8, 'file1'),
    ]);
    expect(line(t, 'getdents64', [12, buf, 256], 104)).toBe(`getdents64(12, 0x${buf.toString(16)} /* 4 entries */, 256) = 104`);
    expect(line(t, 'getdents64', [12, buf, 256], 104, { verbose: true })).toBe(
      'getdents64(12, [{d_ino=2147978, d_off=6091754305281046306, d_reclen=24, d_type=DT_DIR, d_name="."}, {d_ino=2147980, d_off=6357504699377170974, d_reclen=24, d_type=DT_LNK, d_name="lnk"}, {d_ino=2147974, d_off=7703682767179088511, d_reclen=24, d_type=DT_DIR, d_name=".."}, {d_ino=2147979, d_off=9223372036854775807, d_reclen=32, d_type=DT_REG, d_name="file1"}], 256) = 104',
    );
  });
});
