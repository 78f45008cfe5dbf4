// Arguments that are plain numbers, printed in the C type the kernel reads them as.

import { pure } from './context';
import { hex, int32, ptr, udec, uint32 } from './numbers';

export const intArg = pure((a) => `${int32(a.value)}`);
export const uintArg = pure((a) => `${uint32(a.value)}`);
export const longArg = pure((a) => `${a.value}`);
export const ulongArg = pure((a) => udec(a.value));
export const hexArg = pure((a) => hex(a.value));
export const ptrArg = pure((a) => ptr(a.value));
