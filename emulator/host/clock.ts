// The host's window on real time: the wall clock, timers and a way to yield to the event loop.
// Injected into the host so tests can drive time by hand; the default uses the globals that
// worker_threads workers and Web Workers both have.

export interface HostClock {
  /** Wall-clock milliseconds (monotonic). */
  now(): number;
  setTimer(cb: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Runs `cb` in a later macrotask, after pending messages have been handled. */
  yieldThen(cb: () => void): void;
}

export function realClock(): HostClock {
  return {
    now: () => performance.now(),
    setTimer: (cb, ms) => setTimeout(cb, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    yieldThen: macrotaskYield(),
  };
}

/**
 * The cheapest macrotask yield available. `setTimeout(cb, 0)` would do, but browsers clamp nested
 * timeouts to 4 ms, which would idle the CPU a third of the time between 8 ms run slices. Node's
 * setImmediate runs right after the event loop has polled for messages; elsewhere a MessageChannel
 * post is a macrotask without the clamp.
 */
function macrotaskYield(): (cb: () => void) => void {
  const { setImmediate } = globalThis as { setImmediate?: (cb: () => void) => unknown };
  if (typeof setImmediate === 'function') return (cb) => void setImmediate(cb);
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const queue: (() => void)[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (cb) => {
      queue.push(cb);
      channel.port2.postMessage(null);
    };
  }
  return (cb) => void setTimeout(cb, 0);
}
