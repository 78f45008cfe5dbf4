// The per-process files added for issue 5: limits, io, fdinfo, syscall, wchan, smaps, mem,
// oom_score(_adj), personality, cgroup, timerslack_ns, comm — formats against the host's /proc
// (field names, order, column layout) and the write rules of Linux.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserRegs } from '../../../../../emulator/uapi/ptrace';
import { TASK_INTERRUPTIBLE, TASK_STOPPED, type Task } from '../../../../../emulator/kernel/sched/task';
import { sysSyscalls } from '../../../../../emulator/kernel/sys';
import type { UserContext } from '../../../../../emulator/kernel/sched/user_context';
import { SCRATCH } from '../fixture';
import { addThread, adopt, errname, listDir, procKernel, readlink, UTask } from './fixture';

const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CLOEXEC = 0o2000000;

/** The host's own file, when the tests run on Linux (they are skipped elsewhere). */
function host(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** Give a fixture task a register file, as a real task has. */
function withRegs(u: UTask): UserRegs {
  const regs = new UserRegs();
  u.t.uctx = { regs } as unknown as UserContext;
  return regs;
}

function writeFile(u: UTask, path: string, data: string): string {
  const fd = u.open(path, O_WRONLY);
  if (fd < 0) return errname(fd);
  const r = u.write(fd, data);
  u.sys('close', fd);
  return errname(r);
}

describe('/proc/<pid>/limits', () => {
  it('is the table of Linux, column for column', () => {
    const { root } = procKernel();
    const text = root.get('/proc/self/limits');
    const lines = text.split('\n').slice(0, -1);
    expect(lines).toHaveLength(17);
    expect(lines[0]).toBe('Limit                     Soft Limit           Hard Limit           Units     ');
    expect(lines[4]).toBe('Max stack size            8388608              unlimited            bytes     ');
    expect(lines[8]).toBe('Max open files            1024                 1048576              files     ');
    expect(lines[14]).toBe('Max nice priority         0                    0                    ');
    const h = host('/proc/self/limits');
    if (h) {
      const names = (t: string) => t.split('\n').map((l) => l.slice(0, 26));
      expect(names(text)).toEqual(names(h));
      // Same widths: the units column starts at 68 on every line that has one.
      for (const l of h.split('\n').filter((x) => x.length > 68)) expect(lines.some((m) => m.length === l.length)).toBe(true);
    }
  });

  it('follows setrlimit', () => {
    const { root } = procKernel();
    root.t.group.rlimits[7] = [50, 60];
    expect(root.get('/proc/self/limits')).toContain('\nMax open files            50                   60                   files     \n');
  });
});

describe('/proc/<pid>/io', () => {
  it('has the fields of the host, in order, and counts reads and writes', () => {
    const { root } = procKernel();
    const fields = (t: string) => t.split('\n').filter(Boolean).map((l) => l.split(':')[0]);
    const h = host('/proc/self/io');
    const first = root.get('/proc/self/io');
    if (h) expect(fields(first)).toEqual(fields(h));
    root.put('/tmp-io', 'hello');
    const fd = root.open('/tmp-io', O_RDONLY);
    root.read(fd, 100);
    root.sys('close', fd);
    const io = Object.fromEntries(root.get('/proc/self/io').split('\n').filter(Boolean).map((l) => l.split(': ')));
    const before = Object.fromEntries(first.split('\n').filter(Boolean).map((l) => l.split(': ')));
    expect(Number(io.wchar) - Number(before.wchar)).toBe(5);
    expect(Number(io.syscw) - Number(before.syscw)).toBe(1);
    expect(Number(io.rchar) - Number(before.rchar)).toBe(5 + first.length);
    expect(io.read_bytes).toBe('0');
  });

  it('is private: another user gets EACCES', () => {
    const { k, root } = procKernel();
    const other = new UTask(k, 1000, 1000);
    const fd = other.open(`/proc/${root.t.tid}/io`, O_RDONLY);
    expect(errname(fd)).toBe('EACCES');
  });
});

describe('/proc/<pid>/fdinfo', () => {
  it('shows pos, flags in octal (O_CLOEXEC when set), mnt_id and ino; mode r--r--r--', () => {
    const { root } = procKernel();
    root.put('/f', 'abcdef');
    const fd = root.open('/f', O_RDWR | O_CLOEXEC);
    root.sys('lseek', fd, 4, 0);
    const st = root.stat('/f') as { ino: number };
    const text = root.get(`/proc/self/fdinfo/${fd}`);
    expect(text).toMatch(new RegExp(`^pos:\\t4\\nflags:\\t02100002\\nmnt_id:\\t\\d+\\nino:\\t${st.ino}\\n$`));
    const fd2 = root.open('/f', O_RDONLY);
    expect(root.get(`/proc/self/fdinfo/${fd2}`)).toMatch(/^pos:\t0\nflags:\t0100000\n/);
    expect((root.stat(`/proc/self/fdinfo/${fd}`) as { mode: number }).mode).toBe(0o100444);
    expect(errname(root.open('/proc/self/fdinfo/99', O_RDONLY))).toBe('ENOENT');
    const pipeBuf = root.alloc(8);
    root.sys('pipe', pipeBuf);
    const rfd = root.i32(pipeBuf);
    expect(root.get(`/proc/self/fdinfo/${rfd}`)).toMatch(/^pos:\t0\nflags:\t00\n/);
  });

  it('lists the same descriptors as fd/, and fd links agree with the descriptor table', () => {
    const { root } = procKernel();
    root.put('/g', 'x');
    root.open('/g', O_RDONLY);
    root.open('/g', O_RDONLY);
    const fds = root.t.files.entries().map((e) => String(e.fd));
    expect(listDir(root, '/proc/self/fdinfo').slice(2).filter((n) => fds.includes(n))).toEqual(fds);
    for (const e of root.t.files.entries()) {
      if (e.file.path.dentry.name === 'g') expect(readlink(root, `/proc/self/fd/${e.fd}`)).toBe('/g');
    }
  });
});

describe('/proc/<pid>/syscall and wchan', () => {
  it('a task asleep in a call: the number, six arguments, sp and pc in hex; wchan names the wait', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const regs = withRegs(u);
    Object.assign(regs, { orig_rax: 35, rdi: 0x7ffe1000, rsi: 0, rdx: 0, r10: 0, r8: 0, r9: 0, rsp: 0x7ffe0ff0, rip: 0x401102 });
    u.t.state = TASK_INTERRUPTIBLE;
    u.t.inSyscall = true;
    expect(root.get(`/proc/${u.t.tid}/syscall`)).toBe('35 0x7ffe1000 0x0 0x0 0x0 0x0 0x0 0x7ffe0ff0 0x401102\n');
    expect(root.get(`/proc/${u.t.tid}/wchan`)).toBe('hrtimer_nanosleep');
    regs.orig_rax = 61;
    expect(root.get(`/proc/${u.t.tid}/wchan`)).toBe('do_wait');
    regs.orig_rax = 257;
    regs.rdi = -100;
    expect(root.get(`/proc/${u.t.tid}/syscall`)).toMatch(/^257 0xffffffffffffff9c /);
  });

  it('running: "running" and wchan 0; not in a call: -1 sp pc; stopped: do_signal_stop', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const regs = withRegs(u);
    Object.assign(regs, { orig_rax: -1, rsp: 0x1000, rip: 0x2000 });
    expect(root.get(`/proc/${u.t.tid}/syscall`)).toBe('running\n');
    expect(root.get(`/proc/${u.t.tid}/wchan`)).toBe('0');
    u.t.state = TASK_STOPPED;
    expect(root.get(`/proc/${u.t.tid}/syscall`)).toBe('-1 0x1000 0x2000\n');
    expect(root.get(`/proc/${u.t.tid}/wchan`)).toBe('do_signal_stop');
  });

  it('the reader sees itself inside read(2) (the text is made at the first read)', () => {
    const { root } = procKernel();
    const regs = withRegs(root);
    const fd = root.open('/proc/self/syscall', O_RDONLY);
    regs.orig_rax = 0;
    regs.rdi = fd;
    expect(root.readText(fd)).toMatch(new RegExp(`^0 0x${fd.toString(16)} `));
  });

  it('syscall is for those who may trace the task: EPERM at read; wchan reads "0" for them', () => {
    const { k, root } = procKernel();
    withRegs(root);
    root.t.state = TASK_INTERRUPTIBLE;
    root.t.uctx.regs.orig_rax = 61;
    const other = new UTask(k, 1000, 1000);
    // 0400: the owner's only; root's file is closed to others at open.
    expect(errname(other.open(`/proc/${root.t.tid}/syscall`, O_RDONLY))).toBe('EACCES');
    expect(other.get(`/proc/${root.t.tid}/wchan`)).toBe('0');
  });
});

describe('/proc/<pid>/smaps', () => {
  it('has the host\'s fields in order, "%-16s%8lu kB", and counts resident pages', () => {
    const { root } = procKernel();
    root.sys('write', 1, SCRATCH, 0); // nothing: just a syscall
    const u8 = new Uint8Array(3 * 4096).fill(1);
    root.t.mm!.writeFrom(SCRATCH, u8);
    const text = root.get('/proc/self/smaps');
    const block = text.split('\n').slice(0, 25);
    expect(block[0]).toMatch(/^10000000-11000000 rw-p 00000000 00:00 0 +\[scratch\]$/);
    expect(block[0]!.indexOf('[')).toBe(73);
    expect(block[1]).toBe('Size:              16384 kB');
    expect(block[2]).toBe('KernelPageSize:        4 kB');
    expect(block[23]).toBe('THPeligible:           0');
    expect(block[24]).toBe('VmFlags: rd wr mr mw me ac ');
    const rss = Number(/Rss: +(\d+) kB/.exec(text)![1]);
    expect(rss).toBeGreaterThanOrEqual(12);
    const h = host('/proc/self/smaps');
    if (h) {
      const names = (t: string) => t.split('\n').slice(1, 24).map((l) => l.slice(0, l.indexOf(':')));
      expect(names(text)).toEqual(names(h));
      expect(block.slice(1, 24).every((l) => l.length === 27 || l.startsWith('THPeligible'))).toBe(true);
    }
  });
});

describe('/proc/<pid>/mem', () => {
  it('reads and writes the address space at the lseek position; EIO where nothing is mapped', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    adopt(root, u);
    u.t.mm!.writeFrom(SCRATCH + 0x100, new TextEncoder().encode('secret'));
    const fd = root.open(`/proc/${u.t.tid}/mem`, O_RDWR);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(root.sys('lseek', fd, SCRATCH + 0x100, 0)).toBe(SCRATCH + 0x100);
    expect(root.readText(fd, 6)).toBe('secret');
    expect(root.sys('lseek', fd, SCRATCH + 0x100, 0)).toBe(SCRATCH + 0x100);
    expect(root.write(fd, 'SECRET')).toBe(6);
    const back = new Uint8Array(6);
    u.t.mm!.readInto(SCRATCH + 0x100, back);
    expect(new TextDecoder().decode(back)).toBe('SECRET');
    root.sys('lseek', fd, 0x1000, 0);
    expect(errname(root.read(fd, 16) as number)).toBe('EIO');
    expect(errname(root.sys('lseek', fd, 0, 2 /* SEEK_END */))).toBe('EINVAL');
    // The last page: a read running past the end of the mapping stops there.
    root.sys('lseek', fd, SCRATCH + (16 << 20) - 4, 0);
    expect((root.read(fd, 100) as Uint8Array).length).toBe(4);
  });

  it('only for a reader that may trace the process (EACCES), mode 0600', () => {
    const { k, root } = procKernel();
    const other = new UTask(k, 1000, 1000);
    expect(errname(other.open(`/proc/${root.t.tid}/mem`, O_RDONLY))).toBe('EACCES');
    expect((root.stat('/proc/self/mem') as { mode: number }).mode).toBe(0o100600);
  });
});

describe('/proc/<pid>/oom_score and oom_score_adj', () => {
  it('666 for a small process, 0 for init, follows oom_score_adj', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    expect(root.get(`/proc/${root.t.tid}/oom_score`)).toBe('0\n'); // pid 1
    expect(root.get(`/proc/${u.t.tid}/oom_score`)).toBe('666\n');
    expect(writeFile(root, `/proc/${u.t.tid}/oom_score_adj`, '500\n')).toBe('4');
    expect(root.get(`/proc/${u.t.tid}/oom_score_adj`)).toBe('500\n');
    expect(root.get(`/proc/${u.t.tid}/oom_score`)).toBe('1000\n');
    expect(writeFile(root, `/proc/${u.t.tid}/oom_score_adj`, '-1000')).toBe('5');
    expect(root.get(`/proc/${u.t.tid}/oom_score`)).toBe('0\n');
  });

  it('range-checked and parsed like kstrtoint; lowering needs privilege', () => {
    const { k, root } = procKernel();
    const u = new UTask(k, 1000, 1000);
    const p = `/proc/${u.t.tid}/oom_score_adj`;
    expect(writeFile(root, p, '1001')).toBe('EINVAL');
    expect(writeFile(root, p, '-1001')).toBe('EINVAL');
    expect(writeFile(root, p, 'abc')).toBe('EINVAL');
    expect(writeFile(root, p, '12x')).toBe('EINVAL');
    expect(writeFile(root, p, '99999999999')).toBe('ERANGE');
    expect(writeFile(root, p, ' 0x10 ')).toBe('6');
    expect(root.get(p)).toBe('16\n');
    expect(writeFile(root, p, '-22')).toBe('3');
    expect(root.get(p)).toBe('-22\n');
    // Only the first 12 bytes are looked at, and only they are reported written.
    expect(writeFile(root, p, '5' + ' '.repeat(19))).toBe('12');
    expect(writeFile(u, p, '100')).toBe('3');
    expect(writeFile(u, p, '-5')).toBe('EACCES');
  });
});

describe('/proc/<pid>: small files', () => {
  it('personality, cgroup, timerslack_ns as Linux prints them', () => {
    const { root } = procKernel();
    expect(root.get('/proc/self/personality')).toBe('00000000\n');
    expect(root.get('/proc/self/cgroup')).toBe('0::/\n');
    expect(root.get('/proc/self/timerslack_ns')).toBe('50000\n');
    expect(writeFile(root, '/proc/self/timerslack_ns', '100000')).toBe('6');
    expect(root.get('/proc/self/timerslack_ns')).toBe('100000\n');
    expect(writeFile(root, '/proc/self/timerslack_ns', '0')).toBe('1');
    expect(root.get('/proc/self/timerslack_ns')).toBe('50000\n');
    expect(writeFile(root, '/proc/self/timerslack_ns', '-1')).toBe('EINVAL');
  });

  it('loginuid and sessionid: unset, bare numbers; a privileged write to its own file starts a session', () => {
    const { k, root } = procKernel();
    expect(root.get('/proc/self/loginuid')).toBe('4294967295');
    expect(root.get('/proc/self/sessionid')).toBe('4294967295');
    const u = new UTask(k, 1000, 1000);
    expect(writeFile(root, `/proc/${u.t.tid}/loginuid`, '1000')).toBe('EPERM'); // not its own
    expect(writeFile(root, '/proc/self/loginuid', 'x')).toBe('EINVAL');
    expect(writeFile(root, '/proc/self/loginuid', '1000\n')).toBe('5');
    expect(root.get('/proc/self/loginuid')).toBe('1000');
    expect(root.get('/proc/self/sessionid')).toBe('1');
    expect(writeFile(u, '/proc/self/loginuid', '1000')).toBe('EPERM'); // no CAP_AUDIT_CONTROL
  });

  it('timerslack_ns is what prctl(PR_SET_TIMERSLACK) sets and PR_GET_TIMERSLACK returns', () => {
    const { root } = procKernel();
    const prctl = sysSyscalls.prctl as (t: Task, option: number, arg2: number) => number;
    expect(prctl(root.t, 29, 123456)).toBe(0);
    expect(root.get('/proc/self/timerslack_ns')).toBe('123456\n');
    expect(writeFile(root, '/proc/self/timerslack_ns', '777')).toBe('3');
    expect(prctl(root.t, 30, 0)).toBe(777);
  });

  it('comm: 15 bytes kept of a longer name, per thread; another process may not rename (EINVAL)', () => {
    const { k, root } = procKernel();
    const th = addThread(root);
    expect(writeFile(root, '/proc/self/comm', 'abcdefghijklmnopqrst')).toBe('20');
    expect(root.get('/proc/self/comm')).toBe('abcdefghijklmno\n');
    expect(root.get(`/proc/self/task/${th.tid}/comm`)).not.toBe('abcdefghijklmno\n');
    expect(writeFile(root, `/proc/self/task/${th.tid}/comm`, 'worker')).toBe('6');
    expect(th.comm).toBe('worker');
    const u = new UTask(k);
    expect(writeFile(root, `/proc/${u.t.tid}/comm`, 'x')).toBe('EINVAL');
  });

  it('the per-thread directory has the per-thread files', () => {
    const { root } = procKernel();
    const th = addThread(root);
    const names = listDir(root, `/proc/self/task/${th.tid}`);
    for (const n of ['fdinfo', 'limits', 'syscall', 'mem', 'smaps', 'wchan', 'io', 'oom_score_adj', 'children', 'comm']) expect(names).toContain(n);
    expect(names).not.toContain('task');
    expect(names).not.toContain('timerslack_ns');
  });
});

describe('procfs consistency and bad input', () => {
  it('every process has a /proc/<pid> and every listed pid is a process; threads only under task/', () => {
    const { k, root } = procKernel();
    const a = new UTask(k);
    const th = addThread(a);
    const listed = listDir(root, '/proc').filter((n) => /^\d+$/.test(n)).map(Number);
    const leaders = [...k.tasks.values()].filter((t) => t.isLeader).map((t) => t.tid).sort((x, y) => x - y);
    expect(listed).toEqual(leaders);
    expect(listed).not.toContain(th.tid);
    expect(listDir(root, `/proc/${a.t.tid}/task`).slice(2).map(Number)).toEqual([a.t.tid, th.tid]);
  });

  it('reading beyond the end gives 0 bytes; lseek in a generated file; writing a read-only one fails', () => {
    const { root } = procKernel();
    const fd = root.open('/proc/self/limits', O_RDONLY);
    const all = root.readText(fd) as string;
    expect(root.readText(fd)).toBe('');
    expect(root.sys('lseek', fd, 6, 0)).toBe(6);
    expect(root.readText(fd, 4)).toBe('    ');
    expect(root.sys('lseek', fd, all.length + 100, 0)).toBe(all.length + 100);
    expect(root.readText(fd)).toBe('');
    expect(errname(root.sys('lseek', fd, 0, 2 /* SEEK_END */))).toBe('EINVAL');
    expect(errname(root.sys('lseek', fd, -1, 0))).toBe('EINVAL');
    const w = root.open('/proc/self/limits', O_WRONLY);
    expect(errname(root.write(w, 'x'))).toBe('EINVAL');
    const other = new UTask(root.k, 1000, 1000);
    expect(errname(other.open('/proc/self/limits', O_WRONLY))).toBe('EACCES');
  });
});
