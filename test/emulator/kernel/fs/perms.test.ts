// Permission checks for an unprivileged user (uid/gid 65534), as measured on Linux 6.18 with a
// C program that set up the same tree as root and then called setuid(65534).

import { describe, expect, it } from 'vitest';
import { O_CREAT, O_NOATIME, O_RDONLY, O_WRONLY } from '../../../../emulator/uapi/fcntl';
import { S_IFCHR, S_IFIFO } from '../../../../emulator/uapi/stat';
import { errname, fsKernel, UTask } from './fixture';

function tree(): UTask {
  const u = new UTask(fsKernel());
  const ok = (r: number) => expect(errname(r)).toBe('0');
  ok(u.sys('mkdir', '/p', 0o755));
  ok(u.sys('chdir', '/p'));
  for (const [d, m] of [['priv', 0o700], ['noexec', 0o644], ['sticky', 0o1777], ['ro', 0o555]] as const) {
    ok(u.sys('mkdir', d, 0o777));
    ok(u.sys('chmod', d, m));
  }
  u.put('priv/x', '');
  u.put('noexec/y', '');
  u.put('rootfile', 'secret', 0o600);
  u.put('sticky/rootf', '');
  u.put('script', '#!/bin/sh\n', 0o644);
  u.put('setuid', '', 0o755);
  ok(u.sys('chmod', 'setuid', 0o4755));
  // become nobody
  const c = u.t.cred;
  c.uid = c.euid = c.suid = c.fsuid = 65534;
  c.gid = c.egid = c.sgid = c.fsgid = 65534;
  return u;
}

describe('permissions as an unprivileged user (as on Linux)', () => {
  it('match the host, call by call', () => {
    const u = tree();
    const e = (name: string, ...a: (number | string)[]) => errname(u.sys(name, ...a));
    const o = (p: string, f: number) => errname(u.open(p, f, 0o644));
    expect(o('rootfile', O_RDONLY)).toBe('EACCES');
    expect(o('priv/x', O_RDONLY)).toBe('EACCES');
    expect(o('noexec/y', O_RDONLY)).toBe('EACCES');
    expect(e('access', 'noexec/y', 0)).toBe('EACCES');
    expect(Number(o('noexec', O_RDONLY))).toBeGreaterThanOrEqual(0);
    expect(e('mkdir', 'ro/a', 0o755)).toBe('EACCES');
    expect(e('mkdir', 'ro/.', 0o755)).toBe('EEXIST');
    expect(o('ro/new', O_CREAT | O_WRONLY)).toBe('EACCES');
    expect(e('unlink', 'rootfile')).toBe('EACCES');
    expect(e('unlink', 'sticky/rootf')).toBe('EPERM');
    expect(Number(o('sticky/mine', O_CREAT | O_WRONLY))).toBeGreaterThanOrEqual(0);
    expect(e('unlink', 'sticky/mine')).toBe('0');
    expect(e('chmod', 'rootfile', 0o777)).toBe('EPERM');
    expect(e('chown', 'sticky', 0, 0)).toBe('EPERM');
    expect(e('access', 'script', 1)).toBe('EACCES');
    expect(e('access', 'script', 4)).toBe('0');
    expect(e('access', 'rootfile', 2)).toBe('EACCES');
    expect(e('chdir', 'priv')).toBe('EACCES');
    expect(e('mknod', 'sticky/dev', S_IFCHR | 0o666, 0x103)).toBe('EPERM');
    expect(e('mknod', 'sticky/fifo', S_IFIFO | 0o666, 0)).toBe('0');
    expect(e('chroot', 'sticky')).toBe('EPERM');
    expect(e('utime', 'rootfile', 0)).toBe('EACCES');
    const ub = u.bytes(new Uint8Array(new BigInt64Array([1n, 2n]).buffer));
    expect(e('utime', 'rootfile', ub)).toBe('EPERM');
    expect(Number(o('sticky/mine2', O_CREAT | O_WRONLY))).toBeGreaterThanOrEqual(0);
    expect(e('utime', 'sticky/rootf', 0)).toBe('EACCES');
    expect(e('truncate', 'rootfile', 0)).toBe('EACCES');
    expect(e('rename', 'sticky/rootf', 'sticky/z')).toBe('EPERM');
    expect(e('link', 'rootfile', 'sticky/l')).toBe('EPERM');
    expect(o('rootfile', O_RDONLY | O_NOATIME)).toBe('EACCES');
    expect(e('chown', 'sticky/mine2', 65534, 0)).toBe('EPERM');
    expect(e('chown', 'sticky/mine2', 65534, 65534)).toBe('0');
    expect(e('chown', 'sticky/mine2', -1, -1)).toBe('0');
    expect(o('setuid', O_WRONLY)).toBe('EACCES');
  });

  it('root may read anything but exec only with some x bit', () => {
    const u = new UTask(fsKernel());
    u.put('/f', 'x', 0o000);
    expect(u.get('/f')).toBe('x');
    expect(errname(u.sys('access', '/f', 1))).toBe('EACCES');
    expect(u.sys('chmod', '/f', 0o001)).toBe(0);
    expect(u.sys('access', '/f', 1)).toBe(0);
  });

  it('access() uses the real uid, AT_EACCESS the effective one', () => {
    const u = new UTask(fsKernel());
    u.put('/f', '', 0o600);
    // a set-user-ID-root program run by uid 1000: euid 0, uid 1000
    const c = u.t.cred;
    c.uid = 1000;
    c.gid = 1000;
    expect(errname(u.sys('access', '/f', 4))).toBe('EACCES');
    expect(u.sys('faccessat2', -100, '/f', 4, 0x200 /* AT_EACCESS */)).toBe(0);
    expect(u.open('/f', O_RDONLY)).toBeGreaterThanOrEqual(0);
  });

  it('a write by a non-owner clears set-user-ID; a group member may chgrp to its group only', () => {
    const u = new UTask(fsKernel());
    u.put('/s', '', 0o4777);
    expect(u.sys('chmod', '/s', 0o4777)).toBe(0);
    u.t.cred.fsuid = u.t.cred.euid = 1000;
    const fd = u.open('/s', O_WRONLY);
    expect(u.write(fd, 'x')).toBe(1);
    expect((u.stat('/s') as { mode: number }).mode & 0o7777).toBe(0o777);
  });

  it('the sticky bit lets the owner of the directory remove others\' files', () => {
    const u = new UTask(fsKernel());
    expect(u.sys('mkdir', '/t', 0o777)).toBe(0);
    expect(u.sys('chmod', '/t', 0o1777)).toBe(0);
    expect(u.sys('chown', '/t', 1000, 1000)).toBe(0);
    u.put('/t/f', '');
    expect(u.sys('chown', '/t/f', 2000, 2000)).toBe(0);
    u.t.cred.fsuid = 3000;
    expect(errname(u.sys('unlink', '/t/f'))).toBe('EPERM');
    u.t.cred.fsuid = 1000;
    expect(u.sys('unlink', '/t/f')).toBe(0);
  });
});
