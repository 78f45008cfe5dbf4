// The call text, split where strace splits it: what is printed when the call is entered, and what
// only when it returns. formatEntry(call) + formatExit(call) is the whole `name(args)`; between
// them, under -f, strace may print ` <unfinished ...>` and later `<... name resumed>`.

import { syscallDisplayName } from '../../uapi/syscall_signatures';
import type { Decode, DecodeOptions, SyscallCall } from './types';
import { layoutArgs, rawArgs, type PrintedArg } from './layout';

function argsOf(call: SyscallCall): PrintedArg[] {
  return layoutArgs(call) ?? rawArgs(call);
}

/** Index of the first argument printed at exit (the length when all are printed at entry). */
function exitStart(args: PrintedArg[]): number {
  const i = args.findIndex((a) => a.phase === 'exit');
  return i < 0 ? args.length : i;
}

/**
 * Prints args[from..to), separated by `, `. A glued argument brings its own separator and is
 * dropped with it when it has no text. With `trailing` (the entry part), the separator before
 * the first argument left for the exit is printed now, unless that argument is glued.
 */
function* printArgs(call: SyscallCall, opts: DecodeOptions, args: PrintedArg[], from: number, to: number, trailing: boolean): Decode {
  let out = '';
  for (let i = from; i < to; i++) {
    const a = args[i]!;
    const text = yield* a.decode({ call, opts, value: a.value, length: a.length, index: i, saved: call.saved?.[i] });
    if (a.glue !== undefined) out += text ? a.glue + text : '';
    else out += (i > from ? ', ' : '') + text;
  }
  if (trailing && to > 0 && to < args.length && args[to]!.glue === undefined) out += ', ';
  return out;
}

/** `name(` and the arguments strace shows at entry, each followed by `, ` if more follow. */
export function* formatEntry(call: SyscallCall, opts: DecodeOptions): Decode {
  const args = argsOf(call);
  // Arguments printed at exit that need their value from before the call read it now.
  for (let i = exitStart(args); i < args.length; i++) {
    const a = args[i]!;
    if (a.capture) (call.saved ??= {})[i] = yield* a.capture({ call, opts, value: a.value, length: a.length, index: i });
  }
  return `${syscallDisplayName(call.nr)}(${yield* printArgs(call, opts, args, 0, exitStart(args), true)}`;
}

/** The arguments strace shows after the return (read's data, fstat's struct), and `)`. */
export function* formatExit(call: SyscallCall, opts: DecodeOptions): Decode {
  const args = argsOf(call);
  return `${yield* printArgs(call, opts, args, exitStart(args), args.length, false)})`;
}

/** The whole `name(args)`, for a call that has returned. */
export function* formatCall(call: SyscallCall, opts: DecodeOptions): Decode {
  return (yield* formatEntry(call, opts)) + (yield* formatExit(call, opts));
}
