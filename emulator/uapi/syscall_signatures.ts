// One signature per syscall: its arguments' names and kinds and the kind of its result.
// The kinds say how to decode a value — an fd, a path in user memory, open flags, a struct the
// call fills in — and drive the machine-wide trace, strace and the UI alike. They are ABI facts
// (what each register means), so they live in uapi where the kernel and user programs both read them.

import { syscallName, syscallNumber } from './unistd_64';

export type ArgKind =
  | 'int' | 'uint' | 'long' | 'ulong' | 'hex' | 'ptr' | 'size' | 'off'
  | 'fd' | 'dirfd' | 'path' | 'string'
  | 'buf_in' | 'buf_out'
  | 'open_flags' | 'mode' | 'at_flags' | 'access_mode' | 'whence' | 'fcntl_cmd' | 'ioctl_cmd'
  | 'signal' | 'pid' | 'sigaction_in' | 'sigaction_out' | 'sigset_in' | 'sigset_out' | 'sigprocmask_how'
  | 'stat_out' | 'statx_out' | 'statx_mask' | 'timespec_in' | 'timespec_out' | 'timeval_out' | 'clockid'
  | 'wait_status_out' | 'wait_options' | 'clone_flags' | 'argv' | 'envp' | 'mmap_prot' | 'mmap_flags'
  | 'dirents_out' | 'utsname_out' | 'pipefd_out' | 'iovec_in' | 'iovec_out' | 'rlimit_resource'
  | 'rlimit_in' | 'rlimit_out' | 'rusage_out' | 'uid' | 'gid' | 'siginfo_out' | 'idtype' | 'rename_flags'
  | 'dup3_flags' | 'pipe_flags' | 'prctl_option' | 'arch_prctl_code' | 'reboot_magic' | 'reboot_cmd'
  | 'clone_args' | 'stack_in' | 'stack_out' | 'sockaddr' | 'grnd_flags' | 'timer_flags'
  | 'ptrace_request' | 'ptrace_data'
  | 'timeval_in' | 'pollfds_in' | 'fd_set' | 'pselect_sig' | 'epoll_create_flags' | 'epoll_ctl_op' | 'epoll_event_in'
  | 'epoll_events_out'
  | 'socket_family' | 'socket_type' | 'socket_protocol' | 'sockaddr_out' | 'socklen_inout' | 'accept_flags' | 'msg_flags'
  | 'shutdown_how' | 'sockopt_level' | 'sockopt_name' | 'sockopt_val_in' | 'sockopt_val_out' | 'msghdr_in' | 'msghdr_out'
  | 'recvfrom_addr';

/** How the result prints: a number, an fd, a pid, a pointer (hex), or nothing (the call never returns). */
export type RetKind = 'int' | 'fd' | 'pid' | 'hex' | 'none' | 'size';

export interface SyscallSignature {
  nr: number;
  name: string;
  args: readonly (readonly [name: string, kind: ArgKind])[];
  ret: RetKind;
  /** For buf_in/buf_out/iovec args: the index of the argument that holds the length/count. */
  lengthArg?: Record<number, number>;
}

/**
 * The table in a compact notation: "name(arg:kind, …) -> ret". A buffer's length argument is the
 * argument named `count`, `len`, `size`, `bufsiz` or `vlen` right after it.
 */
const SPEC = `
read(fd:fd, buf:buf_out, count:size) -> size
write(fd:fd, buf:buf_in, count:size) -> size
open(filename:path, flags:open_flags, mode:mode) -> fd
close(fd:fd) -> int
stat(filename:path, statbuf:stat_out) -> int
fstat(fd:fd, statbuf:stat_out) -> int
lstat(filename:path, statbuf:stat_out) -> int
lseek(fd:fd, offset:off, whence:whence) -> int
mmap(addr:ptr, len:size, prot:mmap_prot, flags:mmap_flags, fd:fd, off:hex) -> hex
mprotect(start:ptr, len:size, prot:mmap_prot) -> int
munmap(addr:ptr, len:size) -> int
brk(brk:ptr) -> hex
rt_sigaction(sig:signal, act:sigaction_in, oact:sigaction_out, sigsetsize:size) -> int
rt_sigprocmask(how:sigprocmask_how, set:sigset_in, oset:sigset_out, sigsetsize:size) -> int
rt_sigreturn() -> int
ioctl(fd:fd, cmd:ioctl_cmd, arg:hex) -> int
pread64(fd:fd, buf:buf_out, count:size, pos:off) -> size
pwrite64(fd:fd, buf:buf_in, count:size, pos:off) -> size
readv(fd:fd, vec:iovec_out, vlen:int) -> size
writev(fd:fd, vec:iovec_in, vlen:int) -> size
access(filename:path, mode:access_mode) -> int
pipe(fildes:pipefd_out) -> int
sched_yield() -> int
sched_setaffinity(pid:pid, len:size, user_mask_ptr:ptr) -> int
sched_getaffinity(pid:pid, len:size, user_mask_ptr:ptr) -> int
madvise(start:ptr, len:size, behavior:int) -> int
dup(fildes:fd) -> fd
dup2(oldfd:fd, newfd:fd) -> fd
pause() -> int
nanosleep(rqtp:timespec_in, rmtp:timespec_out) -> int
poll(ufds:pollfds_in, nfds:uint, timeout_msecs:int) -> int
ppoll(ufds:pollfds_in, nfds:uint, tsp:timespec_in, sigmask:sigset_in, sigsetsize:size) -> int
select(n:int, inp:fd_set, outp:fd_set, exp:fd_set, tvp:timeval_in) -> int
pselect6(n:int, inp:fd_set, outp:fd_set, exp:fd_set, tsp:timespec_in, sig:pselect_sig) -> int
epoll_create(size:int) -> fd
socket(family:socket_family, type:socket_type, protocol:socket_protocol) -> fd
socketpair(family:socket_family, type:socket_type, protocol:socket_protocol, usockvec:pipefd_out) -> int
bind(fd:fd, umyaddr:sockaddr, addrlen:int) -> int
connect(fd:fd, uservaddr:sockaddr, addrlen:int) -> int
listen(fd:fd, backlog:int) -> int
accept(fd:fd, upeer_sockaddr:sockaddr_out, upeer_addrlen:socklen_inout) -> fd
accept4(fd:fd, upeer_sockaddr:sockaddr_out, upeer_addrlen:socklen_inout, flags:accept_flags) -> fd
getsockname(fd:fd, usockaddr:sockaddr_out, usockaddr_len:socklen_inout) -> int
getpeername(fd:fd, usockaddr:sockaddr_out, usockaddr_len:socklen_inout) -> int
shutdown(fd:fd, how:shutdown_how) -> int
sendto(fd:fd, buff:buf_in, len:size, flags:msg_flags, addr:sockaddr, addr_len:int) -> size
recvfrom(fd:fd, ubuf:buf_out, size:size, flags:msg_flags, addr:recvfrom_addr, addr_len:socklen_inout) -> size
sendmsg(fd:fd, msg:msghdr_in, flags:msg_flags) -> size
recvmsg(fd:fd, msg:msghdr_out, flags:msg_flags) -> size
setsockopt(fd:fd, level:sockopt_level, optname:sockopt_name, optval:sockopt_val_in, optlen:int) -> int
getsockopt(fd:fd, level:sockopt_level, optname:sockopt_name, optval:sockopt_val_out, optlen:socklen_inout) -> int
epoll_create1(flags:epoll_create_flags) -> fd
epoll_ctl(epfd:fd, op:epoll_ctl_op, fd:fd, event:epoll_event_in) -> int
epoll_wait(epfd:fd, events:epoll_events_out, maxevents:int, timeout:int) -> int
epoll_pwait(epfd:fd, events:epoll_events_out, maxevents:int, timeout:int, sigmask:sigset_in, sigsetsize:size) -> int
epoll_pwait2(epfd:fd, events:epoll_events_out, maxevents:int, timeout:timespec_in, sigmask:sigset_in, sigsetsize:size) -> int
alarm(seconds:uint) -> int
getitimer(which:int, value:ptr) -> int
setitimer(which:int, value:ptr, ovalue:ptr) -> int
getpid() -> pid
clone(clone_flags:clone_flags, newsp:ptr, parent_tidptr:ptr, child_tidptr:ptr, tls:hex) -> pid
fork() -> pid
vfork() -> pid
execve(filename:path, argv:argv, envp:envp) -> int
exit(error_code:int) -> none
wait4(upid:pid, stat_addr:wait_status_out, options:wait_options, ru:rusage_out) -> pid
ptrace(request:ptrace_request, pid:pid, addr:ptr, data:ptrace_data) -> int
process_vm_readv(pid:pid, lvec:iovec_out, liovcnt:ulong, rvec:iovec_in, riovcnt:ulong, flags:ulong) -> size
process_vm_writev(pid:pid, lvec:iovec_in, liovcnt:ulong, rvec:iovec_in, riovcnt:ulong, flags:ulong) -> size
kill(pid:pid, sig:signal) -> int
uname(name:utsname_out) -> int
fcntl(fd:fd, cmd:fcntl_cmd, arg:hex) -> int
truncate(path:path, length:off) -> int
ftruncate(fd:fd, length:off) -> int
getdents(fd:fd, dirent:dirents_out, count:size) -> size
getcwd(buf:buf_out, size:size) -> size
chdir(filename:path) -> int
fchdir(fd:fd) -> int
rename(oldname:path, newname:path) -> int
mkdir(pathname:path, mode:mode) -> int
rmdir(pathname:path) -> int
creat(pathname:path, mode:mode) -> fd
link(oldname:path, newname:path) -> int
unlink(pathname:path) -> int
symlink(oldname:path, newname:path) -> int
readlink(path:path, buf:buf_out, bufsiz:size) -> size
chmod(filename:path, mode:mode) -> int
fchmod(fd:fd, mode:mode) -> int
chown(filename:path, user:uid, group:gid) -> int
fchown(fd:fd, user:uid, group:gid) -> int
lchown(filename:path, user:uid, group:gid) -> int
umask(mask:mode) -> int
gettimeofday(tv:timeval_out, tz:ptr) -> int
getrlimit(resource:rlimit_resource, rlim:rlimit_out) -> int
getrusage(who:int, ru:rusage_out) -> int
sysinfo(info:ptr) -> int
times(tbuf:ptr) -> int
syslog(type:int, buf:ptr, len:int) -> int
getuid() -> int
getgid() -> int
setuid(uid:uid) -> int
setgid(gid:gid) -> int
geteuid() -> int
getegid() -> int
setpgid(pid:pid, pgid:pid) -> int
getppid() -> pid
getpgrp() -> pid
setsid() -> pid
setreuid(ruid:uid, euid:uid) -> int
setregid(rgid:gid, egid:gid) -> int
getgroups(gidsetsize:int, grouplist:ptr) -> int
setgroups(gidsetsize:int, grouplist:ptr) -> int
setresuid(ruid:uid, euid:uid, suid:uid) -> int
getresuid(ruid:ptr, euid:ptr, suid:ptr) -> int
setresgid(rgid:gid, egid:gid, sgid:gid) -> int
getresgid(rgid:ptr, egid:ptr, sgid:ptr) -> int
getpgid(pid:pid) -> pid
setfsuid(uid:uid) -> int
setfsgid(gid:gid) -> int
getsid(pid:pid) -> pid
rt_sigpending(uset:sigset_out, sigsetsize:size) -> int
rt_sigsuspend(unewset:sigset_in, sigsetsize:size) -> int
rt_sigqueueinfo(pid:pid, sig:signal, uinfo:ptr) -> int
sigaltstack(uss:stack_in, uoss:stack_out) -> int
mknod(filename:path, mode:mode, dev:hex) -> int
prctl(option:prctl_option, arg2:hex, arg3:hex, arg4:hex, arg5:hex) -> int
arch_prctl(code:arch_prctl_code, addr:hex) -> int
setrlimit(resource:rlimit_resource, rlim:rlimit_in) -> int
chroot(filename:path) -> int
mount(dev_name:string, dir_name:path, type:string, flags:hex, data:string) -> int
umount2(name:path, flags:hex) -> int
reboot(magic1:reboot_magic, magic2:reboot_magic, cmd:reboot_cmd, arg:ptr) -> int
sethostname(name:string, len:size) -> int
setdomainname(name:string, len:size) -> int
gettid() -> pid
tkill(pid:pid, sig:signal) -> int
time(tloc:ptr) -> int
getdents64(fd:fd, dirent:dirents_out, count:size) -> size
set_tid_address(tidptr:ptr) -> pid
set_robust_list(head:ptr, len:size) -> int
futex(uaddr:ptr, op:int, val:uint, utime:ptr, uaddr2:ptr, val3:uint) -> int
get_robust_list(pid:pid, head_ptr:ptr, len_ptr:ptr) -> int
msgget(key:hex, msgflg:int) -> int
msgsnd(msqid:int, msgp:ptr, msgsz:size, msgflg:int) -> int
msgrcv(msqid:int, msgp:ptr, msgsz:size, msgtyp:long, msgflg:int) -> size
msgctl(msqid:int, cmd:int, buf:ptr) -> int
semget(key:hex, nsems:int, semflg:int) -> int
semop(semid:int, tsops:ptr, nsops:uint) -> int
semtimedop(semid:int, tsops:ptr, nsops:uint, timeout:timespec_in) -> int
semctl(semid:int, semnum:int, cmd:int, arg:hex) -> int
shmget(key:hex, size:size, shmflg:int) -> int
shmat(shmid:int, shmaddr:ptr, shmflg:int) -> hex
shmdt(shmaddr:ptr) -> int
shmctl(shmid:int, cmd:int, buf:ptr) -> int
eventfd(count:uint) -> fd
eventfd2(count:uint, flags:int) -> fd
splice(fd_in:fd, off_in:ptr, fd_out:fd, off_out:ptr, len:size, flags:int) -> size
tee(fdin:fd, fdout:fd, len:size, flags:int) -> size
mq_open(u_name:string, oflag:open_flags, mode:mode, u_attr:ptr) -> fd
mq_unlink(u_name:string) -> int
mq_timedsend(mqdes:fd, u_msg_ptr:ptr, msg_len:size, msg_prio:uint, u_abs_timeout:timespec_in) -> int
mq_timedreceive(mqdes:fd, u_msg_ptr:ptr, msg_len:size, u_msg_prio:ptr, u_abs_timeout:timespec_in) -> size
mq_notify(mqdes:fd, u_notification:ptr) -> int
mq_getsetattr(mqdes:fd, u_mqstat:ptr, u_omqstat:ptr) -> int
rseq(rseq:ptr, rseq_len:hex, flags:int, sig:hex) -> int
restart_syscall() -> int
clock_gettime(which_clock:clockid, tp:timespec_out) -> int
clock_getres(which_clock:clockid, tp:timespec_out) -> int
clock_nanosleep(which_clock:clockid, flags:timer_flags, rqtp:timespec_in, rmtp:timespec_out) -> int
exit_group(error_code:int) -> none
tgkill(tgid:pid, pid:pid, sig:signal) -> int
waitid(which:idtype, upid:pid, infop:siginfo_out, options:wait_options, ru:rusage_out) -> int
openat(dfd:dirfd, filename:path, flags:open_flags, mode:mode) -> fd
mkdirat(dfd:dirfd, pathname:path, mode:mode) -> int
mknodat(dfd:dirfd, filename:path, mode:mode, dev:hex) -> int
fchownat(dfd:dirfd, filename:path, user:uid, group:gid, flag:at_flags) -> int
newfstatat(dfd:dirfd, filename:path, statbuf:stat_out, flag:at_flags) -> int
unlinkat(dfd:dirfd, pathname:path, flag:at_flags) -> int
renameat(olddfd:dirfd, oldname:path, newdfd:dirfd, newname:path) -> int
linkat(olddfd:dirfd, oldname:path, newdfd:dirfd, newname:path, flags:at_flags) -> int
symlinkat(oldname:path, newdfd:dirfd, newname:path) -> int
readlinkat(dfd:dirfd, pathname:path, buf:buf_out, bufsiz:size) -> size
fchmodat(dfd:dirfd, filename:path, mode:mode) -> int
faccessat(dfd:dirfd, filename:path, mode:access_mode) -> int
dup3(oldfd:fd, newfd:fd, flags:dup3_flags) -> fd
pipe2(fildes:pipefd_out, flags:pipe_flags) -> int
preadv(fd:fd, vec:iovec_out, vlen:int, pos_l:off, pos_h:off) -> size
pwritev(fd:fd, vec:iovec_in, vlen:int, pos_l:off, pos_h:off) -> size
prlimit64(pid:pid, resource:rlimit_resource, new_rlim:rlimit_in, old_rlim:rlimit_out) -> int
getcpu(cpup:ptr, nodep:ptr, unused:ptr) -> int
renameat2(olddfd:dirfd, oldname:path, newdfd:dirfd, newname:path, flags:rename_flags) -> int
getrandom(buf:buf_out, count:size, flags:grnd_flags) -> size
execveat(fd:dirfd, filename:path, argv:argv, envp:envp, flags:at_flags) -> int
statx(dfd:dirfd, filename:path, flags:at_flags, mask:statx_mask, buffer:statx_out) -> int
clone3(uargs:clone_args, size:size) -> pid
close_range(fd:fd, max_fd:fd, flags:uint) -> int
faccessat2(dfd:dirfd, filename:path, mode:access_mode, flags:at_flags) -> int
sendfile(out_fd:fd, in_fd:fd, offset:ptr, count:size) -> size
flock(fd:fd, cmd:int) -> int
fsync(fd:fd) -> int
fdatasync(fd:fd) -> int
utime(filename:path, times:ptr) -> int
statfs(pathname:path, buf:ptr) -> int
fstatfs(fd:fd, buf:ptr) -> int
vhangup() -> int
sync() -> int
fadvise64(fd:fd, offset:off, len:size, advice:int) -> int
utimes(filename:path, utimes:ptr) -> int
futimesat(dfd:dirfd, filename:path, utimes:ptr) -> int
utimensat(dfd:dirfd, filename:path, utimes:ptr, flags:at_flags) -> int
fallocate(fd:fd, mode:int, offset:off, len:off) -> int
syncfs(fd:fd) -> int
preadv2(fd:fd, vec:iovec_out, vlen:int, pos_l:off, pos_h:off, flags:hex) -> size
pwritev2(fd:fd, vec:iovec_in, vlen:int, pos_l:off, pos_h:off, flags:hex) -> size
openat2(dfd:dirfd, filename:path, how:ptr, usize:size) -> fd
fchmodat2(dfd:dirfd, filename:path, mode:mode, flags:at_flags) -> int
`;

const LENGTH_NAMES = new Set(['count', 'len', 'size', 'bufsiz', 'vlen']);

function parse(spec: string): Map<number, SyscallSignature> {
  const out = new Map<number, SyscallSignature>();
  for (const line of spec.split('\n')) {
    const m = /^(\w+)\((.*)\) -> (\w+)$/.exec(line.trim());
    if (!m) continue;
    const name = m[1]!;
    const nr = syscallNumber.get(name);
    if (nr === undefined) throw new Error(`syscall signature for unknown syscall ${name}`);
    const args = m[2]!.trim()
      ? m[2]!.split(',').map((a) => {
          const [n, k] = a.trim().split(':') as [string, ArgKind];
          return [n, k] as const;
        })
      : [];
    const sig: SyscallSignature = { nr, name, args, ret: m[3] as RetKind };
    args.forEach(([, kind], i) => {
      const next = args[i + 1];
      if ((kind === 'buf_in' || kind === 'buf_out' || kind === 'iovec_in' || kind === 'iovec_out' || kind === 'dirents_out') && next && LENGTH_NAMES.has(next[0])) {
        (sig.lengthArg ??= {})[i] = i + 1;
      }
    });
    out.set(nr, sig);
  }
  return out;
}

const SIGNATURES = parse(SPEC);

export function syscallSignature(nr: number): SyscallSignature | undefined {
  return SIGNATURES.get(nr);
}

export function allSignatures(): SyscallSignature[] {
  return [...SIGNATURES.values()];
}

/** The name strace prints for a number: the table's, or syscall_0x<hex> for an unknown one. */
export function syscallDisplayName(nr: number): string {
  return syscallName.get(nr) ?? `syscall_0x${nr.toString(16)}`;
}
