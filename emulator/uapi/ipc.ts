// SysV IPC: flags, commands, limits and the x86-64 layouts of the structures the calls copy
// (include/uapi/linux/ipc.h, msg.h, sem.h, shm.h; asm-generic/ipcbuf.h, msgbuf.h, shmbuf.h;
// arch/x86/include/uapi/asm/sembuf.h).

export const IPC_PRIVATE = 0;

export const IPC_CREAT = 0o1000;
export const IPC_EXCL = 0o2000;
export const IPC_NOWAIT = 0o4000;

export const IPC_RMID = 0;
export const IPC_SET = 1;
export const IPC_STAT = 2;
export const IPC_INFO = 3;
/** Or'ed into a ctl command by a libc that wants the 64-bit structures (the only ones x86-64 has). */
export const IPC_64 = 0x0100;

export const MSG_STAT = 11;
export const MSG_INFO = 12;
export const MSG_STAT_ANY = 13;
export const MSG_NOERROR = 0o10000;
export const MSG_EXCEPT = 0o20000;
export const MSG_COPY = 0o40000;

export const GETPID = 11;
export const GETVAL = 12;
export const GETALL = 13;
export const GETNCNT = 14;
export const GETZCNT = 15;
export const SETVAL = 16;
export const SETALL = 17;
export const SEM_STAT = 18;
export const SEM_INFO = 19;
export const SEM_STAT_ANY = 20;
export const SEM_UNDO = 0x1000;

export const SHM_LOCK = 11;
export const SHM_UNLOCK = 12;
export const SHM_STAT = 13;
export const SHM_INFO = 14;
export const SHM_STAT_ANY = 15;
export const SHM_RDONLY = 0o10000;
export const SHM_RND = 0o20000;
export const SHM_REMAP = 0o40000;
export const SHM_EXEC = 0o100000;
export const SHM_HUGETLB = 0o4000;
export const SHM_NORESERVE = 0o10000;
/** Mode bits the kernel keeps in shm_perm.mode: marked for destruction, locked in memory. */
export const SHM_DEST = 0o1000;
export const SHM_LOCKED = 0o2000;

/** Fixed limits (include/uapi/linux/msg.h, sem.h, shm.h); the tunable ones are sysctls. */
export const IPCMNI = 32768;
export const MSGMNI = 32000;
export const MSGMAX = 8192;
export const MSGMNB = 16384;
export const MSGPOOL = (MSGMNI * MSGMNB) / 1024;
export const MSGTQL = MSGMNB;
export const MSGMAP = MSGMNB;
export const MSGSSZ = 16;
export const MSGSEG = 0xffff;
export const SEMMNI = 32000;
export const SEMMSL = 32000;
export const SEMMNS = SEMMNI * SEMMSL;
export const SEMOPM = 500;
export const SEMVMX = 32767;
export const SEMAEM = SEMVMX;
export const SEMUME = SEMOPM;
export const SEMMNU = SEMMNS;
export const SEMMAP = SEMMNS;
export const SEMUSZ = 20;
export const SHMMIN = 1;
export const SHMMNI = 4096;
export const SHMSEG = SHMMNI;

/** struct ipc64_perm: 48 bytes. */
export const IPC_PERM = { key: 0, uid: 4, gid: 8, cuid: 12, cgid: 16, mode: 20, seq: 24, size: 48 } as const;

/** struct msqid64_ds: 120 bytes. */
export const MSQID_DS = { perm: 0, stime: 48, rtime: 56, ctime: 64, cbytes: 72, qnum: 80, qbytes: 88, lspid: 96, lrpid: 100, size: 120 } as const;

/** struct semid64_ds (x86-64): 104 bytes. */
export const SEMID_DS = { perm: 0, otime: 48, ctime: 64, nsems: 80, size: 104 } as const;

/** struct shmid64_ds: 112 bytes. */
export const SHMID_DS = { perm: 0, segsz: 48, atime: 56, dtime: 64, ctime: 72, cpid: 80, lpid: 84, nattch: 88, size: 112 } as const;

/** struct sembuf: unsigned short sem_num; short sem_op; short sem_flg. */
export const SEMBUF_SIZE = 6;

/** struct msginfo (8 ints' room: 7 ints and an unsigned short). */
export const MSGINFO_SIZE = 32;
/** struct seminfo: 10 ints. */
export const SEMINFO_SIZE = 40;
/** struct shminfo64: 9 unsigned longs. */
export const SHMINFO_SIZE = 72;
/** struct shm_info: int used_ids, then 5 unsigned longs. */
export const SHM_INFO_SIZE = 48;
