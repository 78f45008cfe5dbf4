// The same IPC syscall sequence run natively on the host (built with gcc -static -nostdlib at test
// time) and in the machine: every result and errno must agree. Identifiers differ between systems
// (they depend on what else exists), so a successful get prints "id", not the number.

import { describe, expect, it } from 'vitest';
import { buildRaw, hasGcc, RAW_START, runNative } from '../../arch/x86/gcc';
import { kernelBugs, runInMachine } from '../../../machine';

const PROGRAM = `
static void r(const char *what, long v) { out(what); out(" "); outnum(v); out("\\n"); }
static void rid(const char *what, long v) { out(what); out(v >= 0 ? " id\\n" : " "); if (v < 0) { outnum(v); out("\\n"); } }
struct msg { long type; char text[16]; };
struct sembuf { unsigned short num; short op; short flg; };
int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  /* SysV message queues */
  long q = sys3(68, 0, 01600, 0); rid("msgget", q);
  rid("msgget-noent", sys3(68, 0x52494e47, 0666, 0));
  long k = sys3(68, 0x52494e47, 01600, 0); rid("msgget-key", k);
  r("msgget-excl", sys3(68, 0x52494e47, 03600, 0));
  struct msg m = { 3, "hello" }; struct msg in;
  r("msgsnd", sys6(69, q, (long)&m, 5, 0, 0, 0));
  m.type = 0; r("msgsnd-type0", sys6(69, q, (long)&m, 5, 0, 0, 0));
  r("msgsnd-big", sys6(69, q, (long)&m, 9000, 0, 0, 0));
  r("msgrcv-e2big", sys6(70, q, (long)&in, 2, 0, 0, 0));
  r("msgrcv-noerror", sys6(70, q, (long)&in, 2, 0, 010000, 0)); r("type", in.type);
  r("msgrcv-nomsg", sys6(70, q, (long)&in, 16, 0, 04000, 0));
  r("msgrcv-copy-nowait-missing", sys6(70, q, (long)&in, 16, 0, 040000, 0));
  r("msgctl-bad", sys3(71, q, 99, 0));
  r("msgctl-rmid", sys3(71, q, 0, 0));
  r("msgctl-again", sys3(71, q, 0, 0));
  r("msgsnd-removed", sys6(69, q, (long)&m, 5, 0, 0, 0));
  r("msgctl-key-rmid", sys3(71, k, 0, 0));
  /* SysV semaphores */
  r("semget-zero", sys3(64, 0, 0, 0600));
  long s = sys3(64, 0, 2, 0600); rid("semget", s);
  struct sembuf ops[2] = { { 0, 1, 0x1000 }, { 1, -1, 04000 } };
  struct sembuf bad = { 5, 1, 0 }, big = { 1, 32767, 0 };
  r("semop-eagain", sys3(65, s, (long)ops, 2));
  r("semop-efbig", sys3(65, s, (long)&bad, 1));
  r("semop-e2big", sys3(65, s, (long)ops, 501));
  r("semop-einval", sys3(65, s, (long)ops, 0));
  r("semop-ok", sys3(65, s, (long)ops, 1));
  r("getval", sys6(66, s, 0, 12, 0, 0, 0));
  r("setval-erange", sys6(66, s, 0, 16, 40000, 0, 0));
  r("setval", sys6(66, s, 1, 16, 7, 0, 0));
  r("getval1", sys6(66, s, 1, 12, 0, 0, 0));
  r("getval-badnum", sys6(66, s, 9, 12, 0, 0, 0));
  r("semop-erange", sys3(65, s, (long)&big, 1));
  r("getncnt", sys6(66, s, 0, 14, 0, 0, 0));
  r("semctl-rmid", sys6(66, s, 0, 0, 0, 0, 0));
  r("semop-removed", sys3(65, s, (long)ops, 1));
  /* SEM_UNDO applied when a process dies; a waiter woken by IPC_RMID gets EIDRM */
  long su = sys3(64, 0, 1, 0600);
  sys6(66, su, 0, 16, 1, 0, 0);
  struct sembuf take = { 0, -1, 0x1000 }, wait1 = { 0, -1, 0 };
  long pid = sys3(57, 0, 0, 0);
  if (pid == 0) { sys3(65, su, (long)&take, 1); exit_(0); }
  int status = 0; sys6(61, pid, (long)&status, 0, 0, 0, 0);
  r("child-exit", status);
  r("undo-restored", sys6(66, su, 0, 12, 0, 0, 0));
  sys3(65, su, (long)&take, 1);
  pid = sys3(57, 0, 0, 0);
  if (pid == 0) { long ts2[2] = { 0, 20000000 }; sys6(35, (long)ts2, 0, 0, 0, 0, 0); sys6(66, su, 0, 0, 0, 0, 0); exit_(0); }
  r("semop-eidrm", sys3(65, su, (long)&wait1, 1));
  sys6(61, pid, (long)&status, 0, 0, 0, 0);
  long mq2 = sys3(68, 0, 0600, 0);
  pid = sys3(57, 0, 0, 0);
  if (pid == 0) { long ts2[2] = { 0, 20000000 }; sys6(35, (long)ts2, 0, 0, 0, 0, 0); sys3(71, mq2, 0, 0); exit_(0); }
  r("msgrcv-eidrm", sys6(70, mq2, (long)&in, 16, 0, 0, 0));
  sys6(61, pid, (long)&status, 0, 0, 0, 0);
  /* SysV shared memory */
  r("shmget-zero", sys3(29, 0, 0, 0600));
  long m1 = sys3(29, 0, 5000, 0600); rid("shmget", m1);
  long a = sys3(30, m1, 0, 0); out(a > 0 ? "shmat ok\\n" : "shmat fail\\n");
  *(volatile int *)a = 42;
  long b = sys3(30, m1, 0, 010000); out(b > 0 ? "shmat-ro ok\\n" : "shmat-ro fail\\n");
  r("shared", *(volatile int *)b);
  r("shmat-unaligned", sys3(30, m1, a + 1, 0));
  r("shmdt-bad", sys3(67, a + 8, 0, 0));
  r("shmctl-rmid", sys3(31, m1, 0, 0));
  r("shmdt", sys3(67, a, 0, 0));
  r("shmdt-again", sys3(67, a, 0, 0));
  r("shmdt-ro", sys3(67, b, 0, 0));
  r("shmctl-gone", sys3(31, m1, 2, (long)&in));
  /* futex */
  int f = 1;
  r("futex-eagain", sys6(202, (long)&f, 128, 2, 0, 0, 0));
  r("futex-einval", sys6(202, (long)&f + 1, 128, 1, 0, 0, 0));
  r("futex-wake", sys6(202, (long)&f, 129, 1, 0, 0, 0));
  long ts[2] = { 0, 1000 };
  r("futex-timeout", sys6(202, (long)&f, 128, 1, (long)ts, 0, 0));
  r("futex-bitset0", sys6(202, (long)&f, 128 | 9, 1, 0, 0, 0));
  /* POSIX message queues */
  sys3(241, "ringside-diff", 0, 0);
  long attr[8] = { 0, 2, 16, 0 };
  long mq = sys6(240, (long)"ringside-diff", 02 | 0100 | 04000, 0600, (long)attr, 0, 0); out(mq >= 0 ? "mq_open ok\\n" : "mq_open fail\\n");
  r("mq_open-excl", sys6(240, (long)"ringside-diff", 02 | 0100 | 0200, 0600, 0, 0, 0));
  r("mq_open-slash", sys6(240, (long)"a/b", 02 | 0100, 0600, 0, 0, 0));
  r("mq_send", sys6(242, mq, (long)"lo", 2, 1, 0, 0));
  r("mq_send-hi", sys6(242, mq, (long)"hi", 2, 9, 0, 0));
  r("mq_send-full", sys6(242, mq, (long)"x", 1, 1, 0, 0));
  r("mq_send-big", sys6(242, mq, (long)"x", 17, 1, 0, 0));
  r("mq_send-prio", sys6(242, mq, (long)"x", 1, 40000, 0, 0));
  char buf[16]; unsigned prio = 0;
  r("mq_receive-small", sys6(243, mq, (long)buf, 8, (long)&prio, 0, 0));
  r("mq_receive", sys6(243, mq, (long)buf, 16, (long)&prio, 0, 0)); r("prio", prio);
  long st[8];
  r("mq_getsetattr", sys6(245, mq, 0, (long)st, 0, 0, 0)); r("curmsgs", st[3]); r("flags", st[0]);
  r("mq_unlink", sys3(241, "ringside-diff", 0, 0));
  r("mq_unlink-again", sys3(241, "ringside-diff", 0, 0));
  /* eventfd */
  long e = sys3(290, 2, 1 | 04000, 0); out(e >= 0 ? "eventfd ok\\n" : "eventfd fail\\n");
  unsigned long v = 0;
  r("efd-read", sys3(0, e, &v, 8)); r("value", v);
  r("efd-read2", sys3(0, e, &v, 8));
  r("efd-read-empty", sys3(0, e, &v, 8));
  r("efd-read-short", sys3(0, e, &v, 4));
  r("efd-badflags", sys3(290, 0, 0x40, 0));
  return 0;
}
`;

describe('IPC syscalls: native Linux and the machine agree', () => {
  it.skipIf(!hasGcc)('gives the same results and errnos for the same sequence', () => {
    const bin = buildRaw(RAW_START + PROGRAM);
    const native = runNative(bin);
    expect(native.status).toBe(0);
    expect(native.stdout).toContain('mq_receive 2\nprio 9\n');
    expect(native.stdout).toContain('efd-badflags -22\n');
    expect(native.stdout).toContain('undo-restored 1\nsemop-eidrm -43\nmsgrcv-eidrm -43\n');
    const r = runInMachine('/tmp/ipcdiff', { files: [{ path: '/tmp/ipcdiff', data: bin, mode: 0o755 }] }, 60_000);
    expect(kernelBugs(r.machine)).toEqual([]);
    expect(r.output).toBe(native.stdout);
  });
});
