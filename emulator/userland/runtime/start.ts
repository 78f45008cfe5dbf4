// crt1's _start for TypeScript programs: read argc, argv and envp from the initial stack that
// execve built (exactly where an x86 program finds them: argc at rsp, then the pointer arrays),
// set up the libc, run main, and exit with its status.

import type { Sys, TsContext } from './context';
import { Process, fromUtf8, peekCString, peekI64, setCurrent } from '../libc/process';
import { exit } from '../libc/unistd';

/** A program's main: argv in, exit status out. */
export type Main = (argv: string[]) => Sys<number>;

function readStringArray(addr: number): string[] {
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const p = peekI64(addr + 8 * i);
    if (p === 0) return out;
    out.push(fromUtf8(peekCString(p)));
  }
}

export function* _start(ctx: TsContext, main: Main): Sys<void> {
  const p = new Process(ctx);
  ctx.process = p;
  setCurrent(p);
  const sp = ctx.regs.rsp;
  const argc = peekI64(sp);
  p.argv = readStringArray(sp + 8);
  if (p.argv.length !== argc) throw new Error('corrupt initial stack');
  const envp = readStringArray(sp + 8 * (argc + 2));
  p.environ = envp.map((e) => {
    const i = e.indexOf('=');
    return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
  });
  // Keep the 16-byte alignment the ABI promises, and leave argv/envp untouched above us.
  ctx.regs.rsp = sp - 64;
  const status = yield* main(p.argv);
  yield* exit(status);
}
