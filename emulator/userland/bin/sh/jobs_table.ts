// The job table: each job is a pipeline the shell started (in the background, or in the
// foreground and then stopped), with the status of each of its processes. This file is pure
// bookkeeping; jobs.ts does the waiting and the terminal handovers.

import { WEXITSTATUS, WIFEXITED, WIFSIGNALED, WIFSTOPPED, WSTOPSIG, WTERMSIG } from '../../../uapi/sched';
import { strsignal } from '../../libc/string';

export type JobState = 'running' | 'stopped' | 'done';

export interface JobProc {
  pid: number;
  state: JobState;
  /** The last wait status reported for it. */
  status: number;
}

export interface Job {
  id: number;
  /** The job's process group (0 when the shell has no job control). */
  pgid: number;
  procs: JobProc[];
  text: string;
  /** Its state changed since the user was last told (for "[1]+  Done" notices). */
  changed: boolean;
}

/** The exit status a wait status stands for: the code, or 128 + the signal. */
export function exitCode(status: number): number {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  if (WIFSTOPPED(status)) return 128 + WSTOPSIG(status);
  return 0;
}

export class JobTable {
  jobs: Job[] = [];
  /** Job ids, least recently used first: the last is the current job (%+), the one before %-. */
  private order: number[] = [];

  add(pids: number[], pgid: number, text: string): Job {
    let id = 1;
    while (this.jobs.some((j) => j.id === id)) id++;
    const job: Job = { id, pgid, text, changed: false, procs: pids.map((pid) => ({ pid, state: 'running', status: 0 })) };
    this.jobs.push(job);
    this.jobs.sort((a, b) => a.id - b.id);
    this.touch(job);
    return job;
  }

  remove(job: Job): void {
    this.jobs = this.jobs.filter((j) => j !== job);
    this.order = this.order.filter((id) => id !== job.id);
  }

  /** Make `job` the current job. */
  touch(job: Job): void {
    this.order = this.order.filter((id) => id !== job.id);
    this.order.push(job.id);
  }

  /** Record a wait status for `pid`; returns its job, if it has one. */
  update(pid: number, status: number): Job | undefined {
    for (const job of this.jobs) {
      const p = job.procs.find((x) => x.pid === pid);
      if (!p) continue;
      p.status = status;
      p.state = WIFSTOPPED(status) ? 'stopped' : 'done';
      job.changed = true;
      if (p.state === 'stopped') this.touch(job);
      return job;
    }
    return undefined;
  }

  current(): Job | undefined {
    return this.byId(this.order[this.order.length - 1]);
  }

  previous(): Job | undefined {
    return this.byId(this.order[this.order.length - 2]);
  }

  byId(id: number | undefined): Job | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.procs.some((p) => p.pid === pid));
  }

  /** A job's state: running while any process runs; stopped if any stopped; else done. */
  static state(job: Job): JobState {
    if (job.procs.some((p) => p.state === 'running')) return 'running';
    if (job.procs.some((p) => p.state === 'stopped')) return 'stopped';
    return 'done';
  }

  /** The job's exit status: that of its last process (the pipeline's status). */
  static status(job: Job): number {
    const stopped = job.procs.find((p) => p.state === 'stopped');
    return exitCode((stopped ?? job.procs[job.procs.length - 1]!).status);
  }

  /**
   * Find a job from a job spec: %n, %+ or %% (current), %- (previous), %name (command starts
   * with name), %?text (command contains text). A string is the error to report.
   */
  find(spec: string): Job | string {
    const s = spec.startsWith('%') ? spec.slice(1) : spec;
    let job: Job | undefined;
    if (s === '' || s === '%' || s === '+') job = this.current();
    else if (s === '-') job = this.previous();
    else if (/^[0-9]+$/.test(s)) job = this.byId(parseInt(s, 10));
    else {
      const hits = this.jobs.filter((j) => (s.startsWith('?') ? j.text.includes(s.slice(1)) : j.text.startsWith(s)));
      if (hits.length > 1) return `${spec}: ambiguous`;
      job = hits[0];
    }
    if (!job) return s === '' || s === '%' || s === '+' ? 'No current job' : `${spec}: no such job`;
    return job;
  }

  /** '+' for the current job, '-' for the previous, ' ' otherwise. */
  mark(job: Job): string {
    return job === this.current() ? '+' : job === this.previous() ? '-' : ' ';
  }

  /** A line as bash's `jobs` prints it: "[1]+  Stopped                 sleep 100". */
  describe(job: Job): string {
    const state = JobTable.state(job);
    const last = job.procs[job.procs.length - 1]!;
    let what: string;
    if (state === 'running') what = 'Running';
    else if (state === 'stopped') what = strsignal(WSTOPSIG(job.procs.find((p) => p.state === 'stopped')!.status));
    else if (WIFSIGNALED(last.status)) what = strsignal(WTERMSIG(last.status));
    else what = WEXITSTATUS(last.status) === 0 ? 'Done' : `Exit ${WEXITSTATUS(last.status)}`;
    const text = state === 'running' ? `${job.text} &` : job.text;
    return `[${job.id}]${this.mark(job)}  ${what.padEnd(22)}  ${text}`;
  }
}
