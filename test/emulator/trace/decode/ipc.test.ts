// futex and the SysV/POSIX IPC calls, against lines strace 6.1 printed on Linux (x86-64).

import { describe, expect, it } from 'vitest';
import { FakeTracee, line } from './helpers';

const t = new FakeTracee();
const A = 0x7fff99038e5c;

describe('futex as strace prints it', () => {
  it('prints only the arguments each operation reads', () => {
    expect(line(t, 'futex', [A, 128, 1, 0, 0, 0], -11)).toBe('futex(0x7fff99038e5c, FUTEX_WAIT_PRIVATE, 1, NULL) = -1 EAGAIN (Resource temporarily unavailable)');
    expect(line(t, 'futex', [A, 1, 1, 0, 0, 0], 0)).toBe('futex(0x7fff99038e5c, FUTEX_WAKE, 1)    = 0');
    const ts = t.struct(16, [[0, 8, 1], [8, 8, 5]]);
    expect(line(t, 'futex', [A, 9 | 128 | 256, 0, ts, 0, 0xffffffff], -110)).toBe(
      'futex(0x7fff99038e5c, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, {tv_sec=1, tv_nsec=5}, FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out)',
    );
    expect(line(t, 'futex', [A, 4 | 128, 1, 2147483647, A, 0], 0)).toBe('futex(0x7fff99038e5c, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2147483647, 0x7fff99038e5c, 0) = 0');
    expect(line(t, 'futex', [A, 3, 1, 2, A, 0], 0)).toBe('futex(0x7fff99038e5c, FUTEX_REQUEUE, 1, 2, 0x7fff99038e5c) = 0');
    expect(line(t, 'futex', [A, 5 | 128, 1, 1, A, 0x04000001], 0)).toBe(
      'futex(0x7fff99038e5c, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x7fff99038e5c, FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1) = 0',
    );
    expect(line(t, 'futex', [A, 10, 1, 0, 0, 5], 0)).toBe('futex(0x7fff99038e5c, FUTEX_WAKE_BITSET, 1, 0x5) = 0');
  });
});

describe('SysV IPC calls as strace prints them', () => {
  it('get calls: keys and flags', () => {
    expect(line(t, 'msgget', [0, 0o1600], 0)).toBe('msgget(IPC_PRIVATE, IPC_CREAT|0600)     = 0');
    expect(line(t, 'msgget', [0x1234, 0o666], -2)).toBe('msgget(0x1234, 0666)                    = -1 ENOENT (No such file or directory)');
    expect(line(t, 'semget', [0x4321, 2, 0o3644], 0)).toBe('semget(0x4321, 2, IPC_CREAT|IPC_EXCL|0644) = 0');
    expect(line(t, 'shmget', [0, 4096, 0o1600], 0)).toBe('shmget(IPC_PRIVATE, 4096, IPC_CREAT|0600) = 0');
  });

  it('msgsnd/msgrcv show the message; msgctl IPC_STAT the queue', () => {
    const m = t.alloc([1, 0, 0, 0, 0, 0, 0, 0, ...new TextEncoder().encode('hello')]);
    expect(line(t, 'msgsnd', [0, m, 5, 0], 0)).toBe('msgsnd(0, {mtype=1, mtext="hello"}, 5, 0) = 0');
    const r = t.alloc([1, 0, 0, 0, 0, 0, 0, 0, ...new TextEncoder().encode('hello'), ...Array(27).fill(0)]);
    expect(line(t, 'msgrcv', [0, r, 32, 0, 0], 5)).toBe('msgrcv(0, {mtype=1, mtext="hello\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"}, 32, 0, 0) = 5');
    expect(line(t, 'msgrcv', [0, 0x7fff99038f80, 32, 2, 0o34000], -42)).toBe(
      'msgrcv(0, 0x7fff99038f80, 32, 2, MSG_NOERROR|MSG_EXCEPT|IPC_NOWAIT) = -1 ENOMSG (No message of desired type)',
    );
    const ds = t.struct(120, [[20, 4, 0o600], [48, 8, 1795864061], [56, 8, 1795864061], [64, 8, 1795864061], [88, 8, 16384], [96, 4, 16454], [100, 4, 16454]]);
    expect(line(t, 'msgctl', [0, 2, ds], 0)).toBe(
      'msgctl(0, IPC_STAT, {msg_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, msg_stime=1795864061, msg_rtime=1795864061, msg_ctime=1795864061, msg_qnum=0, msg_qbytes=16384, msg_lspid=16454, msg_lrpid=16454}) = 0',
    );
    expect(line(t, 'msgctl', [0, 0, 0], 0)).toBe('msgctl(0, IPC_RMID, NULL)               = 0');
  });

  it('semtimedop/semop list their operations; semctl prints its fourth argument as a pointer', () => {
    const ops = t.alloc([0, 0, 1, 0, 0, 0x10, 1, 0, 0xff, 0xff, 0, 8]);
    expect(line(t, 'semtimedop', [0, ops, 2, 0], -11)).toBe(
      'semtimedop(0, [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}, {sem_num=1, sem_op=-1, sem_flg=IPC_NOWAIT}], 2, NULL) = -1 EAGAIN (Resource temporarily unavailable)',
    );
    expect(line(t, 'semop', [0, ops, 1], 0)).toBe('semop(0, [{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}], 1) = 0');
    expect(line(t, 'semctl', [0, 0, 16, 5], 0)).toBe('semctl(0, 0, SETVAL, 0x5)               = 0');
    expect(line(t, 'semctl', [0, 0, 12, 0], 5)).toBe('semctl(0, 0, GETVAL, NULL)              = 5');
  });

  it('shmat/shmdt/shmctl', () => {
    expect(line(t, 'shmat', [0, 0, 0o10000], 0x7f3fc34f4000)).toBe('shmat(0, NULL, SHM_RDONLY)              = 0x7f3fc34f4000');
    expect(line(t, 'shmdt', [0x7f3fc34f4000], 0)).toBe('shmdt(0x7f3fc34f4000)                   = 0');
    const ds = t.struct(112, [[20, 4, 0o600], [48, 8, 4096], [56, 8, 1795864061], [64, 8, 1795864061], [72, 8, 1795864061], [80, 4, 16454], [84, 4, 16454]]);
    expect(line(t, 'shmctl', [0, 2, ds], 0)).toBe(
      'shmctl(0, IPC_STAT, {shm_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, shm_segsz=4096, shm_cpid=16454, shm_lpid=16454, shm_nattch=0, shm_atime=1795864061, shm_dtime=1795864061, shm_ctime=1795864061}) = 0',
    );
  });
});

describe('POSIX queues, eventfd, splice and tee as strace prints them', () => {
  it('matches strace 6.1 on Linux', () => {
    const attr = t.struct(64, [[8, 8, 4], [16, 8, 64]]);
    expect(line(t, 'mq_open', [t.cstr('tq'), 0o102, 0o600, attr], 3)).toBe('mq_open("tq", O_RDWR|O_CREAT, 0600, {mq_flags=0, mq_maxmsg=4, mq_msgsize=64, mq_curmsgs=0}) = 3');
    expect(line(t, 'mq_open', [t.cstr('tq'), 1, 0, 0], 3)).toBe('mq_open("tq", O_WRONLY)                 = 3');
    expect(line(t, 'mq_timedsend', [3, t.alloc('hi'), 2, 3, 0], 0)).toBe('mq_timedsend(3, "hi", 2, 3, NULL)       = 0');
    expect(line(t, 'mq_timedreceive', [3, t.alloc('hi'), 64, t.struct(4, [[0, 4, 3]]), 0], 2)).toBe('mq_timedreceive(3, "hi", 64, [3], NULL) = 2');
    expect(line(t, 'mq_notify', [3, t.struct(64, [[8, 4, 10], [12, 4, 0]])], 0)).toBe('mq_notify(3, {sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}) = 0');
    expect(line(t, 'mq_getsetattr', [3, 0, attr], 0)).toBe('mq_getsetattr(3, NULL, {mq_flags=0, mq_maxmsg=4, mq_msgsize=64, mq_curmsgs=0}) = 0');
    expect(line(t, 'eventfd2', [3, 0o2004001], 4)).toBe('eventfd2(3, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK) = 4');
    expect(line(t, 'tee', [5, 8, 3, 2], 3)).toBe('tee(5, 8, 3, SPLICE_F_NONBLOCK)         = 3');
    expect(line(t, 'splice', [5, 0, 8, 0, 3, 1], 3)).toBe('splice(5, NULL, 8, NULL, 3, SPLICE_F_MOVE) = 3');
  });
});
