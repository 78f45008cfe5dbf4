// `npm run bench`: performance figures of the emulator, measured in wall-clock time on this host,
// printed as one JSON object. Each figure runs real programs in a fresh machine through the real
// syscall path; the time of an empty run (boot + shell) is subtracted where it would distort.

import { Machine, type GuestFile } from '../../emulator/machine/machine';
import { buildMusl, hasMuslGcc } from '../emulator/arch/x86/musl';
import { loopInstructions, x86LoopElf } from './x86_loop';
import { uiFirstPromptMs, uiTraceScroll, uiYesThroughputMbS } from './ui';
import { uiGraph500Update } from './ui_graph';

interface Run {
  ms: number;
  status: number | null;
  output: string;
}

/** Boot a batch machine running `cmd` via init, and time it from boot to power-off. */
function runCommand(cmd: string, traced = true, files: GuestFile[] = []): Run {
  const m = new Machine({ init: ['/sbin/init', '-c', cmd], files });
  m.kernel.trace.enabled = traced;
  let output = '';
  m.onConsoleOutput((b) => (output += new TextDecoder().decode(b)));
  const t0 = performance.now();
  m.boot();
  for (;;) {
    const r = m.run(1000);
    if (r.state === 'halted') return { ms: performance.now() - t0, status: r.exitStatus, output };
    if (r.state === 'idle') throw new Error(`bench: '${cmd}' is stuck waiting for input`);
  }
}

/** The cost of `cmd` beyond an empty run: median of a few repetitions. */
function timed(cmd: string, traced = true, reps = 3, files: GuestFile[] = []): number {
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const base = runCommand('true', traced, files).ms;
    const r = runCommand(cmd, traced, files);
    if (r.status !== 0) throw new Error(`bench: '${cmd}' exited with ${r.status}: ${r.output}`);
    samples.push(Math.max(r.ms - base, 0.001));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

function bootMs(): number {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const m = new Machine({ mode: 'interactive' });
    let output = '';
    m.onConsoleOutput((b) => (output += new TextDecoder().decode(b)));
    m.boot();
    while (!output.includes('# ')) {
      const r = m.run(1000);
      if (r.state === 'halted') throw new Error('bench: machine halted during boot');
      if (r.state === 'idle' && !output.includes('# ')) {
        if (r.nextTimerNs === null) throw new Error(`bench: no prompt after boot: ${JSON.stringify(output)}`);
        m.advanceTo(r.nextTimerNs);
      }
    }
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[2]!;
}

const BENCH = '/usr/libexec/ringside/bench';
const GETPIDS = 2_000_000;
const STRACED_GETPIDS = 50_000;
const FORKS = 2000;
const PIPE_MIB = 256;
const TCP_CONNECTS = 2000;
const PROC_STATUS_READS = 50_000;
/** IPC loops (/usr/libexec/ringside/ipc-bench): SysV queue round trips, semops, MiB through shm. */
const IPC_BENCH = '/usr/libexec/ringside/ipc-bench';
const MSG_ROUNDTRIPS = 20_000;
const SEM_OPS = 100_000;
const SHM_MIB = 64;
/** RTM_GETLINK requests for lo, each answered before the next (/usr/libexec/ringside/netlink-bench). */
const NL_GETLINKS = 20_000;
/** Iterations of the x86-64 loop (four instructions each). */
const X86_LOOP = 50_000_000;
const x86Loop: GuestFile[] = [{ path: '/tmp/x86loop', data: x86LoopElf(X86_LOOP), mode: 0o755 }];
/** The musl corpus's qsort of 100k integers, built now; null (no figure) without musl-gcc. */
const x86Sort: GuestFile[] | null = hasMuslGcc ? [{ path: '/tmp/sort', data: buildMusl('sort'), mode: 0o755 }] : null;

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
// The browser build in headless Chromium (test/bench/ui.ts); null without Chromium.
const uiFirstPrompt = await uiFirstPromptMs();
const uiScroll = await uiTraceScroll();
const uiYes = await uiYesThroughputMbS();
const uiGraph = await uiGraph500Update();
const result = {
  boot_ms: round(bootMs(), 2),
  getpid_per_s: Math.round(GETPIDS / (timed(`${BENCH} getpid ${GETPIDS}`, false) / 1000)),
  getpid_traced_per_s: Math.round(GETPIDS / (timed(`${BENCH} getpid ${GETPIDS}`, true) / 1000)),
  // The same loop under strace inside the machine: every call is two ptrace stops, each a wait4,
  // PTRACE_GET_SYSCALL_INFO and PTRACE_SYSCALL in the tracer, and a decoded line for /dev/null.
  strace_getpid_per_s: Math.round(STRACED_GETPIDS / (timed(`strace -o /dev/null ${BENCH} getpid ${STRACED_GETPIDS}`) / 1000)),
  fork_exec_wait_per_s: Math.round(FORKS / (timed(`${BENCH} forkexec ${FORKS}`) / 1000)),
  pipe_mb_per_s: round((PIPE_MIB * 1048576) / 1e6 / (timed(`${BENCH} pipe ${PIPE_MIB}`) / 1000)),
  unix_stream_mb_per_s: round((PIPE_MIB * 1048576) / 1e6 / (timed(`${BENCH} unix ${PIPE_MIB}`) / 1000)),
  // The same through a TCP connection on 127.0.0.1: segments of up to 64 KiB through lo, each ACKed.
  tcp_loopback_mb_per_s: round((PIPE_MIB * 1048576) / 1e6 / (timed(`${BENCH} tcp ${PIPE_MIB}`) / 1000)),
  // connect + accept + both closes on 127.0.0.1 (SYN, SYN/ACK, ACK, then FIN/ACK both ways).
  tcp_connect_accept_per_s: Math.round(TCP_CONNECTS / (timed(`${BENCH} tcpconnect ${TCP_CONNECTS}`) / 1000)),
  // open, read and close /proc/self/status: the kernel builds the whole text from the task each time.
  proc_status_reads_per_s: Math.round(PROC_STATUS_READS / (timed(`${BENCH} procstatus ${PROC_STATUS_READS}`) / 1000)),
  // Ping-pong between two processes over one SysV queue: msgsnd + msgrcv on each side per trip.
  msg_roundtrip_per_s: Math.round(MSG_ROUNDTRIPS / (timed(`${IPC_BENCH} msg ${MSG_ROUNDTRIPS}`, false) / 1000)),
  sem_ops_per_s: Math.round(SEM_OPS / (timed(`${IPC_BENCH} sem ${SEM_OPS}`, false) / 1000)),
  // 64 KiB at a time written into a SysV segment by one process and read by another.
  shm_mb_per_s: round((SHM_MIB * 1048576) / 1e6 / (timed(`${IPC_BENCH} shm ${SHM_MIB}`, false) / 1000)),
  netlink_getlink_per_s: Math.round(NL_GETLINKS / (timed(`/usr/libexec/ringside/netlink-bench getlink ${NL_GETLINKS}`, false) / 1000)),
  shell_pipeline_ms: round(timed('seq 1 10000 | wc -l'), 2),
  // ls -l of the devtmpfs /dev: a stat, and for links a readlink, per node.
  ls_dev_ms: round(timed('ls -l /dev'), 2),
  x86_mips: round(loopInstructions(X86_LOOP) / 1e6 / (timed('/tmp/x86loop', false, 3, x86Loop) / 1000)),
  x86_sort_ms: x86Sort && round(timed('/tmp/sort', false, 3, x86Sort)),
  ui_first_prompt_ms: uiFirstPrompt === null ? null : round(uiFirstPrompt),
  // `yes | head -c 8MB` on the console: MB/s of output through the tty, flow control and xterm.js.
  ui_yes_throughput_mb_s: uiYes && round(uiYes, 2),
  // The trace view holding a million rows, scrolled every frame: frames per second, longest frame.
  ui_trace_1m_scroll_fps: uiScroll && round(uiScroll.fps),
  ui_trace_1m_max_frame_ms: uiScroll && round(uiScroll.maxFrameMs),
  ui_graph_500_update_ms: uiGraph && round(uiGraph.ms),
  ui_graph_500_max_apply_ms: uiGraph && round(uiGraph.maxApplyMs),
};
console.log(JSON.stringify(result, null, 2));
