// Builders of host events for the renderer's tests.

import type { ProcessInfo, ProcessesEvent, TraceBatchEvent } from '../../emulator/api/introspection';
import { PROTOCOL_VERSION } from '../../emulator/api/protocol';
import type { StatusEvent } from '../../emulator/api/protocol';
import type { TraceEvent } from '../../emulator/api/syscall_info';

export function proc(pid: number, ppid: number, comm: string, extra: Partial<ProcessInfo> = {}): ProcessInfo {
  return {
    pid, tgid: pid, ppid, pgid: pid, sid: 1, comm, state: 'S', tty: 'tty1', uid: 0, euid: 0, gid: 0, egid: 0, groups: [],
    cmdline: [comm], exe: `/bin/${comm}`, cwd: '/root', fds: [], maps: [], sigBlocked: '0'.repeat(16),
    sigPending: '0'.repeat(16), sigSharedPending: '0'.repeat(16), handlers: [], syscall: null, startNs: 0, utimeNs: 0, stimeNs: 0,
    ...extra,
  };
}

export function processes(upsert: ProcessInfo[], removed: number[] = [], full = false, boot = 1): ProcessesEvent {
  return { type: 'processes', protocol: PROTOCOL_VERSION, boot, full, upsert, removed };
}

export function status(state: StatusEvent['state'], boot = 1): StatusEvent {
  return { type: 'status', protocol: PROTOCOL_VERSION, boot, state, virtualNs: 1e9, exitStatus: null };
}

export function batch(from: number, events: TraceEvent[], boot = 1, head?: number): TraceBatchEvent {
  const next = events.length ? events[events.length - 1]!.seq + 1 : from;
  return { type: 'trace-batch', protocol: PROTOCOL_VERSION, boot, from, first: from, next, head: head ?? next, events };
}

export function call(seq: number, pid: number, nr: number, enterText: string, ret: number, retText: string, ts = seq * 100): TraceEvent[] {
  return [
    { seq, ts, pid, tid: pid, cpu: 0, kind: 'sys_enter', nr, args: [0xffffff9c, 0x1000, 0, 0, 0, 0], strings: null, text: enterText },
    { seq: seq + 1, ts: ts + 50, pid, tid: pid, cpu: 0, kind: 'sys_exit', nr, ret, text: ')', retText },
  ];
}
