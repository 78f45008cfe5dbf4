import { describe, expect, it } from 'vitest';
import { DEFAULT_DECODE_OPTIONS, formatCallSync } from '../../../../emulator/trace/decode';
import { __NR } from '../../../../emulator/uapi/unistd_64';
import { FakeTracee } from './fake_tracee';

describe('smoke', () => {
  it('formats a few calls', () => {
    const t = new FakeTracee();
    const o = DEFAULT_DECODE_OPTIONS;
    const line = (nr: number, args: number[], ret: number) => formatCallSync({ nr, args, ret }, o, t.answer);
    expect(line(__NR.open, [t.cstr('/dev/null'), 0, 0], 3)).toBe('open("/dev/null", O_RDONLY)             = 3');
    expect(line(__NR.openat, [-100, t.cstr('/nonexistent'), 0, 0], -2)).toBe('openat(AT_FDCWD, "/nonexistent", O_RDONLY) = -1 ENOENT (No such file or directory)');
    expect(line(__NR.exit, [0], 0)).toBe('exit(0)                                 = ?');
    const buf = t.alloc('root:x:0:0:root:/root:/bin/bash\nmore');
    expect(line(__NR.read, [3, buf, 40], 36)).toBe('read(3, "root:x:0:0:root:/root:/bin/bash\\n"..., 40) = 36');
  });
});
