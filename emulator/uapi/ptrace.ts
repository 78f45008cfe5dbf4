// struct user_regs_struct (x86-64): the register file as PTRACE_GETREGS lays it out.
// Every user context (the x86 CPU, the TypeScript runtime) keeps its registers in one of these.

export const USER_REGS_FIELDS = [
  'r15', 'r14', 'r13', 'r12', 'rbp', 'rbx', 'r11', 'r10', 'r9', 'r8', 'rax', 'rcx', 'rdx', 'rsi', 'rdi',
  'orig_rax', 'rip', 'cs', 'eflags', 'rsp', 'ss', 'fs_base', 'gs_base', 'ds', 'es', 'fs', 'gs',
] as const;
export type UserRegName = (typeof USER_REGS_FIELDS)[number];
export const USER_REGS_SIZE = USER_REGS_FIELDS.length * 8;

/**
 * Register values are JavaScript numbers holding the signed 64-bit value (so -1 is -1, not 2^64-1).
 * User addresses stay below 2^47 and are exact; the CPU converts at its boundary.
 */
export class UserRegs {
  r15 = 0; r14 = 0; r13 = 0; r12 = 0; rbp = 0; rbx = 0; r11 = 0; r10 = 0; r9 = 0; r8 = 0;
  rax = 0; rcx = 0; rdx = 0; rsi = 0; rdi = 0; orig_rax = -1; rip = 0; cs = 0x33; eflags = 0x202;
  rsp = 0; ss = 0x2b; fs_base = 0; gs_base = 0; ds = 0; es = 0; fs = 0; gs = 0;

  copyFrom(o: UserRegs): void {
    for (const f of USER_REGS_FIELDS) this[f] = o[f];
  }
  clone(): UserRegs {
    const r = new UserRegs();
    r.copyFrom(this);
    return r;
  }
}

// ---- ptrace(2) requests, options, events (include/uapi/linux/ptrace.h) -------------------------

export const PTRACE_TRACEME = 0, PTRACE_PEEKTEXT = 1, PTRACE_PEEKDATA = 2, PTRACE_PEEKUSER = 3;
export const PTRACE_POKETEXT = 4, PTRACE_POKEDATA = 5, PTRACE_POKEUSER = 6, PTRACE_CONT = 7;
export const PTRACE_KILL = 8, PTRACE_SINGLESTEP = 9, PTRACE_GETREGS = 12, PTRACE_SETREGS = 13;
/** The FP/SSE registers as struct user_fpregs_struct: the 512-byte fxsave image. */
export const PTRACE_GETFPREGS = 14, PTRACE_SETFPREGS = 15;
export const PTRACE_ATTACH = 16, PTRACE_DETACH = 17, PTRACE_SYSCALL = 24;
export const PTRACE_SETOPTIONS = 0x4200, PTRACE_GETEVENTMSG = 0x4201, PTRACE_GETSIGINFO = 0x4202;
export const PTRACE_SETSIGINFO = 0x4203, PTRACE_SEIZE = 0x4206, PTRACE_INTERRUPT = 0x4207;
export const PTRACE_LISTEN = 0x4208, PTRACE_GET_SYSCALL_INFO = 0x420e;

export const PTRACE_O_TRACESYSGOOD = 0x1, PTRACE_O_TRACEFORK = 0x2, PTRACE_O_TRACEVFORK = 0x4;
export const PTRACE_O_TRACECLONE = 0x8, PTRACE_O_TRACEEXEC = 0x10, PTRACE_O_TRACEVFORKDONE = 0x20;
export const PTRACE_O_TRACEEXIT = 0x40, PTRACE_O_TRACESECCOMP = 0x80;
export const PTRACE_O_EXITKILL = 0x100000, PTRACE_O_SUSPEND_SECCOMP = 0x200000;
export const PTRACE_O_MASK = 0xff | PTRACE_O_EXITKILL | PTRACE_O_SUSPEND_SECCOMP;

/** Event stops: the wait status is SIGTRAP | (event << 8), in the stop-signal byte and above. */
export const PTRACE_EVENT_FORK = 1, PTRACE_EVENT_VFORK = 2, PTRACE_EVENT_CLONE = 3;
export const PTRACE_EVENT_EXEC = 4, PTRACE_EVENT_VFORK_DONE = 5, PTRACE_EVENT_EXIT = 6;
export const PTRACE_EVENT_SECCOMP = 7, PTRACE_EVENT_STOP = 128;

/** Names for strace and the UI (PTRACE_* request numbers → name). */
export const PTRACE_REQUEST_NAMES: Record<number, string> = {
  0: 'PTRACE_TRACEME', 1: 'PTRACE_PEEKTEXT', 2: 'PTRACE_PEEKDATA', 3: 'PTRACE_PEEKUSER',
  4: 'PTRACE_POKETEXT', 5: 'PTRACE_POKEDATA', 6: 'PTRACE_POKEUSER', 7: 'PTRACE_CONT', 8: 'PTRACE_KILL',
  9: 'PTRACE_SINGLESTEP', 12: 'PTRACE_GETREGS', 13: 'PTRACE_SETREGS', 14: 'PTRACE_GETFPREGS',
  15: 'PTRACE_SETFPREGS', 16: 'PTRACE_ATTACH',
  17: 'PTRACE_DETACH', 24: 'PTRACE_SYSCALL', 0x4200: 'PTRACE_SETOPTIONS', 0x4201: 'PTRACE_GETEVENTMSG',
  0x4202: 'PTRACE_GETSIGINFO', 0x4203: 'PTRACE_SETSIGINFO', 0x4206: 'PTRACE_SEIZE',
  0x4207: 'PTRACE_INTERRUPT', 0x4208: 'PTRACE_LISTEN', 0x420e: 'PTRACE_GET_SYSCALL_INFO',
};

/**
 * Reads a user_regs_struct image (as PTRACE_GETREGS writes it) into registers. Each 64-bit field is
 * read as two 32-bit halves (no BigInt: this runs twice per traced syscall).
 */
export function userRegsFromBytes(b: Uint8Array): UserRegs {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const r = new UserRegs();
  for (let i = 0; i < USER_REGS_FIELDS.length; i++) {
    r[USER_REGS_FIELDS[i]!] = v.getInt32(i * 8 + 4, true) * 0x1_0000_0000 + v.getUint32(i * 8, true);
  }
  return r;
}

/** The user_regs_struct image of `r`, as PTRACE_GETREGS copies it out. */
export function userRegsToBytes(r: UserRegs): Uint8Array {
  const b = new Uint8Array(USER_REGS_SIZE);
  const v = new DataView(b.buffer);
  for (let i = 0; i < USER_REGS_FIELDS.length; i++) {
    const x = Math.trunc(r[USER_REGS_FIELDS[i]!]);
    const hi = Math.floor(x / 0x1_0000_0000);
    v.setUint32(i * 8, x - hi * 0x1_0000_0000, true);
    v.setInt32(i * 8 + 4, hi, true);
  }
  return b;
}

/**
 * struct user (sys/user.h) beyond the registers: where PTRACE_PEEKUSER/POKEUSER offsets land. The
 * registers come first (USER_REGS_FIELDS); then these fields, at these offsets; 912 bytes in all.
 */
export const USER_AREA: readonly (readonly [offset: number, name: string])[] = [
  [216, 'u_fpvalid'], [224, 'i387'], [736, 'u_tsize'], [744, 'u_dsize'], [752, 'u_ssize'],
  [760, 'start_code'], [768, 'start_stack'], [776, 'signal'], [784, 'reserved'], [792, 'u_ar0'],
  [800, 'u_fpstate'], [808, 'magic'], [816, 'u_comm'], [848, 'u_debugreg'],
];
export const USER_STRUCT_SIZE = 912;

/**
 * struct ptrace_syscall_info (PTRACE_GET_SYSCALL_INFO): what stop this is and the call's number
 * and arguments (entry) or its result (exit) — one request instead of PTRACE_GETREGS.
 */
export const PTRACE_SYSCALL_INFO_NONE = 0, PTRACE_SYSCALL_INFO_ENTRY = 1, PTRACE_SYSCALL_INFO_EXIT = 2;
export const PTRACE_SYSCALL_INFO_SECCOMP = 3;
export const SYSCALL_INFO = {
  op: 0, arch: 4, instruction_pointer: 8, stack_pointer: 16,
  /** entry: nr at 24, args[6] from 32; exit: rval at 24, is_error at 32. */
  nr: 24, args: 32, rval: 24, is_error: 32,
} as const;
/** The bytes each kind fills (what the request returns): the header, plus entry's 56 or exit's 9. */
export const SYSCALL_INFO_SIZE = { none: 24, entry: 80, exit: 33, all: 88 } as const;
