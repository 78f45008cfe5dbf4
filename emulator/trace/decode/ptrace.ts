// ptrace(2): the request decides which of pid, addr and data are printed and how —
// `ptrace(PTRACE_TRACEME)`, `ptrace(PTRACE_ATTACH, 30599)`, `ptrace(PTRACE_CONT, pid, NULL, SIGUSR1)`,
// `ptrace(PTRACE_PEEKDATA, pid, 0x55c4…, [0x1234])`, `ptrace(PTRACE_PEEKUSER, pid, 8*RAX, [NULL])`,
// `ptrace(PTRACE_GETREGS, pid, {r15=…, …})` (no addr), `ptrace(PTRACE_SEIZE, pid, NULL, PTRACE_O_…)`.

import * as P from '../../uapi/ptrace';
import type { SyscallCall } from './types';
import { atEntry, outArg, pure, structArg, type ArgSpec } from './context';
import { formatEnum, formatFlags, type FlagTable } from './flags';
import { hex, int32, ptr } from './numbers';
import { formatSiginfo, siginfoInArg } from './siginfo';
import { formatSignal } from './signals';

const REQUESTS: ReadonlyMap<number, string> = new Map(Object.entries(P.PTRACE_REQUEST_NAMES).map(([n, s]) => [Number(n), s]));

export const ptraceRequestArg = pure((a) => formatEnum(int32(a.value) >>> 0, REQUESTS, 'PTRACE_'));

const OPTIONS: FlagTable = [
  [P.PTRACE_O_TRACESYSGOOD, 'PTRACE_O_TRACESYSGOOD'], [P.PTRACE_O_TRACEFORK, 'PTRACE_O_TRACEFORK'],
  [P.PTRACE_O_TRACEVFORK, 'PTRACE_O_TRACEVFORK'], [P.PTRACE_O_TRACECLONE, 'PTRACE_O_TRACECLONE'],
  [P.PTRACE_O_TRACEEXEC, 'PTRACE_O_TRACEEXEC'], [P.PTRACE_O_TRACEVFORKDONE, 'PTRACE_O_TRACEVFORKDONE'],
  [P.PTRACE_O_TRACEEXIT, 'PTRACE_O_TRACEEXIT'], [P.PTRACE_O_TRACESECCOMP, 'PTRACE_O_TRACESECCOMP'],
  [P.PTRACE_O_EXITKILL, 'PTRACE_O_EXITKILL'], [P.PTRACE_O_SUSPEND_SECCOMP, 'PTRACE_O_SUSPEND_SECCOMP'],
];

/** strace names the registers up to ss in PEEKUSER offsets, then struct user's other fields. */
const NAMED_REGS = P.USER_REGS_FIELDS.indexOf('ss') + 1;
const USER_OFFSETS: readonly (readonly [number, string])[] = [
  ...P.USER_REGS_FIELDS.slice(0, NAMED_REGS).map((r, i) => [i * 8, `8*${r.toUpperCase()}`] as const),
  ...P.USER_AREA.map(([off, name]) => [off, `offsetof(struct user, ${name})`] as const),
];

/** A struct user offset: `8*RAX`, `8*SS+48`, `offsetof(struct user, u_fpvalid)`. */
function userOffset(off: number): string {
  const base = USER_OFFSETS.filter(([o]) => o <= off).at(-1);
  if (!base) return hex(off);
  return off === base[0] ? base[1] : `${base[1]}+${off - base[0]}`;
}

const regs = structArg(P.USER_REGS_SIZE, (f) => `{${P.USER_REGS_FIELDS.map((r, i) => `${r}=${hex(f.u64(i * 8))}`).join(', ')}}`);

const addrPtr = atEntry(pure((a) => ptr(a.value)));
const dataSignal = atEntry(pure((a) => formatSignal(int32(a.value))));
const dataOptions = atEntry(pure((a) => formatFlags(a.value, OPTIONS)));
const dataHex = atEntry(pure((a) => hex(a.value)));
const peeked = outArg(structArg(8, (f) => `[${ptr(f.u64(0))}]`));

/** The printed arguments after the pid: [addr, data], or null for requests that show neither. */
const SHAPES: Record<number, [ArgSpec, ArgSpec] | 'regs-out' | 'regs-in' | null> = {
  [P.PTRACE_ATTACH]: null, [P.PTRACE_INTERRUPT]: null, [P.PTRACE_LISTEN]: null, [P.PTRACE_KILL]: null,
  [P.PTRACE_PEEKTEXT]: [addrPtr, peeked], [P.PTRACE_PEEKDATA]: [addrPtr, peeked],
  [P.PTRACE_PEEKUSER]: [atEntry(pure((a) => userOffset(a.value))), peeked],
  [P.PTRACE_POKETEXT]: [addrPtr, dataHex], [P.PTRACE_POKEDATA]: [addrPtr, dataHex],
  [P.PTRACE_POKEUSER]: [atEntry(pure((a) => userOffset(a.value))), dataHex],
  [P.PTRACE_CONT]: [addrPtr, dataSignal], [P.PTRACE_SYSCALL]: [addrPtr, dataSignal],
  [P.PTRACE_SINGLESTEP]: [addrPtr, dataSignal], [P.PTRACE_DETACH]: [addrPtr, dataSignal],
  [P.PTRACE_SETOPTIONS]: [addrPtr, dataOptions], [P.PTRACE_SEIZE]: [addrPtr, dataOptions],
  [P.PTRACE_GETEVENTMSG]: [addrPtr, outArg(structArg(8, (f) => `[${f.u64(0)}]`))],
  [P.PTRACE_GETSIGINFO]: [addrPtr, outArg(structArg(128, (f) => formatSiginfo(f.bytes)))],
  [P.PTRACE_SETSIGINFO]: [addrPtr, atEntry(siginfoInArg)],
  [P.PTRACE_GETREGS]: 'regs-out', [P.PTRACE_SETREGS]: 'regs-in',
};

export function ptraceLayout<T extends ArgSpec & { value: number }>(call: SyscallCall, args: T[]): T[] {
  const request = int32(call.args[0] ?? 0);
  if (request === P.PTRACE_TRACEME) return args.slice(0, 1);
  const shape = SHAPES[request];
  if (shape === undefined) return args;
  if (shape === null) return args.slice(0, 2);
  // The register file sits at data; addr is ignored and not shown.
  if (typeof shape === 'string') return [args[0]!, args[1]!, { ...args[3]!, ...(shape === 'regs-out' ? outArg(regs) : atEntry(regs)) }];
  return [args[0]!, args[1]!, { ...args[2]!, ...shape[0] }, { ...args[3]!, ...shape[1] }];
}
