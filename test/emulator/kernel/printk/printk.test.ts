// The printk ring, /dev/kmsg's record format and errors, and syslog(2)'s actions, driven through
// the driver's file operations with a minimal task (no machine needed).

import { describe, expect, it } from 'vitest';
import { LogBuffer, LOG_USER, vprintk_emit } from '../../../../emulator/kernel/printk/printk';
import { format_ext_record, kmsg_fops } from '../../../../emulator/kernel/printk/devkmsg';
import { do_syslog, record_print_text, SYSLOG_FROM_READER } from '../../../../emulator/kernel/printk/syslog';
import type { Task } from '../../../../emulator/kernel/sched/task';
import type { File } from '../../../../emulator/kernel/fs/file';
import type { Inode } from '../../../../emulator/kernel/fs/inode';
import { EAGAIN, EINVAL, EPERM, EPIPE, ESPIPE } from '../../../../emulator/uapi/errno';
import { POLLERR, POLLIN, POLLPRI, POLLRDNORM } from '../../../../emulator/uapi/poll';
import { O_NONBLOCK, O_RDONLY, O_WRONLY, SEEK_DATA, SEEK_END, SEEK_SET } from '../../../../emulator/uapi/fcntl';

function fakeKernel(bufLen?: number) {
  let now = 0;
  const log = new LogBuffer(bufLen);
  const k = { log, clock: { now: () => now }, sched: { sleep() {}, wakeUp() {} } };
  return { k, log, tick: (ns: number) => (now += ns) };
}

function fakeTask(k: unknown, root = true): Task {
  return { kernel: k, tid: 42, cred: { capable: () => root }, pending: { set: 0n }, group: { sharedPending: { set: 0n } }, waitingOn: [] } as unknown as Task;
}

function openKmsg(t: Task, flags = O_RDONLY | O_NONBLOCK): File | number {
  const file = { f_flags: flags, private_data: null } as unknown as File;
  const r = kmsg_fops.open!({} as Inode, file, t);
  return r < 0 ? r : file;
}

const text = (b: Uint8Array | number) => (typeof b === 'number' ? b : new TextDecoder().decode(b));

describe('printk ring', () => {
  it('numbers records, keeps level/facility/usec, and drops the oldest past the size', () => {
    const { k, log, tick } = fakeKernel(64 * 32); // 64 descriptors
    for (let i = 0; i < 100; i++) {
      tick(1500);
      vprintk_emit(k as never, 0, 6, `line ${i}\n`);
    }
    expect(log.next).toBe(100);
    expect(log.firstSeq).toBe(36);
    expect(log.get(36)!.text).toBe('line 36');
    expect(log.get(35)).toBeNull();
    expect(format_ext_record(log.get(99)!)).toBe('6,99,150,-;line 99\n');
  });

  it('escapes control bytes and backslashes, and prints the dictionary', () => {
    const { k, log } = fakeKernel();
    vprintk_emit(k as never, 0, 3, 'a\tb\\c', ['SUBSYSTEM=block', 'DEVICE=b8:0']);
    expect(format_ext_record(log.get(0)!)).toBe('3,0,0,-;a\\x09b\\x5cc\n SUBSYSTEM=block\n DEVICE=b8:0\n');
    expect(record_print_text(log.get(0)!)).toBe('<3>[    0.000000] a\tb\\c\n');
  });
});

describe('/dev/kmsg', () => {
  it('one record per read, EINVAL for a small buffer, EAGAIN at the end', () => {
    const { k } = fakeKernel();
    vprintk_emit(k as never, 0, 5, 'Linux version 6.1.0');
    const t = fakeTask(k);
    const f = openKmsg(t) as File;
    expect(kmsg_fops.read!(f, t, 8, { pos: 0 })).toBe(-EINVAL);
    expect(text(kmsg_fops.read!(f, t, 8192, { pos: 0 }))).toBe('5,0,0,-;Linux version 6.1.0\n');
    expect(kmsg_fops.read!(f, t, 8192, { pos: 0 })).toBe(-EAGAIN);
  });

  it('EPIPE once when the reader was overtaken, then continues at the oldest', () => {
    const { k, log } = fakeKernel(8 * 32);
    const t = fakeTask(k);
    vprintk_emit(k as never, 0, 6, 'first');
    const f = openKmsg(t) as File;
    for (let i = 0; i < 20; i++) vprintk_emit(k as never, 0, 6, `m${i}`);
    expect(kmsg_fops.read!(f, t, 8192, { pos: 0 })).toBe(-EPIPE);
    expect(text(kmsg_fops.read!(f, t, 8192, { pos: 0 }))).toBe(`6,${log.firstSeq},0,-;m${log.firstSeq - 1}\n`);
  });

  it('writes become LOG_USER records; <N> sets level and facility', () => {
    const { k, log } = fakeKernel();
    const t = fakeTask(k, false);
    const f = openKmsg(t, O_WRONLY) as File;
    const w = (s: string) => kmsg_fops.write!(f, t, new TextEncoder().encode(s), { pos: 0 });
    expect(w('hello\n')).toBe(6);
    expect(w('<3>bad\n')).toBe(7);
    expect(w('<30>daemon\n')).toBe(11);
    expect(w('x'.repeat(2000))).toBe(-EINVAL);
    expect(log.records.map((r) => [r.facility, r.level, r.text])).toEqual([[LOG_USER, 4, 'hello'], [LOG_USER, 3, 'bad'], [3, 6, 'daemon']]);
  });

  it('lseek: SEEK_SET, SEEK_DATA (after clear), SEEK_END; other offsets ESPIPE', () => {
    const { k, log } = fakeKernel();
    const t = fakeTask(k);
    for (let i = 0; i < 3; i++) vprintk_emit(k as never, 0, 6, `r${i}`);
    log.clearSeq = 2;
    const f = openKmsg(t) as File;
    expect(kmsg_fops.llseek!(f, 5, SEEK_SET)).toBe(-ESPIPE);
    expect(kmsg_fops.llseek!(f, 0, SEEK_DATA)).toBe(0);
    expect(text(kmsg_fops.read!(f, t, 8192, { pos: 0 }))).toBe('6,2,0,-;r2\n');
    expect(kmsg_fops.llseek!(f, 0, SEEK_SET)).toBe(0);
    expect(text(kmsg_fops.read!(f, t, 8192, { pos: 0 }))).toBe('6,0,0,-;r0\n');
    expect(kmsg_fops.llseek!(f, 0, SEEK_END)).toBe(0);
    expect(kmsg_fops.read!(f, t, 8192, { pos: 0 })).toBe(-EAGAIN);
  });

  it('poll: readable with a record, POLLERR|POLLPRI too when overtaken, nothing at the end', () => {
    const { k } = fakeKernel(4 * 32);
    const t = fakeTask(k);
    const f = openKmsg(t) as File;
    expect(kmsg_fops.poll!(f, t, null)).toBe(0);
    vprintk_emit(k as never, 0, 6, 'one');
    expect(kmsg_fops.poll!(f, t, null)).toBe(POLLIN | POLLRDNORM);
    for (let i = 0; i < 10; i++) vprintk_emit(k as never, 0, 6, `m${i}`);
    expect(kmsg_fops.poll!(f, t, null)).toBe(POLLIN | POLLRDNORM | POLLERR | POLLPRI);
  });

  it('reading is refused without CAP_SYSLOG under dmesg_restrict', () => {
    const { k, log } = fakeKernel();
    log.dmesgRestrict = 1;
    expect(openKmsg(fakeTask(k, false))).toBe(-EPERM);
    expect(typeof openKmsg(fakeTask(k, true))).toBe('object');
    expect(typeof openKmsg(fakeTask(k, false), O_WRONLY)).toBe('object');
  });
});

describe('syslog(2)', () => {
  it('READ_ALL, CLEAR, SIZE_BUFFER, SIZE_UNREAD, READ (partial), console levels, permissions', () => {
    const { k, log } = fakeKernel();
    const root = fakeTask(k), user = fakeTask(k, false);
    vprintk_emit(k as never, 0, 5, 'one');
    vprintk_emit(k as never, 0, 6, 'two');
    expect(do_syslog(user, 3, true, 1000, SYSLOG_FROM_READER)).toBe('<5>[    0.000000] one\n<6>[    0.000000] two\n');
    expect(do_syslog(user, 3, true, 30, SYSLOG_FROM_READER)).toBe('<6>[    0.000000] two\n');
    expect(do_syslog(user, 10, false, 0, SYSLOG_FROM_READER)).toBe(log.bufLen);
    expect(do_syslog(user, 5, false, 0, SYSLOG_FROM_READER)).toBe(-EPERM);
    expect(do_syslog(root, 9, false, 0, SYSLOG_FROM_READER)).toBe(44);
    expect(do_syslog(root, 2, true, 10, SYSLOG_FROM_READER)).toBe('<5>[    0.');
    expect(do_syslog(root, 2, true, 100, SYSLOG_FROM_READER)).toBe('000000] one\n<6>[    0.000000] two\n');
    expect(do_syslog(root, 2, false, 100, SYSLOG_FROM_READER)).toBe(-EINVAL);
    expect(do_syslog(root, 5, false, 0, SYSLOG_FROM_READER)).toBe(0);
    expect(do_syslog(root, 3, true, 1000, SYSLOG_FROM_READER)).toBe('');
    expect(do_syslog(root, 6, false, 0, SYSLOG_FROM_READER)).toBe(0);
    expect(log.consolePrintk[0]).toBe(1);
    expect(do_syslog(root, 7, false, 0, SYSLOG_FROM_READER)).toBe(0);
    expect(log.consolePrintk[0]).toBe(4);
    expect(do_syslog(root, 8, false, 9, SYSLOG_FROM_READER)).toBe(-EINVAL);
    expect(do_syslog(root, 8, false, 7, SYSLOG_FROM_READER)).toBe(0);
    expect(log.consolePrintk[0]).toBe(7);
    expect(do_syslog(root, 11, false, 0, SYSLOG_FROM_READER)).toBe(-EINVAL);
    log.dmesgRestrict = 1;
    expect(do_syslog(user, 3, true, 1000, SYSLOG_FROM_READER)).toBe(-EPERM);
  });
});
