// ptrace(2)'s request argument (`PTRACE_SEIZE`; an unknown one as `0x… /* PTRACE_??? */`).

import { PTRACE_REQUEST_NAMES } from '../../uapi/ptrace';
import { pure } from './context';
import { formatEnum } from './flags';
import { int32 } from './numbers';

const REQUESTS: ReadonlyMap<number, string> = new Map(Object.entries(PTRACE_REQUEST_NAMES).map(([n, s]) => [Number(n), s]));

export const ptraceRequestArg = pure((a) => formatEnum(int32(a.value) >>> 0, REQUESTS, 'PTRACE_'));
