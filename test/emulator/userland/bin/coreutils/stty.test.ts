// stty's errors name the device as GNU stty does (quotef: shell quoting only when needed), with the
// errno the kernel returned.

import { describe, expect, it } from 'vitest';
import { runInMachine } from '../../../../machine';

describe('stty on something that is not a terminal', () => {
  const r = runInMachine('stty size </dev/null; echo rc=$?; stty -F /nonexist size; echo rc=$?; stty -F /dev/null size; echo rc=$?');

  it('prints what coreutils 9.1 prints', () => {
    expect(r.output).toBe(
      "stty: 'standard input': Inappropriate ioctl for device\nrc=1\n" +
        'stty: /nonexist: No such file or directory\nrc=1\n' +
        'stty: /dev/null: Inappropriate ioctl for device\nrc=1\n',
    );
  });
});

describe('stty with a setting it does not know', () => {
  const r = runInMachine('stty bogus; echo rc=$?; stty echo; echo rc=$?');

  it('says "invalid argument" as GNU stty does', () => {
    expect(r.output).toBe(
      "stty: invalid argument ‘bogus’\nTry 'stty --help' for more information.\nrc=1\n" +
        'stty: setting ‘echo’ is not implemented here (only size, rows, cols)\nrc=1\n',
    );
  });
});
