// What every argument decoder gets, and how a syscall's arguments are laid out for printing.

import type { Decode, DecodeOptions, SyscallCall } from './types';
import { hex, ptr, succeeded } from './numbers';
import { readStruct } from './requests';
import type { Fields } from './struct';

export interface ArgContext {
  call: SyscallCall;
  /** This argument's register value. */
  value: number;
  opts: DecodeOptions;
  /** The value of the argument that holds this one's length or count, when the signature names one. */
  length?: number;
  /** This argument's position. */
  index?: number;
  /** What `capture` read at entry, for an argument printed at exit. */
  saved?: unknown;
}

/** Turns one argument into text, asking for tracee memory as needed. */
export type ArgDecoder = (a: ArgContext) => Decode;

/**
 * One printed argument. strace prints an argument at syscall entry, unless the kernel fills it in
 * (read's buffer, fstat's struct): then it, and everything after it, waits for the exit.
 */
export interface ArgSpec {
  decode: ArgDecoder;
  phase: 'entry' | 'exit';
  /**
   * Print the separator before this argument together with it, at its phase, instead of after the
   * previous argument. clone does this: its entry ends `flags=…|SIGCHLD`, and `, child_tidptr=…`
   * comes at exit. A glued argument whose text is empty is left out altogether.
   */
  glue?: string;
  /**
   * For an argument printed at exit whose value the kernel overwrites (an address length going in
   * and coming out: `[110 => 19]`): read what it was at entry, kept in the call for the exit.
   */
  capture?: (a: ArgContext) => Decode<unknown>;
}

/** A decoder that needs no memory. */
export const pure =
  (f: (a: ArgContext) => string): ArgDecoder =>
  function* (a) {
    return f(a);
  };

/** An argument read at entry. */
export const atEntry = (decode: ArgDecoder): ArgSpec => ({ decode, phase: 'entry' });

/**
 * An argument the kernel writes: decoded after a successful return; after a failure (or before the
 * call returned) it prints as the raw address, since the memory holds nothing meaningful.
 */
export const outArg = (decode: ArgDecoder): ArgSpec => ({
  phase: 'exit',
  decode: function* (a) {
    return a.value !== 0 && succeeded(a.call.ret) ? yield* decode(a) : ptr(a.value);
  },
});

/** Decodes the structure of `size` bytes the argument points to; NULL and unreadable memory print as strace does. */
export const structArg =
  (size: number, show: (f: Fields, a: ArgContext) => string | Decode): ArgDecoder =>
  function* (a) {
    if (a.value === 0) return 'NULL';
    const f = yield* readStruct(a.value, size);
    if (!f) return hex(a.value);
    const out = show(f, a);
    return typeof out === 'string' ? out : yield* out;
  };
