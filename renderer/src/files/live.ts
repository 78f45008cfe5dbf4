// Live listings: while a browser is on screen and its "live" box is ticked, the directories it
// shows are fetched again every LIVE_MS — so a pty appears in /dev/pts and a new process in /proc
// without a click. File contents are not re-read (the user may be reading them): Refresh does that.

import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import type { FileTree } from '../stores/files';
import { useMachineStore } from '../stores/machine';

export const LIVE_MS = 2000;

export function useLiveListing(tree: FileTree): Ref<boolean> {
  const live = ref(true);
  const machine = useMachineStore();
  let timer: ReturnType<typeof setInterval> | null = null;
  onMounted(() => {
    timer = setInterval(() => {
      // A paused or halted machine does not change: no need to ask.
      if (live.value && (machine.state === 'running' || machine.state === 'idle')) tree.relist();
    }, LIVE_MS);
  });
  onBeforeUnmount(() => {
    if (timer !== null) clearInterval(timer);
  });
  return live;
}
