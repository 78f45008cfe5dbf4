// Shared by the decoder tests: a fake tracee, and one-liners that decode a call against it.

import {
  DEFAULT_DECODE_OPTIONS, decodeSync, formatCallSync, formatEntry, formatExit, type DecodeOptions,
} from '../../../../emulator/trace/decode';
import { __NR } from '../../../../emulator/uapi/unistd_64';
import { FakeTracee } from './fake_tracee';

export { FakeTracee };

export const opts = (o: Partial<DecodeOptions> = {}): DecodeOptions => ({ ...DEFAULT_DECODE_OPTIONS, ...o });

export type CallName = keyof typeof __NR;

/** The whole strace line of a returned call. */
export function line(t: FakeTracee, name: CallName, args: number[], ret: number, o: Partial<DecodeOptions> = {}, sp?: number): string {
  return formatCallSync({ nr: __NR[name], args, ret, sp }, opts(o), t.answer);
}

/** The entry and exit parts separately, as strace prints them around ` <unfinished ...>`. */
export function split(t: FakeTracee, name: CallName, args: number[], ret: number, o: Partial<DecodeOptions> = {}): [string, string] {
  const call = { nr: __NR[name], args, ret };
  return [decodeSync(formatEntry(call, opts(o)), t.answer), decodeSync(formatExit(call, opts(o)), t.answer)];
}
