// strace's syscall classes — the sets `-e trace=%file`, `%process`, `%network`… select. They were
// measured on real strace 6.1 (a program made every call 0..470 under a seccomp filter that failed
// them all, traced once per class). Calls newer than 6.1's table (451 and up) are classified as
// later strace releases do: strace 6.1 itself would print them as syscall_0x1c3 in every class.
// Shared by /usr/bin/strace and the UI's trace filter.

import { syscallNumber } from '../../uapi/unistd_64';

const words = (s: string): readonly string[] => s.trim().split(/\s+/);

/** Class name (as written after `%`) → the syscalls in it, by name. */
export const SYSCALL_CLASSES: Readonly<Record<string, readonly string[]>> = {
  file: words(`
    execve open stat lstat access truncate getcwd chdir rename mkdir rmdir creat link unlink symlink
    readlink chmod chown lchown utime mknod uselib statfs pivot_root chroot acct mount umount2 swapon
    swapoff quotactl setxattr lsetxattr getxattr lgetxattr listxattr llistxattr removexattr
    lremovexattr utimes inotify_add_watch openat mkdirat mknodat fchownat futimesat newfstatat unlinkat
    renameat linkat symlinkat readlinkat fchmodat faccessat utimensat fanotify_mark name_to_handle_at
    renameat2 execveat statx open_tree move_mount fsconfig fspick openat2 faccessat2 mount_setattr
    fchmodat2 setxattrat getxattrat listxattrat removexattrat open_tree_attr file_getattr file_setattr`),
  process: words(`
    execve clone fork vfork exit wait4 kill rt_sigqueueinfo tkill tgkill waitid rt_tgsigqueueinfo
    execveat pidfd_send_signal clone3 exit_group`),
  network: words(`
    sendfile socket connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen getsockname
    getpeername socketpair setsockopt getsockopt getpmsg putpmsg accept4 recvmmsg sendmmsg`),
  signal: words(`
    rt_sigaction rt_sigprocmask rt_sigreturn pause kill rt_sigpending rt_sigtimedwait rt_sigqueueinfo
    rt_sigsuspend sigaltstack tkill tgkill signalfd signalfd4 rt_tgsigqueueinfo pidfd_send_signal
    io_uring_enter map_shadow_stack`),
  ipc: words(`shmget shmat shmctl semget semop semctl shmdt msgget msgsnd msgrcv msgctl semtimedop`),
  memory: words(`
    mmap mprotect munmap brk mremap msync mincore madvise shmat shmdt mlock munlock mlockall munlockall
    io_setup io_destroy remap_file_pages mbind set_mempolicy get_mempolicy migrate_pages move_pages
    mlock2 pkey_mprotect io_uring_register set_mempolicy_home_node map_shadow_stack mseal`),
  desc: words(`
    read write open close fstat poll lseek mmap ioctl pread64 pwrite64 readv writev pipe select dup
    dup2 sendfile fcntl flock fsync fdatasync ftruncate getdents fchdir creat fchmod fchown fstatfs
    readahead fsetxattr fgetxattr flistxattr fremovexattr epoll_create getdents64 fadvise64 epoll_wait
    epoll_ctl mq_open mq_timedsend mq_timedreceive mq_notify mq_getsetattr inotify_init
    inotify_add_watch inotify_rm_watch openat mkdirat mknodat fchownat futimesat newfstatat unlinkat
    renameat linkat symlinkat readlinkat fchmodat faccessat pselect6 ppoll splice tee sync_file_range
    vmsplice utimensat epoll_pwait signalfd timerfd_create eventfd fallocate timerfd_settime
    timerfd_gettime signalfd4 eventfd2 epoll_create1 dup3 pipe2 inotify_init1 preadv pwritev
    perf_event_open fanotify_init fanotify_mark name_to_handle_at open_by_handle_at syncfs setns
    finit_module renameat2 memfd_create kexec_file_load bpf execveat userfaultfd copy_file_range
    preadv2 pwritev2 statx pidfd_send_signal io_uring_setup io_uring_enter io_uring_register open_tree
    move_mount fsopen fsconfig fsmount fspick pidfd_open openat2 pidfd_getfd faccessat2
    process_madvise epoll_pwait2 mount_setattr quotactl_fd landlock_create_ruleset landlock_add_rule
    landlock_restrict_self memfd_secret process_mrelease cachestat fchmodat2 setxattrat getxattrat
    listxattrat removexattrat open_tree_attr file_getattr file_setattr`),
  creds: words(`
    prctl getuid getgid setuid setgid geteuid getegid setreuid setregid getgroups setgroups setresuid
    getresuid setresgid getresgid setfsuid setfsgid capget capset`),
  clock: words(`gettimeofday adjtimex settimeofday time clock_settime clock_gettime clock_getres clock_adjtime`),
  stat: words('stat'),
  lstat: words('lstat'),
  fstat: words('fstat newfstatat statx'),
  '%stat': words('stat fstat lstat newfstatat statx'),
  statfs: words('statfs'),
  fstatfs: words('fstatfs'),
  '%statfs': words('ustat statfs fstatfs'),
  pure: words('getpid getuid getgid geteuid getegid getppid getpgrp gettid'),
};

/** `%net` is the one abbreviation strace knows. */
const ALIASES: Readonly<Record<string, string>> = { net: 'network' };

/** The classes that may also be written without `%` (`-e trace=file`), an older spelling. */
const BARE_NAMES = new Set(['file', 'process', 'network', 'signal', 'ipc', 'desc', 'memory']);

/**
 * The syscall numbers of a class as written in a trace= list (`%file`, `file`, `%%stat`), or
 * undefined if the word names no class.
 */
export function syscallClass(word: string): ReadonlySet<number> | undefined {
  let name: string;
  if (word.startsWith('%')) {
    name = word.slice(1);
    name = ALIASES[name] ?? name;
  } else if (BARE_NAMES.has(word)) name = word;
  else return undefined;
  const members = SYSCALL_CLASSES[name];
  if (!members) return undefined;
  return new Set(members.flatMap((n) => syscallNumber.get(n) ?? []));
}

/** The classes a syscall belongs to, by name (for the UI's labels). */
export function classesOf(name: string): string[] {
  return Object.keys(SYSCALL_CLASSES).filter((c) => SYSCALL_CLASSES[c]!.includes(name));
}
