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
