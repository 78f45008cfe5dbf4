import { describe, expect, it } from 'vitest';
import { fsKernel, UTask, errname } from './fixture';

describe('smoke', () => {
  it('creates, writes, reads a file', () => {
    const u = new UTask(fsKernel());
    expect(u.sys('mkdir', '/tmp', 0o1777)).toBe(0);
    u.put('/tmp/a', 'hello');
    expect(u.get('/tmp/a')).toBe('hello');
    expect(errname(u.open('/nope', 0))).toBe('ENOENT');
  });
});
