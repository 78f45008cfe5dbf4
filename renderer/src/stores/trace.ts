// The machine-wide trace in the UI: pulls ranges from the host (one request outstanding at a time —
// the host answers when it has something — so the UI takes events at the pace it can process them),
// keeps them in a columnar TraceTable, and holds the view's filter and selection.
//
// The table itself is not reactive: Vue would otherwise wrap every row. Views watch `version`,
// bumped once per batch, and read the rows they draw.

import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import type { TraceBatchEvent, TraceDetailEvent } from '../../../emulator/api/introspection';
import { MAX_TRACE_BATCH } from '../../../emulator/api/introspection';
import { PROTOCOL_VERSION } from '../../../emulator/api/protocol';
import { syscallClass, syscallDisplayName } from '../../../emulator/api/syscall_info';
import { TraceTable } from '../trace/table';
import type { TraceRow } from '../trace/table';
import { useMachineStore } from './machine';

/** The boot number the stores give a saved session: no host ever uses it. */
export const SESSION_BOOT = -2;

/** The classes the filter offers (strace's -e trace=%…). */
export const TRACE_CLASSES = ['file', 'process', 'signal', 'memory', 'network', 'ipc', 'desc'] as const;

export interface SummaryLine {
  nr: number;
  name: string;
  calls: number;
  errors: number;
  totalNs: number;
}

export const useTraceStore = defineStore('trace', () => {
  const table = shallowRef(markRaw(new TraceTable()));
  /** Bumped whenever rows arrive or the filter changes. */
  const version = ref(0);
  let boot = -1;
  let next = 0;

  const filterPid = ref<number | null>(null);
  /** Comma- or space-separated syscall names. */
  const filterNames = ref('');
  const filterClass = ref<string | null>(null);
  const failedOnly = ref(false);
  const showEvents = ref(true);
  /** The selected row's index in the table, or null. */
  const selectedIndex = ref<number | null>(null);

  function applyFilter(): void {
    const names = new Set(filterNames.value.split(/[\s,]+/).filter(Boolean));
    const classNrs = filterClass.value ? (syscallClass('%' + filterClass.value) ?? null) : null;
    table.value.setFilter({ pid: filterPid.value, names, classNrs, failedOnly: failedOnly.value, events: showEvents.value });
    version.value++;
  }
  watch([filterPid, filterNames, filterClass, failedOnly, showEvents], applyFilter);

  let machine: ReturnType<typeof useMachineStore> | null = null;

  /**
   * The selected call's kernel path and user memory (asked for by seq when a call is selected;
   * the host records them while this store is attached — trace-detail-capture).
   */
  const callDetail = shallowRef<TraceDetailEvent | null>(null);
  function requestDetail(seq: number): void {
    // A saved session carries no call details (and the live machine's would be another call's).
    if (sessionMode) {
      callDetail.value = { type: 'trace-detail', protocol: PROTOCOL_VERSION, boot: SESSION_BOOT, seq, detail: null, reason: 'not-recorded' };
      return;
    }
    machine?.send({ type: 'trace-detail', seq });
  }

  function fetchMore(): void {
    machine?.send({ type: 'trace-fetch', from: next, max: MAX_TRACE_BATCH });
  }

  function reset(newBoot: number): void {
    boot = newBoot;
    next = 0;
    table.value = markRaw(new TraceTable());
    selectedIndex.value = null;
    applyFilter();
  }

  function apply(b: TraceBatchEvent): void {
    if (b.boot !== boot) {
      // A batch for another boot (a reset raced our request): start over from this boot's seq 0.
      reset(b.boot);
      fetchMore();
      return;
    }
    if (b.from !== next) return; // an answer to a request we have since replaced
    if (b.first > b.from) table.value.lost += b.first - b.from;
    table.value.addEvents(b.events);
    next = b.next;
    version.value++;
    fetchMore();
  }

  /** Subscribes to the machine: the first request goes out now; each batch asks for the next. */
  function attach(): () => void {
    machine = useMachineStore();
    const m = machine;
    const stop = m.onHostEvent((e) => {
      if (sessionMode) return; // showing a saved session (loadSession): the live machine waits
      if (e.type === 'trace-batch') apply(e);
      else if (e.type === 'trace-detail') {
        if (e.boot === boot && e.seq === selectedRow.value?.seq) callDetail.value = e;
      }
      else if (e.type === 'processes' && e.boot === boot) for (const p of e.upsert) table.value.setComm(p.pid, p.comm);
      else if (e.type === 'status' && e.boot !== boot) {
        reset(e.boot);
        // A (new) host: have it record call details while this view is attached.
        m.send({ type: 'trace-detail-capture', on: true });
        fetchMore();
      }
    });
    return () => {
      stop();
      m.send({ type: 'trace-detail-capture', on: false });
    };
  }

  const selectedRow = computed<TraceRow | null>(() => {
    void version.value;
    const i = selectedIndex.value;
    return i === null || i >= table.value.length ? null : table.value.row(i);
  });

  // A newly selected call (or the selected call finishing): ask for its detail.
  watch(
    () => {
      const r = selectedRow.value;
      return r && r.kind === 'syscall' ? `${r.seq}:${r.durationNs === null ? 'open' : 'done'}` : null;
    },
    (key) => {
      if (callDetail.value && key?.split(':')[0] !== String(callDetail.value.seq)) callDetail.value = null;
      if (key !== null) requestDetail(selectedRow.value!.seq);
    },
  );

  /** Per-syscall counts, errors and time, most called first. */
  const summary = computed<SummaryLine[]>(() => {
    void version.value;
    return [...table.value.summary]
      .map(([nr, s]) => ({ nr, name: syscallDisplayName(nr), ...s }))
      .sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
  });

  // ---- a saved session (stores/session.ts) -------------------------------------------------------

  let sessionMode = false;

  /** Shows a session's events instead of the live machine's, until leaveSession. */
  function loadSession(events: TraceBatchEvent['events'], lost: number): void {
    sessionMode = true;
    reset(SESSION_BOOT);
    table.value.lost = lost;
    table.value.addEvents(events);
    version.value++;
  }

  /** Back to the live machine: its whole trace is fetched again. */
  function leaveSession(): void {
    if (!sessionMode) return;
    sessionMode = false;
    reset(-1);
    fetchMore();
  }

  return {
    loadSession, leaveSession,
    table, version, filterPid, filterNames, filterClass, failedOnly, showEvents, selectedIndex, selectedRow, summary,
    callDetail, apply, attach, reset,
  };
});
