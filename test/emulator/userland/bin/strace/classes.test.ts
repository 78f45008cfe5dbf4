import { describe, expect, it } from 'vitest';
import { classesOf, syscallClass, SYSCALL_CLASSES } from '../../../../../emulator/trace/decode/classes';
import { syscallName, syscallNumber } from '../../../../../emulator/uapi/unistd_64';

const names = (word: string) => [...syscallClass(word)!].map((n) => syscallName.get(n)).sort();

describe('strace syscall classes', () => {
  it('every name in the table is a syscall of ours', () => {
    for (const [cls, list] of Object.entries(SYSCALL_CLASSES)) {
      for (const n of list) expect(syscallNumber.has(n), `${cls}: ${n}`).toBe(true);
    }
  });
  it('spellings strace 6.1 accepts', () => {
    expect(syscallClass('%file')).toBeDefined();
    expect(syscallClass('file')).toBeDefined();
    expect(syscallClass('%net')).toEqual(syscallClass('%network'));
    expect(syscallClass('net')).toBeUndefined();
    expect(syscallClass('creds')).toBeUndefined();
    expect(syscallClass('%creds')).toBeDefined();
    expect(syscallClass('%sig')).toBeUndefined();
    expect(names('%%stat')).toEqual(['fstat', 'lstat', 'newfstatat', 'stat', 'statx']);
    expect(names('%stat')).toEqual(['stat']);
  });
  it('as measured on strace 6.1', () => {
    expect(names('%process')).toEqual([
      'clone',
      'clone3',
      'execve',
      'execveat',
      'exit',
      'exit_group',
      'fork',
      'kill',
      'pidfd_send_signal',
      'rt_sigqueueinfo',
      'rt_tgsigqueueinfo',
      'tgkill',
      'tkill',
      'vfork',
      'wait4',
      'waitid',
    ]);
    expect(names('%pure')).toEqual([
      'getegid',
      'geteuid',
      'getgid',
      'getpgrp',
      'getpid',
      'getppid',
      'gettid',
      'getuid',
    ]);
    expect(classesOf('openat')).toEqual(['file', 'desc']);
    expect(classesOf('mmap')).toEqual(['memory', 'desc']);
  });
});
