// Every argument kind of the signature table (uapi/syscall_signatures.ts), and how it prints.
// The Record type makes the compiler insist that each kind has a decoder.

import type { ArgKind } from '../../uapi/syscall_signatures';
import { atEntry, outArg, type ArgSpec } from './context';
import { hexArg, intArg, longArg, ptrArg, uintArg, ulongArg } from './basic';
import { dirfdArg, fdArg } from './fd';
import * as FF from './file_flags';
import { mmapFlagsArg, mmapProtArg } from './mm';
import * as SIG from './signals';
import { statArg, statxArg, statxMaskArg } from './stat';
import { bufIn, bufOut, pathArg, stringArg } from './strings';
import { clockidArg, timerFlagsArg, timespecArg, timevalArg } from './time';
import { ptraceRequestArg } from './ptrace';
import { idtypeArg, waitOptionsArg, waitStatusSpec } from './wait';

export const KINDS: Record<ArgKind, ArgSpec> = {
  int: atEntry(intArg),
  uint: atEntry(uintArg),
  long: atEntry(longArg),
  ulong: atEntry(ulongArg),
  hex: atEntry(hexArg),
  ptr: atEntry(ptrArg),
  size: atEntry(ulongArg),
  off: atEntry(longArg),
  pid: atEntry(intArg),
  uid: atEntry(intArg),
  gid: atEntry(intArg),
  fd: atEntry(fdArg),
  dirfd: atEntry(dirfdArg),
  path: atEntry(pathArg),
  string: atEntry(stringArg),
  buf_in: atEntry(bufIn),
  buf_out: outArg(bufOut),
  open_flags: atEntry(FF.openFlagsArg),
  mode: atEntry(FF.modeArg),
  at_flags: atEntry(FF.atFlagsArg),
  access_mode: atEntry(FF.accessModeArg),
  whence: atEntry(FF.whenceArg),
  fcntl_cmd: atEntry(FF.fcntlCmdArg),
  rename_flags: atEntry(FF.renameFlagsArg),
  dup3_flags: atEntry(FF.fdFlagsArg),
  pipe_flags: atEntry(FF.fdFlagsArg),
  signal: atEntry(SIG.signalArg),
  sigaction_in: atEntry(SIG.sigactionInArg),
  sigaction_out: SIG.sigactionOutSpec,
  sigset_in: atEntry(SIG.sigsetInArg),
  sigset_out: SIG.sigsetOutSpec,
  sigprocmask_how: atEntry(SIG.sigprocmaskHowArg),
  stat_out: outArg(statArg),
  statx_out: outArg(statxArg),
  statx_mask: atEntry(statxMaskArg),
  timespec_in: atEntry(timespecArg),
  timespec_out: outArg(timespecArg),
  timeval_out: outArg(timevalArg),
  clockid: atEntry(clockidArg),
  timer_flags: atEntry(timerFlagsArg),
  wait_status_out: waitStatusSpec,
  wait_options: atEntry(waitOptionsArg),
  idtype: atEntry(idtypeArg),
  mmap_prot: atEntry(mmapProtArg),
  mmap_flags: atEntry(mmapFlagsArg),
  // Not decoded yet: shown as their addresses/values.
  clone_flags: atEntry(hexArg),
  argv: atEntry(ptrArg),
  envp: atEntry(ptrArg),
  dirents_out: outArg(ptrArg),
  utsname_out: outArg(ptrArg),
  pipefd_out: outArg(ptrArg),
  iovec_in: atEntry(ptrArg),
  iovec_out: outArg(ptrArg),
  rlimit_resource: atEntry(intArg),
  rlimit_in: atEntry(ptrArg),
  rlimit_out: outArg(ptrArg),
  rusage_out: outArg(ptrArg),
  siginfo_out: outArg(ptrArg),
  prctl_option: atEntry(intArg),
  arch_prctl_code: atEntry(hexArg),
  reboot_magic: atEntry(hexArg),
  reboot_cmd: atEntry(hexArg),
  clone_args: atEntry(ptrArg),
  stack_in: atEntry(ptrArg),
  stack_out: outArg(ptrArg),
  sockaddr: atEntry(ptrArg),
  grnd_flags: atEntry(hexArg),
  ioctl_cmd: atEntry(hexArg),
  ptrace_request: atEntry(ptraceRequestArg),
  ptrace_data: atEntry(hexArg),
};
