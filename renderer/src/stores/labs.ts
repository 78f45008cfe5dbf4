// Guided labs (renderer/src/labs): which lab is open, and which of its steps the machine has really
// done since the lab was opened. Checks are evaluated whenever the state they read changes — a trace
// batch, a process diff, console output — and a step, once green, stays green until the lab is
// restarted or the machine resets.

import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { utf8ToLatin1 } from '../../../emulator/api/latin1';
import { ttyInput } from '../../../emulator/api/protocol';
import { LAB_DATA, LAB_INDEX } from '../labs/catalog';
import { evaluateCheck, freshCheckState, stripEscapes } from '../labs/checks';
import type { CheckState, LabWorld } from '../labs/checks';
import { parseLab } from '../labs/lab';
import type { Lab, LabIndexEntry } from '../labs/lab';
import { useMachineStore } from './machine';
import { useProcessesStore } from './processes';
import { useTraceStore } from './trace';

/** Console output kept for terminal checks (the end of it). */
const MAX_TERMINAL_TEXT = 256 * 1024;

export const useLabsStore = defineStore('labs', () => {
  const index = ref<readonly LabIndexEntry[]>(LAB_INDEX);
  /** Lab data by id; tests may replace it. */
  let data: Readonly<Record<string, unknown>> = LAB_DATA;
  const lab = shallowRef<Lab | null>(null);
  const error = ref<string | null>(null);
  /** For each step of the open lab, whether its check has passed. */
  const passed = ref<boolean[]>([]);
  /** Bumped when a lab is asked for (Help → Labs), so the window can bring the pane forward. */
  const shown = ref(0);

  let states: CheckState[] = [];
  let terminal = '';
  let stopOutput: (() => void) | null = null;
  let labBoot = -1;

  function open(id: string): void {
    shown.value++;
    const raw = data[id];
    const r = raw === undefined ? { ok: false as const, error: `there is no lab "${id}"` } : parseLab(raw);
    if (!r.ok) {
      lab.value = null;
      error.value = r.error;
      return;
    }
    error.value = null;
    lab.value = r.value;
    restart();
    listen();
  }

  function close(): void {
    lab.value = null;
    error.value = null;
    stopOutput?.();
    stopOutput = null;
  }

  function restart(): void {
    passed.value = (lab.value?.steps ?? []).map(() => false);
    // Only what happens from now on counts (a cat that exited an hour ago does not pass a step).
    const start = useTraceStore().table.length;
    states = (lab.value?.steps ?? []).map(() => ({ ...freshCheckState(), scanned: start }));
    terminal = '';
    labBoot = useMachineStore().boot;
    evaluate();
  }

  /** Console output, from the moment a lab is open (the terminal has had the earlier output). */
  function listen(): void {
    if (stopOutput) return;
    stopOutput = useMachineStore().onTtyOutput((chunk) => {
      terminal = (terminal + stripEscapes(chunk)).slice(-MAX_TERMINAL_TEXT);
      evaluate();
    });
  }

  function evaluate(): void {
    const current = lab.value;
    if (!current) return;
    const trace = useTraceStore();
    const table = trace.table;
    const world: LabWorld = {
      traceLength: table.length,
      traceRow: (i) => table.row(i),
      processes: useProcessesStore().byPid.values(),
      terminal,
    };
    let changed = false;
    const next = passed.value.slice();
    current.steps.forEach((step, i) => {
      if (next[i]) return;
      if (evaluateCheck(step.check, world, states[i]!)) {
        next[i] = true;
        changed = true;
      }
    });
    if (changed) passed.value = next;
  }

  /** Types a step's command into the console, as if from the keyboard (lines end with Enter). */
  function typeCommand(command: string): void {
    const machine = useMachineStore();
    ttyInput(utf8ToLatin1(command.replace(/\n/g, '\r') + '\r')).forEach((c) => machine.send(c));
  }

  const progress = computed(() => passed.value.filter(Boolean).length);

  /** Re-evaluates on new trace rows and process diffs; a new machine starts the lab over. */
  function attach(): () => void {
    const trace = useTraceStore();
    const processes = useProcessesStore();
    const machine = useMachineStore();
    const stops = [
      watch(() => trace.version, evaluate),
      watch(() => processes.byPid, evaluate),
      watch(
        () => machine.boot,
        (b) => {
          if (lab.value && b !== labBoot) restart();
        },
      ),
    ];
    return () => stops.forEach((s) => s());
  }

  /** For tests: other lab data. */
  function useData(labs: Readonly<Record<string, unknown>>, entries: readonly LabIndexEntry[]): void {
    data = labs;
    index.value = entries;
  }

  return { index, lab, error, passed, progress, shown, open, close, restart, typeCommand, evaluate, attach, useData };
});
