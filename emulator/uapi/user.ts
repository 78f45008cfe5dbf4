// struct user (asm/user.h, x86-64): the area PTRACE_PEEKUSER/POKEUSER offsets index. The register
// file comes first (struct user_regs_struct, in USER_REGS_FIELDS order — see ptrace.ts), then
// these fields; the whole is 912 bytes.

export const USER_AREA: readonly (readonly [offset: number, field: string])[] = [
  [216, 'u_fpvalid'], [224, 'i387'], [736, 'u_tsize'], [744, 'u_dsize'], [752, 'u_ssize'], [760, 'start_code'],
  [768, 'start_stack'], [776, 'signal'], [784, 'reserved'], [792, 'u_ar0'], [800, 'u_fpstate'], [808, 'magic'],
  [816, 'u_comm'], [848, 'u_debugreg'],
];
