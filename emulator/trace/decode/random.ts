// getrandom(2): its buffer is random bytes, which strace always shows in hex, and its flags.

import { GRND_INSECURE, GRND_NONBLOCK, GRND_RANDOM } from '../../uapi/random';
import { pure, type ArgDecoder } from './context';
import { formatFlags } from './flags';
import { formatBuffer } from './strings';

export const randomBytes: ArgDecoder = (a) => formatBuffer(a.value, a.call.ret ?? 0, a.opts, { forceHex: true });

const GRND_FLAGS = [[GRND_NONBLOCK, 'GRND_NONBLOCK'], [GRND_RANDOM, 'GRND_RANDOM'], [GRND_INSECURE, 'GRND_INSECURE']] as const;
export const grndFlagsArg = pure((a) => formatFlags(a.value, GRND_FLAGS));
