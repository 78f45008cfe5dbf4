// sigaltstack(2)'s stack_t: `{ss_sp=0x7ffd…, ss_flags=SS_ONSTACK|SS_AUTODISARM, ss_size=8192}`.

import { SS_AUTODISARM, SS_DISABLE, SS_ONSTACK, STACK_T, STACK_T_SIZE } from '../../uapi/signal';
import { outArg, structArg } from './context';
import { formatFlags } from './flags';
import { ptr } from './numbers';

const SS_FLAGS = [[SS_ONSTACK, 'SS_ONSTACK'], [SS_DISABLE, 'SS_DISABLE'], [SS_AUTODISARM, 'SS_AUTODISARM']] as const;

const stack = structArg(STACK_T_SIZE, (f) =>
  `{ss_sp=${ptr(f.u64(STACK_T.sp))}, ss_flags=${formatFlags(f.u32(STACK_T.flags), SS_FLAGS)}, ss_size=${f.u64(STACK_T.size)}}`,
);

export const stackInArg = stack;
export const stackOutSpec = outArg(stack);
