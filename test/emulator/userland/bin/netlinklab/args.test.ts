// genl-demo and netlink-bench refuse a count that is not a number (usage, exit 2) instead of taking
// NaN or "" as a count; a good count still runs its requests.

import { describe, expect, it } from 'vitest';
import { runInMachine } from '../../../../machine';

describe('genl-demo listen and netlink-bench getlink with bad counts', () => {
  const P = '/usr/libexec/ringside';
  const r = runInMachine(
    [`${P}/genl-demo listen abc; echo rc=$?`, `${P}/netlink-bench getlink ''; echo rc=$?`, `${P}/netlink-bench getlink 1x; echo rc=$?`, `${P}/netlink-bench getlink 3; echo rc=$?`].join('\n'),
  );

  it('prints usage and exits 2, and runs with a good count', () => {
    expect(r.output).toBe(
      'usage: genl-demo echo TEXT | stats | listen [COUNT]\nrc=2\n' +
        'usage: netlink-bench getlink N\nrc=2\n'.repeat(2) +
        'rc=0\n',
    );
  });
});
