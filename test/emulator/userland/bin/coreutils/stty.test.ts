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
