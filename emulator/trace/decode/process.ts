// Process creation: execve's argv and envp, clone's flags and arguments, clone3's struct clone_args.

import * as C from '../../uapi/sched';
import type { Decode, DecodeOptions, SyscallCall } from './types';
import { atEntry, pure, structArg, type ArgDecoder, type ArgSpec } from './context';
import { arrayLimit, formatList } from './arrays';
import { formatFlags } from './flags';
import { hex, ptr, succeeded } from './numbers';
import { readPointerArray, readStruct } from './requests';
import { formatSignal } from './signals';
import { formatString } from './strings';
import type { Fields } from './struct';

/** The most entries strace will count in an environment it does not print. */
const MAX_COUNTED = 1 << 16;

/** `["ls", "-l"]`: each element a string cut at -s, the array cut at -s elements unless -v. */
function* formatStringArray(addr: number, opts: DecodeOptions): Decode {
  if (addr === 0) return 'NULL';
  const limit = arrayLimit(opts);
  const arr = yield* readPointerArray(addr, Math.min(limit, MAX_COUNTED) + 1);
  if (!arr) return hex(addr);
  const items: string[] = [];
  for (const p of arr.ptrs.slice(0, limit)) items.push(yield* formatString(p, opts));
  return formatList(items, arr.ptrs.length > limit || !arr.complete);
}

export const argvArg: ArgDecoder = (a) => formatStringArray(a.value, a.opts);

/** The environment is only counted unless -v: `0x7ffd… /* 35 vars *\/` (`1 var`, singular). */
export const envpArg: ArgDecoder = function* (a) {
  if (a.opts.verbose || a.value === 0) return yield* formatStringArray(a.value, a.opts);
  const arr = yield* readPointerArray(a.value, MAX_COUNTED);
  if (!arr) return hex(a.value);
  const n = arr.ptrs.length;
  return `${hex(a.value)} /* ${n} var${n === 1 ? '' : 's'} */`;
};

/** clone's flags: the CLONE_* bits, then the exit signal in the low byte (`…|SIGCHLD`). */
function formatCloneFlags(flags: number): string {
  const sig = flags & C.CSIGNAL;
  const names = formatFlags(flags & ~C.CSIGNAL, C.CLONE_FLAG_NAMES, '');
  return [names, sig ? formatSignal(sig) : ''].filter(Boolean).join('|') || '0';
}

export const cloneFlagsArg = pure((a) => formatCloneFlags(a.value));

/** `[1234]`: the tid the kernel stored at `addr`, once the call has succeeded. */
function* storedTid(call: SyscallCall, addr: number): Decode {
  const f = succeeded(call.ret) && addr !== 0 ? yield* readStruct(addr, 4) : null;
  return f ? `[${f.s32(0)}]` : ptr(addr);
}

/** An argument of clone printed as `name=value` at exit, glued: it brings its own `, `. */
const named = (name: string, decode: ArgDecoder): ArgSpec => ({
  phase: 'exit',
  glue: ', ',
  decode: function* (a) {
    return `${name}=${yield* decode(a)}`;
  },
});

/**
 * clone(flags, stack, parent_tid, child_tid, tls) as strace shows it: the stack and flags at entry,
 * and at exit the pointers a flag makes the kernel use —
 * `clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x…)`.
 */
export function cloneLayout(call: SyscallCall): (ArgSpec & { value: number })[] {
  const [flags = 0, stack = 0, parentTid = 0, childTid = 0, tls = 0] = call.args;
  const specs: ArgSpec[] = [
    atEntry(pure(() => `child_stack=${ptr(stack)}`)),
    atEntry(pure(() => `flags=${formatCloneFlags(flags)}`)),
  ];
  if (flags & C.CLONE_PARENT_SETTID) specs.push(named('parent_tid', (a) => storedTid(a.call, parentTid)));
  if (flags & C.CLONE_SETTLS) specs.push(named('tls', pure(() => ptr(tls))));
  if (flags & (C.CLONE_CHILD_SETTID | C.CLONE_CHILD_CLEARTID)) specs.push(named('child_tidptr', pure(() => ptr(childTid))));
  return specs.map((s) => ({ ...s, value: 0 }));
}

const field = (f: Fields, name: keyof typeof C.CLONE_ARGS) => f.u64(C.CLONE_ARGS[name]);

/** clone3's struct clone_args, with the fields its flags give a meaning to (flags above bit 31 are not named). */
function formatCloneArgs(f: Fields): string {
  const flags = Number(field(f, 'flags') & 0xffffffffn);
  const out = [`flags=${formatFlags(flags, C.CLONE_FLAG_NAMES)}`];
  if (flags & C.CLONE_PIDFD) out.push(`pidfd=${ptr(field(f, 'pidfd'))}`);
  if (flags & (C.CLONE_CHILD_SETTID | C.CLONE_CHILD_CLEARTID)) out.push(`child_tid=${ptr(field(f, 'child_tid'))}`);
  if (flags & C.CLONE_PARENT_SETTID) out.push(`parent_tid=${ptr(field(f, 'parent_tid'))}`);
  out.push(`exit_signal=${formatSignal(Number(field(f, 'exit_signal')))}`);
  out.push(`stack=${ptr(field(f, 'stack'))}`, `stack_size=${hex(field(f, 'stack_size'))}`);
  if (flags & C.CLONE_SETTLS) out.push(`tls=${ptr(field(f, 'tls'))}`);
  if (field(f, 'set_tid_size')) out.push(`set_tid=${ptr(field(f, 'set_tid'))}`, `set_tid_size=${field(f, 'set_tid_size')}`);
  return `{${out.join(', ')}}`;
}

/** After a successful clone3, what the kernel stored: ` => {parent_tid=[4974]}` (nothing if it stored nothing). */
const cloneArgsResult: ArgDecoder = function* (a) {
  const f = a.value !== 0 && succeeded(a.call.ret) ? yield* readStruct(a.value, C.CLONE_ARGS_SIZE) : null;
  if (!f) return '';
  const flags = Number(field(f, 'flags') & 0xffffffffn);
  const stored: string[] = [];
  const tid = function* (name: 'pidfd' | 'parent_tid') {
    const at = yield* readStruct(Number(field(f, name)), 4);
    stored.push(`${name}=${at ? `[${at.s32(0)}]` : ptr(field(f, name))}`);
  };
  if (flags & C.CLONE_PIDFD) yield* tid('pidfd');
  if (flags & C.CLONE_PARENT_SETTID) yield* tid('parent_tid');
  return stored.length ? `{${stored.join(', ')}}` : '';
};

export const cloneArgsArg = structArg(C.CLONE_ARGS_SIZE, formatCloneArgs);
/** The ` => {…}` part that clone3 adds after its struct at exit. */
export const cloneArgsResultSpec: ArgSpec = { phase: 'exit', glue: ' => ', decode: cloneArgsResult };
