// Every argument kind of the signature table (uapi/syscall_signatures.ts), and how it prints.
// The Record type makes the compiler insist that each kind has a decoder.

import type { ArgKind } from '../../uapi/syscall_signatures';
import { atEntry, outArg, type ArgSpec } from './context';
import { hexArg, intArg, longArg, ptrArg, uintArg, ulongArg } from './basic';
import { direntsOutSpec } from './dirents';
import { dirfdArg, fdArg, pipefdOutSpec } from './fd';
import { fcntlCmdArg } from './fcntl';
import * as FF from './file_flags';
import { ioctlCmdArg } from './ioctl';
import { iovecInArg, iovecOutSpec } from './iovec';
import { mmapFlagsArg, mmapProtArg } from './mm';
import { archPrctlCodeArg, prctlOptionArg } from './prctl';
import { argvArg, cloneArgsArg, cloneFlagsArg, envpArg } from './process';
import { ptraceRequestArg } from './ptrace';
import * as POLL from './poll';
import * as SOCK from './socket';
import { grndFlagsArg } from './random';
import { rebootCmdArg, rebootMagicArg } from './reboot';
import { rlimitInArg, rlimitOutSpec, rlimitResourceArg, rusageOutSpec } from './resource';
import { stackInArg, stackOutSpec } from './sigaltstack';
import { siginfoOutSpec } from './siginfo';
import * as SIG from './signals';
import { sockaddrArg } from './sockaddr';
import { statArg, statxArg, statxMaskArg } from './stat';
import { bufIn, bufOut, pathArg, stringArg } from './strings';
import { clockidArg, timerFlagsArg, timespecArg, timevalArg } from './time';
import { utsnameOutSpec } from './uname';
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
  fcntl_cmd: atEntry(fcntlCmdArg),
  ioctl_cmd: atEntry(ioctlCmdArg),
  rename_flags: atEntry(FF.renameFlagsArg),
  dup3_flags: atEntry(FF.fdFlagsArg),
  pipe_flags: atEntry(FF.fdFlagsArg),
  pipefd_out: pipefdOutSpec,
  signal: atEntry(SIG.signalArg),
  sigaction_in: atEntry(SIG.sigactionInArg),
  sigaction_out: SIG.sigactionOutSpec,
  sigset_in: atEntry(SIG.sigsetInArg),
  sigset_out: SIG.sigsetOutSpec,
  sigprocmask_how: atEntry(SIG.sigprocmaskHowArg),
  siginfo_out: siginfoOutSpec,
  stack_in: atEntry(stackInArg),
  stack_out: stackOutSpec,
  stat_out: outArg(statArg),
  statx_out: outArg(statxArg),
  statx_mask: atEntry(statxMaskArg),
  dirents_out: direntsOutSpec,
  timespec_in: atEntry(timespecArg),
  timespec_out: outArg(timespecArg),
  timeval_out: outArg(timevalArg),
  clockid: atEntry(clockidArg),
  timer_flags: atEntry(timerFlagsArg),
  wait_status_out: waitStatusSpec,
  wait_options: atEntry(waitOptionsArg),
  idtype: atEntry(idtypeArg),
  rusage_out: rusageOutSpec,
  rlimit_resource: atEntry(rlimitResourceArg),
  rlimit_in: atEntry(rlimitInArg),
  rlimit_out: rlimitOutSpec,
  clone_flags: atEntry(cloneFlagsArg),
  clone_args: atEntry(cloneArgsArg),
  argv: atEntry(argvArg),
  envp: atEntry(envpArg),
  mmap_prot: atEntry(mmapProtArg),
  mmap_flags: atEntry(mmapFlagsArg),
  utsname_out: utsnameOutSpec,
  iovec_in: atEntry(iovecInArg),
  iovec_out: iovecOutSpec,
  prctl_option: atEntry(prctlOptionArg),
  arch_prctl_code: atEntry(archPrctlCodeArg),
  reboot_magic: atEntry(rebootMagicArg),
  reboot_cmd: atEntry(rebootCmdArg),
  grnd_flags: atEntry(grndFlagsArg),
  sockaddr: atEntry(sockaddrArg),
  ptrace_request: atEntry(ptraceRequestArg),
  ptrace_data: atEntry(hexArg),
  timeval_in: atEntry(timevalArg),
  pollfds_in: atEntry(POLL.pollfdsInArg),
  fd_set: atEntry(POLL.fdSetArg),
  pselect_sig: atEntry(POLL.pselectSigArg),
  epoll_create_flags: atEntry(POLL.epollCreateFlagsArg),
  epoll_ctl_op: atEntry(POLL.epollCtlOpArg),
  epoll_event_in: atEntry(POLL.epollEventInArg),
  epoll_events_out: POLL.epollEventsOutSpec,
  socket_family: atEntry(SOCK.socketFamilyArg),
  socket_type: atEntry(SOCK.socketTypeArg),
  socket_protocol: atEntry(SOCK.socketProtocolArg),
  sockaddr_out: SOCK.sockaddrOutSpec,
  socklen_inout: SOCK.socklenInOutSpec,
  accept_flags: atEntry(SOCK.acceptFlagsArg),
  msg_flags: atEntry(SOCK.msgFlagsArg),
  shutdown_how: atEntry(SOCK.shutdownHowArg),
  sockopt_level: atEntry(SOCK.sockoptLevelArg),
  sockopt_name: atEntry(SOCK.sockoptNameArg),
  sockopt_val_in: atEntry(SOCK.setsockoptValArg),
  sockopt_val_out: SOCK.getsockoptValSpec,
  msghdr_in: atEntry(SOCK.msghdrInArg),
  msghdr_out: SOCK.msghdrOutSpec,
  recvfrom_addr: SOCK.recvfromAddrSpec,
};
