// kill's bad arguments get dash's messages: a word that is no signal is read as options, so the
// first letter nextopt("ls:") does not know is named; -s with a bad name names the signal.

import { describe, expect, it } from 'vitest';
import { runInMachine } from '../../../../machine';

describe('kill with a bad signal', () => {
  const r = runInMachine('kill -FOO 1; echo rc=$?; kill -99 1; echo rc=$?; kill -lx; echo rc=$?; kill -s FOO 1; echo rc=$?; kill -0 $$; echo rc=$?');

  it('prints what dash prints', () => {
    expect(r.output).toBe(
      'sh: 1: kill: Illegal option -F\nrc=2\n' +
        'sh: 1: kill: Illegal option -9\nrc=2\n' +
        'sh: 1: kill: Illegal option -x\nrc=2\n' +
        'sh: 1: kill: invalid signal number or name: FOO\nrc=2\n' +
        'rc=0\n',
    );
  });
});
