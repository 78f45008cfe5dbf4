// How strace spells plain numbers. Registers hold the signed 64-bit value as a JS number (see
// uapi/ptrace.ts), so every printer first picks the C type the kernel reads from the register:
// an `int` is the low 32 bits, signed; a `size_t` is all 64 bits, unsigned; a pointer prints in hex.

/** The low 32 bits as a C int. */
export const int32 = (v: number): number => v | 0;

/** The low 32 bits as a C unsigned int. */
export const uint32 = (v: number): number => v >>> 0;

/** All 64 bits as an unsigned C long (exact below 2^53, which covers every user address). */
export function uint64(v: number): bigint {
  return BigInt.asUintN(64, BigInt(Math.trunc(v)));
}

/** strace's `%#lx`: `0` for zero, else `0x` and lower-case hex digits. */
export function hex(v: number | bigint): string {
  const u = typeof v === 'bigint' ? BigInt.asUintN(64, v) : uint64(v);
  return u === 0n ? '0' : `0x${u.toString(16)}`;
}

/** A user pointer: `NULL`, or its address in hex. */
export function ptr(v: number | bigint): string {
  return BigInt(v) === 0n ? 'NULL' : hex(v);
}

/** The unsigned decimal of all 64 bits (`size_t`, `rlim_t`). */
export const udec = (v: number): string => uint64(v).toString();

/** A failed call returns -errno in rax: -4095..-1 (the kernel's IS_ERR_VALUE range). */
export function isError(ret: number | undefined): ret is number {
  return ret !== undefined && ret < 0 && ret >= -4095;
}

/** Did the call return, and successfully? Output arguments are decoded only then. */
export const succeeded = (ret: number | undefined): boolean => ret !== undefined && !isError(ret);
