// syscall-fuzz: throw random system calls at the kernel (in the spirit of trinity).
//
//   syscall-fuzz SEED COUNT PROCS
//
// Forks PROCS children; each drops to uid 1000 (so it cannot harm the rest of the machine), puts
// /dev/null on its standard fds, and makes COUNT syscalls with random numbers and arguments —
// small integers, -1, huge values, pointers into its own stack and heap, and wild pointers.
// A kernel must answer every one with a value or -errno. The parent collects the children and
// kills any that got stuck (a random pause or a stop signal) after a while.

import { __NR } from '../../../uapi/unistd_64';
import { O_RDWR } from '../../../uapi/fcntl';
import { WNOHANG } from '../../../uapi/sched';
import type { Sys } from '../../runtime/context';
import { alloca, raw_syscall } from '../../libc/process';
import { dup2, fork, sleepSeconds } from '../../libc/unistd';
import { open } from '../../libc/fcntl';
import { malloc } from '../../libc/stdlib';
import { kill } from '../../libc/signal';
import { waitpid } from '../../libc/wait';
import { fputs, stderr } from '../../libc/stdio';

/** Calls that would end the fuzzer itself or cannot be survived meaningfully. */
const EXCLUDED = new Set<number>([
  __NR.exit, __NR.exit_group, __NR.rt_sigreturn, __NR.reboot, __NR.rt_sigprocmask, __NR.rt_sigsuspend,
  __NR.pause, __NR.setuid, __NR.setresuid, __NR.setreuid,
]);

class Rng {
  constructor(private s: number) {
    if (this.s === 0) this.s = 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  below(n: number): number {
    return this.next() % n;
  }
}

function randomArg(r: Rng, stack: number, heap: number): number {
  switch (r.below(10)) {
    case 0: return 0;
    case 1: return -1;
    case 2: return r.below(8);
    case 3: return r.below(4096);
    case 4: return stack + r.below(4096);
    case 5: return heap + r.below(65536);
    case 6: return r.next() * 65536 + r.next(); // a wild 48-bit pointer
    case 7: return 0x7ffffffff000 - r.below(65536);
    case 8: return -r.below(1 << 20);
    default: return r.next();
  }
}

function* fuzzer(seed: number, count: number): Sys<number> {
  yield* raw_syscall(__NR.setgid, 1000);
  yield* raw_syscall(__NR.setuid, 1000);
  const nul = yield* open('/dev/null', O_RDWR);
  for (let fd = 0; fd < 3; fd++) yield* dup2(nul, fd);
  const r = new Rng(seed);
  const stack = alloca(4096);
  const heap = yield* malloc(65536);
  for (let i = 0; i < count; i++) {
    let nr = r.below(470);
    if (EXCLUDED.has(nr)) nr = __NR.getpid;
    yield* raw_syscall(nr, ...Array.from({ length: 6 }, () => randomArg(r, stack, heap)) as [number, number, number, number, number, number]);
  }
  return 0;
}

export function* syscall_fuzz(argv: string[]): Sys<number> {
  const [seed, count, procs] = argv.slice(1).map(Number);
  if (![seed, count, procs].every((n) => Number.isInteger(n) && n! >= 0)) {
    yield* fputs('usage: syscall-fuzz SEED COUNT PROCS\n', stderr());
    return 2;
  }
  const pids: number[] = [];
  for (let p = 0; p < procs!; p++) {
    const pid = yield* fork(() => fuzzer(seed! * 1000 + p, count!));
    if (pid > 0) pids.push(pid);
  }
  // Collect the children; after a generous (virtual) while, kill whatever is stuck.
  let left = pids.length;
  for (let round = 0; round < 600 && left > 0; round++) {
    for (;;) {
      const [pid] = yield* waitpid(-1, WNOHANG);
      if (pid <= 0) break;
      left--;
    }
    if (left > 0) yield* sleepSeconds(0.1);
  }
  // Everything the fuzzers made (children of theirs may have escaped into new sessions) runs as
  // uid 1000: a helper with that uid sends SIGKILL to every process it may signal — kill(-1).
  const reaper = yield* fork(function* () {
    yield* raw_syscall(__NR.setgid, 1000);
    yield* raw_syscall(__NR.setuid, 1000);
    yield* kill(-1, 9);
    return 0;
  });
  if (reaper < 0) for (const pid of pids) yield* kill(pid, 9);
  for (;;) {
    const [pid] = yield* waitpid(-1);
    if (pid <= 0) break;
  }
  // Orphans of the fuzzers were given to init; give them a moment to die so init can reap them.
  yield* sleepSeconds(0.1);
  return 0;
}
