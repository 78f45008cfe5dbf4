// The host's answer to trace-detail: one call's recorded kernel path and user memory
// (emulator/trace/detail.ts), made plain for the protocol — bytes as a latin1 string.

import { bytesToLatin1 } from '../api/latin1';
import type { SyscallDetailInfo } from '../api/introspection';
import type { Kernel } from '../kernel/kernel';

export interface TraceDetailAnswer {
  detail: SyscallDetailInfo | null;
  reason?: string;
}

/** The detail of the call whose sys_enter has `seq`, if the kernel still holds it. */
export function traceDetailAnswer(kernel: Kernel, seq: number): TraceDetailAnswer {
  const store = kernel.trace.details;
  const d = store?.get(seq) ?? null;
  if (!d) {
    return { detail: null, reason: store?.overwritten(seq) ? 'expired' : 'not-recorded' };
  }
  return {
    detail: {
      calls: d.calls.map((c) => ({ fn: c.fn, depth: c.depth })),
      mem: d.mem.map((m) => ({ dir: m.dir, fn: m.fn, addr: m.addr, len: m.len, bytes: bytesToLatin1(m.bytes), ok: m.ok })),
      droppedCalls: d.droppedCalls,
      droppedMem: d.droppedMem,
    },
  };
}
