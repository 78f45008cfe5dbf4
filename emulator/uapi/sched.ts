// clone(2) flags and wait(2) options (x86-64).

export const CSIGNAL = 0x000000ff;
export const CLONE_VM = 0x00000100, CLONE_FS = 0x00000200, CLONE_FILES = 0x00000400, CLONE_SIGHAND = 0x00000800;
export const CLONE_PIDFD = 0x00001000, CLONE_PTRACE = 0x00002000, CLONE_VFORK = 0x00004000, CLONE_PARENT = 0x00008000;
export const CLONE_THREAD = 0x00010000, CLONE_NEWNS = 0x00020000, CLONE_SYSVSEM = 0x00040000, CLONE_SETTLS = 0x00080000;
export const CLONE_PARENT_SETTID = 0x00100000, CLONE_CHILD_CLEARTID = 0x00200000, CLONE_DETACHED = 0x00400000;
export const CLONE_UNTRACED = 0x00800000, CLONE_CHILD_SETTID = 0x01000000;
export const CLONE_NEWCGROUP = 0x02000000, CLONE_NEWUTS = 0x04000000, CLONE_NEWIPC = 0x08000000;
export const CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000, CLONE_IO = 0x80000000;

export const CLONE_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [CLONE_VM, 'CLONE_VM'], [CLONE_FS, 'CLONE_FS'], [CLONE_FILES, 'CLONE_FILES'], [CLONE_SIGHAND, 'CLONE_SIGHAND'],
  [CLONE_PIDFD, 'CLONE_PIDFD'], [CLONE_PTRACE, 'CLONE_PTRACE'], [CLONE_VFORK, 'CLONE_VFORK'], [CLONE_PARENT, 'CLONE_PARENT'],
  [CLONE_THREAD, 'CLONE_THREAD'], [CLONE_NEWNS, 'CLONE_NEWNS'], [CLONE_SYSVSEM, 'CLONE_SYSVSEM'], [CLONE_SETTLS, 'CLONE_SETTLS'],
  [CLONE_PARENT_SETTID, 'CLONE_PARENT_SETTID'], [CLONE_CHILD_CLEARTID, 'CLONE_CHILD_CLEARTID'], [CLONE_DETACHED, 'CLONE_DETACHED'],
  [CLONE_UNTRACED, 'CLONE_UNTRACED'], [CLONE_CHILD_SETTID, 'CLONE_CHILD_SETTID'], [CLONE_NEWCGROUP, 'CLONE_NEWCGROUP'],
  [CLONE_NEWUTS, 'CLONE_NEWUTS'], [CLONE_NEWIPC, 'CLONE_NEWIPC'], [CLONE_NEWUSER, 'CLONE_NEWUSER'],
  [CLONE_NEWPID, 'CLONE_NEWPID'], [CLONE_NEWNET, 'CLONE_NEWNET'], [CLONE_IO, 'CLONE_IO'],
];

/** struct clone_args of clone3(2): eleven u64 fields, 88 bytes in the current version. */
export const CLONE_ARGS_SIZE = 88;
export const CLONE_ARGS = {
  flags: 0, pidfd: 8, child_tid: 16, parent_tid: 24, exit_signal: 32, stack: 40, stack_size: 48, tls: 56,
  set_tid: 64, set_tid_size: 72, cgroup: 80,
} as const;

export const WNOHANG = 0x00000001, WUNTRACED = 0x00000002, WSTOPPED = WUNTRACED, WEXITED = 0x00000004;
export const WCONTINUED = 0x00000008, WNOWAIT = 0x01000000;
export const __WNOTHREAD = 0x20000000, __WALL = 0x40000000, __WCLONE = 0x80000000;
export const P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;

/** Wait status encodings (what wait4 stores in *wstatus). */
export const W_EXITCODE = (ret: number, sig: number) => ((ret & 0xff) << 8) | sig;
export const W_STOPCODE = (sig: number) => (sig << 8) | 0x7f;
export const W_CONTINUED = 0xffff;
export const WIFEXITED = (s: number) => (s & 0x7f) === 0;
export const WEXITSTATUS = (s: number) => (s >> 8) & 0xff;
export const WIFSIGNALED = (s: number) => (s & 0x7f) !== 0 && (s & 0x7f) !== 0x7f;
export const WTERMSIG = (s: number) => s & 0x7f;
export const WIFSTOPPED = (s: number) => (s & 0xff) === 0x7f;
export const WSTOPSIG = (s: number) => (s >> 8) & 0xff;
export const WIFCONTINUED = (s: number) => s === 0xffff;
export const WCOREDUMP = (s: number) => (s & 0x80) !== 0;
