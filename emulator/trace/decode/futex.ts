// futex(2) as strace prints it: the operation by name (`FUTEX_WAIT_PRIVATE`,
// `FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME`), then only the arguments that operation reads —
// `futex(0x7f…, FUTEX_WAKE_PRIVATE, 1)`, `futex(…, FUTEX_WAIT, 0, {tv_sec=1, tv_nsec=0})`,
// `futex(…, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2147483647, 0x…, 0)` — and FUTEX_WAKE_OP's encoded
// operation spelled out (`FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1`).

import {
  FUTEX_BITSET_MATCH_ANY, FUTEX_CLOCK_REALTIME, FUTEX_CMD_MASK, FUTEX_CMD_NAMES, FUTEX_CMP_REQUEUE,
  FUTEX_PRIVATE_FLAG, FUTEX_REQUEUE, FUTEX_WAIT, FUTEX_WAIT_BITSET, FUTEX_WAKE, FUTEX_WAKE_BITSET,
  FUTEX_WAKE_OP,
} from '../../uapi/futex';
import type { SyscallCall } from './types';
import { atEntry, pure, type ArgSpec } from './context';
import { hex, int32, uint32 } from './numbers';
import { timespecArg } from './time';

export function formatFutexOp(op: number): string {
  const cmd = op & FUTEX_CMD_MASK;
  const name = FUTEX_CMD_NAMES[cmd];
  if (name === undefined) return `${hex(uint32(op))} /* FUTEX_??? */`;
  return name + (op & FUTEX_PRIVATE_FLAG ? '_PRIVATE' : '') + (op & FUTEX_CLOCK_REALTIME ? '|FUTEX_CLOCK_REALTIME' : '');
}

const WAKE_OPS = ['FUTEX_OP_SET', 'FUTEX_OP_ADD', 'FUTEX_OP_OR', 'FUTEX_OP_ANDN', 'FUTEX_OP_XOR'];
const WAKE_CMPS = ['FUTEX_OP_CMP_EQ', 'FUTEX_OP_CMP_NE', 'FUTEX_OP_CMP_LT', 'FUTEX_OP_CMP_LE', 'FUTEX_OP_CMP_GT', 'FUTEX_OP_CMP_GE'];

/** FUTEX_WAKE_OP's val3: op<<28 | cmp<<24 | oparg<<12 | cmparg. */
export function formatWakeOp(v: number): string {
  const op = (v >>> 28) & 7;
  const cmp = (v >>> 24) & 15;
  const oparg = (v >>> 12) & 0xfff;
  const cmparg = v & 0xfff;
  let s = `${WAKE_OPS[op] ?? String(op)}<<28`;
  if ((v >>> 28) & 8) s += '|FUTEX_OP_OPARG_SHIFT<<28';
  s += `|${hex(oparg)}<<12|${WAKE_CMPS[cmp] ?? String(cmp)}<<24|${hex(cmparg)}`;
  return s;
}

const bitsetArg = pure((a) => (uint32(a.value) === FUTEX_BITSET_MATCH_ANY ? 'FUTEX_BITSET_MATCH_ANY' : hex(uint32(a.value))));
const uintArg = pure((a) => `${uint32(a.value)}`);
const intArg = pure((a) => `${int32(a.value)}`);

/** The printed arguments of a futex call, by operation. */
export function futexLayout(call: SyscallCall, args: { value: number }[]): (ArgSpec & { value: number })[] {
  const [uaddr, op, val, utime, uaddr2, val3] = args as (ArgSpec & { value: number })[];
  const opSpec = { ...op!, ...atEntry(pure((a) => formatFutexOp(int32(a.value)))) };
  const v = (spec: ArgSpec, arg: { value: number }) => ({ ...arg, ...spec });
  switch (int32(call.args[1] ?? 0) & FUTEX_CMD_MASK) {
    case FUTEX_WAIT:
      return [uaddr!, opSpec, v(atEntry(uintArg), val!), v(atEntry(timespecArg), utime!)];
    case FUTEX_WAIT_BITSET:
      return [uaddr!, opSpec, v(atEntry(uintArg), val!), v(atEntry(timespecArg), utime!), v(atEntry(bitsetArg), val3!)];
    case FUTEX_WAKE:
      return [uaddr!, opSpec, v(atEntry(intArg), val!)];
    case FUTEX_WAKE_BITSET:
      return [uaddr!, opSpec, v(atEntry(intArg), val!), v(atEntry(bitsetArg), val3!)];
    case FUTEX_REQUEUE:
      return [uaddr!, opSpec, v(atEntry(intArg), val!), v(atEntry(intArg), utime!), uaddr2!];
    case FUTEX_CMP_REQUEUE:
      return [uaddr!, opSpec, v(atEntry(intArg), val!), v(atEntry(intArg), utime!), uaddr2!, v(atEntry(uintArg), val3!)];
    case FUTEX_WAKE_OP:
      return [uaddr!, opSpec, v(atEntry(intArg), val!), v(atEntry(intArg), utime!), uaddr2!, v(atEntry(pure((a) => formatWakeOp(uint32(a.value)))), val3!)];
    default:
      return [uaddr!, opSpec, v(atEntry(uintArg), val!), v(atEntry(pure((a) => hex(a.value))), utime!), uaddr2!, v(atEntry(pure((a) => hex(uint32(a.value)))), val3!)];
  }
}
