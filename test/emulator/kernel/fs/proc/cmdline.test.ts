// cmdline, environ and comm: read from the process's own memory and task state.

import { describe, expect, it } from 'vitest';
import { do_exit } from '../../../../../emulator/kernel/exit';
import { addThread, adopt, errname, procKernel, readBytes, UTask } from './fixture';

const O_WRONLY = 1;

/** Lay argv and envp out in `u`'s memory as execve does (strings back to back), and record where. */
function setArgs(u: UTask, argv: string[], envp: string[]): void {
  const bytes = new TextEncoder().encode(argv.map((a) => a + '\0').join('') + envp.map((e) => e + '\0').join(''));
  const at = u.bytes(bytes);
  const mm = u.t.mm!;
  const argLen = new TextEncoder().encode(argv.map((a) => a + '\0').join('')).length;
  mm.argStart = at;
  mm.argEnd = mm.envStart = at + argLen;
  mm.envEnd = at + bytes.length;
}

const text = (b: Uint8Array | string) => (typeof b === 'string' ? b : new TextDecoder().decode(b));

describe('/proc/<pid>/cmdline', () => {
  it('is argv, each string ending in NUL', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    const argv = ['/bin/sleep', '5', 'with space', 'ünïcode'];
    setArgs(u, argv, ['HOME=/root']);
    const got = text(readBytes(root, `/proc/${u.t.tid}/cmdline`));
    expect(got).toBe(argv.join('\0') + '\0');
    expect(got.split('\0').slice(0, -1)).toEqual(argv);
  });

  it('follows a title written over the arguments (setproctitle) up to its NUL', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    setArgs(u, ['prog', 'a'], ['X=1', 'Y=2']);
    const mm = u.t.mm!;
    // "prog\0a\0" becomes "my title" running past the end of argv into the environment…
    mm.writeFrom(mm.argStart, new TextEncoder().encode('my title\0'));
    expect(text(readBytes(root, `/proc/${u.t.tid}/cmdline`))).toBe('my title\0');
    // …but never past the end of the environment.
    mm.writeFrom(mm.argStart, new TextEncoder().encode('a much longer title\0'));
    expect(text(readBytes(root, `/proc/${u.t.tid}/cmdline`))).toBe('a much longer t');
  });

  it('is empty for a zombie (its memory is gone)', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    setArgs(u, ['prog'], []);
    adopt(root, u);
    do_exit(u.t, 0);
    expect(text(readBytes(root, `/proc/${u.t.tid}/cmdline`))).toBe('');
  });

  it('may be read by anyone', () => {
    const { k } = procKernel();
    const owner = new UTask(k, 1000, 1000);
    const other = new UTask(k, 2000, 2000);
    setArgs(owner, ['secret-less'], []);
    expect(text(readBytes(other, `/proc/${owner.t.tid}/cmdline`))).toBe('secret-less\0');
  });
});

describe('/proc/<pid>/environ', () => {
  it('is the environment strings, NUL-separated, for the owner and root only', () => {
    const { k, root } = procKernel();
    const owner = new UTask(k, 1000, 1000);
    const other = new UTask(k, 2000, 2000);
    setArgs(owner, ['prog'], ['HOME=/home/u', 'TERM=linux']);
    const want = 'HOME=/home/u\0TERM=linux\0';
    expect(text(readBytes(owner, `/proc/${owner.t.tid}/environ`))).toBe(want);
    expect(text(readBytes(root, `/proc/${owner.t.tid}/environ`))).toBe(want);
    expect(readBytes(other, `/proc/${owner.t.tid}/environ`)).toBe('EACCES');
  });
});

describe('/proc/<pid>/comm', () => {
  it('reads the command name with a newline', () => {
    const { k, root } = procKernel();
    const u = new UTask(k);
    u.t.comm = 'worker';
    expect(root.get(`/proc/${u.t.tid}/comm`)).toBe('worker\n');
  });

  it('is renamed by the process itself or one of its threads: 15 bytes at most, newline kept', () => {
    const { k } = procKernel();
    const u = new UTask(k, 1000, 1000);
    const th = addThread(u);
    const fd = u.open(`/proc/${th.tid}/comm`, O_WRONLY);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(u.write(fd, 'renamed\n')).toBe(8);
    expect(th.comm).toBe('renamed\n');
    const self = u.open('/proc/self/comm', O_WRONLY);
    expect(u.write(self, 'abcdefghijklmnopqrstuvwxyz')).toBe(26);
    expect(u.t.comm).toBe('abcdefghijklmno');
    expect(u.get('/proc/self/comm')).toBe('abcdefghijklmno\n');
  });

  it('refuses other processes: EACCES to open for another user, EINVAL to write even for root', () => {
    const { k, root } = procKernel();
    const u = new UTask(k, 1000, 1000);
    const other = new UTask(k, 2000, 2000);
    expect(errname(other.open(`/proc/${u.t.tid}/comm`, O_WRONLY))).toBe('EACCES');
    const fd = root.open(`/proc/${u.t.tid}/comm`, O_WRONLY);
    expect(errname(root.write(fd, 'x'))).toBe('EINVAL');
    expect(u.t.comm).toBe(`fstest${u.t.tid}`);
  });
});
