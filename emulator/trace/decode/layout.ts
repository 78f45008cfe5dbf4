// Which arguments a call prints, and how. By default the signature's kinds say it (kinds.ts). Some
// calls print differently from what their kinds alone would give — an argument that only exists
// for some commands, a pointer that is only written when the call is interrupted — and their rules
// are in SPECIAL below, each a small function from the call and its default arguments.

import { O_CREAT, O_TMPFILE } from '../../uapi/fcntl';
import { S_IFBLK, S_IFCHR, S_IFMT, major, minor } from '../../uapi/stat';
import { syscallDisplayName, syscallSignature, type SyscallSignature } from '../../uapi/syscall_signatures';
import type { SyscallCall } from './types';
import { atEntry, outArg, pure, type ArgDecoder, type ArgSpec } from './context';
import { fcntlLayout } from './fcntl';
import { futexLayout } from './futex';
import { IPC_LAYOUTS } from './ipc';
import { MQUEUE_LAYOUTS } from './mqueue';
import { fadviceArg, fallocModeArg, flockOpArg, openHowArg, rwFlagsArg } from './file_flags';
import { ioctlLayout } from './ioctl';
import { remoteIovecArg } from './iovec';
import { KINDS } from './kinds';
import { cpuMask, formatGidList } from './lists';
import { madviceArg } from './mm';
import { mountLayout, umountLayout } from './mount';
import { hex, int32 } from './numbers';
import { intPointer, longInOut } from './pointers';
import { archPrctlLayout, prctlLayout } from './prctl';
import { ptraceLayout } from './ptrace';
import { cloneArgsResultSpec, cloneLayout } from './process';
import { randomBytes } from './random';
import { rebootLayout } from './reboot';
import { rusageWhoArg } from './resource';
import { siginfoInArg } from './siginfo';
import { formatSigreturnMask } from './signals';
import { formatMakedev } from './stat';
import { statfsOutSpec } from './statfs';
import { bufIn, cwdBuffer } from './strings';
import { sysinfoOutSpec, tmsOutSpec } from './sysinfo';
import { remainingSpec, timeOutSpec, utimbufArg, utimensArg, utimesArg } from './time';

/** An argument ready to print: how, and the register values it reads. */
export interface PrintedArg extends ArgSpec {
  value: number;
  length?: number;
}

/** The arguments as the signature describes them; a buffer's or address's length is the next argument. */
function fromSignature(call: SyscallCall, sig: SyscallSignature): PrintedArg[] {
  return sig.args.map(([, kind], i) => {
    const lengthIndex = sig.lengthArg?.[i] ?? (kind === 'sockaddr' ? i + 1 : undefined);
    return { ...KINDS[kind], value: call.args[i] ?? 0, length: lengthIndex === undefined ? undefined : call.args[lengthIndex] };
  });
}

type Special = (call: SyscallCall, args: PrintedArg[]) => PrintedArg[];

/** Replaces the decoders of some arguments. */
const withArgs =
  (specs: Record<number, ArgSpec>): Special =>
  (_call, args) =>
    args.map((a, i) => (specs[i] ? { ...a, ...specs[i] } : a));

/** open/openat print the mode only when the flags create a file (O_TMPFILE includes O_DIRECTORY's bit). */
const modeIfCreating =
  (flagsIndex: number): Special =>
  (call, args) => {
    const flags = call.args[flagsIndex]!;
    return flags & O_CREAT || (flags & O_TMPFILE) === O_TMPFILE ? args : args.slice(0, flagsIndex + 1);
  };

/** mknod/mknodat print the device number only for device nodes: `makedev(0x1, 0x3)`. */
const devIfDevice =
  (modeIndex: number): Special =>
  (call, args) => {
    const type = call.args[modeIndex]! & S_IFMT;
    if (type !== S_IFCHR && type !== S_IFBLK) return args.slice(0, modeIndex + 1);
    return withArgs({ [modeIndex + 1]: atEntry(pure((a) => formatMakedev(major(a.value), minor(a.value)))) })(call, args);
  };

/** A host name is not NUL-terminated: it is a buffer whose length is the second argument. */
const lengthBuffer: Special = (call, args) => [{ ...args[0]!, ...atEntry(bufIn), length: call.args[1] }, ...args.slice(1)];

/**
 * process_vm_readv/writev(pid, local, n, remote, n, flags): each array's length is the argument
 * after it, and the remote buffers belong to the other process, so only their addresses show.
 */
const processVm: Special = (call, args) =>
  args.map((a, i) => {
    if (i === 1) return { ...a, length: call.args[2] };
    if (i === 3) return { ...a, ...atEntry(remoteIovecArg), length: call.args[4] };
    return a;
  });

const intOut = outArg(intPointer());

/**
 * preadv/pwritev(fd, iov, count, pos_l, pos_h): on x86-64 pos_l holds the whole offset and strace
 * shows only it; the *2 variants add RWF_* flags.
 */
const vectorOffset = (withFlags: boolean): Special => (_call, args) => [
  ...args.slice(0, 4), ...(withFlags ? [{ ...args[5]!, ...atEntry(rwFlagsArg) }] : []),
];

/** sendfile(out, in, offset, count): the offset is read before and after (`[0] => [10]`). */
const sendfileOffset: Special = (_call, [out, inFd, offset, count]) => [
  out!, inFd!, { ...offset!, ...longInOut[0] }, { ...offset!, ...longInOut[1] }, { ...count!, phase: 'exit' },
];

/** sched_{get,set}affinity's mask: its length is the len argument going in, the result coming out. */
const affinity = (phase: 'entry' | 'exit'): Special => (call, args) => {
  const mask = cpuMask((ret, given) => (phase === 'exit' ? Math.min(ret ?? 0, given) : given));
  const spec = phase === 'exit' ? outArg(mask) : atEntry(mask);
  return [args[0]!, args[1]!, { ...args[2]!, ...spec, length: call.args[1] }];
};

/** getgroups fills as many gids as it returns; setgroups reads as many as it is given. */
const groups = (phase: 'entry' | 'exit'): Special => (call, args) => {
  const decode: ArgDecoder = (a) => formatGidList(a.value, phase === 'exit' ? a.call.ret ?? 0 : int32(call.args[0] ?? 0));
  return [args[0]!, { ...args[1]!, ...(phase === 'exit' ? outArg(decode) : atEntry(decode)) }];
};

/** restart_syscall has no arguments of its own; strace names the call it continues. */
const resuming = (nr: number | undefined) =>
  `<... resuming interrupted ${nr === undefined ? 'system call' : syscallDisplayName(nr)} ...>`;

const SPECIAL: Record<string, Special> = {
  open: modeIfCreating(1),
  openat: modeIfCreating(2),
  mknod: devIfDevice(1),
  mknodat: devIfDevice(2),
  getcwd: withArgs({ 0: outArg(cwdBuffer) }),
  getrandom: withArgs({ 0: outArg(randomBytes) }),
  nanosleep: withArgs({ 1: remainingSpec }),
  clock_nanosleep: withArgs({ 3: remainingSpec }),
  time: withArgs({ 0: timeOutSpec }),
  sethostname: lengthBuffer,
  setdomainname: lengthBuffer,
  close_range: withArgs({ 1: atEntry(pure((a) => `${a.value >>> 0}`)) }),
  getrusage: withArgs({ 0: atEntry(rusageWhoArg) }),
  getresuid: withArgs({ 0: intOut, 1: intOut, 2: intOut }),
  getresgid: withArgs({ 0: intOut, 1: intOut, 2: intOut }),
  rt_sigqueueinfo: withArgs({ 2: atEntry(siginfoInArg) }),
  process_vm_readv: processVm,
  process_vm_writev: processVm,
  flock: withArgs({ 1: atEntry(flockOpArg) }),
  fadvise64: withArgs({ 3: atEntry(fadviceArg) }),
  madvise: withArgs({ 2: atEntry(madviceArg) }),
  statfs: withArgs({ 1: statfsOutSpec }),
  fstatfs: withArgs({ 1: statfsOutSpec }),
  sysinfo: withArgs({ 0: sysinfoOutSpec }),
  times: withArgs({ 0: tmsOutSpec }),
  getcpu: withArgs({ 0: intOut, 1: intOut }),
  utimensat: withArgs({ 2: atEntry(utimensArg) }),
  utimes: withArgs({ 1: atEntry(utimesArg) }),
  futimesat: withArgs({ 2: atEntry(utimesArg) }),
  sched_getaffinity: affinity('exit'),
  sched_setaffinity: affinity('entry'),
  getgroups: groups('exit'),
  setgroups: groups('entry'),
  sendfile: sendfileOffset,
  ptrace: ptraceLayout,
  preadv: vectorOffset(false),
  pwritev: vectorOffset(false),
  preadv2: vectorOffset(true),
  pwritev2: vectorOffset(true),
  fallocate: withArgs({ 1: atEntry(fallocModeArg) }),
  openat2: (call, args) => [...args.slice(0, 2), { ...args[2]!, ...atEntry(openHowArg), length: call.args[3] }, args[3]!],
  utime: withArgs({ 1: atEntry(utimbufArg) }),
  fcntl: fcntlLayout,
  futex: (call, args) => futexLayout(call, args),
  ...IPC_LAYOUTS,
  ...MQUEUE_LAYOUTS,
  ioctl: ioctlLayout,
  prctl: prctlLayout,
  arch_prctl: archPrctlLayout,
  reboot: rebootLayout,
  mount: mountLayout,
  umount2: umountLayout,
  clone: cloneLayout,
  // clone3's struct, then ` => {parent_tid=[…]}` at exit, then the size.
  clone3: (_call, [uargs, size]) => [uargs!, { ...cloneArgsResultSpec, value: uargs!.value }, { ...size!, phase: 'exit' }],
  restart_syscall: (call) => [{ ...atEntry(pure(() => resuming(call.resumes))), value: 0 }],
  // The mask being restored sits in the signal frame on the user stack.
  rt_sigreturn: (call) => [{ ...atEntry(() => formatSigreturnMask(call.sp)), value: 0 }],
};

/** The printed arguments of `call`, or null for a call without a signature. */
export function layoutArgs(call: SyscallCall): PrintedArg[] | null {
  const sig = syscallSignature(call.nr);
  if (!sig) return null;
  const args = fromSignature(call, sig);
  return SPECIAL[sig.name]?.(call, args) ?? args;
}

/** A call we have no signature for: all six registers in hex (`syscall_0x3e7(0x1, 0x2, …)`). */
export function rawArgs(call: SyscallCall): PrintedArg[] {
  return Array.from({ length: 6 }, (_, i) => ({ ...atEntry(pure((a) => hex(a.value))), value: call.args[i] ?? 0 }));
}
