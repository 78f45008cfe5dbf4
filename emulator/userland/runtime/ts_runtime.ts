// The TypeScript program runtime as the kernel sees it: given a freshly loaded ELF whose
// "Ringside" note names a program, make the user context that runs it.

import type { UserRegs } from '../../uapi/ptrace';
import { TsContext, type UserMemory } from './context';
import { _start, type Main } from './start';

export class TsRuntime {
  constructor(private readonly programs: ReadonlyMap<string, Main>) {}

  /** A context for program `note`, or null if this is not one of ours. */
  createContext(mm: UserMemory, regs: UserRegs, note: string | null): TsContext | null {
    if (note === null) return null;
    const main = this.programs.get(note);
    if (!main) return null;
    return new TsContext(mm, regs, (ctx) => _start(ctx, main));
  }
}
