// mmap of tmpfs files (POSIX shared memory): the mapping is the file's page cache, so stores
// through a MAP_SHARED mapping are what read(2) and other processes' mappings see; a MAP_PRIVATE
// mapping copies a page at its first write; access rules (EACCES) and /proc maps naming.

import { describe, expect, it } from 'vitest';
import { O_RDONLY, O_RDWR } from '../../../../emulator/uapi/fcntl';
import { MAP_PRIVATE, MAP_SHARED, PROT_READ, PROT_WRITE } from '../../../../emulator/uapi/mman';
import { proc_pid_maps } from '../../../../emulator/kernel/fs/proc/task_mmu';
import { errname, fsKernel, ITask } from '../ipc/fixture';

describe('mmap of tmpfs files', () => {
  it('MAP_SHARED maps the page cache: two processes and read(2) see the same bytes', () => {
    const k = fsKernel();
    const a = new ITask(k);
    const b = new ITask(k);
    a.put('/tmp-shm', 'hello');
    const fa = a.open('/tmp-shm', O_RDWR);
    const fb = b.open('/tmp-shm', O_RDWR);
    expect(a.sys('ftruncate', fa, 8192)).toBe(0);
    const pa = a.sys('mmap', 0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fa, 0);
    const pb = b.sys('mmap', 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fb, 4096);
    expect(a.peekStr(pa, 5)).toBe('hello');
    a.t.mm!.writeFrom(pa + 4096, new TextEncoder().encode('page two'));
    expect(b.peekStr(pb, 8)).toBe('page two');
    b.t.mm!.writeFrom(pb + 100, new TextEncoder().encode('from b'));
    expect(a.peekStr(pa + 4196, 6)).toBe('from b');
    a.t.mm!.writeFrom(pa, new TextEncoder().encode('HELLO'));
    expect(a.get('/tmp-shm').slice(0, 5)).toBe('HELLO');
    expect(proc_pid_maps(a.t.mm)).toMatch(/ rw-s 00000000 [0-9a-f]+:[0-9a-f]+ \d+ +\/tmp-shm\n/);
  });

  it('MAP_PRIVATE copies on write; EACCES for a shared writable map of a read-only descriptor', () => {
    const k = fsKernel();
    const u = new ITask(k);
    u.put('/f', 'abc');
    const fd = u.open('/f', O_RDONLY);
    expect(errname(u.sys('mmap', 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0))).toBe('EACCES');
    const p = u.sys('mmap', 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    expect(u.peekStr(p, 3)).toBe('abc');
    u.t.mm!.writeFrom(p, new TextEncoder().encode('xyz'));
    expect(u.peekStr(p, 3)).toBe('xyz');
    expect(u.get('/f')).toBe('abc');
    expect(errname(u.sys('mmap', 0, 4096, PROT_READ, MAP_SHARED, 999, 0))).toBe('EBADF');
  });
});
