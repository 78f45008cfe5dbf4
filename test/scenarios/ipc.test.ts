// SysV IPC on a booted machine: the lab programs with two processes each, the util-linux tools
// (formats from util-linux 2.38 on the host, see golden/ipc), /proc/sysvipc, and strace's view.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelBugs, runInMachine } from '../machine';

const golden = (name: string) => readFileSync(join(__dirname, 'golden', 'ipc', name), 'utf8');

function run(command: string) {
  const r = runInMachine(command, {}, 60_000);
  expect(kernelBugs(r.machine)).toEqual([]);
  return r;
}

describe('IPC lab programs', () => {
  it('a producer and a consumer over a message queue', () => {
    const r = run('/usr/libexec/ringside/ipc-msgqueue 3; ipcs -q');
    expect(r.output).toMatch(/queue 0: producer (\d+)\n/);
    expect(r.output).toMatch(/consumer \d+: got "message 1"\nconsumer \d+: got "message 2"\nconsumer \d+: got "message 3"\nconsumer \d+: done\n/);
    // The queue was removed at the end.
    expect(r.output).toContain('------ Message Queues --------\nkey        msqid      owner      perms      used-bytes   messages    \n\n');
    expect(r.status).toBe(0);
  });

  it('a semaphore keeps two counters from losing updates; without it the race shows', () => {
    const r = run('/usr/libexec/ringside/ipc-semaphore 30; /usr/libexec/ringside/ipc-semaphore 30 --no-lock');
    expect(r.output).toContain('counter = 60 (expected 60, with the semaphore)\n');
    const m = /counter = (\d+) \(expected 60, without a lock\)/.exec(r.output);
    expect(Number(m?.[1])).toBeLessThan(60);
  });

  it('a ring buffer in shared memory between two processes', () => {
    const r = run('/usr/libexec/ringside/ipc-shmring 6');
    for (let i = 1; i <= 6; i++) expect(r.output).toContain(`: slot ${(i - 1) % 4}: item ${i}\n`);
    expect(r.status).toBe(0);
  });

  it('POSIX: a counter in /dev/shm mapped by both processes, a named semaphore on a shared futex', () => {
    const r = run('/usr/libexec/ringside/ipc-semaphore 40 --posix; ls /dev/shm | wc -l');
    expect(r.output).toBe('counter = 80 (expected 80, with a POSIX semaphore)\n0\n');
  });

  it('a POSIX queue with notification: SIGUSR1 on the first message, priorities on receive', () => {
    const r = run('/usr/libexec/ringside/ipc-mqnotify 3; ls /dev/mqueue | wc -l');
    expect(r.output).toMatch(/^sender (\d+): \/dev\/mqueue\/ipc-lab: QSIZE:0 {10}NOTIFY:0 {5}SIGNO:10 {4}NOTIFY_PID:\d+ *\n/);
    expect(r.output).toContain('SIGUSR1 received; 3 messages queued\n/dev/mqueue/ipc-lab: QSIZE:66         NOTIFY:0     SIGNO:0     NOTIFY_PID:0     \n');
    expect(r.output).toContain('received: message 1 (priority 7)\nreceived: message 2 (priority 4)\nreceived: message 3 (priority 1)\n0\n');
  });

  it('strace shows the IPC calls decoded', () => {
    const r = run('strace -f /usr/libexec/ringside/ipc-msgqueue 1 2>&1 >/dev/null | grep -E "^(\\[pid +[0-9]+\\] )?(<\\.\\.\\. )?(msg|sem|shm)"');
    expect(r.output).toContain('msgget(IPC_PRIVATE, IPC_CREAT|0600)     = 0\n');
    expect(r.output).toContain('msgsnd(0, {mtype=1, mtext="message 1"}, 9, 0');
    expect(r.output).toMatch(/(msgrcv\(0, |<\.\.\. msgrcv resumed>)\{mtype=1, mtext="message 1\\0/);
    expect(r.output).toContain('msgctl(0, IPC_RMID, NULL)               = 0\n');
  });
});

describe('ipcs, ipcmk, ipcrm, lsipc', () => {
  it('ipcmk makes one of each; ipcs lists them in util-linux columns; /proc/sysvipc agrees', () => {
    const r = run('ipcmk -M 5000 -Q -S 2 -p 640; ipcs; cat /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm');
    expect(r.output).toMatch(/^Shared memory id: 0\nMessage queue id: 0\nSemaphore id: 0\n/);
    const key = '0x[0-9a-f]{8}';
    expect(r.output).toMatch(new RegExp(
      '\n------ Message Queues --------\nkey        msqid      owner      perms      used-bytes   messages    \n' +
      `${key} 0          root       640        0            0           \n\n` +
      '------ Shared Memory Segments --------\nkey        shmid      owner      perms      bytes      nattch     status      \n' +
      `${key} 0          root       640        5000       0                       \n\n` +
      '------ Semaphore Arrays --------\nkey        semid      owner      perms      nsems     \n' +
      `${key} 0          root       640        2         \n\n`,
    ));
    expect(r.output).toContain('       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n');
    expect(r.output).toMatch(/\n *-?\d+ {10}0 {3}640 {11}0 {10}0 {5}0 {5}0 {5}0 {5}0 {5}0 {5}0 {10}0 {10}0 +\d+\n/);
    expect(r.output).toMatch(/\n *-?\d+ {10}0 {3}640 {10}2 {5}0 {5}0 {5}0 {5}0 {10}0 +\d+\n/);
    expect(r.output).toMatch(/\n *-?\d+ {10}0 {3}640 {18}5000 +\d+ {5}0 {6}0 {5}0 {5}0 {5}0 {5}0 {10}0 {10}0 +\d+ {21}0 {21}0\n/);
  });

  it('ipcs -l prints the limits exactly as on Linux', () => {
    const r = run('ipcs -l');
    expect(r.output).toBe(golden('ipcs_l.txt'));
  });

  it('ipcs -p, -t, -i; lsipc tables; ipcrm by id, key and all', () => {
    const r = run([
      'ipcmk -M 5000 -Q -S 2 >/dev/null', 'ipcs -m -p', 'ipcs -q -t', 'ipcs -s -i 0', 'lsipc', 'lsipc -s',
      'ipcrm -q 7; echo rc=$?', 'ipcrm -M 0x1234; echo rc=$?', 'ipcrm -v -a', 'ipcs -q -i 0; echo rc=$?',
    ].join('; '));
    expect(r.output).toMatch(/------ Shared Memory Creator\/Last-op PIDs --------\nshmid {6}owner {6}cpid {7}lpid {6}\n0 {10}root {7}\d+ +0 {9}\n/);
    expect(r.output).toMatch(/------ Message Queues Send\/Recv\/Change Times --------\nmsqid {4}owner {6}send {17}recv {17}change {14}\n0 {8}root {7}Not set {14}Not set {14}\w{3} [ \d]\d \d\d:\d\d:\d\d {5}\n/);
    expect(r.output).toMatch(/\nSemaphore Array semid=0\nuid=0\t gid=0\t cuid=0\t cgid=0\nmode=0644, access_perms=0644\nnsems = 2\notime = Not set {19}\nctime = \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} {2}\nsemnum {5}value {6}ncount {5}zcount {5}pid {7}\n0 {10}0 {10}0 {10}0 {10}0 {9}\n1 {10}0 {10}0 {10}0 {10}0 {9}\n\n/);
    expect(r.output).toContain(
      'RESOURCE DESCRIPTION                                              LIMIT USED  USE%\n' +
      'MSGMNI   Number of message queues                                 32000    1 0.00%\n' +
      'MSGMAX   Max size of message (bytes)                                 8K    -     -\n' +
      'MSGMNB   Default max size of queue (bytes)                          16K    -     -\n' +
      'SHMMNI   Shared memory segments                                    4096    1 0.02%\n' +
      'SHMALL   Shared memory pages                       18446744073692774399    1 0.00%\n' +
      'SHMMAX   Max size of shared memory segment (bytes)                  16E    -     -\n' +
      'SHMMIN   Min size of shared memory segment (bytes)                   1B    -     -\n' +
      'SEMMNI   Number of semaphore identifiers                          32000    1 0.00%\n' +
      'SEMMNS   Total number of semaphores                          1024000000    2 0.00%\n' +
      'SEMMSL   Max semaphores per semaphore set.                        32000    -     -\n' +
      'SEMOPM   Max number of operations per semop(2)                      500    -     -\n' +
      'SEMVMX   Semaphore max value                                      32767    -     -\n',
    );
    expect(r.output).toMatch(/KEY {8}ID {5}PERMS OWNER NSEMS\n0x[0-9a-f]{8} 0 {2}rw-r--r-- {2}root {5}2\n/);
    expect(r.output).toContain('ipcrm: invalid id (7)\nrc=1\nipcrm: invalid key (0x1234)\nrc=1\n');
    expect(r.output).toContain("removing shared memory segment id `0'\nremoving semaphore id `0'\nremoving message queue id `0'\n");
    expect(r.output).toContain('ipcs: id 0 not found\nrc=1\n');
  });
});
