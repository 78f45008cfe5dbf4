// How %p and %pK print a kernel pointer to user space (lib/vsprintf.c's ptr_to_id): not the
// address, which would help an attacker, but a hash of it under a key chosen at boot — stable
// for the object's life, the same object always the same 16 hex digits, unrelated objects unrelated.
//
// Simplified: objects here have no addresses, so each subsystem numbers its objects and keeps
// its own boot-time key; the hash is a 32-bit mix (Linux uses siphash), zero-padded to 16 digits.

export function hashed_ptr(key: number, id: number): string {
  let h = Math.imul(id, 0x9e3779b1) ^ key;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(16, '0');
}
