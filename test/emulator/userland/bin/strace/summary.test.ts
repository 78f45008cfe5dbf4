import { describe, expect, it } from 'vitest';
import { Summary } from '../../../../../emulator/userland/bin/strace/summary';
import { syscallNumber } from '../../../../../emulator/uapi/unistd_64';

const nr = (name: string) => syscallNumber.get(name)!;

describe('strace -c table', () => {
  it('is laid out as strace 6.1: widths, blank error counts, total line', () => {
    const s = new Summary();
    for (let i = 0; i < 3; i++) s.add(nr('getppid'), false, 7_334n);
    s.add(nr('write'), false, 4_133_000n);
    s.add(nr('openat'), true, 0n);
    expect(s.format('time')).toBe(
      '% time     seconds  usecs/call     calls    errors syscall\n' +
        '------ ----------- ----------- --------- --------- ----------------\n' +
        ' 99.47    0.004133        4133         1           write\n' +
        '  0.53    0.000022           7         3           getppid\n' +
        '  0.00    0.000000           0         1         1 openat\n' +
        '------ ----------- ----------- --------- --------- ----------------\n' +
        '100.00    0.004155         831         5         1 total\n',
    );
  });
  it('ties keep syscall-number order; a zero total still says 100.00', () => {
    const s = new Summary();
    for (const n of ['getpid', 'close', 'write', 'read']) s.add(nr(n), true, 0n);
    expect(s.format('time')).toBe(
      '% time     seconds  usecs/call     calls    errors syscall\n' +
        '------ ----------- ----------- --------- --------- ----------------\n' +
        '  0.00    0.000000           0         1         1 read\n' +
        '  0.00    0.000000           0         1         1 write\n' +
        '  0.00    0.000000           0         1         1 close\n' +
        '  0.00    0.000000           0         1         1 getpid\n' +
        '------ ----------- ----------- --------- --------- ----------------\n' +
        '100.00    0.000000           0         4         4 total\n',
    );
  });
  it('-S calls, name, errors', () => {
    const s = new Summary();
    s.add(nr('write'), false, 100_000n);
    s.add(nr('read'), true, 0n);
    s.add(nr('read'), false, 0n);
    const names = (by: Parameters<Summary['format']>[0]) =>
      s
        .format(by)
        .split('\n')
        .slice(2, 4)
        .map((l) => l.split(' ').pop());
    expect(names('calls')).toEqual(['read', 'write']);
    expect(names('name')).toEqual(['read', 'write']);
    expect(names('time')).toEqual(['write', 'read']);
    expect(names('errors')).toEqual(['read', 'write']);
  });
  it('the name column widens for long names (longest + 1)', () => {
    const s = new Summary();
    s.add(nr('inotify_rm_watch'), true, 0n);
    expect(s.format('time').split('\n')[1]).toBe(
      '------ ----------- ----------- --------- --------- -----------------',
    );
  });
  it('nothing counted, nothing printed', () => {
    expect(new Summary().format('time')).toBe('');
  });
});
